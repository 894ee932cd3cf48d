"""Participations (stays) over the API: scoping by location and company, validation, the audit trail."""

import datetime

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.participation.models import Participation
from fabriek.participation.tests.factories import ParticipationFactory

STAYS = "/api/v1/programmes/ofd/participations"


def _stay_body(world, company) -> dict:  # type: ignore[no-untyped-def]
    return {
        "company_id": company.pk,
        "location_id": world.ofd.location.pk,
        "package_id": world.ofd.package.pk,
        "started_on": "2017-01-02",
    }


def test_a_stay_is_shown_with_its_company_location_and_package(world, call) -> None:  # type: ignore[no-untyped-def]
    stay = world.ofd.participation

    response = call("GET", f"{STAYS}/{stay.pk}", Role.PARTICIPANT)

    assert response.status_code == 200
    assert response.json() == {
        "id": stay.pk,
        "company": {"id": stay.company.pk, "name": stay.company.name, "kvk_number": stay.company.kvk_number},
        "location": {"id": world.ofd.location.pk, "name": "OndernemersFabriek Drenthe Assen"},
        "package": {"id": world.ofd.package.pk, "name": "Fulltime", "kind": "fulltime"},
        "started_on": "2016-03-01",
        "ended_on": None,
        "outflow_status": None,
        "long_stay_reason": "",
    }


def test_a_location_manager_lists_only_the_stays_at_their_location(world, call) -> None:  # type: ignore[no-untyped-def]
    ParticipationFactory(programme=world.ofd.programme, location=world.ofd.other_location, package=world.ofd.package)

    staff = call("GET", STAYS, Role.STAFF).json()
    manager = call("GET", STAYS, Role.LOCATION_MANAGER).json()

    assert staff["count"] == 2
    assert [item["id"] for item in manager["items"]] == [world.ofd.participation.pk]


def test_a_location_manager_cannot_record_a_stay_at_another_location(world, call) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    body = {**_stay_body(world, company), "location_id": world.ofd.other_location.pk}

    response = call("POST", STAYS, Role.LOCATION_MANAGER, body)

    assert response.status_code == 422
    assert response.json()["errors"] == {"location": ["Choose a location you may record stays at."]}
    assert Participation.objects.filter(company=company).count() == 0
    assert not AuditEntry.objects.exists()


def test_ids_of_another_programme_are_field_errors_that_reveal_nothing(world, call) -> None:  # type: ignore[no-untyped-def]
    body = {
        "company_id": world.other.company.pk,
        "location_id": world.other.location.pk,
        "package_id": world.other.package.pk,
        "started_on": "2017-01-02",
    }

    response = call("POST", STAYS, Role.STAFF, body)

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "company": ["Choose a company you may give a stay."],
        "location": ["Choose a location you may record stays at."],
        "package": ["Choose a service package of this programme."],
    }


def test_an_overlapping_stay_is_refused_on_its_start_date(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("POST", STAYS, Role.STAFF, _stay_body(world, world.ofd.company))

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["started_on"]
    assert Participation.objects.filter(company=world.ofd.company).count() == 1


def test_ending_a_stay_records_the_outflow_and_logs_old_and_new(world, call) -> None:  # type: ignore[no-untyped-def]
    stay = world.ofd.participation

    response = call(
        "PATCH", f"{STAYS}/{stay.pk}", Role.LOCATION_MANAGER, {"ended_on": "2017-06-30", "outflow_status": "freelancer"}
    )

    assert response.status_code == 200
    assert (response.json()["ended_on"], response.json()["outflow_status"]) == ("2017-06-30", "freelancer")
    stay.refresh_from_db()
    assert (stay.ended_on, stay.outflow_status) == (datetime.date(2017, 6, 30), "freelancer")
    entry = AuditEntry.objects.get()
    assert entry.action == "participation.participation.updated"
    assert entry.changes == {"ended_on": [None, "2017-06-30"], "outflow_status": ["", "freelancer"]}


def test_a_new_stay_is_created_through_the_service_and_logged(world, call) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    body = {**_stay_body(world, company), "ended_on": "2018-12-31", "outflow_status": "employed"}

    response = call("POST", STAYS, Role.STAFF, body)

    assert response.status_code == 201
    stay = Participation.objects.get(company=company)
    assert response.json()["id"] == stay.pk
    assert (stay.started_on, stay.ended_on, stay.outflow_status) == (
        datetime.date(2017, 1, 2),
        datetime.date(2018, 12, 31),
        "employed",
    )
    assert AuditEntry.objects.get().action == "participation.participation.created"
