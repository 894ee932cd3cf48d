"""Imports as background tasks: big files are checked and applied by the worker, and a step whose worker
was lost is started again or failed with a retry button, never left running."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fabriek.companies.models import Company
from fabriek.core.worker import WORKER_DIED, run_pending
from fabriek.imports import services
from fabriek.imports.models import ImportJob

pytestmark = pytest.mark.django_db
COMPANIES = b"kvk_number,name\n11111111,Eerste BV\n22222222,Tweede BV\n"


def url(name: str, world: SimpleNamespace, **kwargs: object) -> str:
    return reverse(f"imports:{name}", kwargs={"programme": world.ofd.programme.slug, **kwargs})


@pytest.fixture
def big(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORTS_INLINE_MAX_BYTES = 10  # every file goes to the worker


def lose_worker(job: ImportJob) -> None:
    """What the worker's housekeeping does when the worker running the job's task died."""
    DBTaskResult.objects.filter(pk=job.task_id).update(status="FAILED", exception_class_path=WORKER_DIED)


def test_the_worker_checks_and_applies_a_big_file(staff_client: Client, world: SimpleNamespace, big: None) -> None:
    staff_client.post(
        url("import-upload", world), {"kind": "companies", "file": SimpleUploadedFile("c.csv", COMPANIES)}
    )
    job = ImportJob.objects.latest("pk")
    assert job.status == "checking"
    page = staff_client.get(url("import-detail", world, pk=job.pk)).text
    assert 'hx-trigger="every 1s"' in page

    assert run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("checked", 2)

    staff_client.post(url("import-confirm", world, pk=job.pk))
    job.refresh_from_db()
    assert job.status == "applying"
    assert not Company.objects.filter(kvk_number="11111111").exists()
    staff_client.post(url("import-confirm", world, pk=job.pk))  # a second click changes nothing
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    assert run_pending() == 1
    job.refresh_from_db()
    assert job.status == "applied"
    assert Company.objects.filter(kvk_number__in=["11111111", "22222222"]).count() == 2


def test_a_step_whose_worker_died_is_started_again_then_failed_with_a_retry_button(
    staff_client: Client, world: SimpleNamespace, big: None
) -> None:
    job = world.ofd.import_job  # checked, one company
    services.import_job_confirm(job=job, actor=world.users["staff"])
    services.import_job_start(job=job)
    job.refresh_from_db()
    first_task = job.task_id

    assert services.import_jobs_recover() == {"retried": 0, "failed": 0}  # queued: nothing to recover
    lose_worker(job)
    assert services.import_jobs_recover() == {"retried": 1, "failed": 0}
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("applying", 2)
    assert job.task_id != first_task

    lose_worker(job)
    assert services.import_jobs_recover() == {"retried": 0, "failed": 1}
    job.refresh_from_db()
    assert (job.status, job.retry_status) == ("failed", "applying")
    assert not Company.objects.filter(kvk_number="12345678").exists()
    page = staff_client.get(url("import-detail", world, pk=job.pk)).text
    assert "the background worker stopped; nothing was imported" in page  # the job's language
    assert url("import-retry", world, pk=job.pk) in page

    staff_client.post(url("import-retry", world, pk=job.pk))
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("applying", 1)
    run_pending()
    job.refresh_from_db()
    assert job.status == "applied"
    assert Company.objects.filter(kvk_number="12345678").count() == 1


def test_a_step_run_within_a_request_that_was_lost_is_recovered_after_a_while(world: SimpleNamespace) -> None:
    job = world.ofd.import_job
    ImportJob.objects.filter(pk=job.pk).update(status="applying")
    assert services.import_jobs_recover() == {"retried": 0, "failed": 0}  # the request may still be busy
    later = timezone.now() + services.LOST_AFTER + datetime.timedelta(minutes=1)
    assert services.import_jobs_recover(now=later) == {"retried": 1, "failed": 0}
    run_pending()
    job.refresh_from_db()
    assert job.status == "applied"


def test_an_unexpected_error_in_the_task_fails_the_job_with_nothing_written(
    world: SimpleNamespace, big: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = world.ofd.import_job
    services.import_job_confirm(job=job, actor=world.users["staff"])
    services.import_job_start(job=job)

    def broken(**kwargs: object) -> None:
        Company.objects.create(kvk_number="99999999", name="Half")  # written, then the error
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "import_file", broken)
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.retry_status) == ("failed", "applying")
    assert not Company.objects.filter(kvk_number="99999999").exists()
    assert job.result["errors"][0]["message"] == "the import stopped on an unexpected error; nothing was imported"


def test_a_job_that_is_not_failed_cannot_be_retried(staff_client: Client, world: SimpleNamespace) -> None:
    job = world.ofd.import_job
    response = staff_client.post(url("import-retry", world, pk=job.pk))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "checked"
