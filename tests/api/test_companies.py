"""Companies over the API: scoping, pagination, validation and the audit trail."""

import datetime

from fabriek.accounts.models import Role
from fabriek.companies.models import Company
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.participation.tests.factories import ParticipationFactory

COMPANIES = "/api/v1/programmes/ofd/companies"


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["name"] for item in response.json()["items"]]


def test_staff_list_the_programmes_companies_and_not_those_of_another_programme(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("GET", COMPANIES, Role.STAFF)

    assert response.status_code == 200
    company = world.ofd.company
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": company.pk,
                "kvk_number": company.kvk_number,
                "name": company.name,
                "founded_on": None,
                "postcode": "9401 AB",
                "municipality_code": "GM0106",
                "sbi_code": "",
            }
        ],
    }


def test_a_location_manager_lists_only_companies_that_stayed_at_their_location(world, call) -> None:  # type: ignore[no-untyped-def]
    elsewhere = ParticipationFactory(
        programme=world.ofd.programme, location=world.ofd.other_location, package=world.ofd.package
    ).company

    staff_names = _names(call("GET", COMPANIES, Role.STAFF))
    manager_names = _names(call("GET", COMPANIES, Role.LOCATION_MANAGER))

    assert sorted(staff_names) == sorted([world.ofd.company.name, elsewhere.name])
    assert manager_names == [world.ofd.company.name]


def test_a_participant_lists_only_their_own_company(world, call) -> None:  # type: ignore[no-untyped-def]
    CompanyFactory(programmes=[world.ofd.programme], name="Someone Else BV")

    assert _names(call("GET", COMPANIES, Role.PARTICIPANT)) == [world.ofd.company.name]


def test_a_participant_gets_404_for_another_company_of_the_programme(world, call) -> None:  # type: ignore[no-untyped-def]
    other = CompanyFactory(programmes=[world.ofd.programme])

    response = call("PATCH", f"{COMPANIES}/{other.pk}", Role.PARTICIPANT, {"name": "Taken Over BV"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name != "Taken Over BV"
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_the_list_searches_by_name_or_kvk_prefix_and_pages_by_25(world, call) -> None:  # type: ignore[no-untyped-def]
    for n in range(30):
        CompanyFactory(programmes=[world.ofd.programme], name=f"Veenkoloniaal {n:02d} BV", kvk_number=f"5555{n:04d}")

    by_name = call("GET", f"{COMPANIES}?search=veenkoloniaal&page=2", Role.STAFF).json()
    by_kvk = call("GET", f"{COMPANIES}?search=55550001", Role.STAFF).json()

    assert by_name["count"] == 30
    assert [item["name"] for item in by_name["items"]] == [f"Veenkoloniaal {n:02d} BV" for n in range(25, 30)]
    assert [item["kvk_number"] for item in by_kvk["items"]] == ["55550001"]


def test_creating_a_company_returns_it_and_logs_every_field(world, call) -> None:  # type: ignore[no-untyped-def]
    body = {"kvk_number": "87654321", "name": "Hunebed Robotics BV", "founded_on": "2016-05-01"}

    response = call("POST", COMPANIES, Role.STAFF, body)

    assert response.status_code == 201
    company = Company.objects.get(kvk_number="87654321")
    assert response.json() == {
        "id": company.pk,
        "kvk_number": "87654321",
        "name": "Hunebed Robotics BV",
        "founded_on": "2016-05-01",
        "postcode": "",
        "municipality_code": "",
        "sbi_code": "",
    }
    assert list(company.programmes.all()) == [world.ofd.programme]
    entry = AuditEntry.objects.get()
    assert entry.changes == {
        "kvk_number": [None, "87654321"],
        "name": [None, "Hunebed Robotics BV"],
        "founded_on": [None, "2016-05-01"],
    }


def test_a_refused_company_gets_422_with_a_message_per_field_and_nothing_is_written(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("POST", COMPANIES, Role.STAFF, {"kvk_number": "1234", "name": "X", "postcode": "12 AB"})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Some values were not accepted; see 'errors' for a message per field.",
        "errors": {
            "kvk_number": ["A KvK number is exactly 8 digits."],
            "postcode": ["12 AB is not a Dutch postcode (like 9401 AB)"],
        },
    }
    assert Company.objects.count() == 2
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_a_body_of_the_wrong_shape_gets_422_naming_the_fields(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("POST", COMPANIES, Role.STAFF, {"name": 5})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Some values were not accepted; see 'errors' for a message per field.",
        "errors": {"kvk_number": ["Field required"], "name": ["Input should be a valid string"]},
    }


def test_a_duplicate_kvk_number_is_a_field_error(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("POST", COMPANIES, Role.STAFF, {"kvk_number": world.other.company.kvk_number, "name": "Copy BV"})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["kvk_number"]


def test_a_participant_renames_their_company_and_the_log_holds_old_and_new(world, call) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    old_name = company.name

    response = call(
        "PATCH",
        f"{COMPANIES}/{company.pk}",
        Role.PARTICIPANT,
        {"name": "Hunebed Robotics BV", "founded_on": "2015-09-01"},
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Hunebed Robotics BV"
    company.refresh_from_db()
    assert (company.name, company.founded_on) == ("Hunebed Robotics BV", datetime.date(2015, 9, 1))
    entry = AuditEntry.objects.get()
    assert entry.actor == world.users[Role.PARTICIPANT]
    assert entry.changes == {"name": [old_name, "Hunebed Robotics BV"], "founded_on": [None, "2015-09-01"]}


def test_a_patch_changes_only_the_fields_sent(world, call) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company

    response = call("PATCH", f"{COMPANIES}/{company.pk}", Role.STAFF, {"sbi_code": "6201"})

    assert response.status_code == 200
    company.refresh_from_db()
    assert (company.sbi_code, company.postcode, company.municipality_code) == ("6201", "9401 AB", "GM0106")
    assert AuditEntry.objects.get().changes == {"sbi_code": ["", "6201"]}
