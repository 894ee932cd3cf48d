import datetime

import pytest
from django.core.exceptions import ValidationError

from fabriek.core.models import AuditEntry
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes import selectors, services
from fabriek.programmes.models import Location


def test_creating_a_location_logs_its_values(world) -> None:  # type: ignore[no-untyped-def]
    location = services.location_create(
        actor=world.users["staff"],
        programme=world.ofd.programme,
        name="Hoogeveen",
        kind=Location.Kind.PHYSICAL,
        status=Location.Status.ACTIVE,
        opened_on=datetime.date(2016, 4, 1),
        address="De Compaenen",
        desk_capacity=12,
    )
    entry = AuditEntry.objects.get(action="programmes.location.created")
    assert entry.actor == world.users["staff"]
    assert entry.object_id == str(location.pk)
    assert entry.programme_slug == "ofd"
    assert entry.changes == {
        "name": [None, "Hoogeveen"],
        "kind": [None, "physical"],
        "status": [None, "active"],
        "opened_on": [None, "2016-04-01"],
        "address": [None, "De Compaenen"],
        "desk_capacity": [None, 12],
    }


def test_updating_a_location_logs_only_the_changed_fields_old_and_new(world) -> None:  # type: ignore[no-untyped-def]
    location = world.ofd.location
    services.location_update(
        actor=world.users["staff"],
        programme=world.ofd.programme,
        location=location,
        status=Location.Status.CLOSED,
        closed_on=datetime.date(2017, 6, 30),
        desk_capacity=20,
    )
    entry = AuditEntry.objects.get(action="programmes.location.updated")
    assert entry.changes == {"status": ["active", "closed"], "closed_on": [None, "2017-06-30"]}
    location.refresh_from_db()
    assert location.status == "closed"


def test_an_update_that_changes_nothing_writes_no_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    services.location_update(actor=None, programme=world.ofd.programme, location=world.ofd.location, desk_capacity=20)
    assert not AuditEntry.objects.exists()


def test_a_refused_update_leaves_the_object_and_the_database_as_they_were(world) -> None:  # type: ignore[no-untyped-def]
    location = world.ofd.location
    with pytest.raises(ValidationError) as error:
        services.location_update(
            actor=None, programme=world.ofd.programme, location=location, name="Nieuw", status="closed"
        )
    assert set(error.value.error_dict) == {"closed_on"}
    assert (location.name, location.status) == ("OndernemersFabriek Drenthe Assen", "active")
    location.refresh_from_db()
    assert (location.name, location.status) == ("OndernemersFabriek Drenthe Assen", "active")
    assert not AuditEntry.objects.exists()


def test_a_location_of_another_programme_cannot_be_updated_through_this_one(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        services.location_update(actor=None, programme=world.ofd.programme, location=world.other.location, name="X")


def test_current_participants_are_the_stays_under_way_on_the_day(world) -> None:  # type: ignore[no-untyped-def]
    # given the world's stay from 2016-03-01 (open) and one from 2016-06-01 to 2016-12-31
    ParticipationFactory(
        programme=world.ofd.programme,
        location=world.ofd.location,
        package=world.ofd.package,
        started_on=datetime.date(2016, 6, 1),
        ended_on=datetime.date(2016, 12, 31),
        outflow_status="freelancer",
    )

    def count(on: datetime.date) -> int:
        return selectors.location_get(
            programme=world.ofd.programme, pk=world.ofd.location.pk, on=on
        ).current_participants  # type: ignore[attr-defined]

    assert count(datetime.date(2016, 2, 29)) == 0
    assert count(datetime.date(2016, 3, 1)) == 1
    assert count(datetime.date(2016, 6, 1)) == 2
    assert count(datetime.date(2016, 12, 31)) == 2
    assert count(datetime.date(2017, 1, 1)) == 1


def test_a_conflict_the_check_did_not_see_becomes_a_field_error_not_a_server_error(world) -> None:  # type: ignore[no-untyped-def]
    # as if another request saved the same name between our check and our write
    duplicate = Location(programme=world.ofd.programme, name=world.ofd.location.name, kind=Location.Kind.PHYSICAL)
    with pytest.raises(ValidationError) as error:
        services.save_per_field(duplicate, services.LOCATION_CONSTRAINT_ERRORS)
    assert set(error.value.error_dict) == {"name"}
    assert Location.objects.filter(programme=world.ofd.programme).count() == 2
