"""The reports over the API: exactly the JSON of the `report` command (the rules' `as_dict()`), for the same
roles as the pages."""

import datetime
import json
from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from fabriek.accounts.models import Role
from fabriek.reporting import rules
from fabriek.reporting.exporters import IndicatorsExporter
from fabriek.reporting.indicators import indicators
from fabriek.reporting.tests import scenario

BASE = "/api/v1/programmes/ofd/reports"
ROLES = [role.value for role in Role]


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def history(world: SimpleNamespace) -> SimpleNamespace:
    return scenario.build(world)


def get(client: Client, world: SimpleNamespace, role: str, path: str, **params: str) -> Any:
    client.force_login(world.users[role])
    return client.get(f"{BASE}{path}", params)


def report(*args: str) -> dict[str, Any]:
    out = StringIO()
    with translation.override("en"):
        call_command("report", "--programme", "ofd", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_the_in_outflow_report_is_the_rules_as_dict_and_the_commands_json(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, Role.STAFF, "/inflow-outflow", on="2017-05-31")

    assert response.status_code == 200
    expected = rules.inflow_outflow(programme=world.ofd.programme, on=scenario.ON).as_dict()
    assert response.json() == expected == scenario.INFLOW_OUTFLOW_ON
    assert response.json() == report("inflow-outflow", "--on", "2017-05-31")


def test_the_jobs_report_is_the_rules_as_dict_and_the_commands_json(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, Role.FUNDER, "/jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"})

    assert response.status_code == 200
    expected = rules.jobs_created(programme=world.ofd.programme, start=scenario.YEAR[0], end=scenario.YEAR[1]).as_dict()
    assert response.json() == expected == scenario.JOBS_2017
    assert response.json() == report("jobs-created", "--from", "2017-01-01", "--to", "2017-12-31")
    assert list(response.json()) == [
        "programme",
        "from",
        "to",
        "gross",
        "net",
        "companies_counted",
        "companies_missing_baseline",
    ]


def test_the_indicators_report_is_the_commands_json_with_net_only_on_jobs_created(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, Role.PARTICIPANT, "/indicators", **{"from": "2017-01-01", "to": "2019-12-31"})

    assert response.status_code == 200
    body = response.json()
    start, end = datetime.date(2017, 1, 1), datetime.date(2019, 12, 31)
    with translation.override("en"):
        values = indicators(programme=world.ofd.programme, start=start, end=end)
        expected = IndicatorsExporter(world.ofd.programme, values, start=start, end=end).as_json()
    assert body == expected
    assert body == report("indicators", "--from", "2017-01-01", "--to", "2019-12-31")
    assert [indicator["key"] for indicator in body["indicators"]] == [
        "events",
        "people_reached",
        "participants",
        "partners",
        "physical_locations",
        "other_locations",
        "mentors",
        "jobs_created",
    ]
    assert [("net" in indicator) for indicator in body["indicators"]] == [False] * 7 + [True]
    jobs = body["indicators"][-1]
    assert (jobs["value"], jobs["net"], jobs["target"]) == (5, 3, None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("path", "params", "allowed"),
    [
        ("/inflow-outflow", {"on": "2017-05-31"}, {Role.STAFF, Role.LOCATION_MANAGER, Role.FUNDER}),
        ("/jobs-created", {"from": "2017-01-01", "to": "2017-12-31"}, {Role.STAFF, Role.LOCATION_MANAGER, Role.FUNDER}),
        ("/indicators", {"from": "2017-01-01", "to": "2017-12-31"}, set(ROLES)),
    ],
)
def test_each_role_gets_the_reports_the_pages_show_it(client, world, history, role, path, params, allowed) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, role, path, **params)

    assert response.status_code == (200 if role in allowed else 403)


def test_a_member_of_another_programme_gets_404(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, "other_staff", "/inflow-outflow", on="2017-05-31")

    assert response.status_code == 404


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, Role.STAFF, "/jobs-created", **{"from": "2018-01-01", "to": "2017-01-01"})

    assert response.status_code == 422
    assert response.json()["errors"] == {"to": ["The period ends (2017-01-01) before it starts (2018-01-01)."]}


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/inflow-outflow", {}, "on"),
        ("/inflow-outflow", {"on": "31-05-2017"}, "on"),
        ("/indicators", {"from": "2017-01-01"}, "to"),
    ],
)
def test_a_missing_or_malformed_date_is_refused_naming_the_parameter(
    client, world, history, path, params, field
) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, Role.STAFF, path, **params)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_the_reports_are_in_the_openapi_schema_with_their_parameters(client, world) -> None:  # type: ignore[no-untyped-def]
    schema = client.get("/api/v1/openapi.json").json()

    jobs = schema["paths"]["/api/v1/programmes/{programme}/reports/jobs-created"]["get"]
    assert sorted(parameter["name"] for parameter in jobs["parameters"]) == ["from", "programme", "to"]
    assert "Roles: funder, location_manager, staff." in jobs["description"]
