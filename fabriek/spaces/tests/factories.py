import datetime

import factory

from fabriek.programmes.tests.factories import LocationFactory
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, Room


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk

    location = factory.SubFactory(LocationFactory)
    label = factory.Sequence(lambda n: f"D{n}")
    kind = Desk.Kind.FLEXIBLE


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    location = factory.SubFactory(LocationFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 6
    opens_at_hour = 8
    closes_at_hour = 18


class DeskAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeskAssignment

    desk = factory.SubFactory(DeskFactory, kind=Desk.Kind.FIXED)
    assigned_on = datetime.date(2016, 3, 1)


class DeskBookingFactory(factory.django.DjangoModelFactory):
    """A booking written as it stands (no entitlement check): for tests that need one to exist."""

    class Meta:
        model = DeskBooking

    programme = factory.LazyAttribute(lambda o: o.participation.programme)
    company = factory.LazyAttribute(lambda o: o.participation.company)
    desk = factory.SubFactory(DeskFactory, location=factory.SelfAttribute("..participation.location"))
