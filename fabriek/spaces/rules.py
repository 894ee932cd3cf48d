"""The booking rules of the spaces: who may have which desk on which day. One home for each; the
services (pages, API), the demo and the occupancy figures call them."""

from datetime import date, timedelta

from django.db.models import Q

#: How far ahead a desk or a room may be booked.
BOOKING_DAYS_AHEAD = 56


def iso_week(day: date) -> tuple[date, date]:
    """The ISO week (Monday to Sunday) holding `day`: the period a package's flexible desk-days count in."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def stay_covers_q(day: date, prefix: str = "") -> Q:
    """Stays that include `day` (a stay is the closed interval [started_on, ended_on], ended_on empty: going on)."""
    return Q(**{f"{prefix}started_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day})
    )


def bookable_window(today: date) -> tuple[date, date]:
    """The first and last day that may be booked (or cancelled) on `today`: no day that has passed."""
    return today, today + timedelta(days=BOOKING_DAYS_AHEAD)
