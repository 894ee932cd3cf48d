"""Property: on random histories the database rules (rules.py) give exactly what the plain-Python reference
(reference.py) gives. Each example writes its rows inside a savepoint that is rolled back afterwards, so the
examples do not see each other, on SQLite and on PostgreSQL alike."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fabriek.companies.models import Company
from fabriek.core.periods import add_years
from fabriek.reporting import reference, rules
from fabriek.reporting.tests.histories import company, figure, make_programme, stay

FIRST = datetime.date(2015, 1, 1)
LAST = datetime.date(2020, 12, 31)
#: Days the rules treat specially: leap days, and the days before and after.
SPECIAL = [
    datetime.date(2016, 2, 29),
    datetime.date(2016, 2, 28),
    datetime.date(2016, 3, 1),
    datetime.date(2018, 2, 28),
]
#: Offsets that sit on the edges of the rules: the day before/after, day 90 and 91 of the baseline grace,
#: and a year later (beyond a two-year window).
EDGES = [-1, 0, 1, 89, 90, 91, 365]
SOURCES = list(reference.RANK)
STATUSES = list(reference.STATUSES)

plain_dates = st.one_of(st.dates(FIRST, LAST), st.sampled_from(SPECIAL))


def near(anchors):
    """Half of the time a date on an edge next to one of `anchors`, else any date."""

    def shifted(pair):
        anchor, offset = pair
        return min(max(anchor + datetime.timedelta(days=offset), FIRST), LAST)

    edges = st.tuples(st.sampled_from(anchors), st.sampled_from(EDGES)).map(shifted)
    return st.one_of(plain_dates, edges) if anchors else plain_dates


@st.composite
def stays_of_a_company(draw):
    """Stays that never overlap (the database refuses overlaps); the last one may still be going."""
    boundaries = sorted(set(draw(st.lists(plain_dates, min_size=1, max_size=6))))
    stays = []
    for index in range(0, len(boundaries), 2):
        start = boundaries[index]
        end = boundaries[index + 1] if index + 1 < len(boundaries) else start
        if draw(st.booleans()) and end > start:
            end = start  # a one-day stay
        stays.append({"start": start, "end": end, "status": draw(st.sampled_from(STATUSES))})
    if draw(st.booleans()):
        stays[-1]["end"] = None
        stays[-1]["status"] = ""
    return stays


def edges_of(stays):
    """The days around which the rules turn: starts, ends and ends plus two years."""
    days = [s["start"] for s in stays] + [s["end"] for s in stays if s["end"]]
    return days + [add_years(s["end"], 2) for s in stays if s["end"]]


@st.composite
def scenario(draw):
    """Companies with stays, the report dates (near the stays' edges), then figures near all of those."""
    companies = draw(st.lists(stays_of_a_company(), min_size=1, max_size=4))
    anchors = [day for stays in companies for day in edges_of(stays)]
    dates_on = draw(st.lists(near(anchors), min_size=1, max_size=6))
    periods = [tuple(sorted(pair)) for pair in draw(st.lists(st.tuples(near(anchors), near(anchors)), max_size=8))]
    periods.append((FIRST, LAST))  # everyone, with the widest windows
    report_days = dates_on + [day for period in periods for day in period]
    histories = []
    for stays in companies:
        figures: dict = {}
        for _ in range(draw(st.integers(0, 8))):
            if figures and draw(st.integers(0, 3)) == 0:
                day = list(figures)[-1][0]  # a second source on the same day: a tie for the source rank
            else:
                day = draw(near(edges_of(stays) + report_days))
            figures[(day, draw(st.sampled_from(SOURCES)))] = (draw(st.integers(0, 30)), draw(st.integers(0, 5)))
        histories.append((stays, figures))
    return histories, dates_on, periods


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=scenario())
def test_the_database_rules_give_what_the_reference_gives_on_random_histories(case):
    histories, dates_on, periods = case
    with transaction.atomic():
        world = make_programme()
        participations, observations = [], []
        for stays, figures in histories:
            acme = company(world)
            for s in stays:
                end_text = s["end"].isoformat() if s["end"] else None
                stay(world, acme, s["start"].isoformat(), end_text, status=s["status"])
                participations.append({"company": acme.pk, **s})
            for (day, source), (employees, interns) in figures.items():
                figure(acme, day.isoformat(), employees, interns, source=source)
                observations.append(
                    {"company": acme.pk, "date": day, "employees": employees, "interns": interns, "source": source}
                )

        for on in dates_on:
            expected = reference.inflow_outflow(participations, observations, on)
            table = rules.inflow_outflow(programme=world.programme, on=on)
            assert table.as_dict() == {
                "programme": "ofd",
                "on": on.isoformat(),
                **{k: v for k, v in expected.items() if k not in ("missing", "cells")},
            }
            assert set(table.missing_figures) == expected["missing"]
            for row, members in expected["cells"].items():
                assert set(table.companies(row)) == members, row

            figures_on = rules.employees_on(programme=world.programme, companies=Company.objects.all(), on=on)
            for pk, found in figures_on.items():
                expected_figure = reference.employees_on(observations, pk, on)
                assert (None if found.missing else (found.employees, found.interns)) == expected_figure

        for start, end in periods:
            expected = reference.jobs_created(participations, observations, start, end)
            jobs = rules.jobs_created(programme=world.programme, start=start, end=end)
            assert jobs.as_dict() == {
                "programme": "ofd",
                "from": start.isoformat(),
                "to": end.isoformat(),
                **{k: v for k, v in expected.items() if k not in ("changes", "missing")},
            }
            assert {row.company_id: row.change for row in jobs.rows if row.change is not None} == expected["changes"]
            assert set(jobs.companies("companies_missing_baseline")) == expected["missing"]
        transaction.set_rollback(True)
