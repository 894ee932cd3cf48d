"""The observation importer streams a file through a staging table in batches (importers.STAGE_BATCH rows):
these tests pin that a file larger than one batch behaves exactly like a small one (all or nothing, every
error, duplicates found across batches, figures scoped to the programme)."""

import datetime
import io
from datetime import date, timedelta

import openpyxl
import pytest

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports import importers
from fabriek.imports.tests.helpers import build_programme, errors, row_counts, run, warnings
from fabriek.metrics.models import Observation
from fabriek.programmes.models import Programme

HEADER = "kvk_number,observed_on,employees,interns\n"


@pytest.fixture
def companies(programme: Programme) -> Programme:
    for kvk in ("11111111", "22222222"):
        CompanyFactory(kvk_number=kvk, programmes=[programme])
    return programme


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """Batches of 3 rows, so that a file of a few lines spans several of them."""
    monkeypatch.setattr(importers, "STAGE_BATCH", 3)
    return 3


def lines(count: int, *, first: date = date(2015, 1, 1)) -> list[str]:
    """`count` distinct rows: 11111111 with 3 employees on consecutive days from `first`."""
    return [f"11111111,{first + timedelta(days=n):%Y-%m-%d},3,0\n" for n in range(count)]


def test_a_file_of_more_than_one_batch_is_imported_whole(companies: Programme) -> None:
    programme = companies
    count = importers.STAGE_BATCH + 7  # the real batch size: the last batch is a partial one

    result = run(programme, "observations", HEADER + "".join(lines(count, first=date(1995, 1, 1))))

    assert errors(result) == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (count, count, 0, 0)
    assert Observation.objects.filter(programme=programme).count() == count


def test_an_error_in_the_last_row_after_several_batches_writes_nothing_and_names_the_row(
    companies: Programme, small_batches: int
) -> None:
    before = row_counts()
    content = HEADER + "".join(lines(10)) + "11111111,2016-01-01,drie,0\n"

    result = run(companies, "observations", content)

    assert errors(result) == ["observations.csv:12:employees: drie is not a number"]
    assert not result.applied
    assert row_counts() == before


def test_every_error_of_a_long_file_is_reported_whichever_batch_it_is_in(
    companies: Programme, small_batches: int
) -> None:
    rows = lines(10)
    rows[1] = "11111111,2015-01-02,-1,0\n"
    rows[8] = "99999999,2015-01-09,3,0\n"

    result = run(companies, "observations", HEADER + "".join(rows))

    assert errors(result) == [
        "observations.csv:3:employees: -1 is negative; it must be 0 or more",
        "observations.csv:10:kvk_number: no company with KvK number 99999999 in this programme; import it in a "
        "companies file first",
    ]
    assert Observation.objects.count() == 0


def test_a_key_repeated_in_another_batch_with_other_figures_is_an_error_and_nothing_is_written(
    companies: Programme, small_batches: int
) -> None:
    rows = lines(8)
    rows.append("11111111,01-01-2015,4,0\n")  # line 10: the key of line 2, written another way, other figures

    result = run(companies, "observations", HEADER + "".join(rows))

    assert errors(result) == [
        "observations.csv:10:employees: 4 differs from 3 on line 2, which has the same KvK number, date and source"
    ]
    assert Observation.objects.count() == 0


def test_a_row_repeated_word_for_word_in_another_batch_is_imported_once_with_a_warning(
    companies: Programme, small_batches: int
) -> None:
    rows = lines(7)
    rows.append(rows[0])  # line 9 repeats line 2

    result = run(companies, "observations", HEADER + "".join(rows))

    assert errors(result) == []
    assert warnings(result) == ["observations.csv:9: this line repeats line 2; it is imported once"]
    assert (result.rows, result.created) == (8, 7)
    assert Observation.objects.count() == 7


def test_the_same_date_from_two_sources_in_different_batches_are_two_observations(
    companies: Programme, small_batches: int
) -> None:
    content = (
        "kvk_number,observed_on,employees,source\n"
        "11111111,2018-01-01,3,survey\n"
        "22222222,2018-01-01,1,staff\n"
        "22222222,2018-01-02,1,staff\n"
        "22222222,2018-01-03,1,staff\n"
        "11111111,2018-01-01,4,staff\n"
    )

    result = run(companies, "observations", content)

    assert errors(result) == []
    assert result.created == 5
    figures = Observation.objects.filter(company__kvk_number="11111111").values_list("source", "employees")
    assert sorted(figures) == [("staff", 4), ("survey", 3)]


def test_a_second_import_over_several_batches_counts_created_updated_and_unchanged(
    companies: Programme, small_batches: int
) -> None:
    run(companies, "observations", HEADER + "".join(lines(6)))
    again = lines(9)  # rows 1-6 as stored, then 3 new ones
    again[2] = "11111111,2015-01-03,5,0\n"  # and one changed
    preview = run(companies, "observations", HEADER + "".join(again), dry_run=True)

    result = run(companies, "observations", HEADER + "".join(again))

    assert (preview.created, preview.updated, preview.unchanged) == (3, 1, 5)
    assert (result.created, result.updated, result.unchanged) == (3, 1, 5)
    assert Observation.objects.get(observed_on=datetime.date(2015, 1, 3)).employees == 5
    assert Observation.objects.count() == 9


def test_an_import_updates_only_its_own_programmes_figures_of_a_shared_company(
    companies: Programme, small_batches: int
) -> None:
    other = build_programme("other")
    company = CompanyFactory(kvk_number="33333333", programmes=[companies, other])
    content = "kvk_number,observed_on,employees\n" + "".join(f"33333333,2016-01-0{d},{d}\n" for d in range(1, 6))
    run(other, "observations", content)

    result = run(companies, "observations", content.replace(",1\n", ",7\n"))

    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    assert Observation.objects.filter(company=company, programme=other).count() == 5
    assert Observation.objects.get(company=company, programme=other, observed_on=date(2016, 1, 1)).employees == 1
    assert Observation.objects.get(company=company, programme=companies, observed_on=date(2016, 1, 1)).employees == 7


def test_a_dry_run_of_a_long_file_writes_nothing_and_a_real_run_afterwards_works(
    companies: Programme, small_batches: int
) -> None:
    content = HEADER + "".join(lines(10))

    preview = run(companies, "observations", content, dry_run=True)
    result = run(companies, "observations", content)

    assert (preview.created, preview.applied) == (10, False)
    assert (result.created, result.applied) == (10, True)
    assert Observation.objects.count() == 10


def test_a_workbook_over_several_batches_compares_a_date_cell_with_a_date_typed_as_text(
    companies: Programme, small_batches: int
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["kvk_number", "observed_on", "employees", "fte"])
    for day in range(1, 8):
        sheet.append([11111111, datetime.datetime(2016, 3, day), day, 1.5])
    sheet.append(["11111111", "2016-03-02", 9, "1.5"])  # row 9: the key of row 3, other employees
    sheet.append([22222222, datetime.datetime(2016, 3, 1), 4.5, 1])  # row 10: not a whole number
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = run(companies, "observations", buffer.getvalue(), filename="figures.xlsx")

    assert errors(result) == [
        "figures.xlsx:9:employees: 9 differs from 2 on line 3, which has the same KvK number, date and source",
        "figures.xlsx:10:employees: 4.5 is not a whole number",
    ]
    assert Observation.objects.count() == 0
