"""The stay rules (docs/rules.md, clauses 5 and 6), in one place: the form and API (through the services), the
importer, the demo, the participation pages and the data-coverage lists all call these.

- Clause 5: two stays of one company in one programme never share a day (a stay is the closed interval
  [start, end]; no end: still going). The database refuses it too (participation migration 0002).
- Clause 6: a stay lasts at most two years: its end (today while it goes on) is not after the same day two
  calendar years after its start (29 February + 2 years = 28 February). A longer stay needs a reason:
  the form and the API refuse it without one; an import keeps it with a warning (the pinned import
  interface), and the data-coverage lists show it until a reason is given.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import DateField, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from fabriek.core.periods import add_years
from fabriek.core.sql import DatePlus
from fabriek.participation.models import Participation

#: How long a stay may last without a reason, in calendar years (clause 6).
STAY_LIMIT_YEARS = 2


def stay_limit(started_on: date) -> date:
    """The last day a stay that started on `started_on` may reach without a reason (clause 6)."""
    return add_years(started_on, STAY_LIMIT_YEARS)


def last_day_without_reason(started_on: date) -> date:
    """The last day of a stay that uses its full two years and no more: the day before `stay_limit`, so
    that a stay started on 1 March 2015 ends on 28 February 2017 (as the demo's cohorts do)."""
    return stay_limit(started_on) - timedelta(days=1)


def is_long_stay(started_on: date, ended_on: date | None, *, today: date) -> bool:
    """Whether a stay runs past the two-year limit: its end (`today` while it goes on) lies after
    `stay_limit` (clause 6)."""
    return (ended_on or today) > stay_limit(started_on)


def stays_overlap(first: tuple[date, date | None], second: tuple[date, date | None]) -> bool:
    """Whether two stays (start, end or None) share a day (clause 5)."""
    (start_a, end_a), (start_b, end_b) = first, second
    return (end_a is None or start_b <= end_a) and (end_b is None or start_a <= end_b)


def overlapping_q(*, started_on: date, ended_on: date | None) -> Q:
    """The stays that share a day with [started_on, ended_on] (clause 5), as a filter."""
    q = Q(ended_on__isnull=True) | Q(ended_on__gte=started_on)
    if ended_on is not None:
        q &= Q(started_on__lte=ended_on)
    return q


def long_stays_without_reason(stays: QuerySet[Participation], *, today: date) -> QuerySet[Participation]:
    """The stays of `stays` over two years without a reason (clause 6), computed by the database."""
    end: Any = Coalesce("ended_on", Value(today, output_field=DateField()), output_field=DateField())
    return (
        stays.filter(long_stay_reason="")
        .alias(stay_end=end)
        .filter(stay_end__gt=DatePlus("started_on", years=STAY_LIMIT_YEARS))
    )
