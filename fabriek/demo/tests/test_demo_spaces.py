"""The spaces part of the demo: desks at Assen, Emmen and Hoogeveen, bookings of the past months and the
coming week, and the capacity warning where the demo's numbers call for one (Hoogeveen)."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from fabriek.demo.loader import load_demo
from fabriek.programmes.models import Location
from fabriek.spaces.capacity import location_capacity
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, RoomBooking

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


@time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tick=False)
def test_the_demo_has_desks_bookings_and_the_hoogeveen_warning() -> None:
    load_demo()

    per_location = {name: Desk.objects.filter(location__name=name).count() for name in ("Assen", "Emmen", "Hoogeveen")}
    assert per_location == {"Assen": 22, "Emmen": 14, "Hoogeveen": 4}
    assert DeskAssignment.objects.filter(released_on__isnull=True).count() > 0
    past = DeskBooking.objects.filter(day__lt=TODAY)
    assert past.filter(day__lt=TODAY - timedelta(days=60)).exists()  # the past months
    assert DeskBooking.objects.filter(day__gt=TODAY, day__lte=TODAY + timedelta(days=7)).exists()  # the coming week
    assert past.filter(checked_in_at__isnull=False).exists() and past.filter(checked_in_at__isnull=True).exists()
    assert RoomBooking.objects.filter(day__gt=TODAY).exists()
    locations = list(Location.objects.filter(name__in=("Assen", "Emmen", "Hoogeveen")).order_by("name"))
    warnings = {cap.location.name: cap.warning for cap in location_capacity(locations, today=TODAY)}
    # Hoogeveen's ondernemershotel has four flexible desks and no fixed one for its full-time stays
    assert warnings == {"Assen": False, "Emmen": False, "Hoogeveen": True}

    before = (Desk.objects.count(), DeskBooking.objects.count(), RoomBooking.objects.count())
    load_demo()
    assert (Desk.objects.count(), DeskBooking.objects.count(), RoomBooking.objects.count()) == before
