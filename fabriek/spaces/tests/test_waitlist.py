"""A full day offers the waiting list; a cancellation offers the place to the first in line by mail."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import ServicePackage
from fabriek.programmes.tests.factories import ServicePackageFactory
from fabriek.spaces import services
from fabriek.spaces.models import WaitlistEntry
from fabriek.spaces.tests.factories import DeskFactory

DAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def full_day(world) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """One flexible desk at the world's location, taken on 2 December by a neighbour; the participant
    persona's company is part-time there."""
    ofd = world.ofd
    parttime = ServicePackageFactory(programme=ofd.programme, kind=ServicePackage.Kind.PARTTIME)
    ofd.participation.package = parttime
    ofd.participation.save()
    world.users[Role.PARTICIPANT].email = "deelnemer@example.org"
    world.users[Role.PARTICIPANT].save()
    neighbour = ParticipationFactory(programme=ofd.programme, location=ofd.location, package=parttime)
    desk = DeskFactory(location=ofd.location, label="Flex 1")
    booking = services.booking_create(
        actor=None, programme=ofd.programme, desk=desk, day=DAY, company=neighbour.company
    )
    return SimpleNamespace(booking=booking, neighbour=neighbour)


def test_the_first_in_line_is_offered_the_desk_when_it_is_cancelled(client, world, full_day, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    home = reverse("homes:home", kwargs={"programme": "ofd"})
    assert "Op de wachtlijst voor woensdag 2 december" in client.get(home).content.decode()

    client.post(reverse("spaces:waitlist-join", kwargs={"programme": "ofd"}), {"day": DAY.isoformat(), "back": "home"})

    entry = WaitlistEntry.objects.get()
    assert (entry.participation, entry.offered_at) == (world.ofd.participation, None)
    assert "Vol; je staat op de wachtlijst" in client.get(home).content.decode()
    mailoutbox.clear()

    services.booking_cancel(actor=None, programme=world.ofd.programme, booking=full_day.booking)

    entry.refresh_from_db()
    assert entry.offered_at is not None
    offers = [m for m in mailoutbox if m.to == ["deelnemer@example.org"]]
    assert [m.subject for m in offers] == [
        f"Er is een werkplek vrij op woensdag 2 december in {world.ofd.location.name}"
    ]


def test_a_day_with_a_free_desk_has_no_waiting_list(world, full_day) -> None:  # type: ignore[no-untyped-def]
    DeskFactory(location=world.ofd.location, label="Flex 2")
    with pytest.raises(services.NotEntitled):
        services.waitlist_join(actor=None, programme=world.ofd.programme, company=world.ofd.company, day=DAY)
    assert not WaitlistEntry.objects.exists()
