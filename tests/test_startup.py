"""What every process loads when Django starts: the commands (`manage.py report` above all, issue 8 item 4)
pay for each library loaded here, so the heavy ones wait until they are used."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_django_starts_without_the_map_library_the_kvk_client_or_the_api_framework() -> None:
    probe = (
        "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); "
        "django.setup(); import fabriek.reporting.management.commands.report; "
        "print(sorted(m for m in ('shapely', 'numpy', 'httpx', 'ninja', 'pydantic') if m in sys.modules) or 'none')"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)

    assert done.stdout.split() == ["none"]


def test_the_municipality_names_come_without_the_map_library() -> None:
    probe = (
        "import sys; from fabriek.companies.geography import municipality_names, municipality_named; "
        "print(municipality_names()['GM0106'], municipality_named(' emmen '), 'shapely' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)

    assert done.stdout.split() == ["Assen", "GM0114", "False"]
