"""Events over the API: every member reads them and their numbers; attendees only staff and location managers."""

import pytest

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry
from fabriek.events.models import Event
from fabriek.events.tests.factories import AttendanceFactory

P = "/api/v1/programmes/ofd"
NO_ATTENDEES = [Role.MENTOR, Role.PARTICIPANT, Role.PARTNER, Role.FUNDER]


@pytest.mark.parametrize("role", [Role.STAFF, Role.LOCATION_MANAGER])
def test_staff_and_location_managers_see_who_attends(world, call, role) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    attendance = world.ofd.attendance
    later = AttendanceFactory(event=event, checked_in=False, person__name="Zoë Zwart", person__email="zoe@example.org")

    response = call("GET", f"{P}/events/{event.pk}", role)

    body = response.json()
    assert response.status_code == 200
    assert (body["registered"], body["checked_in"]) == (2, 1)
    assert body["attendees"] == [
        {"id": attendance.pk, "name": attendance.person.name, "email": attendance.person.email, "checked_in": True},
        {"id": later.pk, "name": "Zoë Zwart", "email": "zoe@example.org", "checked_in": False},
    ]


@pytest.mark.parametrize("role", NO_ATTENDEES)
def test_other_roles_see_the_numbers_but_not_who_attends(world, call, role) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event

    response = call("GET", f"{P}/events/{event.pk}", role)

    assert response.status_code == 200
    assert response.json() == {
        "id": event.pk,
        "title": event.title,
        "kind": "network",
        "starts_at": "2017-03-01T15:00:00Z",
        "ends_at": "2017-03-01T17:00:00Z",
        "location": {"id": world.ofd.location.pk, "name": "OndernemersFabriek Drenthe Assen"},
        "public": False,
        "capacity": None,
        "registered": 1,
        "waiting": 0,
        "checked_in": 1,
        "partners": [],
        "attendees": None,
    }


def test_an_event_with_a_time_without_time_zone_is_refused_on_that_field(world, call) -> None:  # type: ignore[no-untyped-def]
    body = {
        "title": "Pitch night",
        "kind": "pitch",
        "starts_at": "2017-05-11T19:00:00",
        "ends_at": "2017-05-11T22:00:00",
    }

    response = call("POST", f"{P}/events", Role.STAFF, body)

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "starts_at": ["Give the time with its time zone."],
        "ends_at": ["Give the time with its time zone."],
    }
    assert Event.objects.count() == 2


def test_a_location_manager_plans_an_event_with_a_co_organising_partner(world, call) -> None:  # type: ignore[no-untyped-def]
    body = {
        "title": "Pitch night",
        "kind": "pitch",
        "starts_at": "2017-05-11T19:00:00+02:00",
        "ends_at": "2017-05-11T22:00:00+02:00",
        "location_id": world.ofd.location.pk,
        "partner_ids": [world.ofd.partner.pk],
    }

    response = call("POST", f"{P}/events", Role.LOCATION_MANAGER, body)

    assert response.status_code == 201
    body = response.json()
    assert (body["starts_at"], body["registered"], body["attendees"]) == ("2017-05-11T17:00:00Z", 0, [])
    assert body["partners"] == [{"id": world.ofd.partner.pk, "name": world.ofd.partner.name}]
    assert AuditEntry.objects.get().action == "events.event.created"


def test_partners_of_another_programme_cannot_co_organise(world, call) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event

    response = call("PATCH", f"{P}/events/{event.pk}", Role.STAFF, {"partner_ids": [world.other.partner.pk]})

    assert response.status_code == 422
    assert response.json()["errors"] == {"partners": ["Choose this programme's partners only."]}
    assert list(event.partners.all()) == []


def test_registering_and_checking_in_an_attendee(world, call) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event

    added = call(
        "POST", f"{P}/events/{event.pk}/attendances", Role.STAFF, {"name": "Anna de Vries", "email": "anna@example.org"}
    )
    checked = call("PATCH", f"{P}/events/{event.pk}/attendances/{added.json()['id']}", Role.STAFF, {"checked_in": True})
    again = call("PATCH", f"{P}/events/{event.pk}/attendances/{added.json()['id']}", Role.STAFF, {"checked_in": True})

    assert added.status_code == 201
    assert added.json()["checked_in"] is False
    assert (checked.status_code, checked.json()["checked_in"]) == (200, True)
    assert again.status_code == 200
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "events.attendance.added",
        "events.attendance.checked_in",
    ]


def test_public_and_capacity_are_created_changed_and_read(world, call) -> None:  # type: ignore[no-untyped-def]
    body = {
        "title": "Open avond",
        "kind": "network",
        "starts_at": "2017-05-11T19:00:00+02:00",
        "ends_at": "2017-05-11T22:00:00+02:00",
        "public": True,
        "capacity": 40,
    }
    created = call("POST", f"{P}/events", Role.STAFF, body)
    assert created.status_code == 201, created.content
    assert (created.json()["public"], created.json()["capacity"]) == (True, 40)

    changed = call("PATCH", f"{P}/events/{created.json()['id']}", Role.STAFF, {"public": False, "capacity": None})
    assert (changed.json()["public"], changed.json()["capacity"]) == (False, None)
    read = call("GET", f"{P}/events/{created.json()['id']}", Role.FUNDER)
    assert (read.json()["public"], read.json()["capacity"]) == (False, None)
    assert call("PATCH", f"{P}/events/{created.json()['id']}", Role.STAFF, {"capacity": 0}).status_code == 422
