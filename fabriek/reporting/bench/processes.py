"""The processes `make bench` starts: `manage.py` commands measured one by one (wall time and peak memory of
that process alone), and gunicorn serving the app as in production.

Everything listens on 127.0.0.1 only and is stopped (by its own process id) when the bench is done.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"
#: Gunicorn workers and the seconds a request may take before gunicorn restarts its worker.
WORKERS = 4
TIMEOUT = 120


class ProcessFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Measured:
    """One finished process: its arguments, wall-clock seconds and peak resident memory in MB."""

    args: tuple[str, ...]
    seconds: float
    peak_mb: float
    output: str


def run_measured(args: Sequence[str], *, env: dict[str, str] | None = None) -> Measured:
    """Run `args`, wait for it with wait4 (which gives the rusage of that one child, so the peak memory is
    its own and not the largest of all children so far), and raise ProcessFailed with its output if it
    fails."""
    with tempfile.TemporaryFile() as output:
        began = time.perf_counter()
        process = subprocess.Popen(list(args), stdout=output, stderr=subprocess.STDOUT, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise ProcessFailed(f"{' '.join(args)} exited with {process.returncode}:\n{text[-4000:]}")
    # ru_maxrss is in kilobytes on Linux.
    return Measured(tuple(args), seconds, usage.ru_maxrss / 1024, text)


def manage(*args: str, env: dict[str, str] | None = None) -> Measured:
    return run_measured([sys.executable, str(MANAGE), *args], env=env)


#: The read-only commands `make bench` times on the demo (after `report --programme SLUG`), as a person at a
#: terminal would run them.
REPORTS = (
    ("indicators", "--from", "2024-01-01", "--to", "2026-12-31"),
    ("jobs-created", "--from", "2024-01-01", "--to", "2026-12-31"),
    ("inflow-outflow", "--on", "2026-06-30"),
)


#: How often each of REPORTS runs; the median is its figure.
COMMAND_RUNS = 3


@dataclass(frozen=True)
class CommandRun:
    """A command run several times, each a fresh process: its median wall time in seconds."""

    args: tuple[str, ...]
    seconds: float


def time_reports(slug: str, *, env: dict[str, str]) -> list[CommandRun]:
    """`manage.py report` for each of REPORTS, COMMAND_RUNS times (start-up included: that is what a person
    waits for)."""
    timed = []
    for report in REPORTS:
        args = ("report", "--programme", slug, *report)
        seconds = sorted(manage(*args, env=env).seconds for _ in range(COMMAND_RUNS))
        timed.append(CommandRun(args, seconds[len(seconds) // 2]))
    return timed


@dataclass(frozen=True)
class ImportRun:
    slug: str
    kind: str
    path: Path
    bytes: int
    seconds: float
    peak_mb: float
    summary: str


class Importer:
    """`files.ViaImports.run`: `manage.py import_records` in a process of its own for every file."""

    def __init__(self, *, log: Callable[[str], Any] = print) -> None:
        self.runs: list[ImportRun] = []
        self.log = log

    def __call__(self, slug: str, kind: str, path: Path) -> None:
        measured = manage("import_records", "--programme", slug, "--language", "en", kind, str(path))
        lines = [line for line in measured.output.splitlines() if not line.startswith("warning:")]
        run = ImportRun(slug, kind, path, path.stat().st_size, measured.seconds, measured.peak_mb, lines[-1:][0])
        self.runs.append(run)
        self.log(f"    import_records {slug} {kind}: {run.seconds:.1f} s, peak {run.peak_mb:,.0f} MB; {run.summary}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_env(database_url: str) -> dict[str, str]:
    """The environment of a production server (DEBUG off, a secret key, its hosts) for `database_url`.

    Behind a TLS proxy, as production runs: the client says X-Forwarded-Proto https (BEHIND_PROXY), so the
    secure cookies and the HTTPS redirect work as they do there. The second factor is off for the bench's
    staff login (TWO_FACTOR_REQUIRED=false; everything else about a request is as in production).
    Persistent database connections (CONN_MAX_AGE), as a production set-up would configure."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1",
        BEHIND_PROXY="true",
        TWO_FACTOR_REQUIRED="false",
        CONN_MAX_AGE="60",
        LOGIN_FAILURE_LIMIT="1000",
    )
    return env


def collect_static() -> Measured:
    """`manage.py collectstatic` as a deployment runs it: with DEBUG off the pages name the hashed files of
    the manifest, so a server cannot start without it."""
    env = production_env(os.environ.get("DATABASE_URL") or "sqlite:///:memory:")
    return manage("collectstatic", "--noinput", env=env)


@contextmanager
def gunicorn(database_url: str, *, workers: int = WORKERS) -> Iterator[str]:
    """Serve the app with gunicorn (`workers` sync workers) on a free loopback port; yields its base URL
    once /healthz answers, and stops it (SIGTERM to its master, by pid) afterwards."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below, after the server stops
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            str(TIMEOUT),
            "--chdir",
            str(MANAGE.parent),
        ],
        env=production_env(database_url),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise ProcessFailed(f"gunicorn stopped: {log.read().decode('utf-8', 'replace')[-4000:]}")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise ProcessFailed("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
