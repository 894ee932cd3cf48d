"""The participants' contributions page and its monthly export for accounting (clause 16).

The computation is `fabriek.spaces.contributions`; this module shows it, beside the budget's contributions
line, and renders the month's rows through the shared exporters (CSV per language, XLSX).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.core.errors import BadParameter
from fabriek.programmes.models import Programme
from fabriek.reporting import clauses
from fabriek.reporting.exporters import Cell, ReportExporter, Sheet
from fabriek.reporting.forms import DOWNLOAD_FORMATS
from fabriek.spaces import contributions

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


class ContributionsExporter(ReportExporter):
    """One month's contributions: company, KvK number, package, days, amount (clause 16)."""

    identifier = "contributions"

    def __init__(self, programme: Programme, *, year: int, month: int) -> None:
        super().__init__(programme)
        self.year, self.month = year, month
        self.rows_ = contributions.month_contributions(programme=programme, year=year, month=month)

    def title(self) -> str:
        return _("Contributions %(month)s") % {"month": self.period_label()}

    def period_label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def rows(self) -> Iterator[Sequence[Cell]]:
        yield (_("Company"), _("KvK number"), _("Package"), _("Location"), _("Days"), _("Amount (EUR)"))
        for row in self.rows_:
            yield (row.company, row.kvk_number, row.package, row.location, row.days, _euros(row.amount_cents))
        yield (_("Total"), None, None, None, None, _euros(sum(row.amount_cents for row in self.rows_)))

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Contributions"), self.rows())

    def notes(self) -> list[tuple[str, str]]:
        return [(clauses.CONTRIBUTIONS.heading, str(clauses.CONTRIBUTIONS.text))]

    def as_json(self) -> dict[str, Any]:
        return {
            "programme": self.programme.slug,
            "month": self.period_label(),
            "rows": [
                {
                    "company": row.company,
                    "kvk_number": row.kvk_number,
                    "package": row.package,
                    "days": row.days,
                    "amount_cents": row.amount_cents,
                }
                for row in self.rows_
            ],
        }


def _month(request: HttpRequest) -> tuple[int, int]:
    value = request.GET.get("month", "")
    if not value:
        today = timezone.localdate()
        return today.year, today.month
    match = MONTH.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1990 <= int(match.group(1)) <= 2199:
        raise BadParameter(_("Give the month (month) as YYYY-MM, for example 2026-11."))
    return int(match.group(1)), int(match.group(2))


@programme_view([Role.STAFF])
def contributions_page(request: HttpRequest) -> HttpResponse:
    """The month's contributions per company, the year's months and total beside the budget line."""
    programme = request.programme  # type: ignore[attr-defined]
    year, month = _month(request)
    rows = contributions.month_contributions(programme=programme, year=year, month=month)
    months = contributions.year_per_month(programme=programme, year=year)
    year_total = sum(cents for _month_number, cents in months)
    budget = contributions.budgeted_contributions_cents(programme=programme, year=year)
    return render(
        request,
        "reporting/contributions.html",
        {
            "month_value": f"{year}-{month:02d}",
            "month_label": formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT"),
            "year": year,
            "rows": [{"row": row, "euros": _euros(row.amount_cents)} for row in rows],
            "month_total": _euros(sum(row.amount_cents for row in rows)),
            "months": [
                {
                    "label": formats.date_format(date(year, number, 1), "YEAR_MONTH_FORMAT"),
                    "value": f"{year}-{number:02d}",
                    "euros": _euros(cents),
                }
                for number, cents in months
            ],
            "year_total": _euros(year_total),
            "budget": None if budget is None else _euros(budget),
            "difference": None if budget is None else _euros(year_total - budget),
            "clause": clauses.CONTRIBUTIONS,
            "formats": DOWNLOAD_FORMATS,
        },
    )


@programme_view([Role.STAFF])
def contributions_export(request: HttpRequest) -> HttpResponse:
    """The month's rows for accounting, as CSV (in the user's language's dialect, zipped) or XLSX."""
    programme = request.programme  # type: ignore[attr-defined]
    year, month = _month(request)
    fmt = request.GET.get("format", "csv")
    if fmt not in DOWNLOAD_FORMATS:
        raise BadParameter(
            _("Unknown format %(format)s; choose one of: %(formats)s.")
            % {"format": fmt, "formats": ", ".join(DOWNLOAD_FORMATS)}
        )
    rendered = ContributionsExporter(programme, year=year, month=month).render_download(fmt, translation.get_language())
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
