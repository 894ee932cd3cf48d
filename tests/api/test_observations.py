"""A company's figures over the API: participants report for themselves, always as a self-report."""

import datetime
from decimal import Decimal

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry
from fabriek.metrics.models import Observation, Source
from fabriek.metrics.tests.factories import ObservationFactory

P = "/api/v1/programmes/ofd"


def test_the_figures_of_a_company_are_listed_newest_first(world, call) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    later = ObservationFactory(
        company=company, observed_on=datetime.date(2017, 3, 1), employees=4, fte=Decimal("3.5"), revenue_cents=1250000
    )

    response = call("GET", f"{P}/companies/{company.pk}/observations", Role.LOCATION_MANAGER)

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "items": [
            {
                "id": later.pk,
                "company_id": company.pk,
                "observed_on": "2017-03-01",
                "employees": 4,
                "interns": 0,
                "fte": "3.50",
                "revenue_cents": 1250000,
                "source": "staff",
            },
            {
                "id": world.ofd.observation.pk,
                "company_id": company.pk,
                "observed_on": "2016-03-01",
                "employees": 2,
                "interns": 0,
                "fte": None,
                "revenue_cents": None,
                "source": "staff",
            },
        ],
    }


def test_a_participants_figures_are_always_a_self_report(world, call) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    body = {"observed_on": "2017-01-02", "employees": 3, "revenue_cents": 12345, "source": "staff"}

    response = call("POST", f"{P}/companies/{company.pk}/observations", Role.PARTICIPANT, body)

    assert response.status_code == 201
    observation = Observation.objects.get(pk=response.json()["id"])
    assert (observation.source, observation.employees, observation.revenue_cents) == (Source.SELF_REPORT, 3, 12345)
    assert AuditEntry.objects.get().changes == {
        "observed_on": [None, "2017-01-02"],
        "employees": [None, 3],
        "interns": [None, 0],
        "revenue_cents": [None, 12345],
        "source": [None, "self_report"],
    }


def test_a_participant_may_not_change_the_teams_figures(world, call) -> None:  # type: ignore[no-untyped-def]
    observation = world.ofd.observation

    response = call("PATCH", f"{P}/observations/{observation.pk}", Role.PARTICIPANT, {"employees": 40})

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Participants correct the figures they reported themselves, not those of the team or a survey."
    }
    observation.refresh_from_db()
    assert observation.employees == 2
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_figures_of_a_company_of_another_programme_are_not_found(world, call) -> None:  # type: ignore[no-untyped-def]
    observation = world.other.observation

    response = call("PATCH", f"{P}/observations/{observation.pk}", Role.STAFF, {"employees": 40})

    assert response.status_code == 404
    observation.refresh_from_db()
    assert observation.employees == 2


def test_a_second_set_of_figures_from_the_same_source_on_the_same_day_is_refused(world, call) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    body = {"observed_on": "2016-03-01", "employees": 5, "source": "staff"}

    response = call("POST", f"{P}/companies/{company.pk}/observations", Role.STAFF, body)

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "observed_on": ["This company already has figures from this source on this date; change those instead."]
    }
    assert Observation.objects.filter(company=company).count() == 1


def test_negative_figures_are_refused_before_the_service(world, call) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company

    response = call(
        "POST", f"{P}/companies/{company.pk}/observations", Role.STAFF, {"observed_on": "2017-01-02", "employees": -1}
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["employees"]


def test_staff_correct_figures_and_the_log_holds_old_and_new(world, call) -> None:  # type: ignore[no-untyped-def]
    observation = world.ofd.observation

    response = call(
        "PATCH", f"{P}/observations/{observation.pk}", Role.STAFF, {"employees": 3, "revenue_cents": 9900000}
    )

    assert response.status_code == 200
    assert (response.json()["employees"], response.json()["revenue_cents"]) == (3, 9900000)
    assert AuditEntry.objects.get().changes == {"employees": [2, 3], "revenue_cents": [None, 9900000]}
