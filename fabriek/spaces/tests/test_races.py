"""Bookings never double, also when many requests race for the same desk-day or overlapping room hours.

Fifty participants of fifty entitled companies each send their booking at the same moment (a barrier
releases fifty threads, each with its own database connection), in twenty rounds: exactly one gets 201, the
others 409, nobody a 500, and the database holds one booking per desk-day. On PostgreSQL the unique index
makes the losers wait for the winner's commit and then refuses them; on SQLite every write transaction
begins IMMEDIATE (settings), so the fifty queue for the write lock and each finds the desk-day taken.

SQLite's in-memory test database cannot be shared by threads (its shared cache locks whole tables and
answers "table is locked" at once instead of waiting), so on SQLite the race runs on a file copy of the
test database, as the demo and a small installation run: `file_database` copies it with SQLite's backup
API and points new connections at the copy; every query of the test then runs in a thread of its own.
"""

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from fabriek.accounts.models import Role
from fabriek.accounts.tests.factories import MembershipFactory, UserFactory
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import ServicePackage
from fabriek.programmes.tests.factories import LocationFactory, ProgrammeFactory, ServicePackageFactory
from fabriek.spaces.models import DeskBooking, RoomBooking, RoomSlot
from fabriek.spaces.tests.factories import DeskFactory, RoomFactory

T = TypeVar("T")
PARALLEL = 50
ROUNDS = 20


@pytest.fixture
def crowd(transactional_db: Any, tmp_path: Path) -> Iterator[SimpleNamespace]:
    """A location with one flexible desk and one room, and fifty companies with a part-time stay there
    (seven flexible desk-days a week, so the weekly allowance never decides), each with a logged-in client."""
    programme = ProgrammeFactory(slug="race")
    location = LocationFactory(programme=programme)
    package = ServicePackageFactory(
        programme=programme, kind=ServicePackage.Kind.PARTTIME, flexible_desk_days_per_week=7
    )
    clients = []
    for n in range(PARALLEL):
        stay = ParticipationFactory(programme=programme, location=location, package=package)
        user = UserFactory(username=f"racer{n}")
        MembershipFactory(user=user, programme=programme, role=Role.PARTICIPANT, company=stay.company)
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    crowd = SimpleNamespace(desk=DeskFactory(location=location), room=RoomFactory(location=location), clients=clients)
    with file_database(tmp_path):
        yield crowd


@contextmanager
def file_database(folder: Path) -> Iterator[None]:
    """On SQLite's in-memory test database: new connections (the threads') open a file copy of it.
    The main thread's connection stays on the in-memory database (closing it would drop it)."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = folder / "race.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.settings_dict["NAME"] = name


def in_thread(query: Callable[[], T]) -> T:
    """Run `query` on a connection of its own (the one the racing threads wrote through)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_closing, query).result()


def _closing(query: Callable[[], T]) -> T:
    try:
        return query()
    finally:
        connections.close_all()


def race(clients: list[Client], path: str, bodies: list[dict[str, Any]]) -> Counter[int]:
    """POST bodies[i] as clients[i], all released at once; the status codes counted."""
    barrier = threading.Barrier(len(clients))

    def one(i: int) -> int:
        try:
            barrier.wait()
            response = clients[i].post(path, json.dumps(bodies[i]), content_type="application/json")
            return response.status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return Counter(pool.map(one, range(len(clients))))


def test_fifty_parallel_bookings_of_one_desk_day_give_one_booking_and_fortynine_409s(crowd: Any) -> None:
    today = timezone.localdate()
    for round_ in range(1, ROUNDS + 1):
        day = today + timedelta(days=round_)
        body = {"desk": crowd.desk.pk, "date": day.isoformat()}

        statuses = race(crowd.clients, "/api/v1/programmes/race/bookings", [body] * PARALLEL)

        assert statuses == Counter({201: 1, 409: PARALLEL - 1}), f"round {round_}: {statuses}"
        assert in_thread(lambda day=day: DeskBooking.objects.filter(desk=crowd.desk, day=day).count()) == 1
    assert in_thread(DeskBooking.objects.count) == ROUNDS


def test_fifty_parallel_bookings_of_overlapping_room_hours_give_one_booking(crowd: Any) -> None:
    today = timezone.localdate()
    # every range holds 10:00-11:00, so any two overlap; they differ in where they start and end
    ranges = [(8 + n % 3, 11 + n % 2) for n in range(PARALLEL)]
    for round_ in range(1, ROUNDS + 1):
        day = today + timedelta(days=round_)
        bodies = [
            {"room": crowd.room.pk, "date": day.isoformat(), "start_hour": start, "end_hour": end}
            for start, end in ranges
        ]

        statuses = race(crowd.clients, "/api/v1/programmes/race/room-bookings", bodies)

        assert statuses == Counter({201: 1, 409: PARALLEL - 1}), f"round {round_}: {statuses}"
        winner = in_thread(lambda day=day: RoomBooking.objects.get(room=crowd.room, day=day))
        hours = in_thread(
            lambda day=day: list(
                RoomSlot.objects.filter(room=crowd.room, day=day).order_by("hour").values_list("hour", flat=True)
            )
        )
        assert hours == list(range(winner.start_hour, winner.end_hour))
    assert in_thread(RoomBooking.objects.count) == ROUNDS
