"""Capacity is a database guarantee: 30 people registering at the same moment for 10 seats.

Thirty threads, each with its own connection and its own client address, post the pinned registration call
at once (a barrier releases them together). PostgreSQL only: the SQLite test database lives in memory, one
connection, so it cannot run writers in parallel (and SQLite serialises writers anyway).
"""

import datetime
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from fabriek.events import registrations
from fabriek.events.models import Attendance
from fabriek.events.tests.factories import EventFactory
from fabriek.programmes.tests.factories import ProgrammeFactory

PEOPLE, SEATS = 30, 10


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_registrations_for_ten_seats_confirm_exactly_ten(settings) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need a real database server: PostgreSQL only (SQLite tests run in memory)")
    settings.EMAIL_BACKEND = "fabriek.mail.backends.OutboxBackend"
    programme = ProgrammeFactory(slug="parallel")
    start = timezone.now() + datetime.timedelta(days=7)
    event = EventFactory(
        programme=programme, starts_at=start, ends_at=start + datetime.timedelta(hours=2), public=True, capacity=SEATS
    )
    barrier = threading.Barrier(PEOPLE)

    def sign_up(n: int) -> tuple[int, dict[str, object]]:
        try:
            client = Client()
            barrier.wait()
            response = client.post(
                f"/api/v1/programmes/parallel/events/{event.pk}/registrations",
                json.dumps({"name": f"Persoon {n}", "email": f"persoon{n}@example.org"}),
                content_type="application/json",
                REMOTE_ADDR=f"10.0.1.{n}",
            )
            return response.status_code, response.json()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        answers = list(pool.map(sign_up, range(PEOPLE)))

    assert sorted({status for status, _ in answers}) == [201], answers
    statuses = [body["status"] for _, body in answers]
    assert (statuses.count("confirmed"), statuses.count("waiting")) == (SEATS, PEOPLE - SEATS)
    seats = Attendance.objects.filter(event=event, status="confirmed").values_list("seat", flat=True)
    assert sorted(seats) == list(range(1, SEATS + 1))

    # cancelling one confirmed registration moves exactly one up: the first in line
    cancelled = Attendance.objects.filter(event=event, status="confirmed").order_by("pk").first()
    first_in_line = Attendance.objects.filter(event=event, status="waiting").order_by("registered_at", "pk").first()
    moved = registrations.registration_cancel(actor=None, attendance=cancelled)
    assert [a.pk for a in moved] == [first_in_line.pk]
    counts = {
        s: Attendance.objects.filter(event=event, status=s).count() for s in ("confirmed", "waiting", "cancelled")
    }
    assert counts == {"confirmed": SEATS, "waiting": PEOPLE - SEATS - 1, "cancelled": 1}
