"""Reports rendered to JSON, CSV and XLSX by the shared exporter base."""

import csv
import io
import json

import openpyxl
import pytest
from django.utils import translation

from fabriek.reporting import clauses, rules
from fabriek.reporting.exporters import (
    IndicatorsExporter,
    InflowOutflowExporter,
    JobsCreatedExporter,
    escape_cell,
)
from fabriek.reporting.indicators import indicators
from fabriek.reporting.tests.histories import company, d, figure, make_programme, stay


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    world = make_programme()
    acme = company(world, name='=HYPERLINK("http://evil")', kvk="12345678")
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-01-01", 2, 1)
    figure(acme, "2017-12-01", 5, 1)
    gone = company(world, name="@Gone BV", kvk="87654321")
    stay(world, gone, "2016-01-01", "2016-12-31", status="stopped")
    figure(gone, "2016-01-01", 3, 0)
    return world


def inflow_exporter(world, **options):
    result = rules.inflow_outflow(programme=world.programme, on=d("2017-12-31"))
    return InflowOutflowExporter(world.programme, result, **options)


def jobs_exporter(world, **options):
    result = rules.jobs_created(programme=world.programme, start=d("2017-01-01"), end=d("2017-12-31"))
    return JobsCreatedExporter(world.programme, result, **options)


def csv_rows(exporter):
    content = exporter.render("csv").content
    assert content.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_sheets(exporter):
    workbook = openpyxl.load_workbook(io.BytesIO(exporter.render("xlsx").content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Acme = fine", "Acme = fine"),
        ("", ""),
    ],
)
def test_text_cells_a_spreadsheet_would_run_as_a_formula_are_escaped(text, escaped):
    assert escape_cell(text) == escaped


def test_numbers_and_dates_are_not_escaped():
    assert (escape_cell(-2), escape_cell(d("2017-01-01")), escape_cell(None)) == (-2, d("2017-01-01"), None)


def test_the_json_of_a_report_is_its_pinned_dict(world):
    exporter = inflow_exporter(world)

    rendered = exporter.render("json")

    assert json.loads(rendered.content) == exporter.result.as_dict()
    assert (rendered.filename, rendered.content_type) == ("ofd-inflow-outflow-2017-12-31.json", "application/json")


def test_the_inflow_outflow_csv_is_the_seed_table_followed_by_how_it_is_computed(world):
    rows = csv_rows(inflow_exporter(world))

    assert rows[:9] == [
        ["", "Participants", "Employees", "Interns"],
        ["Total inflow", "2", "5", "1"],
        ["Of which participating on 2017-12-31", "1", "5", "1"],
        ["Total outflow", "1", "0", "0"],
        ["Outflow: still active as entrepreneur", "0", "0", "0"],
        ["Outflow: active as freelancer (zzp)", "0", "0", "0"],
        ["Outflow: in paid employment", "0", "0", "0"],
        ["Outflow: stopped", "1", "0", "0"],
        ["Missing figures", "0", "", ""],
    ]
    assert rows[9:11] == [[], ["How this is computed"]]
    assert rows[11] == ["2. In- and outflow", str(clauses.INFLOW_OUTFLOW.text)]
    assert rows[12] == ["1. Employees on a date", str(clauses.EMPLOYEES_ON.text)]


def test_company_rows_escape_names_that_look_like_formulas(world):
    rows = csv_rows(inflow_exporter(world, with_companies=True))

    start = rows.index(["Companies"])
    assert rows[start + 1 : start + 4] == [
        [
            "KvK number",
            "Company",
            "Current or outflow status",
            "Employees counted",
            "Interns counted",
            "Missing figure",
        ],
        ["12345678", '\'=HYPERLINK("http://evil")', "current", "5", "1", "no"],
        ["87654321", "'@Gone BV", "Stopped", "0", "0", "no"],
    ]


def test_the_xlsx_has_a_sheet_per_table_and_a_last_sheet_with_the_definitions(world):
    coverage = rules.data_coverage(programme=world.programme, on=d("2017-12-31"), start=d("2017-01-01"))

    sheets = xlsx_sheets(jobs_exporter(world, with_companies=True, coverage=coverage))

    assert list(sheets) == ["Jobs created", "Data coverage", "Companies", "How this is computed"]
    summary = sheets["Jobs created"]
    assert summary[3:] == [
        ["Gross (new jobs)", 3],
        ["Net (new jobs minus jobs lost)", 3],
        ["Companies counted", 1],
        ["Companies missing a baseline", 0],
    ]
    assert summary[1][1].date() == d("2017-01-01")
    kvk, name, first_start, last_end, status, window_end, *numbers = sheets["Companies"][1]
    assert (kvk, name, first_start.date(), last_end, status, window_end.date()) == (
        "12345678",
        '\'=HYPERLINK("http://evil")',
        d("2017-01-01"),
        None,
        "ongoing",
        d("2017-12-31"),
    )
    assert [n.date() if hasattr(n, "date") else n for n in numbers] == [d("2017-01-01"), 2, d("2017-12-01"), 5, 3]
    assert [row[0] for row in sheets["How this is computed"]] == [
        "3. Jobs created",
        "1. Employees on a date",
        "4. Data coverage",
        "6. Stays last at most two years",
    ]
    assert sheets["How this is computed"][0][1] == str(clauses.JOBS_CREATED.text)


def test_the_indicators_export_lists_values_and_targets_and_every_definition(world):
    values = indicators(programme=world.programme, start=d("2017-01-01"), end=d("2017-12-31"))
    exporter = IndicatorsExporter(world.programme, values, start=d("2017-01-01"), end=d("2017-12-31"))

    rows = csv_rows(exporter)

    assert rows[0] == ["Indicator", "Value", "Target", "Net"]
    assert rows[3] == ["Participating entrepreneurs", "1", "", ""]
    assert rows[8] == ["New jobs during participation or up to two years after", "3", "", "3"]
    notes = rows[rows.index(["How this is computed"]) + 1 :]
    assert [row[1] for row in notes] == [value.definition for value in values]
    assert json.loads(exporter.render("json").content)["indicators"][7]["net"] == 3


def test_an_unknown_format_is_refused(world):
    with pytest.raises(ValueError, match="unknown format"):
        inflow_exporter(world).render("pdf")
