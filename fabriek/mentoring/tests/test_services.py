import datetime

import pytest
from django.core.exceptions import ValidationError

from fabriek.companies.models import Person
from fabriek.core.models import AuditEntry
from fabriek.mentoring import services
from fabriek.mentoring.models import Mentor


def test_creating_a_mentor_creates_the_person_and_logs_both(world) -> None:  # type: ignore[no-untyped-def]
    mentor = services.mentor_create(
        actor=world.users["staff"],
        programme=world.ofd.programme,
        name="Jan Mulder",
        email="jan@mulder.example",
        expertise=[" finance", "Finance", "", "export "],
        active_from=datetime.date(2017, 1, 1),
    )
    assert (mentor.person.name, mentor.person.email) == ("Jan Mulder", "jan@mulder.example")
    assert mentor.expertise == ["finance", "export"]
    entry = AuditEntry.objects.get(action="mentoring.mentor.created")
    assert (entry.actor, entry.object_id, entry.programme_slug) == (world.users["staff"], str(mentor.pk), "ofd")
    assert entry.changes == {
        "name": [None, "Jan Mulder"],
        "email": [None, "jan@mulder.example"],
        "expertise": [None, ["finance", "export"]],
        "capacity": [None, 2],
        "active_from": [None, "2017-01-01"],
    }


def test_updating_a_mentor_logs_person_and_mentor_changes_in_one_entry(world) -> None:  # type: ignore[no-untyped-def]
    mentor = world.ofd.mentor
    old_name = mentor.person.name
    services.mentor_update(
        actor=None,
        programme=world.ofd.programme,
        mentor=mentor,
        name="Anna de Vries",
        phone="06 12345678",
        expertise=["finance", "marketing"],
        active_from=datetime.date(2016, 1, 1),
    )
    entry = AuditEntry.objects.get(action="mentoring.mentor.updated")
    assert entry.changes == {
        "name": [old_name, "Anna de Vries"],
        "phone": ["", "06 12345678"],
        "expertise": [["finance"], ["finance", "marketing"]],
    }
    mentor.person.refresh_from_db()
    assert mentor.person.phone == "06 12345678"


def test_invalid_person_and_mentor_fields_are_reported_together_and_nothing_is_written(world) -> None:  # type: ignore[no-untyped-def]
    people_before = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.mentor_create(
            actor=None,
            programme=world.ofd.programme,
            name="",
            email="not an address",
            active_from=datetime.date(2017, 1, 1),
            active_until=datetime.date(2016, 1, 1),
        )
    assert set(error.value.error_dict) == {"name", "email", "active_until"}
    assert Person.objects.count() == people_before
    assert Mentor.objects.count() == 2
    assert not AuditEntry.objects.exists()


def test_a_refused_update_leaves_person_and_mentor_as_they_were(world) -> None:  # type: ignore[no-untyped-def]
    mentor = world.ofd.mentor
    old_name = mentor.person.name
    with pytest.raises(ValidationError):
        services.mentor_update(
            actor=None,
            programme=world.ofd.programme,
            mentor=mentor,
            name="Nieuw",
            active_until=datetime.date(2015, 1, 1),
        )
    assert (mentor.person.name, mentor.active_until) == (old_name, None)
    assert not AuditEntry.objects.exists()
