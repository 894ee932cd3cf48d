"""The spaces pages: a participant books and cancels from the home page in one tap each and never sees who
booked a desk; staff and the location's manager see the floor list, manage desks and see the capacity warning."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import ServicePackage
from fabriek.programmes.tests.factories import LocationFactory, ServicePackageFactory
from fabriek.spaces.models import Desk, DeskBooking
from fabriek.spaces.tests.factories import DeskBookingFactory, DeskFactory


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def parttimer(world: SimpleNamespace) -> SimpleNamespace:
    """The participant persona's company switched to a part-time stay (one flexible desk-day a week), and a
    neighbour company at the same location that booked a desk today."""
    ofd = world.ofd
    parttime = ServicePackageFactory(programme=ofd.programme, kind=ServicePackage.Kind.PARTTIME, name="Deeltijd")
    ofd.participation.package = parttime
    ofd.participation.save()
    neighbour = ParticipationFactory(
        programme=ofd.programme, location=ofd.location, package=parttime, company__name="Buurman BV"
    )
    desks = [DeskFactory(location=ofd.location, label=f"Flex {n}") for n in (1, 2)]
    DeskBookingFactory(participation=neighbour, desk=desks[0], day=datetime.date(2026, 11, 30))
    return SimpleNamespace(desks=desks, neighbour=neighbour)


def test_a_participant_books_tomorrow_from_the_home_page_and_cancels_it(client, world, parttimer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    home = reverse("homes:home", kwargs={"programme": "ofd"})
    page = client.get(home).content.decode()
    assert "Werkplek reserveren op dinsdag 1 december" in page  # the button's accessible name

    response = client.post(
        reverse("spaces:booking-create", kwargs={"programme": "ofd"}), {"day": "2026-12-01", "back": "home"}
    )

    assert response.status_code == 302 and response["Location"] == home
    booking = DeskBooking.objects.get(company=world.ofd.company)
    assert (booking.day, booking.desk.label) == (datetime.date(2026, 12, 1), "Flex 1")
    page = client.get(home).content.decode()
    assert "Werkplek Flex 1 is van jou op 01-12-2026." in page
    assert "Werkplek annuleren op dinsdag 1 december" in page

    client.post(reverse("spaces:booking-cancel", kwargs={"programme": "ofd", "pk": booking.pk}), {"back": "home"})

    assert not DeskBooking.objects.filter(company=world.ofd.company).exists()
    assert AuditEntry.objects.filter(action="spaces.booking.cancelled", object_id=str(booking.pk)).exists()


def test_the_second_desk_day_of_a_week_is_refused_with_the_reason(client, world, parttimer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    url = reverse("spaces:booking-create", kwargs={"programme": "ofd"})
    client.post(url, {"day": "2026-12-01", "back": "home"})
    response = client.post(url, {"day": "2026-12-02", "back": "home"}, follow=True)
    assert "De flexwerkplekdagen van de week van 30-11-2026 zijn op (1 per week)." in response.content.decode()
    assert DeskBooking.objects.filter(company=world.ofd.company).count() == 1


def test_a_participant_sees_free_and_taken_but_never_who(client, world, parttimer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    for url in (
        reverse("homes:home", kwargs={"programme": "ofd"}),
        reverse("spaces:book", kwargs={"programme": "ofd"}),
    ):
        page = client.get(url).content.decode()
        assert "1 werkplek vrij" in page  # today: one of the two desks is taken
        assert "Buurman" not in page


def test_the_floor_list_shows_the_location_manager_who_sits_where(client, world, parttimer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    page = client.get(reverse("spaces:location", kwargs={"programme": "ofd", "pk": world.ofd.location.pk}))
    assert page.status_code == 200
    assert "Buurman BV" in page.content.decode()


def test_a_location_manager_adds_a_desk_at_their_location_only(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = client.post(
        reverse("spaces:desk-create", kwargs={"programme": "ofd", "pk": world.ofd.location.pk}),
        {"label": "Raam 1", "kind": "fixed", "active": "on"},
    )
    assert response.status_code == 302
    assert Desk.objects.get(label="Raam 1").location == world.ofd.location
    emmen = LocationFactory(programme=world.ofd.programme, name="Emmen")
    response = client.post(
        reverse("spaces:desk-create", kwargs={"programme": "ofd", "pk": emmen.pk}), {"label": "X", "kind": "fixed"}
    )
    assert response.status_code == 404
    assert not Desk.objects.filter(location=emmen).exists()


def test_a_duplicate_desk_label_is_a_field_error_in_dutch(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    DeskFactory(location=world.ofd.location, label="A1")
    response = staff_client.post(
        reverse("spaces:desk-create", kwargs={"programme": "ofd", "pk": world.ofd.location.pk}),
        {"label": "A1", "kind": "flexible"},
    )
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    assert Desk.objects.filter(label="A1").count() == 1


def test_the_capacity_warning_appears_when_the_stays_need_more_desks(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # the world's one full-time stay needs one desk; the location records one fixed desk: enough
    DeskFactory(location=world.ofd.location, kind=Desk.Kind.FIXED)
    url = reverse("spaces:overview", kwargs={"programme": "ofd"})
    assert "message-warning" not in staff_client.get(url).content.decode()
    ParticipationFactory(programme=world.ofd.programme, location=world.ofd.location, package=world.ofd.package)
    page = staff_client.get(url).content.decode()
    assert "de lopende verblijven hebben 2 werkplekken nodig en er zijn er 1" in page


def test_the_location_page_runs_a_bounded_number_of_queries(
    staff_client, world, parttimer, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for n in range(3, 15):
        desk = DeskFactory(location=world.ofd.location, label=f"Flex {n}")
        stay = ParticipationFactory(
            programme=world.ofd.programme, location=world.ofd.location, package=parttimer.neighbour.package
        )
        DeskBookingFactory(participation=stay, desk=desk, day=datetime.date(2026, 11, 30))
    with django_assert_max_num_queries(20):
        response = staff_client.get(
            reverse("spaces:location", kwargs={"programme": "ofd", "pk": world.ofd.location.pk})
        )
    assert response.status_code == 200
