"""Participants' contributions per company and month, from package prices and stay dates (clause 16,
docs/rules.md): the one computation behind the contributions page, its export and the year's total."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, Sum

from fabriek.participation.models import Participation
from fabriek.programmes.models import BudgetLine, Programme


@dataclass(frozen=True)
class ContributionRow:
    company_id: int
    company: str
    kvk_number: str
    package: str
    location: str
    days: int
    days_in_month: int
    monthly_price_cents: int
    amount_cents: int


def pro_rata_cents(monthly_price_cents: int, days: int, days_in_month: int) -> int:
    """Clause 16: the monthly price x days / days in the month, rounded half up to a whole cent (in integers)."""
    return (2 * monthly_price_cents * days + days_in_month) // (2 * days_in_month)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_contributions(*, programme: Programme, year: int, month: int) -> list[ContributionRow]:
    """Clause 16: one row per stay that covers at least one day of the month (a company that changed
    package in the month has a row for each stay), by company name. One query."""
    first, last = month_bounds(year, month)
    days_in_month = (last - first).days + 1
    stays = (
        Participation.objects.filter(programme=programme, started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .select_related("company", "package", "location")
        .order_by("company__name", "company_id", "started_on", "pk")
    )
    rows = []
    for stay in stays:
        days = (min(stay.ended_on or last, last) - max(stay.started_on, first)).days + 1
        price = stay.package.monthly_price_cents
        rows.append(
            ContributionRow(
                company_id=stay.company_id,
                company=stay.company.name,
                kvk_number=stay.company.kvk_number,
                package=stay.package.name,
                location=stay.location.name,
                days=days,
                days_in_month=days_in_month,
                monthly_price_cents=price,
                amount_cents=pro_rata_cents(price, days, days_in_month),
            )
        )
    return rows


def year_per_month(*, programme: Programme, year: int) -> list[tuple[int, int]]:
    """(month, total cents) for the twelve months of `year` (clause 16: the sum of the month's rows)."""
    return [
        (month, sum(row.amount_cents for row in month_contributions(programme=programme, year=year, month=month)))
        for month in range(1, 13)
    ]


def budgeted_contributions_cents(*, programme: Programme, year: int) -> int | None:
    """The budget's participants' contributions line(s) for `year`, or None when the budget has none."""
    total = BudgetLine.objects.filter(
        plan_period__programme=programme, year=year, kind=BudgetLine.Kind.CONTRIBUTIONS
    ).aggregate(total=Sum("amount_cents"))["total"]
    return total
