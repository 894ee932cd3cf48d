"""The OpenAPI schema: served at /api/v1/openapi.json, committed as docs/openapi.json, every operation ruled."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from config.api import api_operations
from fabriek.accounts.api_auth import PUBLIC_RULE, api_rule, deny_without_rule
from fabriek.accounts.models import Role

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.json"
REGENERATE = (
    "docs/openapi.json differs from the schema the API serves. Regenerate it with "
    "`.venv/bin/python manage.py export_openapi > docs/openapi.json` and commit the result."
)
METHODS = {"get", "post", "put", "patch", "delete"}


def test_the_served_schema_equals_docs_openapi_json(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json() == json.loads(COMMITTED.read_text(encoding="utf-8")), REGENERATE


def test_export_openapi_prints_the_committed_file_byte_for_byte() -> None:
    out = StringIO()

    call_command("export_openapi", stdout=out)

    assert out.getvalue() == COMMITTED.read_text(encoding="utf-8"), REGENERATE


def test_export_openapi_is_sorted_and_indented() -> None:
    out = StringIO()
    call_command("export_openapi", stdout=out)
    text = out.getvalue()

    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_every_operation_in_the_schema_declares_who_may_use_it(client) -> None:  # type: ignore[no-untyped-def]
    schema = client.get("/api/v1/openapi.json").json()
    in_schema = {
        (method.upper(), path) for path, item in schema["paths"].items() for method in item if method in METHODS
    }
    rules = {(op.method, op.path): op.roles for op in api_operations()}

    assert in_schema == set(rules)
    assert sorted(f"{method} {path}" for (method, path), roles in rules.items() if not roles) == []


def test_the_schema_offers_bearer_tokens_and_sessions_on_every_operation() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    security = {
        json.dumps(operation["security"], sort_keys=True)
        for item in schema["paths"].values()
        for method, operation in item.items()
        if method in METHODS and "security" in operation
    }
    # only the operations anyone may call (api_public) need no authentication
    without = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS and "security" not in operation
    }
    public = {(op.method, op.path) for op in api_operations() if op.roles == PUBLIC_RULE}
    assert without == public

    assert security == {json.dumps([{"TokenAuth": []}, {"SessionAuth": []}], sort_keys=True)}
    assert schema["components"]["securitySchemes"] == {
        "SessionAuth": {"in": "cookie", "name": "sessionid", "type": "apiKey"},
        "TokenAuth": {"scheme": "bearer", "type": "http"},
    }


def test_each_operation_names_its_roles_in_its_description() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    operation = schema["paths"]["/api/v1/programmes/{programme}/companies"]["post"]

    assert operation["description"] == "Roles: staff."


def test_an_operation_without_a_rule_is_refused_for_everyone(rf) -> None:  # type: ignore[no-untyped-def]
    def secret(request):  # type: ignore[no-untyped-def]
        return "secret"

    guarded = deny_without_rule(secret)

    with pytest.raises(PermissionDenied, match=r"^This operation declares no access rule, so nobody may use it\.$"):
        guarded(rf.get("/"))


def test_an_operation_with_a_rule_is_left_as_it_is() -> None:
    @api_rule([Role.STAFF])
    def ruled(request):  # type: ignore[no-untyped-def]
        return "ok"

    assert deny_without_rule(ruled) is ruled
    assert ruled.api_rule == frozenset({"staff"})
