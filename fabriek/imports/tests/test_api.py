"""Importing over the API: the same all-or-nothing service as the command and the upload page, staff only,
multipart upload, a dry run that writes nothing, and 422 with every error."""

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fabriek.accounts.api_auth import api_token_create
from fabriek.accounts.models import Role
from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry
from fabriek.imports import api, forms
from fabriek.imports.tests.helpers import row_counts
from fabriek.programmes.tests.factories import LocationFactory, ServicePackageFactory

CONTRACT = Path(__file__).parent / "contract"
GOOD = b"kvk_number,name\n11111111,Hunebed Robotics BV\n22222222,Veenkoloniaal Design\n"
BAD = b"kvk_nummer;naam\n1234567A;A BV\n22222222;\n"


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def post(
    client: Client,
    kind: str,
    name: str,
    content: bytes,
    *,
    programme: str = "ofd",
    dry_run: bool = False,
    **headers: str,
) -> Any:
    path = f"/api/v1/programmes/{programme}/imports/{kind}" + ("?dry_run=true" if dry_run else "")
    return client.post(path, {"file": SimpleUploadedFile(name, content)}, headers=headers)


def as_role(client: Client, world: SimpleNamespace, role: str) -> Client:
    client.force_login(world.users[role])
    return client


def test_a_dry_run_says_what_would_change_and_writes_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    before = row_counts()

    response = post(as_role(client, world, Role.STAFF), "companies", "companies.csv", GOOD, dry_run=True)

    assert response.status_code == 200
    assert response.json() == {
        "kind": "companies",
        "file": "companies.csv",
        "dry_run": True,
        "applied": False,
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
    }
    assert row_counts() == before


def test_an_import_writes_the_records_and_the_audit_entry_and_a_second_time_changes_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    client = as_role(client, world, Role.STAFF)

    first = post(client, "companies", "companies.csv", GOOD)
    entry = AuditEntry.objects.get(action="imports.file.imported")
    second = post(client, "companies", "companies.csv", GOOD)

    assert first.status_code == 200
    assert (first.json()["applied"], first.json()["created"]) == (True, 2)
    assert sorted(
        Company.objects.filter(programmes=world.ofd.programme).values_list("kvk_number", flat=True)
    ) == sorted([world.ofd.company.kvk_number, "11111111", "22222222"])
    assert (entry.actor, entry.programme_slug) == (world.users[Role.STAFF], "ofd")
    assert (second.json()["applied"], second.json()["created"], second.json()["unchanged"]) == (True, 0, 2)


def test_a_file_with_errors_gets_422_with_every_error_and_writes_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    before = row_counts()

    response = post(as_role(client, world, Role.STAFF), "companies", "companies.csv", BAD)

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "The file has 2 errors; nothing was imported."
    assert [error["text"] for error in body["errors"]] == [
        "companies.csv:2:kvk_nummer: 1234567A is not a KvK number (8 digits)",
        "companies.csv:3:naam: the value is missing; this column is required",
    ]
    assert (body["applied"], body["dry_run"]) == (False, False)
    assert body["errors"][0] == {
        "file": "companies.csv",
        "line": 2,
        "column": "kvk_nummer",
        "value": "1234567A",
        "message": "1234567A is not a KvK number (8 digits)",
        "text": "companies.csv:2:kvk_nummer: 1234567A is not a KvK number (8 digits)",
    }
    assert row_counts() == before


def test_a_dry_run_of_a_file_with_errors_also_gets_422(client, world) -> None:  # type: ignore[no-untyped-def]
    response = post(as_role(client, world, Role.STAFF), "companies", "companies.csv", BAD, dry_run=True)

    assert response.status_code == 422
    assert len(response.json()["errors"]) == 2


def test_the_contract_sample_imports_from_xlsx_in_order(client, world) -> None:  # type: ignore[no-untyped-def]
    client = as_role(client, world, Role.STAFF)
    for name in ("Assen", "Emmen", "Hoogeveen"):
        LocationFactory(programme=world.ofd.programme, name=name)
    for kind in ("parttime", "network"):
        ServicePackageFactory(programme=world.ofd.programme, kind=kind)

    results = [
        post(client, kind, f"{kind}.xlsx", (CONTRACT / "xlsx" / f"{kind}.xlsx").read_bytes())
        for kind in ("companies", "participations", "observations")
    ]

    assert [response.status_code for response in results] == [200, 200, 200], [r.json() for r in results]
    assert [response.json()["created"] for response in results] == [12, 13, 71]


def test_a_file_larger_than_the_upload_page_accepts_is_refused_unread_and_nothing_is_written(
    client, world, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(api, "MAX_UPLOAD_BYTES", len(GOOD) - 1)
    before = row_counts()

    response = post(as_role(client, world, Role.STAFF), "companies", "companies.csv", GOOD)

    message = "The file is 75\xa0bytes; the largest file that can be imported is 74\xa0bytes."
    assert response.status_code == 422
    assert response.json() == {"detail": message, "errors": {"file": [message]}}
    assert row_counts() == before


def test_a_file_exactly_as_large_as_the_cap_is_imported(client, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(api, "MAX_UPLOAD_BYTES", len(GOOD))

    response = post(as_role(client, world, Role.STAFF), "companies", "companies.csv", GOOD)

    assert response.status_code == 200
    assert (response.json()["applied"], response.json()["created"]) == (True, 2)


def test_the_api_caps_uploads_like_the_upload_page() -> None:
    assert api.MAX_UPLOAD_BYTES == forms.MAX_UPLOAD_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize("role", [Role.LOCATION_MANAGER, Role.MENTOR, Role.PARTICIPANT, Role.PARTNER, Role.FUNDER])
def test_only_staff_may_import(client, world, role) -> None:  # type: ignore[no-untyped-def]
    before = row_counts()

    response = post(as_role(client, world, role), "companies", "companies.csv", GOOD)

    assert response.status_code == 403
    assert row_counts() == before


def test_staff_of_another_programme_get_404_and_nothing_is_written(client, world) -> None:  # type: ignore[no-untyped-def]
    before = row_counts()

    response = post(as_role(client, world, "other_staff"), "companies", "companies.csv", GOOD)

    assert response.status_code == 404
    assert row_counts() == before


def test_an_unknown_kind_or_a_missing_file_is_refused_with_a_message(client, world) -> None:  # type: ignore[no-untyped-def]
    client = as_role(client, world, Role.STAFF)

    unknown = post(client, "budgets", "budgets.csv", GOOD)
    missing = client.post("/api/v1/programmes/ofd/imports/companies", {})

    assert unknown.status_code == 422
    assert list(unknown.json()["errors"]) == ["kind"]
    assert missing.status_code == 422


def test_a_token_imports_without_a_csrf_token_and_a_session_needs_one(world) -> None:  # type: ignore[no-untyped-def]
    _token, raw = api_token_create(actor=None, user=world.users[Role.STAFF], name="tests")
    session = Client(enforce_csrf_checks=True)
    session.force_login(world.users[Role.STAFF])

    by_token = post(
        Client(enforce_csrf_checks=True),
        "companies",
        "companies.csv",
        GOOD,
        dry_run=True,
        Authorization=f"Bearer {raw}",
    )
    by_session = post(session, "companies", "companies.csv", GOOD, dry_run=True)

    assert by_token.status_code == 200
    assert by_session.status_code == 403


def test_an_anonymous_caller_gets_401(client, world) -> None:  # type: ignore[no-untyped-def]
    assert post(client, "companies", "companies.csv", GOOD).status_code == 401
