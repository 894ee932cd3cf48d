# Fabriek: `make run` serves the OFD demo, `make test` runs every check. Both bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: bytecode run test lint types imports migrations-check test-sqlite test-postgres bench messages clean

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.txt
	touch $@

# Bytecode for the venv and the project, so that no process compiles at start-up: without it every command
# compiles some 500 modules first (0.6 s of the 1.1 s `manage.py report` took; issue 8). uv compiles only
# when it installs something, and with PYTHONDONTWRITEBYTECODE set nothing is ever written by Python
# itself. A second run only compares timestamps (about 2 s).
bytecode: $(VENV)/.installed
	$(PY) -m compileall -q -j 0 $(VENV)/lib fabriek config

# The worker (background tasks, mail, periodic jobs) runs beside the web server and stops with it.
run: bytecode
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@$(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(VENV)/.installed
	$(VENV)/bin/mypy fabriek config

imports: $(VENV)/.installed
	$(VENV)/bin/lint-imports

migrations-check: $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run

# The schemathesis run (tests/fuzz, marker fuzz) is a step of its own after the suite, on each database.
FUZZ_ARGS ?= -n 2 -p no:randomly -m fuzz tests/fuzz

test-sqlite: $(VENV)/.installed
	$(VENV)/bin/pytest $(PYTEST_ARGS)
	$(VENV)/bin/pytest $(FUZZ_ARGS)

test-postgres: $(VENV)/.installed
	scripts/with-postgres sh -c '$(VENV)/bin/pytest $(PYTEST_ARGS) && $(VENV)/bin/pytest $(FUZZ_ARGS)'

test: $(VENV)/.installed
	scripts/system-deps
	$(MAKE) lint types imports migrations-check
	@echo "== tests on SQLite =="
	$(MAKE) test-sqlite
	@echo "== tests on PostgreSQL =="
	$(MAKE) test-postgres

# The benchmark (not a test; issues 3 and 8) on a throwaway PostgreSQL, which is migrated first and removed
# afterwards: national data through `import_records` (time and peak memory per file), the reports against
# hand-written SQL, the pages at demo and national scale behind gunicorn, and a load test of
# LOAD_SECONDS, and the peak memory of importing 2,000,000 observation rows in one file (`bench_import
# --memory`); the tables go into docs/figures.md. BENCH_ARGS="--scale 0.1" etc. (manage.py bench --help).
BENCH_ARGS ?=
LOAD_SECONDS ?= 300
bench: bytecode
	scripts/system-deps
	scripts/with-postgres sh -c '$(PY) manage.py migrate --noinput >/dev/null && $(PY) manage.py bench --keep --pages --load-seconds $(LOAD_SECONDS) --import-memory-rows 2000000 --figures docs/figures.md $(BENCH_ARGS)'

messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale nl --ignore ".venv/*" --ignore "test-artifacts/*" --no-obsolete
	$(PY) manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) staticfiles test-artifacts
