"""Public registration: the pinned API, capacity and the waiting list, cancelling, the mails, reminders."""

import datetime
import email
import email.policy
import json
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from fabriek.companies.models import Person
from fabriek.companies.tests.factories import CompanyRoleFactory
from fabriek.core.models import AuditEntry
from fabriek.events import registrations
from fabriek.events.models import Attendance
from fabriek.events.tests.factories import EventFactory


def upcoming(programme: Any, **kwargs: Any) -> Any:
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    return EventFactory(
        programme=programme, starts_at=start, ends_at=start + datetime.timedelta(hours=2), public=True, **kwargs
    )


def register(
    event: Any, name: str, address: str, *, slug: str = "ofd", client: Client | None = None, ip: str = "10.0.0.1"
) -> Any:
    return (client or Client()).post(
        f"/api/v1/programmes/{slug}/events/{event.pk}/registrations",
        json.dumps({"name": name, "email": address}),
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


def mails_to(address: str) -> list[Any]:
    """The messages sent to `address` (the tests' mail backend keeps them), parsed as a mail client would."""
    return [
        email.message_from_bytes(m.message().as_bytes(), policy=email.policy.default)
        for m in mail.outbox
        if address in m.to
    ]


def test_anyone_registers_for_a_public_event_without_logging_in_and_gets_the_confirmation(world) -> None:  # type: ignore[no-untyped-def]
    event = upcoming(world.ofd.programme, capacity=10)

    response = register(event, "Sanne Mulder", "sanne@example.org")

    assert response.status_code == 201, response.content
    attendance = Attendance.objects.get(event=event, person__email="sanne@example.org")
    assert response.json() == {"id": attendance.pk, "status": "confirmed"}
    assert attendance.seat == 1
    [mail] = mails_to("sanne@example.org")
    assert mail["Subject"] == f"Je bent aangemeld: {event.title}"
    parts = {part.get_filename(): part for part in mail.iter_attachments()}
    assert set(parts) == {"event.ics", "check-in.png"}
    assert parts["event.ics"].get_content_type() == "text/calendar"
    assert f"SUMMARY:{event.title}" in parts["event.ics"].get_content()
    body = mail.get_body(("plain",)).get_content()
    assert "/p/ofd/events/c/" in body and "/p/ofd/events/registrations/" in body
    entry = AuditEntry.objects.get(action="events.registration.created")
    assert (entry.actor, entry.object_id) == (None, str(attendance.pk))


def test_a_full_event_puts_people_on_the_waiting_list_and_a_cancellation_moves_the_first_up(world, client) -> None:  # type: ignore[no-untyped-def]
    event = upcoming(world.ofd.programme, capacity=1)
    first = register(event, "Eerste", "eerste@example.org").json()
    second = register(event, "Tweede", "tweede@example.org").json()
    third = register(event, "Derde", "derde@example.org").json()
    assert [first["status"], second["status"], third["status"]] == ["confirmed", "waiting", "waiting"]
    assert "wachtlijst" in mails_to("tweede@example.org")[0]["Subject"]

    # the link in the first one's mail
    body = mails_to("eerste@example.org")[0].get_body(("plain",)).get_content()
    link = next(line for line in body.splitlines() if "/registrations/" in line).strip()
    path = link.split("127.0.0.1:8000")[-1]
    assert client.get(path).status_code == 200  # asks to confirm; a link scanner cancels nothing
    assert Attendance.objects.get(pk=first["id"]).status == "confirmed"
    assert client.post(path).status_code == 200
    assert client.post(path).status_code == 200  # twice: still one cancellation

    statuses = dict(Attendance.objects.filter(event=event).values_list("pk", "status"))
    assert statuses == {first["id"]: "cancelled", second["id"]: "confirmed", third["id"]: "waiting"}
    moved_up = mails_to("tweede@example.org")[-1]
    assert "plek" in moved_up["Subject"]
    assert {p.get_filename() for p in moved_up.iter_attachments()} == {"event.ics", "check-in.png"}
    assert mails_to("derde@example.org")[-1]["Subject"].startswith("Op de wachtlijst")


def test_an_event_that_is_not_public_is_404_and_so_is_another_programmes(world) -> None:  # type: ignore[no-untyped-def]
    closed = upcoming(world.ofd.programme)
    closed.public = False
    closed.save()
    theirs = upcoming(world.other.programme)

    assert register(closed, "A", "a@example.org").status_code == 404
    assert register(theirs, "A", "a@example.org", slug="ofd").status_code == 404
    assert register(theirs, "A", "a@example.org", slug="no-such").status_code == 404
    assert not Attendance.objects.filter(person__email="a@example.org").exists()


def test_a_known_address_is_the_known_person_and_registering_twice_changes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    founder = CompanyRoleFactory(
        company=world.ofd.company, person__name="Femke Bakker", person__email="femke@bakker.example"
    ).person
    event = upcoming(world.ofd.programme, capacity=5)
    people = Person.objects.count()

    first = register(event, "F. Bakker", "FEMKE@bakker.example").json()
    again = register(event, "Femke", "femke@bakker.example").json()

    assert first == again
    assert Person.objects.count() == people
    assert Attendance.objects.get(pk=first["id"]).person == founder
    assert len(mails_to("femke@bakker.example")) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"name": "A", "email": "not an address"},
        {"name": "", "email": "a@example.org"},
        {"name": "A"},
        {"name": "A" * 201, "email": "a@example.org"},
        {"name": 5, "email": ["a"]},
    ],
)
def test_bad_input_is_a_422_naming_the_field(world, body) -> None:  # type: ignore[no-untyped-def]
    event = upcoming(world.ofd.programme)
    response = Client().post(
        f"/api/v1/programmes/ofd/events/{event.pk}/registrations", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"]
    assert not Attendance.objects.filter(event=event).exists()


def test_a_past_event_takes_no_registrations(world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    event.public = True
    event.save()
    response = register(event, "A", "a@example.org")
    assert response.status_code == 422
    assert "aanmelden kan niet meer" in json.dumps(response.json())


def test_one_address_may_register_only_so_often_an_hour(world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EVENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR = 2
    event = upcoming(world.ofd.programme)
    assert register(event, "A", "a@example.org").status_code == 201
    assert register(event, "B", "b@example.org").status_code == 201
    refused = register(event, "C", "c@example.org")
    assert refused.status_code == 429
    assert "Try again later" in refused.json()["detail"] or "later" in refused.json()["detail"]
    assert register(event, "C", "c@example.org", ip="10.0.0.2").status_code == 201


def test_capacity_cannot_drop_below_the_seats_taken_and_more_seats_move_the_waiting_list_up(world) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from fabriek.events import services

    event = upcoming(world.ofd.programme, capacity=2)
    ids = [register(event, f"P{n}", f"p{n}@example.org").json()["id"] for n in range(4)]
    staff = world.users["staff"]
    with pytest.raises(ValidationError) as refused:
        services.event_update(actor=staff, programme=world.ofd.programme, event=event, capacity=1)
    assert "capacity" in refused.value.message_dict

    services.event_update(actor=staff, programme=world.ofd.programme, event=event, capacity=3)

    statuses = [Attendance.objects.get(pk=pk).status for pk in ids]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waiting"]
    assert sorted(Attendance.objects.filter(event=event).exclude(seat=None).values_list("seat", flat=True)) == [1, 2, 3]


def test_the_reminder_goes_out_once_the_day_before_to_confirmed_people_only(world) -> None:  # type: ignore[no-untyped-def]
    event = upcoming(world.ofd.programme, capacity=1)
    register(event, "Zeker", "zeker@example.org")
    register(event, "Wacht", "wacht@example.org")
    day_before = timezone.localtime(event.starts_at) - datetime.timedelta(days=1)

    with time_machine.travel(day_before.replace(hour=9, minute=0)):
        two_days_before = registrations.reminders_send(now=timezone.now() - datetime.timedelta(days=1))
        first = registrations.reminders_send()
        second = registrations.reminders_send()

    assert (two_days_before, first, second) == (0, 1, 0)
    assert mails_to("zeker@example.org")[-1]["Subject"] == f"Morgen: {event.title}"
    assert len(mails_to("wacht@example.org")) == 1  # only the waiting-list mail


def test_the_attendee_list_exports_e_mail_only_with_consent_and_partners_see_only_consenting_names(
    world, client
) -> None:  # type: ignore[no-untyped-def]
    event = upcoming(world.ofd.programme, capacity=5)
    event.partners.set([world.ofd.partner])
    Client().post(
        f"/p/ofd/events/{event.pk}/register/",
        {"name": "Met Mail", "email": "met@example.org", "mail_consent": "on", "photo_consent": "on"},
        REMOTE_ADDR="10.0.0.5",
    )
    Client().post(
        f"/p/ofd/events/{event.pk}/register/",
        {"name": "Zonder Mail", "email": "zonder@example.org"},
        REMOTE_ADDR="10.0.0.6",
    )
    assert Attendance.objects.filter(event=event).count() == 2

    client.force_login(world.users["staff"])
    csv = client.get(f"/p/ofd/events/{event.pk}/attendees.csv").content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0] == "Naam;Bedrijf;Status;Ingecheckt;Foto's toegestaan;E-mail"
    assert "Met Mail;;Bevestigd;nee;ja;met@example.org" in lines
    assert "Zonder Mail;;Bevestigd;nee;nee;" in lines
    assert "zonder@example.org" not in csv

    client.force_login(world.users["partner"])
    page = client.get(f"/p/ofd/events/{event.pk}/").content.decode()
    assert "Met Mail" in page and "Zonder Mail" not in page
    assert "zonder@example.org" not in page and "met@example.org" not in page
    event.partners.clear()  # not a co-organiser: numbers only
    page = client.get(f"/p/ofd/events/{event.pk}/").content.decode()
    assert "Met Mail" not in page


def test_the_public_page_switches_to_english(world) -> None:  # type: ignore[no-untyped-def]
    event = upcoming(world.ofd.programme, capacity=3)
    visitor = Client()
    assert "Plaatsen vrij" in visitor.get(f"/p/ofd/events/{event.pk}/").content.decode()
    visitor.cookies["django_language"] = "en"
    page = visitor.get(f"/p/ofd/events/{event.pk}/").content.decode()
    assert "Seats left" in page and "Your consent (optional, each on its own)" in page


def test_no_shows_are_the_confirmed_people_not_checked_in_once_the_event_began(world, staff_client) -> None:  # type: ignore[no-untyped-def]
    event = upcoming(world.ofd.programme, capacity=2)
    ids = [register(event, f"P{n}", f"p{n}@example.org").json()["id"] for n in range(3)]  # two seats, one waits
    Attendance.objects.filter(pk=ids[0]).update(checked_in=True)
    assert "no-shows" not in staff_client.get(f"/p/ofd/events/{event.pk}/").content.decode()  # not begun yet
    event.starts_at = timezone.now() - datetime.timedelta(minutes=30)
    event.save()
    page = staff_client.get(f"/p/ofd/events/{event.pk}/")
    assert page.context["no_shows"] == 1  # P1; P2 is on the waiting list, P0 came
    assert 'id="no-shows">1<' in page.content.decode()


def test_the_qr_link_works_only_for_staff_who_may_change_the_event(world, client) -> None:  # type: ignore[no-untyped-def]
    from fabriek.accounts.models import hash_token

    event = upcoming(world.ofd.programme, capacity=2, location=world.ofd.other_location)
    attendance = Attendance.objects.get(pk=register(event, "Q", "q@example.org").json()["id"])
    Attendance.objects.filter(pk=attendance.pk).update(check_in_code_hash=hash_token("abc123"))
    client.force_login(world.users["location_manager"])  # manages another location
    assert client.get("/p/ofd/events/c/abc123/").status_code == 403
    client.force_login(world.users["staff"])
    assert client.get("/p/ofd/events/c/wrong/").status_code == 404
    assert client.get("/p/ofd/events/c/abc123/").status_code == 200
    assert not Attendance.objects.get(pk=attendance.pk).checked_in  # opening the link changes nothing
    assert client.post("/p/ofd/events/c/abc123/").status_code == 302
    assert client.post("/p/ofd/events/c/abc123/").status_code == 302  # a second phone: still one check-in
    assert Attendance.objects.get(pk=attendance.pk).checked_in
    assert AuditEntry.objects.filter(action="events.attendance.checked_in", object_id=str(attendance.pk)).count() == 1
