"""The plausible range of every number and date a person or a file can give: one definition per field.

Models turn these into check constraints (the fixed parts) and field validators, forms and API schemas into
min/max, importers into row errors, report parameters into 400s. A bound that depends on today (nothing
founded in the future) cannot be a database constraint, so the database holds the fixed outer limit and the
validators here (which models, forms, the API, importers and the demo all run) the rest.

Why these numbers: the largest Dutch employer has under 100,000 people on its payroll, and a revenue beyond
EUR 10 billion is no starter's. The bounds also keep the reports' arithmetic safe: `reporting.rules` may pack
an observation's day number (at most 21991231) and its employees (at most 100,000) into one 64-bit integer.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import CheckConstraint, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from fabriek.core.periods import add_years

#: The zone the fixed date limits of datetime fields are taken in (the programme's own, as TIME_ZONE).
_LOCAL = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class NumberBound:
    """An inclusive range of numbers (for money: euro cents; FTE may have two decimals)."""

    minimum: int
    maximum: int

    def contains(self, value: int | Decimal) -> bool:
        return self.minimum <= value <= self.maximum

    def validators(self) -> list[Any]:
        """Model and form field validators (Django's own, so migrations can write them down)."""
        return [MinValueValidator(self.minimum), MaxValueValidator(self.maximum)]

    def constraint(self, field: str, name: str, *, nullable: bool = False) -> CheckConstraint:
        """The database's check constraint for `field`."""
        within = Q(**{f"{field}__gte": self.minimum, f"{field}__lte": self.maximum})
        return CheckConstraint(condition=within | Q(**{f"{field}__isnull": True}) if nullable else within, name=name)

    def in_euros(self) -> tuple[Decimal, Decimal]:
        """The range of an amount in cents, in euros (for forms that ask for euros)."""
        return Decimal(self.minimum) / 100, Decimal(self.maximum) / 100


EMPLOYEES = NumberBound(0, 100_000)
INTERNS = NumberBound(0, 100_000)
FTE = NumberBound(0, 100_000)
REVENUE_CENTS = NumberBound(-(10**12), 10**12)
#: a loan, grant or investment a partner reports for a referral
FINANCING_CENTS = NumberBound(0, 10**12)
#: seats of an event (the largest hall in Drenthe holds a few thousand)
EVENT_SEATS = NumberBound(1, 100_000)
#: sessions of an event series a participant must attend to complete it
SERIES_SESSIONS = NumberBound(1, 1_000)

#: minutes of one logged mentoring session: a short call up to a working day
SESSION_MINUTES = NumberBound(5, 600)
#: how many companies a mentor coaches at once
MENTEES_AT_ONCE = NumberBound(1, 20)

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


# -- dates: the validators every entry point runs ----------------------------------------------------------


def _local_day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _check(day: date, earliest: date, latest: date, *, future_message: Any) -> None:
    if day < earliest:
        raise ValidationError(
            _("%(value)s is too long ago; the earliest date accepted is %(earliest)s."),
            code="too_early",
            params={"value": formats.date_format(day), "earliest": formats.date_format(earliest)},
        )
    if day > latest:
        raise ValidationError(
            future_message,
            code="too_late",
            params={"value": formats.date_format(day), "latest": formats.date_format(latest)},
        )


def validate_history_date(value: date | datetime | None) -> None:
    """A founding date or an observation date: from 1900 up to today (figures are not known in advance)."""
    if value is None:
        return
    _check(
        _local_day(value),
        EARLIEST_HISTORY,
        latest_history(),
        future_message=_("%(value)s is in the future; give a date up to today (%(latest)s)."),
    )


def validate_activity_date(value: date | datetime | None) -> None:
    """An event's or a stay's date: from 1990 up to five years ahead (plans, not fantasies)."""
    if value is None:
        return
    _check(
        _local_day(value),
        EARLIEST_ACTIVITY,
        latest_activity(),
        future_message=_("%(value)s is too far ahead; the latest date accepted is %(latest)s."),
    )


def validate_past_activity_date(value: date | datetime | None) -> None:
    """Something that happened in the programme (a mentoring session): from 1990 up to today, since it is
    logged afterwards."""
    if value is None:
        return
    _check(
        _local_day(value),
        EARLIEST_ACTIVITY,
        latest_history(),
        future_message=_("%(value)s is in the future; give a date up to today (%(latest)s)."),
    )


def history_date_error(value: date) -> str | None:
    """`validate_history_date` as a message (None when fine), for importers that collect errors."""
    try:
        validate_history_date(value)
    except ValidationError as error:
        return error.messages[0]
    return None


def activity_date_error(value: date) -> str | None:
    """`validate_activity_date` as a message (None when fine)."""
    try:
        validate_activity_date(value)
    except ValidationError as error:
        return error.messages[0]
    return None


# -- dates: the database's fixed outer limits --------------------------------------------------------------


def history_date_constraint(field: str, name: str) -> CheckConstraint:
    return _date_constraint(field, name, EARLIEST_HISTORY)


def activity_date_constraint(field: str, name: str) -> CheckConstraint:
    return _date_constraint(field, name, EARLIEST_ACTIVITY)


def activity_datetime_constraint(field: str, name: str) -> CheckConstraint:
    """For a datetime field: the first and last instants of the limits' days in Amsterdam time."""
    first = datetime(EARLIEST_ACTIVITY.year, EARLIEST_ACTIVITY.month, EARLIEST_ACTIVITY.day, tzinfo=_LOCAL)
    last = datetime(LATEST_STORABLE.year, LATEST_STORABLE.month, LATEST_STORABLE.day, 23, 59, 59, tzinfo=_LOCAL)
    return CheckConstraint(condition=Q(**{f"{field}__gte": first, f"{field}__lte": last}), name=name)


def _date_constraint(field: str, name: str, earliest: date) -> CheckConstraint:
    within = Q(**{f"{field}__gte": earliest, f"{field}__lte": LATEST_STORABLE})
    return CheckConstraint(condition=within | Q(**{f"{field}__isnull": True}), name=name)


# -- names: printable text only ----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def validate_printable(value: str) -> None:
    """A name or title: no control characters (a NUL, a bell, a line break), which no one means to type and
    which break exports and other systems downstream."""
    found = _CONTROL.search(value or "")
    if found:
        raise ValidationError(
            _("This contains a control character (%(code)s) at position %(position)d; remove it."),
            code="control_character",
            params={"code": f"U+{ord(found.group()):04X}", "position": found.start() + 1},
        )
