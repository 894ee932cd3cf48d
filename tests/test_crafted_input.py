"""Crafted input never crashes a page or the API: every row is a request someone can send by editing a link,
pasting text or scripting a call, with the answer it gets (issue 6, "no 500s from input").

Pages answer 400 with a message naming what to correct (a report page: the page with its form showing the
error); the API answers JSON `{"detail": ...}` for every error. Each row runs on its own, so on PostgreSQL
a refused value cannot hide behind an earlier one.
"""

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from fabriek.accounts.api_auth import api_token_create
from fabriek.accounts.models import Role

BIG = "9" * 20
NUL = "a\x00b"


@dataclass(frozen=True)
class Crafted:
    name: str
    method: str
    path: str  # {id}, {company}, {mentor} are filled in from the world
    params: dict[str, str] = field(default_factory=dict)  # the query (GET) or the form (POST)
    body: str | None = None  # a raw body, sent with content_type
    content_type: str = "application/json"
    status: tuple[int, ...] = (400,)
    says: str = ""  # part of the message the answer must show


P = "/p/ofd/"
A = "/api/v1/programmes/ofd/"

PAGES = [
    Crafted("dashboard, period ends in 9999", "get", P, {"from": "2020-01-01", "to": "9999-12-31"}, says="1990"),
    Crafted("dashboard, period starts in year 1", "get", P, {"from": "0001-01-01", "to": "2020-01-01"}, says="1990"),
    Crafted("dashboard, year 10000", "get", P, {"from": "2020-01-01", "to": "10000-01-01"}, says="valid date"),
    Crafted("in/outflow on 9999-12-31", "get", P + "reports/inflow-outflow/", {"on": "9999-12-31"}, says="1990"),
    Crafted("in/outflow on 0001-01-01", "get", P + "reports/inflow-outflow/", {"on": "0001-01-01"}, says="1990"),
    Crafted(
        "jobs created to 9999-12-31",
        "get",
        P + "reports/jobs-created/",
        {"from": "2020-01-01", "to": "9999-12-31"},
        says="1990",
    ),
    Crafted(
        "indicators download to 9999-12-31",
        "get",
        P + "reports/indicators/export/",
        {"from": "2020-01-01", "to": "9999-12-31"},
        says="1990",
    ),
    Crafted(
        "in/outflow download on 0001-01-01",
        "get",
        P + "reports/inflow-outflow/export/",
        {"on": "0001-01-01"},
        says="1990",
    ),
    Crafted(
        "companies behind a cell on 9999-12-31",
        "get",
        P + "reports/inflow-outflow/companies/",
        {"on": "9999-12-31"},
        says="1990",
    ),
    Crafted(
        "companies behind jobs created to 9999-12-31",
        "get",
        P + "reports/jobs-created/companies/",
        {"from": "2020-01-01", "to": "9999-12-31"},
        says="1990",
    ),
    Crafted(
        "coverage list from year 1",
        "get",
        P + "reports/coverage/companies/",
        {"on": "2020-01-01", "from": "0001-01-01"},
        says="1990",
    ),
    Crafted(
        "records behind an indicator to 9999-12-31",
        "get",
        P + "reports/indicators/records/",
        {"key": "events", "from": "2020-01-01", "to": "9999-12-31"},
        says="1990",
    ),
    Crafted("stays of year -1", "get", P + "participations/", {"year": "-1"}, says="Year"),
    Crafted("stays of year 10000", "get", P + "participations/", {"year": "10000"}, says="Year"),
    Crafted("page number of 20 digits", "get", P + "companies/", {"page": BIG}, says="Page 9999"),
    Crafted("page number 0", "get", P + "companies/", {"page": "0"}, says="whole number"),
    Crafted("page number -1", "get", P + "events/", {"page": "-1"}, says="whole number"),
    Crafted("page number not a number", "get", P + "partners/", {"page": "last"}, says="whole number"),
    Crafted("page of a report list, 20 digits", "get", P + "reports/jobs-created/", {"page": BIG}, says="Page"),
    Crafted("location filter of 20 digits", "get", P + "companies/", {"location": BIG}, says="Location"),
    Crafted("NUL in a search", "get", P + "companies/", {"q": NUL}, says="U+0000"),
    Crafted("NUL in the mentors' search", "get", P + "mentors/", {"q": NUL}, says="U+0000"),
    Crafted("other control character in a search", "get", P + "events/", {"q": "\x1b[31m"}, says="U+001B"),
    Crafted("NUL in a parameter name", "get", P + "locations/", {"q\x00": "x"}, says="U+0000"),
    Crafted("NUL in a date parameter", "get", P, {"from": "2020-01-01\x00", "to": "2020-12-31"}, says="U+0000"),
    Crafted(
        "NUL in a text field of a form",
        "post",
        P + "companies/new/",
        {"kvk_number": "12345678", "name": "Bakkerij\x00"},
        says="name",
    ),
    Crafted(
        "NUL in a text area",
        "post",
        P + "mentors/new/",
        {"name": "Anna", "email": "anna@example.org", "bio": "line\x00"},
        says="U+0000",
    ),
    Crafted(
        "multipart body without boundary",
        "post",
        P + "companies/new/",
        body="kvk_number=12345678",
        content_type="multipart/form-data",
        says="could not be read",
    ),
    Crafted(
        "import upload without boundary",
        "post",
        P + "imports/",
        body="xx",
        content_type="multipart/form-data",
        says="could not be read",
    ),
    Crafted("record id of 20 digits", "get", P + f"companies/{BIG}/", status=(400, 404)),
]

