from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from fabriek.accounts.models import Role
from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry
from fabriek.imports import progress, services
from fabriek.imports.models import ImportJob
from fabriek.imports.tests.factories import ImportJobFactory
from fabriek.imports.tests.helpers import row_counts

CONTRACT = Path(__file__).parent / "contract"


def url(name: str, world: SimpleNamespace, **kwargs: object) -> str:
    return reverse(f"imports:{name}", kwargs={"programme": world.ofd.programme.slug, **kwargs})


def upload(client: Client, world: SimpleNamespace, kind: str, name: str, content: bytes):  # type: ignore[no-untyped-def]
    return client.post(url("import-upload", world), {"kind": kind, "file": SimpleUploadedFile(name, content)})


def test_staff_see_the_upload_form(staff_client: Client, world: SimpleNamespace) -> None:
    response = staff_client.get(url("import-upload", world))

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'value="observations"' in response.text


@pytest.mark.parametrize("role", [Role.LOCATION_MANAGER, Role.MENTOR, Role.PARTICIPANT, Role.PARTNER, Role.FUNDER])
def test_only_staff_may_import(client: Client, world: SimpleNamespace, role: str) -> None:
    client.force_login(world.users[role])
    before = row_counts()
    jobs_before = ImportJob.objects.count()

    get = client.get(url("import-upload", world))
    post = upload(client, world, "companies", "companies.csv", b"kvk_number,name\n11111111,A BV\n")

    assert (get.status_code, post.status_code) == (403, 403)
    assert ImportJob.objects.count() == jobs_before
    assert row_counts() == before


def test_staff_of_another_programme_get_404(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.users["other_staff"])

    assert client.get(url("import-upload", world)).status_code == 404


def test_an_upload_shows_a_preview_and_writes_nothing_until_confirmed(
    staff_client: Client, world: SimpleNamespace
) -> None:
    before = row_counts()

    response = upload(
        staff_client, world, "companies", "companies.csv", (CONTRACT / "nl" / "companies.csv").read_bytes()
    )

    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == url("import-detail", world, pk=job.pk)
    assert (job.status, job.kind, job.filename, job.created_by) == (
        "checked",
        "companies",
        "companies.csv",
        world.users[Role.STAFF],
    )
    page = staff_client.get(response.url).text
    assert '<td class="number" id="count-created">12</td>' in page
    assert '<td class="number" id="count-updated">0</td>' in page
    assert url("import-confirm", world, pk=job.pk) in page
    assert row_counts() == before


def test_confirming_applies_the_checked_file_and_records_who_did_it(
    staff_client: Client, world: SimpleNamespace
) -> None:
    upload(staff_client, world, "companies", "companies.csv", (CONTRACT / "en" / "companies.csv").read_bytes())
    job = ImportJob.objects.latest("pk")

    response = staff_client.post(url("import-confirm", world, pk=job.pk))

    job.refresh_from_db()
    assert response.status_code == 302
    assert (job.status, job.applied_by, job.result["created"], bytes(job.content)) == (
        "applied",
        world.users[Role.STAFF],
        12,
        b"",
    )
    assert Company.objects.filter(programmes=world.ofd.programme, kvk_number="76992568").exists()
    assert AuditEntry.objects.get(action="imports.file.imported").actor == world.users[Role.STAFF]
    assert "Imported 12 rows: 12 created, 0 updated, 0 unchanged." in staff_client.get(response.url).text


def test_a_file_with_errors_lists_them_by_line_and_column_and_cannot_be_confirmed(
    staff_client: Client, world: SimpleNamespace
) -> None:
    before = row_counts()
    upload(staff_client, world, "companies", "companies.csv", b"kvk_nummer;naam\n1234567A;A BV\n22222222;\n")
    job = ImportJob.objects.latest("pk")

    page = staff_client.get(url("import-detail", world, pk=job.pk)).text
    confirm = staff_client.post(url("import-confirm", world, pk=job.pk))

    assert '<td class="number">2</td><td>kvk_nummer</td><td>1234567A is not a KvK number (8 digits)</td>' in page
    assert '<td class="number">3</td><td>naam</td><td>the value is missing; this column is required</td>' in page
    assert url("import-confirm", world, pk=job.pk) not in page
    assert confirm.status_code == 302
    job.refresh_from_db()
    assert job.status == "checked"
    assert row_counts() == before


def test_all_messages_download_as_plain_text(staff_client: Client, world: SimpleNamespace) -> None:
    upload(staff_client, world, "companies", "bad.csv", b"kvk_number,name,extra\n1234567A,A BV,x\n")
    job = ImportJob.objects.latest("pk")

    response = staff_client.get(url("import-messages", world, pk=job.pk))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "bad.csv:2:kvk_number: 1234567A is not a KvK number (8 digits)\n"
        "warning: bad.csv:1:extra: this column is not used; its values are ignored\n"
    )


def test_a_running_job_shows_its_progress_and_the_page_reloads_when_it_is_done(
    staff_client: Client, world: SimpleNamespace
) -> None:
    job = services.import_job_create(
        programme=world.ofd.programme, actor=world.users[Role.STAFF], kind="companies", filename="big.csv", content=b"x"
    )
    progress.report(job.pk, "checking", 2000, 8000)
    try:
        page = staff_client.get(url("import-detail", world, pk=job.pk)).text
        partial = staff_client.get(url("import-progress", world, pk=job.pk), headers={"HX-Request": "true"})
    finally:
        progress.forget(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKED)
    done = staff_client.get(url("import-progress", world, pk=job.pk), headers={"HX-Request": "true"})

    assert 'hx-trigger="every 1s"' in page
    assert '<progress value="2000" max="8000">25%</progress>' in partial.text
    assert "<html" not in partial.text
    assert (done.status_code, done["HX-Refresh"]) == (200, "true")


