"""The private calendar feed (secret token, resettable) and the .ics a booking mail carries."""

import datetime
import json
import re

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from fabriek.accounts.models import Role
from fabriek.events.tests.factories import EventFactory
from fabriek.spaces.models import DeskBooking
from fabriek.spaces.tests.factories import DeskAssignmentFactory, DeskBookingFactory


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def make_link(client) -> str:  # type: ignore[no-untyped-def]
    page = client.post(reverse("calendar:settings")).content.decode()
    return re.search(r"http://testserver(/calendar/[^<\s]+\.ics)", page).group(1)  # type: ignore[union-attr]


def test_the_feed_holds_the_companys_bookings_and_the_programmes_events_and_a_reset_kills_the_old_link(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    DeskBookingFactory(participation=world.ofd.participation, day=datetime.date(2026, 12, 2))
    EventFactory(
        programme=world.other.programme,
        title="Not ours",
        starts_at=datetime.datetime(2026, 12, 3, 18, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 12, 3, 20, tzinfo=datetime.UTC),
    )
    EventFactory(
        programme=world.ofd.programme,
        title="Ours",
        starts_at=datetime.datetime(2026, 12, 4, 18, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 12, 4, 20, tzinfo=datetime.UTC),
    )
    client.force_login(world.users[Role.PARTICIPANT])
    link = make_link(client)
    client.logout()

    response = client.get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert any(summary.startswith("Werkplek") for summary in summaries)
    assert "Ours" in summaries and "Not ours" not in summaries
    client.force_login(world.users[Role.PARTICIPANT])
    new_link = make_link(client)
    client.logout()
    assert client.get(link).status_code == 404
    assert client.get(new_link).status_code == 200


def test_a_booking_and_its_cancellation_are_mailed_with_an_ics(client, world, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    world.users[Role.PARTICIPANT].email = "deelnemer@example.org"
    world.users[Role.PARTICIPANT].save()
    desk = DeskAssignmentFactory(
        desk__location=world.ofd.location, desk__label="V1", participation=world.ofd.participation
    ).desk
    client.force_login(world.users[Role.PARTICIPANT])
    response = client.post(
        "/api/v1/programmes/ofd/bookings",
        json.dumps({"desk": desk.pk, "date": "2026-12-01"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert client.delete(f"/api/v1/programmes/ofd/bookings/{response.json()['id']}").status_code == 204
    assert not DeskBooking.objects.exists()

    assert [m.to for m in mailoutbox] == [["deelnemer@example.org"]] * 2
    booked, cancelled = (Calendar.from_ical(m.attachments[0][1]) for m in mailoutbox)
    assert (str(booked["METHOD"]), str(cancelled["METHOD"])) == ("REQUEST", "CANCEL")
    [event] = booked.walk("VEVENT")
    assert event["DTSTART"].dt == datetime.date(2026, 12, 1)
    assert str(event["UID"]) == str(cancelled.walk("VEVENT")[0]["UID"])  # the same entry, so calendars remove it
    assert mailoutbox[0].subject.startswith("Gereserveerd: Werkplek V1")
