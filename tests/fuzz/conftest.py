"""The world the schemathesis run calls into: the shared test world, a staff member's API token, and
generated path parameters aimed at records that exist (two in three), so most cases reach real code."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

from fabriek.accounts.api_auth import api_token_create
from fabriek.accounts.models import Role
from fabriek.events.models import Event

#: One entry per case sent, for the summary line.
SENT: list[int] = []


def pytest_sessionfinish(session: Any) -> None:
    if hasattr(session.config, "workeroutput"):  # an xdist worker: tell the controller its count
        session.config.workeroutput["fuzz_cases"] = len(SENT)


def pytest_testnodedown(node: Any, error: Any) -> None:
    SENT.extend([1] * getattr(node, "workeroutput", {}).get("fuzz_cases", 0))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SENT:
        terminalreporter.write_line(f"schemathesis: {len(SENT)} cases sent to the API")


@pytest.fixture(scope="module", autouse=True)
def keep_the_test_connection() -> Any:
    """A real WSGI handler closes the database connection before and after each request; inside a test's
    transaction that would end the transaction (Django's own test client does the same as this)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_world(world: Any) -> SimpleNamespace:
    _token, raw = api_token_create(actor=None, user=world.users[Role.STAFF], name="schemathesis")
    ofd = world.ofd
    ids = {
        "companies": ofd.company.pk,
        "participations": ofd.participation.pk,
        "observations": ofd.observation.pk,
        "locations": ofd.location.pk,
        "partners": ofd.partner.pk,
        "agreements": ofd.agreement.pk,
        "mentors": ofd.mentor.pk,
        "events": ofd.event.pk,
        "attendances": ofd.attendance.pk,
    }
    # the public registration reaches its real checks only for a public event still to come
    start = timezone.now() + datetime.timedelta(days=10)
    Event.objects.filter(pk=ofd.event.pk).update(public=True, capacity=2, starts_at=start, ends_at=start)
    named = {"company": ofd.company.pk, "event": ofd.event.pk, "partner": ofd.partner.pk}

    def aim(case: Any) -> None:
        params = case.path_parameters
        if params is None:
            return
        if "programme" in params:
            params["programme"] = "ofd"
        segments = case.path.strip("/").split("/")
        for name, value in list(params.items()):
            if not isinstance(value, int) or value % 3 == 0:
                continue  # left as generated: a record that is not there, or not a number at all
            if name in named:
                params[name] = named[name]
            elif name == "id":
                collection = segments[segments.index("{id}") - 1]
                params[name] = ids.get(collection, value)

    return SimpleNamespace(app=WSGIHandler(), token=raw, aim=aim)
