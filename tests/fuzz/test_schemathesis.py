"""schemathesis against the committed OpenAPI schema (docs/openapi.json): a few thousand generated requests,
made as a staff member with an API token, so they reach the operations' real code rather than stop at 401.

Fails on any 5xx and on any error answer that is not JSON `{"detail": ...}`. `make test` runs it on SQLite
and PostgreSQL (`pytest -m fuzz tests/fuzz`) and prints how many cases it sent. Generation is derandomized,
so a run is reproducible. Per operation, schemathesis first sends the cases its coverage phase derives from
the schema (edge values, wrong types, missing fields: about 2,300 in all), then FUZZ_EXAMPLES random ones.
"""

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.fuzz.conftest import SENT

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

schema = schemathesis.openapi.from_path(SCHEMA)

pytestmark = pytest.mark.fuzz


def errors_are_json(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every refusal in the API is JSON with a `detail` a person can read."""
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        assert content_type.startswith("application/json"), f"{response.status_code} answered as {content_type}"
        assert response.json().get("detail"), f"{response.status_code} without a detail: {response.text[:200]}"
    return None


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: Any, fuzz_world: Any) -> None:
    fuzz_world.aim(case)
    SENT.append(1)
    case.call_and_validate(
        app=fuzz_world.app,
        headers={"Authorization": f"Bearer {fuzz_world.token}"},
        checks=[not_a_server_error, errors_are_json],
    )
