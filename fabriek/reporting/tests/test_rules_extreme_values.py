"""Issue 6: no value the database accepts may crash a report.

A figure of 99,999,999,999 employees once made the dashboard and the jobs page answer 500 for everyone,
because the rules packed a date and a headcount into one integer. This test stores the largest headcount
the database at hand accepts (SQLite takes any 64-bit integer, PostgreSQL's integer column 2**31 - 1, and
field bounds may make it smaller still: the test finds out rather than assumes), and the earliest and
latest dates it accepts, then asks every report, page and download for them. It runs on both databases.
"""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import DataError, IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from fabriek.companies.models import Company
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.reporting import rules
from fabriek.reporting.tests.histories import d

#: Headcounts to try, largest first: 64-bit maximum, the issue's number, 32-bit maximum, the planned bound.
HEADCOUNTS = (2**63 - 1, 99_999_999_999, 2**31 - 1, 100_000)
#: Observation dates to try, most extreme first; the last ones are within any plausible bound.
EARLY_DAYS = (datetime.date(1, 1, 1), datetime.date(1900, 1, 1))
LATE_DAYS = (datetime.date(9999, 12, 31), datetime.date(2019, 12, 31))


def _first_accepted(company: Company, candidates: tuple[Any, ...], **fields: Any) -> Observation:
    """Store an observation with the first of `candidates` the database accepts (for the one field that
    varies, named by the "vary" key) and return it."""
    vary = fields.pop("vary")
    for candidate in candidates:
        try:
            with transaction.atomic():
                return Observation.objects.create(
                    company=company, programme=company.programmes.get(), **{**fields, vary: candidate}
                )
        except (DataError, IntegrityError, OverflowError):
            continue
    raise AssertionError(f"the database refused every {vary} in {candidates}")


@pytest.fixture
def extreme(world: SimpleNamespace) -> SimpleNamespace:
    programme = world.ofd.programme
    grower, shrinker = (CompanyFactory(programmes=[programme]) for _ in range(2))
    for company in (grower, shrinker):
        Participation.objects.create(
            company=company,
            programme=programme,
            location=world.ofd.location,
            package=world.ofd.package,
            started_on=d("2017-01-01"),
        )
    # the grower starts at 0 and reaches the largest headcount; the shrinker goes the other way
    Observation.objects.create(
        company=grower, programme=programme, observed_on=d("2017-01-01"), employees=0, interns=0, source="staff"
    )
    top = _first_accepted(
        grower, HEADCOUNTS, vary="employees", observed_on=d("2017-06-01"), interns=0, source="staff"
    ).employees
    assert top >= 100_000
    Observation.objects.create(
        company=grower, programme=programme, observed_on=d("2017-06-01"), employees=top, interns=top, source="survey"
    )
    Observation.objects.create(
        company=shrinker, programme=programme, observed_on=d("2017-01-01"), employees=top, interns=0, source="staff"
    )
    Observation.objects.create(
        company=shrinker, programme=programme, observed_on=d("2017-06-01"), employees=0, interns=0, source="staff"
    )
    # a company with only the earliest and the latest figure the database takes
    dated = CompanyFactory(programmes=[programme])
    Participation.objects.create(
        company=dated,
        programme=programme,
        location=world.ofd.location,
        package=world.ofd.package,
        started_on=d("2017-01-01"),
    )
    early = _first_accepted(dated, EARLY_DAYS, vary="observed_on", employees=top, interns=top, source="staff")
    late = _first_accepted(dated, LATE_DAYS, vary="observed_on", employees=1, interns=0, source="staff")
    return SimpleNamespace(top=top, grower=grower, shrinker=shrinker, dated=dated, early=early, late=late)


def test_the_largest_stored_headcount_reads_back_exactly(world, extreme):
    found = rules.employees_on(
        programme=world.ofd.programme, companies=Company.objects.filter(pk=extreme.grower.pk), on=d("2017-12-31")
    )

    figure = found[extreme.grower.pk]
    assert (figure.observed_on, figure.employees, figure.interns) == (d("2017-06-01"), extreme.top, 0)


def test_the_earliest_and_latest_stored_dates_read_back_exactly(world, extreme):
    def figure_on(day):
        return rules.employees_on(
            programme=world.ofd.programme, companies=Company.objects.filter(pk=extreme.dated.pk), on=day
        )[extreme.dated.pk]

    early = figure_on(extreme.early.observed_on)
    late = figure_on(extreme.late.observed_on)

    assert (early.observed_on, early.employees, early.interns) == (extreme.early.observed_on, extreme.top, extreme.top)
    assert (late.observed_on, late.employees) == (extreme.late.observed_on, 1)


def test_the_in_outflow_table_adds_up_the_largest_headcounts_exactly(world, extreme):
    table = rules.inflow_outflow(programme=world.ofd.programme, on=d("2017-12-31")).as_dict()

    # the world's own company has 2 employees; the grower `top` (staff outranks survey on its date) and the
    # dated company `top` from its early figure, unless its late figure is dated in 2019 or before
    dated_count = 1 if extreme.late.observed_on <= d("2017-12-31") else extreme.top
    assert table["current"]["participants"] == 4
    assert table["current"]["employees"] == 2 + extreme.top + 0 + dated_count


def test_jobs_created_counts_a_growth_and_a_loss_of_the_largest_headcount(world, extreme):
    result = rules.jobs_created(programme=world.ofd.programme, start=d("2017-01-01"), end=d("2017-12-31"))

    changes = {row.company_id: row.change for row in result.rows}
    assert changes[extreme.grower.pk] == extreme.top
    assert changes[extreme.shrinker.pk] == -extreme.top
    assert result.gross == extreme.top
    assert result.net == 0


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("dashboard", "from=2017-01-01&to=2017-12-31"),
        ("dashboard", ""),
        ("indicators-export", "from=2017-01-01&to=2017-12-31&format=csv"),
        ("inflow-outflow", "on=2017-12-31"),
        ("inflow-outflow", ""),
        ("inflow-outflow-export", "on=2017-12-31&format=xlsx"),
        ("inflow-outflow-companies", "on=2017-12-31&row=current&column=employees"),
        ("jobs-created", "from=2017-01-01&to=2017-12-31"),
        ("jobs-created-export", "from=2017-01-01&to=2017-12-31&format=csv"),
        ("jobs-created-companies", "from=2017-01-01&to=2017-12-31&number=gross"),
        ("coverage-companies", "on=2017-12-31&kind=stale"),
    ],
)
def test_every_report_page_and_download_answers_with_the_largest_values(client: Client, world, extreme, name, params):
    client.force_login(world.users["staff"])
    path = reverse(f"reporting:{name}", kwargs={"programme": "ofd"})

    with translation.override("en"):
        response = client.get(f"{path}?{params}" if params else path)

    assert response.status_code == 200, response.content[:500]