def test_another_programmes_job_is_not_found(staff_client: Client, world: SimpleNamespace) -> None:
    job = services.import_job_create(
        programme=world.other.programme, actor=None, kind="companies", filename="x.csv", content=b"x"
    )

    assert staff_client.get(url("import-detail", world, pk=job.pk)).status_code == 404
    assert staff_client.post(url("import-confirm", world, pk=job.pk)).status_code == 404


def test_a_big_file_is_checked_by_a_background_task(world: SimpleNamespace, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORTS_INLINE_MAX_BYTES = 10
    job = services.import_job_create(
        programme=world.ofd.programme, actor=None, kind="companies", filename="c.csv", content=b"kvk_number,name\n"
    )

    services.import_job_start(job=job)

    job.refresh_from_db()
    assert job.status == "checking"
    assert job.attempts == 1
    assert DBTaskResult.objects.get(pk=job.task_id).task_path == "fabriek.imports.tasks.run_import_job"


def test_checking_a_job_saves_its_progress_and_its_preview(world: SimpleNamespace) -> None:
    job = services.import_job_create(
        programme=world.ofd.programme,
        actor=None,
        kind="companies",
        filename="c.csv",
        content=b"kvk_number,name\n11111111,A BV\n",
    )

    services.import_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total, job.result["created"], job.result["dry_run"]) == (
        "checked",
        1,
        1,
        1,
        True,
    )


def test_staff_of_another_programme_cannot_rename_or_claim_a_company_of_this_one_by_its_kvk_number(
    client: Client, world: SimpleNamespace
) -> None:
    company = world.ofd.company
    name = company.name
    client.force_login(world.users["other_staff"])
    before = row_counts()
    other_url = reverse("imports:import-upload", kwargs={"programme": "other"})

    client.post(
        other_url,
        {
            "kind": "companies",
            "file": SimpleUploadedFile("c.csv", f"kvk_number,name\n{company.kvk_number},X\n".encode()),
        },
    )
    job = ImportJob.objects.latest("pk")
    confirm = client.post(reverse("imports:import-confirm", kwargs={"programme": "other", "pk": job.pk}))

    job.refresh_from_db()
    assert job.status == "checked"
    assert [(e["line"], e["column"], e["message"]) for e in job.result["errors"]] == [
        (
            2,
            "kvk_number",
            f"{company.kvk_number} is already registered in another programme; ask an administrator to share the "
            "company with this programme",
        )
    ]
    assert confirm.status_code == 302
    company.refresh_from_db()
    assert company.name == name
    assert list(company.programmes.values_list("slug", flat=True)) == ["ofd"]
    assert row_counts() == before


def test_an_unexpected_error_while_checking_a_small_file_marks_the_job_failed_and_shows_it(
    staff_client: Client, world: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "import_file", broken)

    response = upload(staff_client, world, "companies", "companies.csv", b"kvk_number,name\n11111111,A BV\n")

    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == url("import-detail", world, pk=job.pk)
    assert (job.status, job.phase, job.result["dry_run"]) == ("failed", "", True)
    assert [e["text"] for e in job.result["errors"]] == [
        "companies.csv:1: the import stopped on an unexpected error; nothing was imported"
    ]
    page = staff_client.get(response.url)
    assert page.status_code == 200
    assert '<dd id="job-status">Failed</dd>' in page.text
    assert "the import stopped on an unexpected error; nothing was imported" in page.text.lower()
    assert "Try again" in page.text  # the check can be started again


def test_an_unexpected_error_while_applying_a_small_file_marks_the_job_failed_and_writes_nothing(
    staff_client: Client, world: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload(staff_client, world, "companies", "companies.csv", b"kvk_number,name\n11111111,A BV\n")
    job = ImportJob.objects.latest("pk")
    before = row_counts()

    def broken(**kwargs: object) -> None:
        raise RuntimeError("a bug after the records were written")

    # The audit entry is written after the records, in the same transaction: failing there proves the
    # records written before it are rolled back.
    monkeypatch.setattr(services, "log_action", broken)
    response = staff_client.post(url("import-confirm", world, pk=job.pk))

    job.refresh_from_db()
    assert response.status_code == 302
    assert (job.status, job.applied_by, job.result["dry_run"], job.result["applied"]) == (
        "failed",
        world.users[Role.STAFF],
        False,
        False,
    )
    assert [e["text"] for e in job.result["errors"]] == [
        "companies.csv:1: the import stopped on an unexpected error; nothing was imported"
    ]
    assert row_counts() == before
    assert not Company.objects.filter(kvk_number="11111111").exists()


# What the project's permission matrix (tests/test_permission_matrix.py) should say about these URLs, checked
# here too: only staff; a finished job's progress URL redirects to its page; confirming is POST only.
IMPORT_URLS = {
    "import-upload": (False, 200),
    "import-detail": (True, 200),
    "import-progress": (True, 302),
    "import-confirm": (True, 405),
    "import-retry": (True, 405),
    "import-messages": (True, 200),
}


@pytest.mark.parametrize("name", sorted(IMPORT_URLS))
@pytest.mark.parametrize("role", sorted(Role.values))
def test_each_import_url_answers_staff_and_refuses_every_other_role(
    client: Client, world: SimpleNamespace, name: str, role: str
) -> None:
    needs_job, ok = IMPORT_URLS[name]
    kwargs = {"pk": ImportJobFactory(programme=world.ofd.programme).pk} if needs_job else {}
    client.force_login(world.users[role])

    response = client.get(url(name, world, **kwargs))

    assert response.status_code == (ok if role == Role.STAFF else 403)
