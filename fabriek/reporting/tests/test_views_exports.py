"""The CSV and XLSX downloads of the report pages: the same numbers, the definitions, escaped text cells,
and company names only for staff."""

import codecs
import csv
import io
import zipfile
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from fabriek.accounts.models import Role
from fabriek.reporting import clauses
from fabriek.reporting.exporters import CsvDialect
from fabriek.reporting.indicators import definition
from fabriek.reporting.tests import scenario


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def history(world: SimpleNamespace) -> SimpleNamespace:
    return scenario.build(world)


def url(name: str, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse(f"reporting:{name}", kwargs={"programme": "ofd"}) + (f"?{query}" if query else "")


def download(client: Client, world: SimpleNamespace, role: str, name: str, **params: str) -> Any:
    client.force_login(world.users[role])
    return client.get(url(name, **params))


def csv_files(response: Any) -> dict[str, str]:
    """{file name: text} of a CSV download: a zip with one CSV file per table."""
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}


def csv_rows(response: Any, delimiter: str = ",") -> list[list[str]]:
    """The rows of every table of a CSV download, one table after the other."""
    return [row for text in csv_files(response).values() for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def xlsx_cells(response: Any) -> dict[str, list[list[Any]]]:
    """{sheet title: rows of cell values}."""
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def test_staff_download_the_in_outflow_table_as_csv_with_the_companies_escaped_and_the_definitions(
    client, world, history
) -> None:  # type: ignore[no-untyped-def]
    response = download(client, world, Role.STAFF, "inflow-outflow-export", on="2017-05-31", format="csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="ofd-inflow-outflow-2017-05-31-csv.zip"'
    assert list(csv_files(response)) == [
        "01-in-and-outflow.csv",
        "02-data-coverage.csv",
        "03-companies.csv",
        "04-how-this-is-computed.csv",
    ]
    rows = csv_rows(response)
    assert rows[0] == ["", "Participants", "Employees", "Interns"]
    assert rows[1] == ["Total inflow", "6", "14", "3"]
    names = {row[1] for row in rows if len(row) == 6}
    # text cells a spreadsheet would run as a formula start with a quote
    assert {"'=Formula BV", "'+Plus Freelance", "'-Minus Missing", "'@At Growth", "Krimp BV"} <= names
    assert "=Formula BV" not in names
    assert [str(clauses.INFLOW_OUTFLOW.text)] == [row[1] for row in rows if row[:1] == ["2. In- and outflow"]]
    assert any(row[1:] == [str(clauses.DATA_COVERAGE.text)] for row in rows)


def test_staff_download_the_in_outflow_table_as_xlsx_with_the_same_numbers_and_escaped_names(
    client, world, history
) -> None:  # type: ignore[no-untyped-def]
    response = download(client, world, Role.STAFF, "inflow-outflow-export", on="2017-05-31", format="xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ofd-inflow-outflow-2017-05-31.xlsx"'
    sheets = xlsx_cells(response)
    table = next(iter(sheets.values()))
    assert table[1] == ["Total inflow", 6, 14, 3]
    assert table[2][1:] == [4, 10, 2]
    companies = sheets["Companies"]
    assert {row[1] for row in companies[1:]} == {
        history.w.name,
        "'=Formula BV",
        "'+Plus Freelance",
        "'-Minus Missing",
        "'@At Growth",
        "Krimp BV",
    }
    notes = sheets["How this is computed"]
    assert ["2. In- and outflow", str(clauses.INFLOW_OUTFLOW.text)] in notes


def test_staff_download_jobs_created_with_every_companys_steps(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = download(
        client, world, Role.STAFF, "jobs-created-export", **{"from": "2017-01-01", "to": "2017-12-31", "format": "csv"}
    )

    assert response["Content-Disposition"] == 'attachment; filename="ofd-jobs-created-2017-01-01-2017-12-31-csv.zip"'
    rows = csv_rows(response)
    assert ["Gross (new jobs)", "5"] in rows
    assert ["Net (new jobs minus jobs lost)", "3"] in rows
    formula = next(row for row in rows if len(row) > 1 and row[1] == "'=Formula BV")
    assert formula[2:] == [
        "2016-01-01",
        "2017-03-31",
        "Still active as entrepreneur",
        "2017-12-31",
        "2016-01-01",
        "1",
        "2017-03-01",
        "4",
        "3",
    ]
    assert any(row[1:] == [str(clauses.JOBS_CREATED.text)] for row in rows)


@pytest.mark.parametrize("role", [Role.FUNDER, Role.LOCATION_MANAGER])
@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("inflow-outflow-export", {"on": "2017-05-31"}),
        ("jobs-created-export", {"from": "2017-01-01", "to": "2017-12-31"}),
        ("indicators-export", {"from": "2017-01-01", "to": "2017-12-31"}),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloads_for_the_funder_and_location_managers_hold_no_company_names(
    client, world, history, role, name, params, fmt
) -> None:  # type: ignore[no-untyped-def]
    response = download(client, world, role, name, **params, format=fmt)

    assert response.status_code == 200
    content = str(csv_files(response)) if fmt == "csv" else str(xlsx_cells(response))
    for company_name in ["Formula BV", "Plus Freelance", "Minus Missing", "At Growth", "Krimp BV", history.w.name]:
        assert company_name not in content
    assert history.a.kvk_number not in content


def test_the_indicators_download_carries_every_indicators_value_target_and_definition(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = download(
        client,
        world,
        Role.PARTICIPANT,
        "indicators-export",
        **{"from": "2017-01-01", "to": "2017-12-31", "format": "xlsx"},
    )

    assert response.status_code == 200
    sheets = xlsx_cells(response)
    values = next(iter(sheets.values()))
    assert values[0] == ["Indicator", "Value", "Target", "Net"]
    jobs = next(row for row in values if row[0] == "New jobs during participation or up to two years after")
    assert jobs == ["New jobs during participation or up to two years after", 5, None, 3]
    notes = sheets["How this is computed"]
    assert ["10. Participating entrepreneurs", definition("participants")] in notes


def test_an_unknown_format_is_refused_with_a_message(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = download(client, world, Role.STAFF, "inflow-outflow-export", on="2017-05-31", format="pdf")

    assert response.status_code == 400
    assert response.content.decode() == "Unknown format pdf; choose one of: csv, xlsx."


def test_a_download_with_a_bad_period_is_refused_with_a_message(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = download(client, world, Role.STAFF, "jobs-created-export", **{"from": "2018-01-01", "to": "2017-01-01"})

    assert response.status_code == 400
    assert response.content.decode() == "The period ends (2017-01-01) before it starts (2018-01-01)."


def test_the_pages_link_to_their_downloads_for_the_same_date_or_period(client, world, history) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.FUNDER])

    inflow = client.get(url("inflow-outflow", on="2017-05-31"))
    jobs = client.get(url("jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"}))
    dashboard = client.get(url("dashboard", **{"from": "2017-01-01", "to": "2017-12-31"}))

    assert inflow.context["export_links"] == {
        "csv": url("inflow-outflow-export", on="2017-05-31", format="csv"),
        "xlsx": url("inflow-outflow-export", on="2017-05-31", format="xlsx"),
    }
    assert jobs.context["export_links"]["xlsx"] == url(
        "jobs-created-export", **{"from": "2017-01-01", "to": "2017-12-31", "format": "xlsx"}
    )
    assert dashboard.context["export_links"]["csv"] == url(
        "indicators-export", **{"from": "2017-01-01", "to": "2017-12-31", "format": "csv"}
    )


def test_a_dutch_user_gets_csv_files_that_dutch_excel_opens_in_columns(client, world, history, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "nl"
    response = download(
        client, world, Role.STAFF, "jobs-created-export", **{"from": "2017-01-01", "to": "2017-12-31", "format": "csv"}
    )

    files = csv_files(response)
    assert all(raw.startswith(codecs.BOM_UTF8) for raw in csv_raw(response))
    first = next(iter(files.values()))
    assert ";" in first.splitlines()[0] and "," not in first.splitlines()[0]
    rows = csv_rows(response, delimiter=";")
    assert ["Bruto (nieuwe arbeidsplaatsen)", "5"] in rows


def test_csv_cells_with_decimals_use_the_languages_decimal_separator() -> None:
    dutch, english = CsvDialect.for_language("nl"), CsvDialect.for_language("en-gb")

    assert dutch.table([["FTE", Decimal("2.50")], ["=1+1", 3]]) == codecs.BOM_UTF8 + b"FTE;2,50\r\n'=1+1;3\r\n"
    assert english.table([["FTE", Decimal("2.50")]]) == codecs.BOM_UTF8 + b"FTE,2.50\r\n"


def csv_raw(response: Any) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return [archive.read(name) for name in archive.namelist()]
