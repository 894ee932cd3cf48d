"""Every list endpoint costs the same number of queries for 3 rows as for 30 (no query per row)."""

import datetime
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.api import api_operations
from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory, CompanyRoleFactory
from fabriek.events.tests.factories import AttendanceFactory, EventFactory
from fabriek.intake.tests.factories import LeadFactory
from fabriek.mentoring.tests.factories import MentorFactory, MentoringSessionFactory
from fabriek.metrics.models import Observation
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.partners.tests.factories import AgreementFactory
from fabriek.programmes.tests.factories import LocationFactory

P = "/api/v1/programmes/{programme}"


def _observations(world: SimpleNamespace, n: int) -> None:
    # One a day after those already there (one per company, date and source).
    first = Observation.objects.filter(company=world.ofd.company).count()
    for i in range(first, first + n):
        ObservationFactory(company=world.ofd.company, observed_on=datetime.date(2017, 1, 1) + datetime.timedelta(i))


def _events(world: SimpleNamespace, n: int) -> None:
    for _ in range(n):
        AttendanceFactory(event=EventFactory(programme=world.ofd.programme, location=world.ofd.location))


def _repeat(make: Callable[[SimpleNamespace], object]) -> Callable[[SimpleNamespace, int], None]:
    def add(world: SimpleNamespace, n: int) -> None:
        for _ in range(n):
            make(world)

    return add


#: list path -> (how to add n rows, the path's ids)
LISTS: dict[str, tuple[Callable[[SimpleNamespace, int], None], Callable[[SimpleNamespace], dict[str, int]]]] = {
    f"{P}/locations": (_repeat(lambda w: LocationFactory(programme=w.ofd.programme)), lambda w: {}),
    f"{P}/companies": (_repeat(lambda w: CompanyFactory(programmes=[w.ofd.programme])), lambda w: {}),
    f"{P}/participations": (
        _repeat(
            lambda w: ParticipationFactory(programme=w.ofd.programme, location=w.ofd.location, package=w.ofd.package)
        ),
        lambda w: {},
    ),
    f"{P}/companies/{{company}}/observations": (_observations, lambda w: {"company": w.ofd.company.pk}),
    f"{P}/partners": (_repeat(lambda w: AgreementFactory(programme=w.ofd.programme)), lambda w: {}),
    f"{P}/mentors": (_repeat(lambda w: MentorFactory(programme=w.ofd.programme)), lambda w: {}),
    f"{P}/mentor-sessions": (_repeat(lambda w: MentoringSessionFactory(match=w.ofd.mentor_match)), lambda w: {}),
    f"{P}/events": (_events, lambda w: {}),
    f"{P}/people": (
        _repeat(lambda w: CompanyRoleFactory(company=w.ofd.company)),
        lambda w: {},
    ),
    f"{P}/leads": (
        _repeat(lambda w: LeadFactory(programme=w.ofd.programme, source="partner", partner=w.ofd.partner)),
        lambda w: {},
    ),
}
LIST_PATHS = sorted(LISTS)


def test_every_list_endpoint_has_a_query_count_row() -> None:
    paginated = {
        op.path for op in api_operations() if op.method == "GET" and getattr(op.view, "_ninja_is_paginated", False)
    }
    assert paginated == set(LISTS)


@pytest.mark.parametrize("path", LIST_PATHS, ids=[p.removeprefix(P) for p in LIST_PATHS])
def test_a_list_costs_as_many_queries_for_30_rows_as_for_3(world, client, path) -> None:  # type: ignore[no-untyped-def]
    add_rows, ids = LISTS[path]
    url = path.format(programme="ofd", **ids(world)) + "?page_size=100"
    client.force_login(world.users[Role.STAFF])
    add_rows(world, 3)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url).json()

    add_rows(world, 27)
    with CaptureQueriesContext(connection) as many:
        large = client.get(url).json()

    assert large["count"] == small["count"] + 27
    assert len(large["items"]) == large["count"]
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


#: report path -> its query parameters. A report is not paginated: it reads every company of the programme,
#: so it must cost a fixed number of queries whatever their number.
REPORTS: dict[str, dict[str, str]] = {
    f"{P}/reports/inflow-outflow": {"on": "2017-05-31"},
    f"{P}/reports/jobs-created": {"from": "2017-01-01", "to": "2017-12-31"},
    f"{P}/reports/indicators": {"from": "2017-01-01", "to": "2017-12-31"},
}
REPORT_PATHS = sorted(REPORTS)


def _companies_with_figures(world: SimpleNamespace, n: int) -> None:
    first = Observation.objects.count()
    for i in range(first, first + n):
        stay = ParticipationFactory(
            programme=world.ofd.programme,
            location=world.ofd.location,
            package=world.ofd.package,
            started_on=datetime.date(2016, 9, 1),
            ended_on=datetime.date(2017, 3, 31) if i % 2 else None,
            outflow_status="entrepreneur" if i % 2 else "",
        )
        ObservationFactory(company=stay.company, observed_on=datetime.date(2016, 9, 1), employees=i % 3)
        ObservationFactory(company=stay.company, observed_on=datetime.date(2017, 3, 1), employees=i % 5)


def test_every_report_endpoint_has_a_query_count_row() -> None:
    reports = {op.path for op in api_operations() if op.method == "GET" and "/reports/" in op.path}
    assert reports == set(REPORTS)


@pytest.mark.parametrize("path", REPORT_PATHS, ids=[p.removeprefix(P) for p in REPORT_PATHS])
def test_a_report_costs_as_many_queries_for_50_companies_as_for_5(world, client, path) -> None:  # type: ignore[no-untyped-def]
    url = path.format(programme="ofd")
    client.force_login(world.users[Role.STAFF])
    _companies_with_figures(world, 4)  # and the world's own company: 5
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, REPORTS[path]).status_code == 200

    _companies_with_figures(world, 45)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, REPORTS[path]).status_code == 200

    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 24  # computing the figures and storing them (reporting.summary)
    with CaptureQueriesContext(connection) as again:
        assert client.get(url, REPORTS[path]).status_code == 200
    assert len(again) <= 10  # the stored figures
