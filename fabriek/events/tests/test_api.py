"""Registering attendees over the API: only a person already known to the programme is reused."""

import json

import pytest

from fabriek.accounts.models import Role
from fabriek.companies.models import Person
from fabriek.companies.tests.factories import CompanyRoleFactory
from fabriek.events.models import Attendance


def register(client, world, user: str, programme: str, event: int, data: dict[str, str]):  # type: ignore[no-untyped-def]
    client.force_login(world.users[user])
    return client.post(
        f"/api/v1/programmes/{programme}/events/{event}/attendances", json.dumps(data), content_type="application/json"
    )


def test_another_programmes_person_is_not_reused_or_shown_and_a_new_person_is_recorded(client, world) -> None:  # type: ignore[no-untyped-def]
    founder = CompanyRoleFactory(
        company=world.ofd.company, person__name="Femke Bakker", person__email="femke@bakker.example"
    ).person
    people = Person.objects.count()

    response = register(
        client,
        world,
        "other_staff",
        "other",
        world.other.event.pk,
        {"name": "whoever", "email": "Femke@Bakker.example"},
    )

    assert response.status_code == 201
    attendance = Attendance.objects.get(event=world.other.event, person__name="whoever")
    assert response.json() == {
        "id": attendance.pk,
        "name": "whoever",
        "email": "Femke@Bakker.example",
        "checked_in": False,
    }
    assert attendance.person != founder
    assert Person.objects.count() == people + 1
    founder.refresh_from_db()
    assert (founder.name, founder.email, founder.attendances.count()) == ("Femke Bakker", "femke@bakker.example", 0)


@pytest.mark.parametrize("role", [Role.STAFF, Role.LOCATION_MANAGER])
def test_a_person_known_to_the_programme_is_reused_ignoring_the_case_of_the_address(client, world, role) -> None:  # type: ignore[no-untyped-def]
    founder = CompanyRoleFactory(
        company=world.ofd.company, person__name="Femke Bakker", person__email="femke@bakker.example"
    ).person
    people = Person.objects.count()

    response = register(
        client, world, role, "ofd", world.ofd.event.pk, {"name": "F. Bakker", "email": "FEMKE@bakker.example"}
    )

    assert response.status_code == 201
    attendance = Attendance.objects.get(event=world.ofd.event, person=founder)
    assert response.json() == {
        "id": attendance.pk,
        "name": "Femke Bakker",
        "email": "femke@bakker.example",
        "checked_in": False,
    }
    assert Person.objects.count() == people
