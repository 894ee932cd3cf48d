"""Pure date helpers for reporting periods and the two-year windows (no database, no clock)."""

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a non-leap year."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


@dataclass(frozen=True)
class Period:
    """A closed interval of days [start, end]."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def overlaps(self, start: date, end: date | None) -> bool:
        """Whether a stay from `start` to `end` (None: still going) shares a day with this period."""
        return start <= self.end and (end is None or end >= self.start)

    def years(self) -> Iterator["Period"]:
        """The calendar years in this period, clipped to it."""
        for year in range(self.start.year, self.end.year + 1):
            yield Period(max(self.start, date(year, 1, 1)), min(self.end, date(year, 12, 31)))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))
