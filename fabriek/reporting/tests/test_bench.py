"""The reports benchmark at a tiny scale: its hand-written SQL gives exactly the ORM's numbers, so the
comparison `make bench` prints is an honest one. No timings are asserted."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme
from fabriek.reporting.bench import generate, sql, timing

d = datetime.date.fromisoformat

#: (in/outflow date, three-year period, one-year period), spread over the generated years; 2020-02-29
#: and a period ending on it exercise the leap day.
DATES = [
    (d("2015-06-30"), (d("2014-01-01"), d("2016-12-31")), (d("2015-01-01"), d("2015-12-31"))),
    (d("2018-02-28"), (d("2017-01-01"), d("2019-12-31")), (d("2018-01-01"), d("2018-12-31"))),
    (d("2020-02-29"), (d("2018-03-01"), d("2020-02-29")), (d("2019-03-01"), d("2020-02-29"))),
    (d("2022-06-30"), (d("2021-01-01"), d("2023-12-31")), (d("2023-01-01"), d("2023-12-31"))),
    (d("2024-12-31"), (d("2022-01-01"), d("2024-12-31")), (d("2024-01-01"), d("2024-12-31"))),
]


@pytest.fixture
def bench_data(db):
    return generate.generate(generate.Scale(companies=30, observations=1_200, seed=7))


def test_the_generator_makes_the_companies_and_observations_asked_for_spread_over_five_programmes(bench_data):
    assert (Company.objects.count(), Observation.objects.count()) == (30, 1_200)
    assert [programme.slug for programme in bench_data.programmes] == [
        "bench-national",
        "bench-north",
        "bench-east",
        "bench-south",
        "bench-west",
    ]
    # 50/20/15/10/5 % of 30 companies is 15, 6, 4.5, 3, 1.5: the half goes to the first of the two.
    assert generate._split(30, [50, 20, 15, 10, 5]) == [15, 6, 5, 3, 1]
    # Every company has its home programme; some also had a stay in a second one.
    members = [Company.objects.filter(programmes=programme).count() for programme in bench_data.programmes]
    assert [count >= home for count, home in zip(members, [15, 6, 5, 3, 1], strict=True)] == [True] * 5
    assert sum(members) == Company.programmes.through.objects.count()


def test_the_generated_data_has_the_cases_the_rules_care_about(bench_data):
    stays = Participation.objects.all()
    assert stays.filter(ended_on__isnull=True).exists()
    assert {status for status in stays.values_list("outflow_status", flat=True) if status} == {
        "entrepreneur",
        "freelancer",
        "employed",
        "stopped",
    }
    ties = Observation.objects.values("company", "observed_on").order_by().distinct().count()
    assert ties < Observation.objects.count()


def test_every_hand_written_query_gives_exactly_the_numbers_of_the_orm(bench_data):
    compared = 0
    for programme in bench_data.programmes:
        for on, three_years, one_year in DATES:
            for case in timing.cases(programme, on=on, three_years=three_years, one_year=one_year):
                assert case.sql() == case.orm(), (programme.slug, case.name)
                compared += 1
    assert compared == 5 * 5 * 4


def test_the_hand_written_indicators_carry_the_pro_rated_targets_of_the_plan_period(bench_data):
    national = bench_data.programmes[0]

    rows = sql.indicators(programme=national, start=d("2021-01-01"), end=d("2021-12-31"))

    # 15 home companies give 2021-2023 targets of events 120 x 15 // 1000 = 1, people reached 22,
    # participants 4, jobs 4 (piling up: 365 of 1,095 days, a third, rounded half up), and partners and
    # mentors max(1, 0) = 1 (states: the full target), three physical and two other locations.
    targets = {row["key"]: row["target"] for row in rows}
    assert targets == {
        "events": 0,
        "people_reached": 7,
        "participants": 1,
        "partners": 1,
        "physical_locations": 3,
        "other_locations": 2,
        "mentors": 1,
        "jobs_created": 1,
    }


def test_the_bench_command_refuses_a_database_that_holds_participations(world):
    with pytest.raises(CommandError, match="already holds participations"):
        call_command("bench", "--direct", "--companies", "30", "--observations", "300", stdout=StringIO())

    assert not Programme.objects.filter(slug__startswith="bench-").exists()


def test_the_bench_command_prints_the_table_and_removes_its_data_afterwards(db):
    out = StringIO()

    call_command("bench", "--direct", "--companies", "30", "--observations", "300", "--repeat", "1", stdout=out)

    lines = out.getvalue().splitlines()
    rows = [line.split() for line in lines if line.startswith(("inflow-outflow ", "jobs-created ", "indicators "))]
    assert [row[0] for row in rows] == ["inflow-outflow", "jobs-created", "jobs-created", "indicators"]
    # The "same" column: both versions agree on every report.
    assert {row[-2] for row in rows} == {"yes"}
    assert (Participation.objects.count(), Company.objects.count(), Observation.objects.count()) == (0, 0, 0)


def test_the_bench_command_fails_loudly_when_the_sql_and_the_orm_disagree(db, monkeypatch):
    real = sql.jobs_created

    def off_by_one(**kwargs):
        return {**real(**kwargs), "gross": real(**kwargs)["gross"] + 1}

    monkeypatch.setattr(sql, "jobs_created", off_by_one)
    err = StringIO()

    with pytest.raises(CommandError, match="disagree on: jobs-created 2021-01-01 2023-12-31, jobs-created 2023"):
        call_command(
            "bench",
            "--direct",
            "--companies",
            "30",
            "--observations",
            "300",
            "--repeat",
            "1",
            stdout=StringIO(),
            stderr=err,
        )

    assert "MISMATCH in jobs-created 2021-01-01 2023-12-31" in err.getvalue()
