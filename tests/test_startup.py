"""What a process loads when it starts. Commands (`manage.py report` above all, issue 8 item 4) pay for each
library Django's start-up loads, so the heavy ones wait until they are used; a gunicorn worker loads
everything at once and keeps it out of the garbage collector's way. Each probe runs in a process of its own:
in this one it would see (or freeze) the test run's modules."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _probe(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_django_starts_without_the_map_library_the_kvk_client_or_the_api_framework() -> None:
    loaded = _probe(
        "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); "
        "django.setup(); import fabriek.reporting.management.commands.report; "
        "print(sorted(m for m in ('shapely', 'numpy', 'httpx', 'ninja', 'pydantic') if m in sys.modules) or 'none')"
    )

    assert loaded == ["none"]


def test_the_municipality_names_come_without_the_map_library() -> None:
    answer = _probe(
        "import sys; from fabriek.companies.geography import municipality_names, municipality_named; "
        "print(municipality_names()['GM0106'], municipality_named(' emmen '), 'shapely' in sys.modules)"
    )

    assert answer == ["Assen", "GM0114", "False"]


def test_a_worker_loads_every_view_and_keeps_its_startup_objects_out_of_the_garbage_collector() -> None:
    answer = _probe(
        "import gc, sys; import config.wsgi; "
        "print(gc.get_freeze_count() > 10000, 'fabriek.reporting.views' in sys.modules)"
    )

    assert answer == ["True", "True"]
