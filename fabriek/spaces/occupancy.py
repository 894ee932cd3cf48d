"""Occupancy of a location per day, ISO week or month: one definition, shown on the occupancy page.

For each period:
- fixed desk-days taken: for every fixed-desk assignment at the location, the working days (Monday to
  Friday) of the period on which the assignment was held (assigned_on up to released_on, released_on not
  counted) and its stay was going on;
- flexible desk-days booked: the bookings of the location's flexible desks on days of the period (also on a
  weekend day, if someone booked one); used: those checked in (at the desk or by the location manager);
- room hours booked: the hours of the room bookings at the location in the period;
- desk-days available: the desks in use today x the working days of the period;
- occupancy: (fixed desk-days taken + flexible desk-days booked) / desk-days available, as a whole percentage
  (rounded half up); empty when nothing is available.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, Sum
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from fabriek.programmes.models import Location
from fabriek.spaces import rules
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, RoomBooking

DAY, WEEK, MONTH = "day", "week", "month"
GRAINS = {DAY: _("Day"), WEEK: _("Week"), MONTH: _("Month")}
#: how many periods the page shows, the last ending with the chosen date's period
PERIODS = 12

HOW_COMPUTED = _(
    "Fixed desk-days: the working days (Monday to Friday) on which a fixed desk was assigned to a current "
    "stay. Flexible desk-days: the bookings of flexible desks, and of these the ones checked in (used). Room "
    "hours: the booked hours of the rooms. Available: the desks in use times the working days. Occupancy: "
    "fixed plus booked flexible desk-days divided by the available desk-days, rounded to a whole percentage."
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str


@dataclass(frozen=True)
class Occupancy:
    period: Period
    fixed_days: int
    flexible_booked: int
    flexible_used: int
    room_hours: int
    available: int

    @property
    def percentage(self) -> int | None:
        if self.available == 0:
            return None
        # whole percent, half up, in integers (no float rounding surprises)
        return (200 * (self.fixed_days + self.flexible_booked) + self.available) // (2 * self.available)


def working_days(start: date, end: date) -> int:
    """Monday to Friday in [start, end] (0 when end < start)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if (start + timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


def periods(grain: str, last_day: date, count: int = PERIODS) -> list[Period]:
    """The `count` periods of `grain` ending with the one that holds `last_day`, oldest first."""
    result: list[Period] = []
    if grain == DAY:
        for n in range(count - 1, -1, -1):
            day = last_day - timedelta(days=n)
            result.append(Period(day, day, formats.date_format(day, "SHORT_DATE_FORMAT")))
    elif grain == WEEK:
        monday = rules.iso_week(last_day)[0]
        for n in range(count - 1, -1, -1):
            start = monday - timedelta(weeks=n)
            year, week, _weekday = start.isocalendar()
            result.append(Period(start, start + timedelta(days=6), f"{year}-W{week:02d}"))
    else:
        year, month = last_day.year, last_day.month
        months = []
        for _n in range(count):
            months.append((year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        for year, month in reversed(months):
            start = date(year, month, 1)
            end = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
            result.append(Period(start, end, formats.date_format(start, "YEAR_MONTH_FORMAT")))
    return result


def location_occupancy(location: Location, grain: str, last_day: date, *, today: date) -> list[Occupancy]:
    """The occupancy of `location` in each period; four queries whatever the number of periods."""
    span = periods(grain, last_day)
    first, last = span[0].start, span[-1].end
    desks_in_use = Desk.objects.filter(location=location, active=True).count()
    assignments = list(
        DeskAssignment.objects.filter(desk__location=location, assigned_on__lte=last)
        .filter(Q(released_on__isnull=True) | Q(released_on__gt=first))
        .values("assigned_on", "released_on", "participation__started_on", "participation__ended_on")
    )
    bookings = {
        row["day"]: row
        for row in DeskBooking.objects.filter(desk__location=location, desk__kind=Desk.Kind.FLEXIBLE)
        .filter(day__range=(first, last))
        .values("day")
        .annotate(booked=Count("pk"), used=Count("pk", filter=Q(checked_in_at__isnull=False)))
    }
    rooms = {
        row["day"]: row["hours"]
        for row in RoomBooking.objects.filter(room__location=location, day__range=(first, last))
        .values("day")
        .annotate(hours=Sum(F("end_hour") - F("start_hour")))
    }
    result = []
    for period in span:
        fixed = 0
        for a in assignments:
            start = max(period.start, a["assigned_on"], a["participation__started_on"])
            ends = [period.end]
            if a["released_on"] is not None:
                ends.append(a["released_on"] - timedelta(days=1))
            if a["participation__ended_on"] is not None:
                ends.append(a["participation__ended_on"])
            fixed += working_days(start, min(ends))
        days = [period.start + timedelta(days=n) for n in range((period.end - period.start).days + 1)]
        result.append(
            Occupancy(
                period=period,
                fixed_days=fixed,
                flexible_booked=sum(bookings[d]["booked"] for d in days if d in bookings),
                flexible_used=sum(bookings[d]["used"] for d in days if d in bookings),
                room_hours=sum(rooms.get(d) or 0 for d in days),
                available=desks_in_use * working_days(period.start, period.end),
            )
        )
    return result


@dataclass(frozen=True)
class ChartBar:
    label: str
    percentage: int
    x: float
    y: float
    width: float
    height: float
    middle: float


CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM = 600, 160, 16, 20


def chart_bars(rows: list[Occupancy]) -> list[ChartBar]:
    """Bars of the occupancy percentage (0-100, more when overbooked) in a 600 x 160 drawing."""
    slot = CHART_WIDTH / max(1, len(rows))
    top = max([100, *(r.percentage or 0 for r in rows)])
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    bars = []
    for n, row in enumerate(rows):
        value = row.percentage or 0
        height = round(plot * value / top, 1)
        bars.append(
            ChartBar(
                label=row.period.label,
                percentage=value,
                x=round(n * slot + slot * 0.15, 1),
                y=round(CHART_HEIGHT - CHART_BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                middle=round(n * slot + slot / 2, 1),
            )
        )
    return bars
