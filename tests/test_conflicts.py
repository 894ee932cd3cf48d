"""A write that loses a race with a concurrent one (a deadlock or serialization failure on PostgreSQL, a
busy SQLite) is run again once; when it loses again, the answer is 409 and nothing is saved.

The race is played by the service raising the database error PostgreSQL raises (SQLSTATE 40P01 / 40001)
as many times as the test says, then doing its real work.
"""

import json
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

from fabriek.accounts.models import Role
from fabriek.participation import services


class DeadlockDetected(Exception):
    sqlstate = "40P01"


class SerializationFailure(Exception):
    sqlstate = "40001"


def losing(times: int, cause: type[Exception], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make participation_update lose `times` races before it works; returns the list of attempts."""
    real = services.participation_update
    attempts: list[int] = []

    def racing(**kwargs: Any) -> Any:
        attempts.append(1)
        if len(attempts) <= times:
            raise OperationalError("deadlock detected") from cause()
        return real(**kwargs)

    monkeypatch.setattr(services, "participation_update", racing)
    return attempts


@pytest.mark.parametrize("cause", [DeadlockDetected, SerializationFailure])
def test_a_write_that_loses_one_race_is_retried_and_saved(cause, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    attempts = losing(1, cause, monkeypatch)
    client = Client()
    client.force_login(world.users[Role.STAFF])
    response = client.patch(
        f"/api/v1/programmes/ofd/participations/{world.ofd.participation.pk}",
        json.dumps({"long_stay_reason": "Extra year agreed"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert len(attempts) == 2
    world.ofd.participation.refresh_from_db()
    assert world.ofd.participation.long_stay_reason == "Extra year agreed"


def test_a_write_that_loses_twice_is_a_409_in_json_and_saves_nothing(world, monkeypatch, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "en"
    attempts = losing(2, DeadlockDetected, monkeypatch)
    client = Client()
    client.force_login(world.users[Role.STAFF])
    response = client.patch(
        f"/api/v1/programmes/ofd/participations/{world.ofd.participation.pk}",
        json.dumps({"long_stay_reason": "Extra year agreed"}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/json")
    assert "nothing was saved" in response.json()["detail"]
    assert len(attempts) == 2
    world.ofd.participation.refresh_from_db()
    assert world.ofd.participation.long_stay_reason == ""


def test_a_page_write_that_loses_twice_is_a_409_page_in_dutch(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    losing(2, SerializationFailure, monkeypatch)
    stay = world.ofd.participation
    client = Client()
    client.force_login(world.users[Role.STAFF])
    response = client.post(
        f"/p/ofd/participations/{stay.pk}/edit/",
        {
            "location": stay.location_id,
            "package": stay.package_id,
            "started_on": stay.started_on.isoformat(),
            "long_stay_reason": "Extra jaar",
        },
    )
    assert response.status_code == 409
    assert "is er niets opgeslagen" in response.content.decode()


def test_other_database_errors_are_not_retried(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    attempts: list[int] = []

    def broken(**kwargs: Any) -> Any:
        attempts.append(1)
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(services, "participation_update", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.users[Role.STAFF])
    response = client.patch(
        f"/api/v1/programmes/ofd/participations/{world.ofd.participation.pk}",
        "{}",
        content_type="application/json",
    )
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert attempts == [1]
