"""The booking rules through the pinned API: 201, 409 when taken, 422 when not entitled, 204 on cancel."""

import datetime
import json
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.test import Client

from fabriek.accounts.models import Role
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import ServicePackage
from fabriek.programmes.tests.factories import LocationFactory, ServicePackageFactory
from fabriek.spaces.models import Desk, DeskBooking, RoomBooking
from fabriek.spaces.tests.factories import DeskAssignmentFactory, DeskFactory, RoomFactory

TODAY = datetime.date(2026, 11, 30)  # a Monday
BOOKINGS = "/api/v1/programmes/ofd/bookings"


@pytest.fixture(autouse=True)
def frozen(settings: Any) -> Any:
    settings.LANGUAGE_CODE = "en"
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def place(world: SimpleNamespace) -> SimpleNamespace:
    """At the world's Assen: a flexible desk, the world's full-time stay with fixed desk F1, and a
    part-time stay (one flexible desk-day a week) and a network stay."""
    ofd = world.ofd
    parttime = ServicePackageFactory(programme=ofd.programme, kind=ServicePackage.Kind.PARTTIME)
    network = ServicePackageFactory(programme=ofd.programme, kind=ServicePackage.Kind.NETWORK)
    return SimpleNamespace(
        flex=DeskFactory(location=ofd.location, label="Flex 1"),
        flex2=DeskFactory(location=ofd.location, label="Flex 2"),
        fixed=DeskAssignmentFactory(
            desk__location=ofd.location, desk__label="F1", participation=ofd.participation
        ).desk,
        parttime=ParticipationFactory(
            programme=ofd.programme, location=ofd.location, package=parttime, started_on=datetime.date(2026, 1, 5)
        ),
        network=ParticipationFactory(
            programme=ofd.programme, location=ofd.location, package=network, started_on=datetime.date(2026, 1, 5)
        ),
    )


def test_staff_book_a_flexible_desk_for_a_part_time_stay_and_get_the_pinned_answer(staff_client, place) -> None:  # type: ignore[no-untyped-def]
    response = post(
        staff_client, BOOKINGS, {"desk": place.flex.pk, "date": "2026-12-02", "company": place.parttime.company_id}
    )
    assert response.status_code == 201, response.content
    booking = DeskBooking.objects.get()
    assert response.json() == {
        "id": booking.pk,
        "desk": place.flex.pk,
        "date": "2026-12-02",
        "company": place.parttime.company_id,
    }
    assert booking.participation == place.parttime


def test_a_taken_desk_day_is_409_with_a_detail(staff_client, place, world) -> None:  # type: ignore[no-untyped-def]
    assert (
        post(
            staff_client, BOOKINGS, {"desk": place.flex.pk, "date": "2026-12-02", "company": place.parttime.company_id}
        ).status_code
        == 201
    )
    # the full-time company may not have a flexible desk (its package has none), so take another part-time one
    other = ParticipationFactory(
        programme=world.ofd.programme, location=world.ofd.location, package=place.parttime.package, started_on=TODAY
    )
    response = post(staff_client, BOOKINGS, {"desk": place.flex.pk, "date": "2026-12-02", "company": other.company_id})
    assert response.status_code == 409
    assert response.json() == {"detail": "Desk Flex 1 is taken on 02/12/2026."}
    assert DeskBooking.objects.count() == 1


@pytest.mark.parametrize(
    ("case", "detail"),
    [
        ("allowance", "The flexible desk-days of the week of 30/11/2026 are used (1 a week)."),
        ("network", "The network package includes no desk."),
        ("fixed_of_other", "This fixed desk belongs to another stay; book a flexible desk."),
        ("no_stay_there", "has no stay at"),
        ("past", "01/11/2026 has passed; book today or a day to come."),
        ("too_far", "Book at most 56 days ahead."),
    ],
)
def test_a_company_that_is_not_entitled_gets_422_with_the_reason(staff_client, place, world, case, detail) -> None:  # type: ignore[no-untyped-def]
    parttime = place.parttime.company_id
    body = {"desk": place.flex.pk, "date": "2026-12-03", "company": parttime}
    if case == "allowance":
        assert post(staff_client, BOOKINGS, {**body, "desk": place.flex2.pk, "date": "2026-12-01"}).status_code == 201
    elif case == "network":
        body["company"] = place.network.company_id
    elif case == "fixed_of_other":
        body["desk"] = place.fixed.pk
    elif case == "no_stay_there":
        body["desk"] = DeskFactory(location=LocationFactory(programme=world.ofd.programme, name="Emmen")).pk
    elif case == "past":
        body["date"] = "2026-11-01"
    elif case == "too_far":
        body["date"] = "2027-03-01"
    before = DeskBooking.objects.count()

    response = post(staff_client, BOOKINGS, body)

    assert response.status_code == 422, response.content
    assert detail in response.json()["detail"]
    assert DeskBooking.objects.count() == before


