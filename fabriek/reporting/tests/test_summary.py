"""The stored summary of figures (`reporting.summary`) never serves a number the rules would not give now.

The property test makes random edits of every kind the figures read (companies, stays, figures, events and
who was reached, agreements, mentors, locations; saves, deletes, cascades) and reads the summary between
them, as pages do, so that a stored answer is offered whenever one exists. Every answer must equal what
`rules` and `indicators` compute afresh. It runs on SQLite and on PostgreSQL like every test."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fabriek.accounts.models import Role
from fabriek.accounts.tests.factories import MembershipFactory
from fabriek.companies.models import Company
from fabriek.companies.services import company_delete
from fabriek.companies.tests.factories import PersonFactory
from fabriek.core.deletion import RestoreConflict, deletion_undo
from fabriek.events.models import Attendance, Event
from fabriek.events.registrations import registration_cancel
from fabriek.events.tests.factories import AMS, AttendanceFactory, EventFactory
from fabriek.imports.tests.helpers import errors, run
from fabriek.mentoring.models import MatchStatus
from fabriek.mentoring.services import mentor_match_respond
from fabriek.mentoring.tests.factories import MentorFactory, MentoringSessionFactory, MentorMatchFactory
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.partners.models import Agreement
from fabriek.partners.tests.factories import AgreementFactory
from fabriek.programmes.figures import figures_changed, figures_version
from fabriek.programmes.models import Location
from fabriek.reporting import indicators, rules, selectors, summary
from fabriek.reporting.models import FiguresSummary
from fabriek.reporting.tasks import refresh_figures
from fabriek.reporting.tests.histories import company, figure, make_programme, stay

DAYS = [datetime.date(2016, 2, 29), datetime.date(2017, 5, 31), datetime.date(2018, 12, 31)]
PERIODS = [(datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)), (datetime.date(2015, 1, 1), DAYS[-1])]
dates = st.dates(datetime.date(2015, 1, 1), datetime.date(2019, 12, 31))


def _rows(result: Any) -> list[Any]:
    return sorted(result.rows)


def assert_summary_is_current(world: Any) -> None:
    """What a page gets from the summary (stored or computed) equals what the rules compute now."""
    programme = world.programme
    for location in (None, world.locations["Emmen"]):
        figures = summary.Figures(programme)
        for on in DAYS:
            stored, fresh = (
                figures.inflow_outflow(on=on, location=location),
                rules.inflow_outflow(programme=programme, on=on, location=location),
            )
            assert (stored.as_dict(), _rows(stored)) == (fresh.as_dict(), _rows(fresh))
            assert figures.data_coverage(on=on, location=location) == rules.data_coverage(
                programme=programme, on=on, location=location
            )
        for start, end in PERIODS:
            stored_jobs = figures.jobs_created(start=start, end=end, location=location)
            fresh_jobs = rules.jobs_created(programme=programme, start=start, end=end, location=location)
            assert (stored_jobs.as_dict(), _rows(stored_jobs)) == (fresh_jobs.as_dict(), _rows(fresh_jobs))
        stored_values = figures.indicators(PERIODS, location=location)
        for start, end in PERIODS:
            fresh_values = indicators.indicators(programme=programme, start=start, end=end, location=location)
            assert stored_values[(start, end)] == fresh_values
    for today in (DAYS[1], datetime.date(2030, 1, 1)):  # before and after the last record
        assert summary.Figures(programme).last_record_day(today=today) == selectors.last_record_day(
            programme=programme, today=today
        )
    assert summary.Figures(programme).company_order() == list(
        Company.objects.filter(programmes=programme).order_by("name", "pk").values_list("pk", flat=True)
    )


# -- the edits ---------------------------------------------------------------------------------------------------


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


def edit(world: Any, kind: str, index: int, day: datetime.date, number: int) -> None:
    programme = world.programme
    companies = list(Company.objects.filter(programmes=programme).order_by("pk"))
    stays = list(Participation.objects.filter(programme=programme).order_by("pk"))
    figures = list(Observation.objects.filter(programme=programme).order_by("pk"))
    target = _pick(companies, index)
    if kind == "company with a stay":
        stay(
            world, company(world, name=f"Company {number:02d}"), day.isoformat(), location=["Assen", "Emmen"][index % 2]
        )
    elif kind == "figure" and target is not None:
        Observation.objects.filter(company=target, programme=programme, observed_on=day, source="staff").delete()
        figure(target, day.isoformat(), number, number % 3)
    elif kind == "figure changed" and figures:
        changed = _pick(figures, index)
        changed.employees = number
        changed.save()
    elif kind == "figure deleted" and figures:
        _pick(figures, index).delete()
    elif kind == "stay ended" and stays:
        ended = _pick(stays, index)
        if ended.ended_on is None and day >= ended.started_on:
            ended.ended_on, ended.outflow_status = day, ["entrepreneur", "employed", "stopped"][number % 3]
            ended.save()
    elif kind == "stay moved" and stays:
        moved = _pick(stays, index)
        moved.location = world.locations[["Assen", "Emmen", "Hoogeveen"][number % 3]]
        moved.save()
    elif kind == "stay deleted" and stays:
        _pick(stays, index).delete()
    elif kind == "company renamed" and target is not None:
        target.name = f"{chr(65 + number % 26)} renamed"
        target.save()
    elif kind == "company deleted" and target is not None:
        # its stays and figures go with it; another programme's company loses only this programme's part
        world.deletions.append(company_delete(actor=None, programme=programme, company=target))
    elif kind == "deletion undone" and world.deletions:
        # when something entered since conflicts, nothing is restored
        with contextlib.suppress(RestoreConflict):
            deletion_undo(actor=None, entry=world.deletions.pop(index % len(world.deletions)))
    elif kind == "company leaves the programme" and target is not None:
        target.programmes.remove(programme)
    elif kind == "event with a guest":
        starts = datetime.datetime.combine(day, datetime.time(16), tzinfo=AMS)
        event = EventFactory(programme=programme, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
        AttendanceFactory(event=event, person=_pick(world.people, number), checked_in=bool(number % 2))
    elif kind == "guest checked in":
        attendance = _pick(list(Attendance.objects.filter(event__programme=programme).order_by("pk")), index)
        if attendance is not None:
            attendance.checked_in = not attendance.checked_in
            attendance.save()
    elif kind == "event deleted":
        event = _pick(list(Event.objects.filter(programme=programme).order_by("pk")), index)
        if event is not None:
            event.delete()
    elif kind == "agreement":
        AgreementFactory(programme=programme, started_on=day)
    elif kind == "agreement ended":
        agreement = _pick(list(Agreement.objects.filter(programme=programme).order_by("pk")), index)
        if agreement is not None and day >= agreement.started_on:
            agreement.ended_on = day
            agreement.save()
    elif kind == "mentorship" and target is not None:
        mentor = MentorFactory(programme=programme, person=PersonFactory())
        match = MentorMatchFactory(mentor=mentor, company=target, started_on=day)
        if number % 2:
            MentoringSessionFactory(match=match, held_on=day)
    elif kind == "location closed":
        location = world.locations["Hoogeveen"]
        location.status, location.closed_on = Location.Status.CLOSED, max(day, location.opened_on)
        location.save()


KINDS = [
    "company with a stay",
    "figure",
    "figure changed",
    "figure deleted",
    "stay ended",
    "stay moved",
    "stay deleted",
    "company renamed",
    "company deleted",
    "deletion undone",
    "company leaves the programme",
    "event with a guest",
    "guest checked in",
    "event deleted",
    "agreement",
    "agreement ended",
    "mentorship",
    "location closed",
]
edits = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 20), dates, st.integers(0, 40)), min_size=1, max_size=10
)


@pytest.mark.django_db
# Without shrinking: a failing sequence of ten edits is readable as found, and shrinking one costs minutes.
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(steps=edits, read_every=st.integers(1, 3))
def test_after_random_edits_the_summary_gives_what_the_rules_give(steps, read_every) -> None:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        world = make_programme()
        world.people = PersonFactory.create_batch(3)
        world.deletions = []
        for number in range(3):
            acme = company(world, name=f"Start {number}")
            stay(world, acme, "2016-03-01", location=["Assen", "Emmen", "Hoogeveen"][number])
            figure(acme, "2016-03-01", number + 1)
        assert_summary_is_current(world)  # everything stored once before the first edit
        for step, (kind, index, day, number) in enumerate(steps, start=1):
            edit(world, kind, index, day, number)
            if step % read_every == 0:
                assert_summary_is_current(world)
        assert_summary_is_current(world)
        transaction.set_rollback(True)


# -- what the signals do not see ---------------------------------------------------------------------------------


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    return make_programme()


def _value(world: Any, key: str, period: tuple[datetime.date, datetime.date] = PERIODS[0]) -> int:
    values = summary.Figures(world.programme).indicators([period])[period]
    return next(value.value for value in values if value.key == key)


def test_a_cancelled_registration_no_longer_counts_as_reached(world) -> None:  # type: ignore[no-untyped-def]
    event = EventFactory(programme=world.programme)
    attendance = AttendanceFactory(event=event, checked_in=True)
    assert _value(world, "people_reached") == 1  # and stored

    registration_cancel(actor=None, attendance=attendance)  # a conditional update: no signal

    assert _value(world, "people_reached") == 0


def test_an_accepted_mentorship_counts_at_once(world) -> None:  # type: ignore[no-untyped-def]
    match = MentorMatchFactory(
        mentor=MentorFactory(programme=world.programme), status=MatchStatus.PROPOSED, started_on=PERIODS[0][0]
    )
    assert _value(world, "mentors") == 0

    mentor_match_respond(actor=None, programme=world.programme, match=match, accept=True)

    assert _value(world, "mentors") == 1


def test_bulk_writes_that_say_so_are_seen(world) -> None:  # type: ignore[no-untyped-def]
    acme = company(world)
    stay(world, acme, "2017-01-01")
    day = DAYS[1]
    assert summary.Figures(world.programme).inflow_outflow(on=day).cell("inflow", "employees") == 0

    Observation.objects.bulk_create(
        [Observation(company=acme, programme=world.programme, observed_on=day, employees=4, interns=0, source="staff")]
    )
    figures_changed(programme_ids=[world.programme.pk])

    assert summary.Figures(world.programme).inflow_outflow(on=day).cell("inflow", "employees") == 4


def test_an_imported_file_is_seen_at_once(world) -> None:  # type: ignore[no-untyped-def]
    acme = company(world, kvk="12345678")
    day = DAYS[1]
    figures = summary.Figures(world.programme)
    assert figures.inflow_outflow(on=day).cell("inflow", "participants") == 0  # and stored

    stays = run(
        world.programme, "participations", "kvk_nummer;locatie;pakket;startdatum\n12345678;Assen;fulltime;01-01-2017\n"
    )
    assert errors(stays) == []
    assert summary.Figures(world.programme).inflow_outflow(on=day).cell("inflow", "participants") == 1

    counted = run(world.programme, "observations", "kvk_nummer;datum;medewerkers\n12345678;01-01-2017;6\n")
    assert errors(counted) == []
    assert summary.Figures(world.programme).inflow_outflow(on=day).cell("inflow", "employees") == 6
    assert acme.observations.count() == 1


def test_a_companies_file_changes_the_figures_of_every_programme_sharing_a_company(world) -> None:  # type: ignore[no-untyped-def]
    other = make_programme(slug="other", name="Other programme")
    shared, later = company(world, name="Beta", kvk="12345678"), company(other, name="Gamma")
    shared.programmes.add(other.programme)
    assert summary.Figures(other.programme).company_order() == [shared.pk, later.pk]  # and stored

    result = run(world.programme, "companies", "kvk_nummer;naam\n12345678;Zeta\n")

    assert errors(result) == []
    assert summary.Figures(other.programme).company_order() == [later.pk, shared.pk]


# -- the clock and the code --------------------------------------------------------------------------------------


def test_an_event_counts_once_it_has_begun_even_with_nothing_written(world) -> None:  # type: ignore[no-untyped-def]
    begins = datetime.datetime(2026, 12, 1, 16, 0, tzinfo=AMS)
    EventFactory(programme=world.programme, starts_at=begins, ends_at=begins + datetime.timedelta(hours=2))
    period = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    with time_machine.travel(begins - datetime.timedelta(hours=1), tick=False):
        assert _value(world, "events", period) == 0
        assert _value(world, "events", period) == 0  # served from the store until it begins
    with time_machine.travel(begins + datetime.timedelta(minutes=1), tick=False):
        assert _value(world, "events", period) == 1


def test_figures_another_release_computed_are_not_served(world) -> None:  # type: ignore[no-untyped-def]
    acme = company(world)
    stay(world, acme, "2017-01-01")
    assert summary.Figures(world.programme).inflow_outflow(on=DAYS[1]).cell("inflow", "participants") == 1
    stored = FiguresSummary.objects.get(key__startswith="inflow-outflow")
    stored.code = "an older release"
    stored.payload = b"not a pickle"  # would fail loudly if it were read
    stored.save()

    assert summary.Figures(world.programme).inflow_outflow(on=DAYS[1]).cell("inflow", "participants") == 1


def test_answers_of_older_versions_are_removed_when_newer_ones_are_stored(world) -> None:  # type: ignore[no-untyped-def]
    acme = company(world)
    stay(world, acme, "2017-01-01")
    summary.Figures(world.programme).inflow_outflow(on=DAYS[1])
    summary.Figures(world.programme).inflow_outflow(on=DAYS[2])
    assert FiguresSummary.objects.count() == 2

    figure(acme, "2017-02-01", 3)
    summary.Figures(world.programme).inflow_outflow(on=DAYS[1])

    assert list(FiguresSummary.objects.values_list("key", "version")) == [
        (f"inflow-outflow:{DAYS[1].isoformat()}:", figures_version(world.programme))
    ]


# -- brought up to date before anyone asks -----------------------------------------------------------------------


def test_after_the_periodic_refresh_the_default_pages_find_their_figures_stored(client, world) -> None:  # type: ignore[no-untyped-def]
    acme = company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-01-01", 2)
    client.force_login(MembershipFactory(programme=world.programme, role=Role.STAFF).user)

    assert refresh_figures.call() == 1
    assert FiguresSummary.objects.filter(programme=world.programme).exists()

    for name in ("dashboard", "inflow-outflow", "jobs-created"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"reporting:{name}", kwargs={"programme": "ofd"})).status_code == 200
        computed = [query["sql"] for query in queries.captured_queries if "INSERT" in query["sql"]]
        assert computed == [], name
