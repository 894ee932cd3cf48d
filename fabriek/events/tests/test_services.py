import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from fabriek.companies.models import Person
from fabriek.companies.tests.factories import CompanyFactory, CompanyRoleFactory, PersonFactory
from fabriek.core.models import AuditEntry
from fabriek.events import services
from fabriek.events.models import Attendance, Event
from fabriek.events.tests.factories import AttendanceFactory, EventFactory
from fabriek.mentoring.tests.factories import MentorFactory
from fabriek.partners.tests.factories import PartnerFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_creating_an_event_stores_utc_and_logs_it(world) -> None:  # type: ignore[no-untyped-def]
    event = services.event_create(
        actor=world.users["staff"],
        programme=world.ofd.programme,
        title="Starters Academy",
        kind=Event.Kind.ACADEMY,
        starts_at=datetime.datetime(2017, 9, 12, 19, 0, tzinfo=AMSTERDAM),
        ends_at=datetime.datetime(2017, 9, 12, 21, 0, tzinfo=AMSTERDAM),
        location=world.ofd.location,
        partners=[world.ofd.partner],
    )
    assert list(event.partners.all()) == [world.ofd.partner]
    entry = AuditEntry.objects.get(action="events.event.created")
    assert (entry.actor, entry.object_id, entry.programme_slug) == (world.users["staff"], str(event.pk), "ofd")
    assert entry.changes == {
        "title": [None, "Starters Academy"],
        "kind": [None, "academy"],
        "starts_at": [None, "2017-09-12T17:00:00+00:00"],
        "ends_at": [None, "2017-09-12T19:00:00+00:00"],
        "location": [None, world.ofd.location.name],
        "partners": [None, [world.ofd.partner.name]],
    }