API = [
    Crafted(
        "jobs created to 9999-12-31",
        "get",
        A + "reports/jobs-created",
        {"from": "2020-01-01", "to": "9999-12-31"},
        status=(422,),
        says="1990",
    ),
    Crafted(
        "indicators from year 1",
        "get",
        A + "reports/indicators",
        {"from": "0001-01-01", "to": "2020-01-01"},
        status=(422,),
        says="1990",
    ),
    Crafted(
        "in/outflow on 9999-12-31",
        "get",
        A + "reports/inflow-outflow",
        {"on": "9999-12-31"},
        status=(422,),
        says="1990",
    ),
    Crafted("stays of year -1", "get", A + "participations", {"year": "-1"}, status=(422,), says="year"),
    Crafted("stays of year 10000", "get", A + "participations", {"year": "10000"}, status=(422,), says="year"),
    Crafted("page number of 20 digits", "get", A + "companies", {"page": BIG}, status=(422,), says="page"),
    Crafted("page size of 20 digits", "get", A + "mentors", {"page_size": BIG}, status=(422,), says="page_size"),
    Crafted("location filter of 20 digits", "get", A + "companies", {"location": BIG}, status=(422,), says="location"),
    Crafted("record id of 20 digits", "get", A + f"companies/{BIG}", status=(422,), says="id"),
    Crafted("record id of 20 digits in a write", "patch", A + f"participations/{BIG}", body="{}", status=(422,)),
    Crafted("NUL in a search", "get", A + "companies", {"search": NUL}, says="U+0000"),
    Crafted("NUL in the path", "get", "/api/v1/programmes/of%00d/companies", says="U+0000"),
    Crafted(
        "NUL in a JSON field",
        "post",
        A + "companies",
        body=json.dumps({"kvk_number": "12345678", "name": NUL}),
        says="name",
    ),
    Crafted(
        "NUL in a JSON list",
        "post",
        A + "mentors",
        body=json.dumps({"name": "A", "email": "a@example.org", "active_from": "2020-01-01", "expertise": ["x\x00"]}),
        says="expertise.0",
    ),
    Crafted("NUL in a JSON key", "patch", A + "companies/{company}", body='{"na\\u0000me": "x"}', says="U+0000"),
    Crafted(
        "expertise: null",
        "post",
        A + "mentors",
        body=json.dumps({"name": "A", "email": "a@example.org", "active_from": "2020-01-01", "expertise": None}),
        status=(422,),
        says="expertise",
    ),
    Crafted(
        "expertise: null in a change",
        "patch",
        A + "mentors/{mentor}",
        body=json.dumps({"expertise": None}),
        status=(422,),
        says="expertise",
    ),
    Crafted(
        "name: null in a change",
        "patch",
        A + "companies/{company}",
        body=json.dumps({"name": None}),
        status=(422,),
        says="name",
    ),
    Crafted("malformed JSON", "post", A + "companies", body='{"name": ', says="not valid JSON"),
    Crafted("JSON that is not UTF-8", "post", A + "companies", body=None, says="not valid JSON"),
    Crafted(
        "multipart body without boundary",
        "post",
        A + "companies",
        body="x",
        content_type="multipart/form-data",
        says="could not be read",
    ),
    Crafted(
        "import without boundary",
        "post",
        A + "imports/records",
        body="x",
        content_type="multipart/form-data",
        says="could not be read",
    ),
    Crafted("method the path does not take", "put", A + "companies", body="{}", status=(405,), says="it accepts: "),
    Crafted("path that does not exist", "get", "/api/v1/nothing-here", status=(404,), says="/api/v1/docs"),
    Crafted(
        "duplicate KvK number",
        "post",
        A + "companies",
        body=json.dumps({"kvk_number": "{kvk}", "name": "Twin"}),
        status=(409, 422),
        says="kvk",
    ),
]


