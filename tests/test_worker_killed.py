"""Killing the worker in the middle of an import (PostgreSQL): nothing is written, and the job is started
again by the recovery and then completes; it is never left "applying"."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fabriek.companies.models import Company
from fabriek.core import worker
from fabriek.imports import services
from fabriek.imports.models import ImportJob
from fabriek.imports.results import ImportResult
from fabriek.imports.tests.helpers import build_programme

ROOT = Path(__file__).resolve().parents[1]
ROWS = 40_000


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def start_worker(worker_id: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-schedule", "--interval", "0.2", "--worker-id", worker_id],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, what: str, seconds: float = 180):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    jobs = list(ImportJob.objects.values_list("status", "phase", "rows_done"))
    raise AssertionError(f"gave up waiting for {what}: {jobs}")


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_import_writes_nothing_and_the_job_is_started_again(settings) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("runs a worker process against the test database: PostgreSQL only (SQLite tests run in memory)")
    settings.IMPORTS_INLINE_MAX_BYTES = 0
    programme = build_programme("killed")
    content = ("kvk_number,name\n" + "".join(f"{30000000 + n:08d},Bedrijf {n}\n" for n in range(ROWS))).encode()
    job = services.import_job_create(
        programme=programme, actor=None, kind="companies", filename="c.csv", content=content
    )
    checked = ImportResult(kind="companies", filename="c.csv", dry_run=True, rows=ROWS, created=ROWS)
    ImportJob.objects.filter(pk=job.pk).update(status="checked", result=checked.as_dict())
    services.import_job_confirm(job=job, actor=None)
    services.import_job_start(job=job)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("applying", 1)

    process = start_worker("doomed")
    try:
        # in the middle: the worker has written some batches inside the import's transaction
        wait_for(
            lambda: ImportJob.objects.filter(pk=job.pk, status="applying", phase="writing", rows_done__gt=0).exists(),
            "the worker to be writing",
        )
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    assert Company.objects.filter(programmes=programme).count() == 0  # the transaction died with the worker
    job.refresh_from_db()
    assert job.status == "applying"
    assert DBTaskResult.objects.get(pk=job.task_id).status == "RUNNING"  # until its worker is known dead

    # A living worker's housekeeping, once the dead one has been silent long enough:
    later = timezone.now() + worker.dead_after() + datetime.timedelta(seconds=1)
    assert worker.reap_dead_workers(now=later, own_id="survivor") == 1
    assert services.import_jobs_recover() == {"retried": 1, "failed": 0}
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("applying", 2)

    process = start_worker("survivor")
    try:
        wait_for(lambda: ImportJob.objects.filter(pk=job.pk).exclude(status="applying").exists(), "the retry")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    job.refresh_from_db()
    assert job.status == "applied"
    assert Company.objects.filter(programmes=programme).count() == ROWS
