import datetime
from decimal import Decimal

import pytest

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports.tests.helpers import errors, row_counts, run
from fabriek.metrics.models import Observation
from fabriek.programmes.models import Programme


@pytest.fixture
def companies(programme: Programme) -> Programme:
    for kvk in ("11111111", "22222222"):
        CompanyFactory(kvk_number=kvk, programmes=[programme])
    return programme


def observations() -> list[tuple[object, ...]]:
    return list(
        Observation.objects.order_by("company__kvk_number", "observed_on", "source").values_list(
            "company__kvk_number", "observed_on", "source", "employees", "interns", "fte", "revenue_cents"
        )
    )


def test_figures_are_imported_with_decimal_commas_exact_cents_and_staff_as_the_default_source(
    companies: Programme,
) -> None:
    result = run(
        companies,
        "observations",
        "kvk_nummer;datum;medewerkers;stagiairs;fte;omzet_eur\n"
        "11111111;20-08-2017;5;0;3,6;1286007\n"
        "11111111;21-02-2018;6;;;1.286.007,55\n"
        "22222222;2018-01-01;0;2;0;0,10\n",
    )

    assert errors(result) == []
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert observations() == [
        ("11111111", datetime.date(2017, 8, 20), "staff", 5, 0, Decimal("3.60"), 128600700),
        ("11111111", datetime.date(2018, 2, 21), "staff", 6, 0, None, 128600755),
        ("22222222", datetime.date(2018, 1, 1), "staff", 0, 2, Decimal("0.00"), 10),
    ]


def test_the_same_company_and_date_from_two_sources_are_two_observations(companies: Programme) -> None:
    result = run(
        companies,
        "observations",
        "kvk_number,observed_on,employees,source\n11111111,2018-01-01,3,survey\n11111111,2018-01-01,4,staf\n",
    )

    assert result.created == 2
    assert [(o[2], o[3]) for o in observations()] == [("staff", 4), ("survey", 3)]


def test_importing_the_same_figures_again_changes_nothing(companies: Programme) -> None:
    content = "kvk_number,observed_on,employees,fte\n11111111,2018-01-01,3,2.5\n"
    run(companies, "observations", content)

    again = run(companies, "observations", content)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Observation.objects.count() == 1


def test_changed_figures_update_the_observation_and_columns_the_file_lacks_stay(companies: Programme) -> None:
    run(companies, "observations", "kvk_number,observed_on,employees,interns,fte\n11111111,2018-01-01,3,1,2.5\n")

    result = run(companies, "observations", "kvk_number,observed_on,employees\n11111111,2018-01-01,4\n")

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert observations() == [("11111111", datetime.date(2018, 1, 1), "staff", 4, 1, Decimal("2.50"), None)]


def test_a_key_repeated_with_other_figures_is_an_error_on_each_differing_column(companies: Programme) -> None:
    before = row_counts()

    result = run(
        companies,
        "observations",
        "kvk_number,observed_on,employees,interns\n11111111,2018-01-01,3,1\n11111111,01-01-2018,4,2\n",
    )

    assert errors(result) == [
        "observations.csv:3:employees: 4 differs from 3 on line 2, which has the same KvK number, date and source",
        "observations.csv:3:interns: 2 differs from 1 on line 2, which has the same KvK number, date and source",
    ]
    assert row_counts() == before


def test_every_bad_cell_of_a_file_is_reported_not_only_the_first(companies: Programme) -> None:
    result = run(
        companies,
        "observations",
        "kvk_number,observed_on,employees,interns,fte,revenue_eur\n"
        '11111111,2018-01-01,-1,twee,"0,234",12.345\n'
        "33333333,2018-13-01,,0,0,0\n",
    )

    assert errors(result) == [
        "observations.csv:2:employees: -1 is negative; it must be 0 or more",
        "observations.csv:2:interns: twee is not a number",
        "observations.csv:2:fte: 0,234 has more than two decimals",
        "observations.csv:2:revenue_eur: 12.345 can be read two ways: in English the point marks decimals, but it "
        "may be meant to group thousands; write 12.345 or 12,345",
        "observations.csv:3:kvk_number: no company with KvK number 33333333 in this programme; import it in a "
        "companies file first",
        "observations.csv:3:observed_on: 2018-13-01 is not a date that exists",
        "observations.csv:3:employees: the value is missing; this column is required",
    ]
    assert Observation.objects.count() == 0
