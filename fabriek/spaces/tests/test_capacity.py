"""The capacity rule (spaces/capacity.py) with hand-computed cases."""

import datetime

import pytest

from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import ServicePackage
from fabriek.programmes.tests.factories import LocationFactory, ProgrammeFactory, ServicePackageFactory
from fabriek.spaces.capacity import location_capacity
from fabriek.spaces.models import Desk
from fabriek.spaces.tests.factories import DeskFactory

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def hoogeveen(db):  # type: ignore[no-untyped-def]
    programme = ProgrammeFactory(slug="cap")
    location = LocationFactory(programme=programme, name="Hoogeveen", desk_capacity=4)
    packages = {
        kind: ServicePackageFactory(programme=programme, kind=kind)
        for kind in (ServicePackage.Kind.FULLTIME, ServicePackage.Kind.PARTTIME, ServicePackage.Kind.NETWORK)
    }
    packages[ServicePackage.Kind.PARTTIME].flexible_desk_days_per_week = 2
    packages[ServicePackage.Kind.PARTTIME].save()

    def stay(kind: str, started_on: datetime.date = datetime.date(2026, 1, 5), ended_on=None) -> None:  # type: ignore[no-untyped-def]
        ParticipationFactory(
            programme=programme,
            location=location,
            package=packages[kind],
            started_on=started_on,
            ended_on=ended_on,
            outflow_status="entrepreneur" if ended_on else "",
        )

    location.stay = stay
    return location


def test_no_desks_recorded_counts_the_desk_capacity(hoogeveen) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        hoogeveen.stay("fulltime")
    for _ in range(3):
        hoogeveen.stay("parttime")  # 3 x 2 = 6 days a week / 5 = 1.2, rounded up: 2 desks
    for _ in range(6):
        hoogeveen.stay("network")  # no desk
    [cap] = location_capacity([hoogeveen], today=TODAY)
    assert (cap.full_time, cap.part_time, cap.flexible_days_per_week) == (3, 3, 6)
    assert (cap.needed, cap.desks, cap.fixed_short, cap.warning) == (5, 4, 0, True)


def test_exactly_enough_desks_is_no_warning_and_ended_or_future_stays_do_not_count(hoogeveen) -> None:  # type: ignore[no-untyped-def]
    hoogeveen.stay("fulltime")
    hoogeveen.stay("parttime")  # 2 days: one desk
    hoogeveen.stay("fulltime", started_on=datetime.date(2026, 12, 1))  # not yet
    hoogeveen.stay("fulltime", ended_on=datetime.date(2026, 11, 29))  # ended the day before
    hoogeveen.stay("fulltime", ended_on=TODAY)  # ends today: still current
    DeskFactory(location=hoogeveen, kind=Desk.Kind.FIXED)
    DeskFactory(location=hoogeveen, kind=Desk.Kind.FIXED)
    DeskFactory(location=hoogeveen, kind=Desk.Kind.FLEXIBLE)
    DeskFactory(location=hoogeveen, kind=Desk.Kind.FLEXIBLE, active=False)  # not in use: not counted
    [cap] = location_capacity([hoogeveen], today=TODAY)
    assert (cap.full_time, cap.needed, cap.desks, cap.fixed_desks, cap.warning) == (2, 3, 3, 2, False)


def test_more_full_time_stays_than_fixed_desks_warns_even_with_desks_enough(hoogeveen) -> None:  # type: ignore[no-untyped-def]
    hoogeveen.stay("fulltime")
    hoogeveen.stay("fulltime")
    for _ in range(4):
        DeskFactory(location=hoogeveen, kind=Desk.Kind.FLEXIBLE)
    [cap] = location_capacity([hoogeveen], today=TODAY)
    assert (cap.needed, cap.desks, cap.fixed_short, cap.warning) == (2, 4, 2, True)
