"""Helpers for the API tests: call an operation as a persona, by session or by token."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from fabriek.accounts.api_auth import api_token_create

BASE = "/api/v1/programmes"


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    """The tests read the messages in English; the project's default language is Dutch."""
    settings.LANGUAGE_CODE = "en"


def send(client: Client, method: str, path: str, data: Any = None, **headers: str) -> Any:
    """One JSON request; `data` is sent as the JSON body for POST and PATCH, as the query for GET."""
    method = method.lower()
    if method == "get":
        return client.get(path, data or {}, headers=headers)
    return getattr(client, method)(
        path, json.dumps(data if data is not None else {}), content_type="application/json", headers=headers
    )


@pytest.fixture
def call(client: Client, world: Any) -> Callable[..., Any]:
    """call(method, path, role, data): as `role` (a key of world.users) by session, or anonymous for None."""

    def _call(method: str, path: str, role: str | None = None, data: Any = None) -> Any:
        client.logout()
        if role is not None:
            client.force_login(world.users[role])
        return send(client, method, path, data)

    return _call


@pytest.fixture
def token_for(world: Any) -> Callable[[str], str]:
    """token_for(role): a fresh raw API key for that persona."""

    def _token_for(role: str) -> str:
        _token, raw = api_token_create(actor=None, user=world.users[role], name="tests", scope="read_write")
        return raw

    return _token_for