def test_updating_an_event_logs_changed_fields_and_partners_old_and_new(world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    partner = PartnerFactory(name="Drenthe College", programmes=[world.ofd.programme])
    services.event_update(
        actor=None,
        programme=world.ofd.programme,
        event=event,
        title=event.title,
        starts_at=datetime.datetime(2017, 3, 1, 16, 0, tzinfo=AMSTERDAM),  # the stored moment
        location=None,
        partners=[partner],
    )
    entry = AuditEntry.objects.get(action="events.event.updated")
    assert entry.changes == {"location": [world.ofd.location.name, None], "partners": [[], ["Drenthe College"]]}
    assert list(event.partners.all()) == [partner]


def test_naive_times_and_other_programmes_locations_and_partners_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.event_create(
            actor=None,
            programme=world.ofd.programme,
            title="X",
            kind=Event.Kind.OTHER,
            starts_at=datetime.datetime(2017, 9, 12, 19, 0),
            ends_at=datetime.datetime(2017, 9, 12, 21, 0, tzinfo=AMSTERDAM),
            location=world.other.location,
            partners=[world.other.partner],
        )
    assert set(error.value.error_dict) == {"starts_at", "location", "partners"}
    assert not Event.objects.filter(title="X").exists()


def test_adding_an_attendee_reuses_a_person_known_to_the_programme_and_logs_it(world) -> None:  # type: ignore[no-untyped-def]
    known = CompanyRoleFactory(
        company=world.ofd.company, person__name="Karin Smit", person__email="karin@smit.example"
    ).person
    attendance = services.attendance_add(
        actor=world.users["staff"],
        programme=world.ofd.programme,
        event=world.ofd.event,
        name="K. Smit",
        email=" Karin@Smit.example ",
    )
    assert (attendance.person, attendance.checked_in) == (known, False)
    known.refresh_from_db()
    assert known.name == "Karin Smit"
    entry = AuditEntry.objects.get(action="events.attendance.added")
    assert (entry.object_id, entry.programme_slug) == (str(attendance.pk), "ofd")
    assert entry.changes == {"person": [None, "Karin Smit"], "checked_in": [None, False]}


@pytest.mark.parametrize("link", ["attendee", "mentor", "company role"])
def test_a_person_known_to_the_programme_in_any_way_is_reused_whatever_the_case_of_the_address(world, link) -> None:  # type: ignore[no-untyped-def]
    known = PersonFactory(name="Karin Smit", email="Karin@Smit.example")
    if link == "attendee":
        AttendanceFactory(event=EventFactory(programme=world.ofd.programme), person=known)
    elif link == "mentor":
        MentorFactory(programme=world.ofd.programme, person=known)
    else:
        CompanyRoleFactory(company=CompanyFactory(programmes=[world.ofd.programme]), person=known)
    people = Person.objects.count()

    attendance = services.attendance_add(
        actor=None, programme=world.ofd.programme, event=world.ofd.event, name="K. Smit", email="karin@SMIT.example"
    )

    assert attendance.person == known
    assert Person.objects.count() == people
    known.refresh_from_db()
    assert (known.name, known.email) == ("Karin Smit", "Karin@Smit.example")


@pytest.mark.parametrize("link", ["attendee", "mentor", "company role", "nothing"])
def test_a_person_known_only_to_another_programme_or_to_none_is_not_reused(world, link) -> None:  # type: ignore[no-untyped-def]
    stranger = PersonFactory(name="Femke Bakker", email="femke@bakker.example")
    if link == "attendee":
        AttendanceFactory(event=world.other.event, person=stranger)
    elif link == "mentor":
        MentorFactory(programme=world.other.programme, person=stranger)
    elif link == "company role":
        CompanyRoleFactory(company=world.other.company, person=stranger)
    people = Person.objects.count()

    attendance = services.attendance_add(
        actor=None, programme=world.ofd.programme, event=world.ofd.event, name="Whoever", email="Femke@Bakker.example"
    )

    assert attendance.person != stranger
    assert (attendance.person.name, attendance.person.email) == ("Whoever", "Femke@Bakker.example")
    assert Person.objects.count() == people + 1
    stranger.refresh_from_db()
    assert (stranger.name, stranger.email) == ("Femke Bakker", "femke@bakker.example")
    entry = AuditEntry.objects.get(action="events.attendance.added")
    assert entry.changes == {"person": [None, "Whoever"], "checked_in": [None, False]}


def test_of_two_people_with_one_address_the_one_known_to_the_programme_is_reused(world) -> None:  # type: ignore[no-untyped-def]
    older = CompanyRoleFactory(company=world.other.company, person__name="Femke Bakker", person__email="f@b.example")
    newer = CompanyRoleFactory(company=world.ofd.company, person__name="F. Bakker", person__email="F@B.example")

    attendance = services.attendance_add(
        actor=None, programme=world.ofd.programme, event=world.ofd.event, name="Femke", email="f@b.example"
    )

    assert older.person.pk < newer.person.pk
    assert attendance.person == newer.person


def test_a_new_attendee_with_a_bad_e_mail_is_refused_and_nothing_is_written(world) -> None:  # type: ignore[no-untyped-def]
    people = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.attendance_add(actor=None, programme=world.ofd.programme, event=world.ofd.event, name="X", email="x@")
    assert set(error.value.error_dict) == {"email"}
    assert Person.objects.count() == people
    assert Attendance.objects.filter(event=world.ofd.event).count() == 1


def test_checking_in_logs_the_change_and_setting_the_same_value_logs_nothing(world) -> None:  # type: ignore[no-untyped-def]
    attendance = world.ofd.attendance  # checked in
    services.attendance_check_in(actor=None, programme=world.ofd.programme, attendance=attendance, checked_in=True)
    assert not AuditEntry.objects.exists()
    services.attendance_check_in(actor=None, programme=world.ofd.programme, attendance=attendance, checked_in=False)
    services.attendance_check_in(actor=None, programme=world.ofd.programme, attendance=attendance)
    undone = AuditEntry.objects.get(action="events.attendance.check_in_undone")
    checked_in = AuditEntry.objects.get(action="events.attendance.checked_in")
    assert undone.changes == {"checked_in": [True, False]}
    assert checked_in.changes == {"checked_in": [False, True]}
    attendance.refresh_from_db()
    assert attendance.checked_in is True