def test_the_weekly_allowance_counts_per_iso_week(staff_client, place) -> None:  # type: ignore[no-untyped-def]
    company = place.parttime.company_id
    # Sunday 6 December closes the ISO week of Monday 30 November; Monday 7 December opens the next
    assert (
        post(staff_client, BOOKINGS, {"desk": place.flex.pk, "date": "2026-12-06", "company": company}).status_code
        == 201
    )
    assert (
        post(staff_client, BOOKINGS, {"desk": place.flex.pk, "date": "2026-12-07", "company": company}).status_code
        == 201
    )
    assert (
        post(staff_client, BOOKINGS, {"desk": place.flex2.pk, "date": "2026-12-05", "company": company}).status_code
        == 422
    )


def test_the_full_time_stay_books_its_own_fixed_desk(client, world, place) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    response = post(client, BOOKINGS, {"desk": place.fixed.pk, "date": "2026-12-01"})
    assert response.status_code == 201
    assert response.json()["company"] == world.ofd.company.pk


def test_a_participant_books_for_its_own_company_only(client, world, place) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    response = post(
        client, BOOKINGS, {"desk": place.flex.pk, "date": "2026-12-01", "company": place.parttime.company_id}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You book for your own company only."}
    assert not DeskBooking.objects.exists()


def test_a_location_manager_does_not_book_at_another_location(client, world, place) -> None:  # type: ignore[no-untyped-def]
    desk = DeskFactory(location=LocationFactory(programme=world.ofd.programme, name="Emmen"))
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = post(client, BOOKINGS, {"desk": desk.pk, "date": "2026-12-01", "company": place.parttime.company_id})
    assert response.status_code == 422
    assert response.json()["detail"] == "No such desk, or not one you may book."


def test_cancelling_frees_the_desk_day_and_a_past_booking_stays(staff_client, place) -> None:  # type: ignore[no-untyped-def]
    company = place.parttime.company_id
    booking_id = post(staff_client, BOOKINGS, {"desk": place.flex.pk, "date": "2026-12-02", "company": company}).json()[
        "id"
    ]
    assert staff_client.delete(f"{BOOKINGS}/{booking_id}").status_code == 204
    assert not DeskBooking.objects.exists()
    past = DeskBooking.objects.create(
        programme=place.flex.location.programme,
        desk=place.flex,
        day=datetime.date(2026, 11, 27),
        company=place.parttime.company,
        participation=place.parttime,
    )
    response = staff_client.delete(f"{BOOKINGS}/{past.pk}")
    assert response.status_code == 422
    assert response.json()["detail"] == "A booking of a day that has passed cannot be cancelled."
    assert DeskBooking.objects.filter(pk=past.pk).exists()


def test_a_participant_cannot_cancel_another_companys_booking(client, world, place) -> None:  # type: ignore[no-untyped-def]
    booking = DeskBooking.objects.create(
        programme=world.ofd.programme,
        desk=place.flex,
        day=datetime.date(2026, 12, 2),
        company=place.parttime.company,
        participation=place.parttime,
    )
    client.force_login(world.users[Role.PARTICIPANT])
    assert client.delete(f"{BOOKINGS}/{booking.pk}").status_code == 404
    assert DeskBooking.objects.filter(pk=booking.pk).exists()


def test_the_desk_list_names_no_booker_and_hides_desks_out_of_use(client, world, place) -> None:  # type: ignore[no-untyped-def]
    Desk.objects.filter(pk=place.flex2.pk).update(active=False)
    client.force_login(world.users[Role.PARTICIPANT])
    response = client.get("/api/v1/programmes/ofd/desks")
    assert response.status_code == 200
    assert response.json() == [
        {"id": place.fixed.pk, "location": world.ofd.location.pk, "label": "F1", "kind": "fixed"},
        {"id": place.flex.pk, "location": world.ofd.location.pk, "label": "Flex 1", "kind": "flexible"},
    ]


def test_overlapping_room_hours_are_409_and_adjacent_ones_fit(staff_client, world, place) -> None:  # type: ignore[no-untyped-def]
    room = RoomFactory(location=world.ofd.location, name="Hunebed")
    path = "/api/v1/programmes/ofd/room-bookings"
    body = {"room": room.pk, "date": "2026-12-02", "company": place.parttime.company_id}
    assert post(staff_client, path, {**body, "start_hour": 10, "end_hour": 12}).status_code == 201
    taken = post(staff_client, path, {**body, "start_hour": 11, "end_hour": 13})
    assert taken.status_code == 409
    assert taken.json() == {"detail": "Hunebed is taken on 02/12/2026 at some of these hours."}
    assert post(staff_client, path, {**body, "start_hour": 12, "end_hour": 13}).status_code == 201
    closed = post(staff_client, path, {**body, "start_hour": 17, "end_hour": 19})
    assert closed.status_code == 422
    assert RoomBooking.objects.count() == 2
