"""Uploaded files are removed once applied, or after FABRIEK_IMPORT_FILE_DAYS days, by a periodic job."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from fabriek.imports.models import ImportJob
from fabriek.imports.services import import_files_purge
from fabriek.imports.tests.factories import ImportJobFactory

pytestmark = pytest.mark.django_db
DAY = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)


def uploaded(days_ago: int, status: str) -> ImportJob:
    with time_machine.travel(DAY - datetime.timedelta(days=days_ago), tick=False):
        return ImportJobFactory(status=status, language="en")


def test_applied_files_go_at_once_and_others_after_30_days(settings) -> None:  # type: ignore[no-untyped-def]
    settings.FABRIEK_IMPORT_FILE_DAYS = 30
    applied = uploaded(0, ImportJob.Status.APPLIED)
    fresh = uploaded(29, ImportJob.Status.CHECKED)
    stale = uploaded(31, ImportJob.Status.CHECKED)
    failed = uploaded(31, ImportJob.Status.FAILED)
    running = uploaded(31, ImportJob.Status.APPLYING)
    with time_machine.travel(DAY, tick=False):
        assert import_files_purge() == 3
        assert import_files_purge() == 0  # a second run finds nothing more
    contents = {
        job.pk: bytes(ImportJob.objects.get(pk=job.pk).content) for job in (applied, fresh, stale, failed, running)
    }
    assert contents == {
        applied.pk: b"",
        fresh.pk: fresh.content,
        stale.pk: b"",
        failed.pk: b"",
        running.pk: running.content,  # its worker is reading it
    }
    stale.refresh_from_db()
    assert stale.status == ImportJob.Status.FAILED
    assert stale.result["errors"][0]["message"] == (
        "the uploaded file was removed after 30 days, as files are kept no longer; upload it again"
    )


def test_the_command_the_scheduler_calls(settings) -> None:  # type: ignore[no-untyped-def]
    uploaded(0, ImportJob.Status.APPLIED)
    out = io.StringIO()
    call_command("purge_import_files", stdout=out)
    assert out.getvalue() == "1 file(s) removed\n"