@pytest.fixture
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def _fill(text: str, world: Any) -> str:
    return (
        text.replace("{company}", str(world.ofd.company.pk))
        .replace("{mentor}", str(world.ofd.mentor.pk))
        .replace("{kvk}", world.ofd.company.kvk_number)
    )


def _send(client: Client, row: Crafted, world: Any, **headers: str) -> Any:
    path = _fill(row.path, world)
    if row.method == "get":
        return client.get(path, row.params, headers=headers)
    if row.body is None and not row.params:  # bytes that are not UTF-8
        return client.generic(row.method.upper(), path, b'{"name": "\xff"}', row.content_type, headers=headers)
    if row.body is None:
        return client.post(path, row.params, headers=headers)
    return client.generic(row.method.upper(), path, _fill(row.body, world), row.content_type, headers=headers)


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_page_refuses_crafted_input(row: Crafted, world: Any, english: None) -> None:
    client = Client()
    client.force_login(world.users[Role.STAFF])
    response = _send(client, row, world)
    assert response.status_code in row.status, response.content[:500]
    assert row.says in response.content.decode()


@pytest.mark.parametrize("row", API, ids=[row.name for row in API])
def test_api_refuses_crafted_input(row: Crafted, world: Any, english: None) -> None:
    _token, raw = api_token_create(actor=None, user=world.users[Role.STAFF], name="tests")
    response = _send(Client(), row, world, Authorization=f"Bearer {raw}")
    assert response.status_code in row.status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    assert row.says.lower() in json.dumps(body, ensure_ascii=False).lower()


def test_report_page_shows_its_form_with_the_error(world: Any, english: None, client: Client) -> None:
    client.force_login(world.users[Role.STAFF])
    response = client.get(P + "reports/jobs-created/", {"from": "2020-01-01", "to": "9999-12-31"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "outside the range reports cover" in html
    assert 'value="9999-12-31"' in html  # what was typed stays in the form, to correct


def test_error_pages_speak_dutch_by_default(world: Any, client: Client) -> None:
    client.force_login(world.users[Role.STAFF])
    response = client.get(P + "companies/", {"q": NUL})
    assert response.status_code == 400
    assert "besturingsteken" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [(None, 401), (Role.PARTNER, 403), ("other_staff", 404)], ids=["anonymous", "role", "other"]
)
def test_api_refusals_are_json(role: str | None, status: int, world: Any, english: None) -> None:
    client = Client()
    if role is not None:
        client.force_login(world.users[role])
    response = client.get(A + "companies")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_api_server_error_is_json(world: Any, english: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from fabriek.companies import selectors

    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "company_list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.users[Role.STAFF])
    response = client.get(A + "companies")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "Try again" in response.json()["detail"]
