"""Scopes: a location manager reads every event of the programme but changes, and sees the attendees of, only
those at their own location and those without a location; on the pages and in the API alike."""

import json

import pytest
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.events.tests.factories import AttendanceFactory, EventFactory


@pytest.fixture
def elsewhere(world):  # type: ignore[no-untyped-def]
    """An event at the programme's other location (Roden), with an attendee."""
    event = EventFactory(programme=world.ofd.programme, location=world.ofd.other_location)
    attendance = AttendanceFactory(event=event)
    return event, attendance


def test_a_location_manager_reads_but_does_not_change_another_locations_event(client, world, elsewhere) -> None:  # type: ignore[no-untyped-def]
    event, attendance = elsewhere
    client.force_login(world.users[Role.LOCATION_MANAGER])
    kwargs = {"programme": "ofd", "pk": event.pk}
    page = client.get(reverse("events:event-detail", kwargs=kwargs))
    assert page.status_code == 200
    assert event.title in page.content.decode()
    assert attendance.person.name not in page.content.decode()
    assert attendance.person.email not in page.content.decode()
    assert client.get(reverse("events:event-edit", kwargs=kwargs)).status_code == 403
    add = reverse("events:attendance-create", kwargs={"programme": "ofd", "event": event.pk})
    assert client.post(add, {"name": "Anna", "email": "anna@example.org"}).status_code == 403
    toggle = reverse("events:attendance-toggle", kwargs={"programme": "ofd", "event": event.pk, "pk": attendance.pk})
    assert client.post(toggle, {"checked_in": "1"}).status_code == 403


def test_a_location_manager_changes_their_own_and_location_less_events(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    own = world.ofd.event  # at Assen, the manager's location
    nowhere = EventFactory(programme=world.ofd.programme, location=None)
    attendee = AttendanceFactory(event=nowhere)
    for event in (own, nowhere):
        assert client.get(reverse("events:event-edit", kwargs={"programme": "ofd", "pk": event.pk})).status_code == 200
    page = client.get(reverse("events:event-detail", kwargs={"programme": "ofd", "pk": nowhere.pk}))
    assert attendee.person.name in page.content.decode()


def test_the_api_hides_other_locations_attendees_and_refuses_changes(client, world, elsewhere) -> None:  # type: ignore[no-untyped-def]
    event, attendance = elsewhere
    client.force_login(world.users[Role.LOCATION_MANAGER])
    base = f"/api/v1/programmes/ofd/events/{event.pk}"
    detail = client.get(base)
    assert detail.status_code == 200
    assert detail.json()["attendees"] is None
    assert attendance.person.email not in detail.content.decode()
    response = client.patch(base, json.dumps({"title": "Taken over"}), content_type="application/json")
    assert response.status_code == 403
    assert "your own location" in response.json()["detail"]
    event.refresh_from_db()
    assert event.title != "Taken over"
    assert (
        client.patch(
            f"{base}/attendances/{attendance.pk}", json.dumps({"checked_in": True}), content_type="application/json"
        ).status_code
        == 403
    )


def test_a_location_manager_may_not_move_an_event_to_another_location(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = client.patch(
        f"/api/v1/programmes/ofd/events/{world.ofd.event.pk}",
        json.dumps({"location_id": world.ofd.other_location.pk}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "location" in response.json()["errors"]
    world.ofd.event.refresh_from_db()
    assert world.ofd.event.location == world.ofd.location


def test_staff_still_change_every_event(client, world, elsewhere) -> None:  # type: ignore[no-untyped-def]
    event, attendance = elsewhere
    client.force_login(world.users[Role.STAFF])
    assert client.get(reverse("events:event-edit", kwargs={"programme": "ofd", "pk": event.pk})).status_code == 200
    assert client.get(f"/api/v1/programmes/ofd/events/{event.pk}").json()["attendees"][0]["email"] == (
        attendance.person.email
    )


def test_a_kvk_number_of_another_programme_gets_the_answer_of_any_taken_number(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    create = reverse("companies:company-create", kwargs={"programme": "ofd"})
    answers = []
    for company in (world.ofd.company, world.other.company):
        response = client.post(create, {"kvk_number": company.kvk_number, "name": "Twin BV"})
        assert response.status_code == 200
        answers.append(response.context["form"].errors["kvk_number"])
    assert answers[0] == answers[1]
    text = str(answers[1])
    assert world.other.programme.name not in text and "other" not in text.lower()

    api = []
    for company in (world.ofd.company, world.other.company):
        response = client.post(
            "/api/v1/programmes/ofd/companies",
            json.dumps({"kvk_number": company.kvk_number, "name": "Twin BV"}),
            content_type="application/json",
        )
        api.append((response.status_code, response.json()))
    assert api[0] == api[1]
    assert world.other.programme.name not in json.dumps(api[1])
