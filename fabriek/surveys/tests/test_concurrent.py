"""Two `send_due_surveys` processes at the same moment (PostgreSQL): every survey is sent once."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from fabriek.mail.models import OutboxMessage
from fabriek.surveys.models import SurveyInvitation
from fabriek.surveys.tests.helpers import build_programme, stay

ROOT = Path(__file__).resolve().parents[3]
COMPANIES = 60


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_processes_at_once_send_every_survey_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs two processes against the test database: PostgreSQL only (SQLite tests run in memory)")
    world = build_programme("race")
    for n in range(COMPANIES):
        stay(world, datetime.date(2024, 1, 15), email=f"founder{n}@example.org")
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "config.settings"}
    command = [sys.executable, "manage.py", "send_due_surveys", "--programme", "race", "--today", "2024-07-15"]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    counts = [int(out.decode().split("queued ")[1].split(" ")[0]) for out, _err in outputs]
    assert sum(counts) == COMPANIES  # between them they sent each survey, and none twice
    assert SurveyInvitation.objects.count() == COMPANIES
    assert OutboxMessage.objects.count() == COMPANIES
    assert sorted(r[0] for r in OutboxMessage.objects.values_list("recipients", flat=True)) == sorted(
        f"founder{n}@example.org" for n in range(COMPANIES)
    )
