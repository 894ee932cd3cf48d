"""Occupancy (spaces/occupancy.py) with hand-computed cases, and its page."""

import datetime
from datetime import date

import pytest
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.spaces import occupancy
from fabriek.spaces.models import Desk, DeskBooking, RoomBooking
from fabriek.spaces.tests.factories import DeskAssignmentFactory, DeskBookingFactory, DeskFactory, RoomFactory


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 30), date(2026, 12, 6), 5),  # Monday to Sunday
        (date(2026, 12, 5), date(2026, 12, 6), 0),  # a weekend
        (date(2026, 11, 1), date(2026, 11, 30), 21),  # November 2026 (starts on a Sunday)
        (date(2026, 12, 2), date(2026, 12, 1), 0),  # empty
        (date(2026, 12, 4), date(2026, 12, 4), 1),  # one Friday
    ],
)
def test_working_days(start, end, expected) -> None:  # type: ignore[no-untyped-def]
    assert occupancy.working_days(start, end) == expected


def test_months_run_back_over_a_year_end() -> None:
    span = occupancy.periods(occupancy.MONTH, date(2027, 2, 10), count=3)
    assert [(p.start, p.end) for p in span] == [
        (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 31)),
        (date(2027, 2, 1), date(2027, 2, 28)),
    ]
    assert [p.label for p in occupancy.periods(occupancy.WEEK, date(2027, 1, 3), count=1)] == ["2026-W53"]


def test_a_week_of_occupancy_by_hand(world) -> None:  # type: ignore[no-untyped-def]
    location = world.ofd.location
    # two desks in use (one fixed, one flexible) and one out of use: 2 x 5 = 10 desk-days available
    fixed = DeskAssignmentFactory(
        desk__location=location, participation=world.ofd.participation, assigned_on=date(2026, 12, 2)
    )  # held Wednesday to Friday: 3 fixed desk-days
    flex = DeskFactory(location=location, kind=Desk.Kind.FLEXIBLE)
    DeskFactory(location=location, active=False)
    other = ParticipationFactory(programme=world.ofd.programme, location=location, started_on=date(2026, 1, 5))
    DeskBookingFactory(
        participation=other,
        desk=flex,
        day=date(2026, 11, 30),
        checked_in_at=datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC),
    )
    DeskBookingFactory(participation=other, desk=flex, day=date(2026, 12, 1))
    DeskBookingFactory(participation=other, desk=flex, day=date(2026, 12, 7))  # next week
    room = RoomFactory(location=location)
    RoomBooking.objects.create(
        programme=world.ofd.programme, room=room, day=date(2026, 12, 3), start_hour=9, end_hour=12
    )
    assert fixed.desk.kind == Desk.Kind.FIXED

    [week] = occupancy.location_occupancy(location, occupancy.WEEK, date(2026, 12, 3), today=date(2026, 12, 3))[-1:]

    assert (week.fixed_days, week.flexible_booked, week.flexible_used, week.room_hours, week.available) == (
        3,
        2,
        1,
        3,
        10,
    )
    assert week.percentage == 50  # (3 + 2) / 10


def test_a_released_desk_stops_counting_on_the_day_it_was_released_and_a_third_rounds_half_up(world) -> None:  # type: ignore[no-untyped-def]
    location = world.ofd.location
    DeskAssignmentFactory(
        desk__location=location,
        participation=world.ofd.participation,
        assigned_on=date(2026, 11, 30),
        released_on=date(2026, 12, 2),
    )  # Monday and Tuesday
    DeskFactory(location=location)
    DeskFactory(location=location)
    [week] = occupancy.location_occupancy(location, occupancy.WEEK, date(2026, 12, 1), today=date(2026, 12, 1))[-1:]
    assert (week.fixed_days, week.available) == (2, 15)
    assert week.percentage == 13  # 2 / 15 = 13.3 %
    assert occupancy.Occupancy(week.period, 1, 0, 0, 0, 8).percentage == 13  # 12.5 % rounds half up


def test_the_occupancy_page_answers_the_funder_with_figures_only(client, world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    stay = world.ofd.participation
    DeskBookingFactory(participation=stay, day=date(2026, 11, 30))
    client.force_login(world.users[Role.FUNDER])
    url = reverse("spaces:occupancy", kwargs={"programme": "ofd", "pk": world.ofd.location.pk})
    with django_assert_max_num_queries(15):
        response = client.get(url, {"per": "month", "day": "2026-11-30"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "november 2026" in page
    assert world.ofd.company.name not in page
    assert client.get(url, {"per": "year"}).status_code == 400
    assert DeskBooking.objects.count() == 1
