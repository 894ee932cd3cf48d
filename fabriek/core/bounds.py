"""The plausible range of every number and date a person or a file can give: one definition per field.

Models turn these into check constraints (the fixed parts), forms and API schemas into min/max, importers
into row errors, report parameters into 400s. A bound that depends on today (nothing founded in the future)
cannot be a database constraint, so the database holds the fixed outer limit and the services the rest.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from fabriek.core.periods import add_years


@dataclass(frozen=True)
class NumberBound:
    """An inclusive range of whole numbers (for money: euro cents)."""

    minimum: int
    maximum: int

    def contains(self, value: int) -> bool:
        return self.minimum <= value <= self.maximum


EMPLOYEES = NumberBound(0, 100_000)
INTERNS = NumberBound(0, 100_000)
FTE = NumberBound(0, 100_000)
REVENUE_CENTS = NumberBound(-(10**12), 10**12)

#: founded_on and observed_on: history, never in the future
EARLIEST_HISTORY = date(1900, 1, 1)
#: event and stay dates, and the periods reports are asked for
EARLIEST_ACTIVITY = date(1990, 1, 1)
#: how far ahead an event or stay may be planned
ACTIVITY_YEARS_AHEAD = 5
#: the fixed outer limit the database enforces for every date (the moving limits need today)
LATEST_STORABLE = date(2199, 12, 31)


def today() -> date:
    return timezone.localdate()


def latest_history(on: date | None = None) -> date:
    """The last day a founding date or an observation may have: today."""
    return on or today()


def latest_activity(on: date | None = None) -> date:
    """The last day an event, a stay or a report period may have: today plus five years."""
    return add_years(on or today(), ACTIVITY_YEARS_AHEAD)
