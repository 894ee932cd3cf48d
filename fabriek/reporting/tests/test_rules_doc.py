"""One text per counting rule (issue 6, item 3): docs/rules.md, the code, the pages, the downloads and the API
all say the same numbered clause."""

import ast
import html
import io
import re
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from fabriek.reporting import clauses
from fabriek.reporting.indicators import definition
from fabriek.reporting.tests import scenario

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def history(world: SimpleNamespace) -> SimpleNamespace:
    return scenario.build(world)


def page(client: Client, world: SimpleNamespace, name: str, query: str = "") -> str:
    client.force_login(world.users["staff"])
    response = client.get(reverse(f"reporting:{name}", kwargs={"programme": "ofd"}) + query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def shows(content: str, clause: clauses.Clause) -> bool:
    """The page shows the clause's heading and, word for word, its text."""
    with translation.override("en"):
        return clause.heading in content and str(clause.text) in " ".join(content.split())


def test_docs_rules_md_is_the_clauses_written_out() -> None:
    out = StringIO()
    call_command("rules_doc", stdout=out)

    assert (ROOT / "docs" / "rules.md").read_text() == out.getvalue(), "run: manage.py rules_doc > docs/rules.md"


def test_the_clauses_are_numbered_one_by_one_and_every_indicator_has_one() -> None:
    assert [clause.number for clause in clauses.CLAUSES.values()] == list(range(1, len(clauses.CLAUSES) + 1))
    assert set(clauses.INDICATOR_CLAUSES) == {
        "events",
        "people_reached",
        "participants",
        "partners",
        "physical_locations",
        "other_locations",
        "mentors",
        "jobs_created",
    }


@pytest.mark.parametrize(
    ("path", "function", "number"),
    [(path, function, clause.number) for clause in clauses.CLAUSES.values() for path, function in clause.code],
)
def test_the_code_of_every_clause_cites_its_number(path: str, function: str, number: int) -> None:
    tree = ast.parse((ROOT / path).read_text())
    found = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == function]

    assert found, f"{path} has no function {function}"
    docstring = ast.get_docstring(found[0]) or ""
    assert re.search(rf"\b[Cc]lause {number}\b", docstring), f"{path} {function} does not cite clause {number}"


def test_jobs_created_has_one_text_for_the_report_and_the_indicator() -> None:
    with translation.override("en"):
        assert definition("jobs_created").startswith(str(clauses.JOBS_CREATED.text))
        assert clauses.INDICATOR_CLAUSES["jobs_created"] is clauses.JOBS_CREATED


def test_the_report_pages_show_their_clauses_under_their_numbers(client, world, history) -> None:
    inflow = page(client, world, "inflow-outflow", "?on=2017-05-31")
    jobs = page(client, world, "jobs-created", "?from=2017-01-01&to=2017-12-31")

    for clause in (clauses.INFLOW_OUTFLOW, clauses.EMPLOYEES_ON, clauses.DATA_COVERAGE, clauses.STAY_LIMIT):
        assert shows(inflow, clause), clause.key
    for clause in (clauses.JOBS_CREATED, clauses.EMPLOYEES_ON, clauses.DATA_COVERAGE, clauses.STAY_LIMIT):
        assert shows(jobs, clause), clause.key


def test_the_dashboard_shows_each_indicators_clause_and_the_coverage_clause(client, world, history) -> None:
    dashboard = page(client, world, "dashboard", "?from=2017-01-01&to=2017-12-31")

    for clause in clauses.INDICATOR_CLAUSES.values():
        assert shows(dashboard, clause), clause.key
    assert shows(dashboard, clauses.DATA_COVERAGE)


def test_the_lists_behind_a_number_show_the_clause_of_that_number(client, world, history) -> None:
    listed = page(client, world, "jobs-created-companies", "?from=2017-01-01&to=2017-12-31&key=gross")
    coverage = page(client, world, "coverage-companies", "?on=2017-05-31&key=without_figures")
    events = page(client, world, "indicator-records", "?from=2017-01-01&to=2017-12-31&key=events")

    assert shows(listed, clauses.JOBS_CREATED)
    assert shows(coverage, clauses.DATA_COVERAGE)
    assert shows(events, clauses.CLAUSES["events"])


def _notes(content: bytes) -> dict[str, str]:
    """The "How this is computed" sheet of an xlsx download: {heading: text}."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    sheet = book["How this is computed"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0] and len(row) > 1}


def test_the_downloads_carry_the_same_clauses(client, world, history) -> None:
    client.force_login(world.users["staff"])

    def notes(name: str, query: str) -> dict[str, str]:
        response = client.get(reverse(f"reporting:{name}", kwargs={"programme": "ofd"}) + query)
        assert response.status_code == 200
        return _notes(response.content)

    inflow = notes("inflow-outflow-export", "?on=2017-05-31&format=xlsx")
    jobs = notes("jobs-created-export", "?from=2017-01-01&to=2017-12-31&format=xlsx")
    indicators = notes("indicators-export", "?from=2017-01-01&to=2017-12-31&format=xlsx")

    with translation.override("en"):
        for clause in (clauses.INFLOW_OUTFLOW, clauses.EMPLOYEES_ON, clauses.DATA_COVERAGE, clauses.STAY_LIMIT):
            assert inflow[clause.heading] == str(clause.text)
        assert jobs[clauses.JOBS_CREATED.heading] == str(clauses.JOBS_CREATED.text)
        for key, clause in clauses.INDICATOR_CLAUSES.items():
            assert indicators[clause.heading] == definition(key)
            assert indicators[clause.heading].startswith(str(clause.text))


def test_the_api_gives_each_indicator_its_clause_text(client, world, history) -> None:
    client.force_login(world.users["staff"])

    response = client.get("/api/v1/programmes/ofd/reports/indicators", {"from": "2017-01-01", "to": "2017-12-31"})

    assert response.status_code == 200
    with translation.override("en"):
        for item in response.json()["indicators"]:
            assert item["definition"].startswith(str(clauses.INDICATOR_CLAUSES[item["key"]].text))
