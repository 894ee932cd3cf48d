"""Every report takes the same, fixed number of queries for 5 companies as for 500."""

import datetime

import pytest

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.programmes.models import PlanPeriod, Target
from fabriek.reporting import rules
from fabriek.reporting.exporters import IndicatorsExporter, InflowOutflowExporter, JobsCreatedExporter
from fabriek.reporting.indicators import indicators
from fabriek.reporting.tests.histories import d, make_programme

STATUSES = ["entrepreneur", "freelancer", "employed", "stopped"]


def build(count):
    """`count` companies with two stays each (the second ongoing for half of them) and four figures."""
    world = make_programme()
    plan = PlanPeriod.objects.create(
        programme=world.programme, name="2017-2019", starts_on=d("2017-01-01"), ends_on=d("2019-12-31")
    )
    Target.objects.create(plan_period=plan, indicator="jobs_created", value=150)
    companies = Company.objects.bulk_create(
        Company(kvk_number=f"{40000000 + n:08d}", name=f"Bulk {n} BV") for n in range(count)
    )
    stays, figures = [], []
    for n, acme in enumerate(companies):
        first = datetime.date(2015, 1, 1) + datetime.timedelta(days=n % 700)
        second = first + datetime.timedelta(days=400)
        stays.append(
            Participation(
                company=acme,
                programme=world.programme,
                location=world.locations["Assen"],
                package=world.packages["fulltime"],
                started_on=first,
                ended_on=first + datetime.timedelta(days=300),
                outflow_status=STATUSES[n % 4],
            )
        )
        ongoing = n % 2 == 0
        stays.append(
            Participation(
                company=acme,
                programme=world.programme,
                location=world.locations["Emmen"],
                package=world.packages["parttime"],
                started_on=second,
                ended_on=None if ongoing else second + datetime.timedelta(days=200),
                outflow_status="" if ongoing else STATUSES[(n + 1) % 4],
            )
        )
        for k in range(4):
            day = first + datetime.timedelta(days=k * 200 - (n % 3) * 30)
            figures.append(
                Observation(
                    company=acme, programme=world.programme, observed_on=day, employees=n % 7 + k, interns=k % 2
                )
            )
    Participation.objects.bulk_create(stays)
    Observation.objects.bulk_create(figures)
    return world


REPORTS = {
    "inflow-outflow": (1, lambda p: rules.inflow_outflow(programme=p, on=d("2017-05-31")).as_dict()),
    "jobs-created": (
        1,
        lambda p: rules.jobs_created(programme=p, start=d("2017-01-01"), end=d("2017-12-31")).as_dict(),
    ),
    "data coverage": (1, lambda p: rules.data_coverage(programme=p, on=d("2017-12-31"), start=d("2017-01-01"))),
    "employees on": (1, lambda p: rules.employees_on(programme=p, companies=Company.objects.all(), on=d("2017-05-31"))),
    # the plan period, its targets and one query per indicator (jobs created included)
    "indicators": (10, lambda p: indicators(programme=p, start=d("2017-01-01"), end=d("2017-12-31"))),
    "inflow-outflow xlsx with companies": (
        2,
        lambda p: InflowOutflowExporter(
            p, rules.inflow_outflow(programme=p, on=d("2017-05-31")), with_companies=True
        ).render("xlsx"),
    ),
    "jobs-created csv with companies and coverage": (
        3,
        lambda p: JobsCreatedExporter(
            p,
            rules.jobs_created(programme=p, start=d("2017-01-01"), end=d("2017-12-31")),
            coverage=rules.data_coverage(programme=p, on=d("2017-12-31"), start=d("2017-01-01")),
            with_companies=True,
        ).render("csv"),
    ),
    "indicators csv": (
        10,
        lambda p: IndicatorsExporter(
            p,
            indicators(programme=p, start=d("2017-01-01"), end=d("2017-12-31")),
            start=d("2017-01-01"),
            end=d("2017-12-31"),
        ).render("csv"),
    ),
}


@pytest.mark.parametrize("count", [5, 500])
@pytest.mark.parametrize("name", list(REPORTS))
def test_a_report_takes_the_same_number_of_queries_for_5_and_for_500_companies(
    db, django_assert_num_queries, name, count
):
    world = build(count)
    queries, run = REPORTS[name]

    with django_assert_num_queries(queries):
        run(world.programme)


def test_the_bulk_world_is_big_enough_to_tell(db):
    world = build(500)

    result = rules.inflow_outflow(programme=world.programme, on=d("2017-05-31"))

    assert len(result.rows) == 500
