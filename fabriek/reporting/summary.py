"""The figures the report pages show, computed once and kept until a record they depend on changes.

`rules` and `indicators` stay the definition of every number; this module only remembers their answers. Each
answer is stored (`FiguresSummary`) under the programme's figures version (`programmes.figures`), which every
write of a record the figures read raises in its own transaction (`reporting.watch`). A page therefore either
serves the answer computed at the current version or computes it afresh and stores it: never an old number.

Why answers and not a table of per-year counts kept up to date row by row: the pinned rules (best figure on or
before a date, a baseline found up to 90 days after the start, two-year windows, statuses of the latest stay)
do not add up from per-row increments, so any incremental table would be a second implementation to keep in
step. Storing the rules' own answers keeps one definition; the property tests in
`reporting/tests/test_summary.py` check the stored answers against the rules after random edits.

Two kinds of change do not come from a write:
- the clock: an event counts once it has begun (clause 8), so indicator values hold only until the next event
  of the programme begins (`valid_until`);
- the code: the key carries a fingerprint of the modules that compute figures, so a new release never serves
  what an older one computed.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from django.db import DatabaseError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from fabriek.companies.models import Company
from fabriek.events.models import Event
from fabriek.mentoring import selectors as mentoring_selectors
from fabriek.participation import rules as stay_rules
from fabriek.programmes.figures import figures_version
from fabriek.programmes.models import Location, Programme
from fabriek.reporting import indicators as indicator_functions
from fabriek.reporting import rules, selectors
from fabriek.reporting.indicators import IndicatorValue
from fabriek.reporting.models import FiguresSummary

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: The modules whose code decides a figure; a change to any of them is a new fingerprint.
_FIGURE_MODULES = (rules, indicator_functions, stay_rules, mentoring_selectors)


def _fingerprint() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for module in _FIGURE_MODULES:
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


CODE = _fingerprint()


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _key(kind: str, *parts: date | None, location: Location | None = None) -> str:
    return ":".join([kind, *(_day(part) for part in parts), str(location.pk) if location is not None else ""])


class Figures:
    """The stored figures of one programme, at the version current when this object was made.

    Make one per request (or per report), after any write of that request: the version is read once, so
    everything this object answers is consistent with one moment."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.version = figures_version(programme)
        self._found: dict[str, Any] = {}

    # -- the reports ---------------------------------------------------------------------------------------

    def inflow_outflow(self, *, on: date, location: Location | None = None) -> rules.InflowOutflow:
        def compute() -> rules.InflowOutflow:
            result = rules.inflow_outflow(programme=self.programme, on=on, location=location)
            result.table  # noqa: B018 (stored with the answer: adding up every company is most of a page's time)
            return result

        return self._get(_key("inflow-outflow", on, location=location), compute)

    def jobs_created(self, *, start: date, end: date, location: Location | None = None) -> rules.JobsCreated:
        def compute() -> rules.JobsCreated:
            result = rules.jobs_created(programme=self.programme, start=start, end=end, location=location)
            result.as_dict()  # stored with its totals, which are added up once
            return result

        return self._get(_key("jobs-created", start, end, location=location), compute)

    def data_coverage(
        self, *, on: date, start: date | None = None, location: Location | None = None
    ) -> rules.DataCoverage:
        return self._get(
            _key("data-coverage", on, start, location=location),
            lambda: rules.data_coverage(programme=self.programme, on=on, start=start, location=location),
        )

    def indicators(
        self, periods: Iterable[tuple[date, date]], *, location: Location | None = None
    ) -> dict[tuple[date, date], list[IndicatorValue]]:
        """The eight indicators for each period, with labels and targets in the current language (the stored
        values are fetched together, in one query)."""
        periods = list(dict.fromkeys(periods))
        keys = {period: _key("measurements", *period, location=location) for period in periods}
        self._prefetch(keys.values())
        return {
            (start, end): indicator_functions.indicators(
                programme=self.programme,
                start=start,
                end=end,
                location=location,
                measured=self._get(
                    keys[(start, end)],
                    lambda start=start, end=end: indicator_functions.measurements(  # type: ignore[misc]
                        programme=self.programme, start=start, end=end, location=location
                    ),
                    clock=True,
                ),
            )
            for start, end in periods
        }

    def last_record_day(self, *, today: date) -> date:
        """`selectors.last_record_day`: the in/outflow table's default date."""
        latest = self._get("latest-record", lambda: selectors.latest_record(programme=self.programme))
        return selectors.day_to_open(latest, today=today)

    def company_order(self) -> list[int]:
        """The ids of the programme's companies by name (the order every list of companies behind a number
        shows), so that a list page fetches only its own rows."""
        return self._get(
            "company-order",
            lambda: list(
                Company.objects.filter(programmes=self.programme).order_by("name", "pk").values_list("pk", flat=True)
            ),
        )

    # -- storage ------------------------------------------------------------------------------------------

    def _current(self) -> Any:
        return FiguresSummary.objects.filter(programme=self.programme, version=self.version, code=CODE).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=timezone.now())
        )

    def _prefetch(self, keys: Iterable[str]) -> None:
        wanted = [key for key in keys if key not in self._found]
        if wanted:
            for key, payload in self._current().filter(key__in=wanted).values_list("key", "payload"):
                self._found[key] = pickle.loads(payload)  # noqa: S301 (written only by this module)

    def _get(self, key: str, compute: Callable[[], T], *, clock: bool = False) -> T:
        if key not in self._found:
            self._prefetch([key])
        if key in self._found:
            return self._found[key]  # type: ignore[no-any-return]
        computed_at = timezone.now()
        value = compute()
        self._store(key, value, computed_at=computed_at, valid_until=self._next_event(computed_at) if clock else None)
        self._found[key] = value
        return value

    def _next_event(self, now: datetime) -> datetime | None:
        """When the next event of the programme begins: the moment the event indicators may change."""
        found: datetime | None = Event.objects.filter(programme=self.programme, starts_at__gt=now).aggregate(
            first=Min("starts_at")
        )["first"]
        return found

    def _store(self, key: str, value: Any, *, computed_at: datetime, valid_until: datetime | None) -> None:
        """Keep an answer; answers of older versions or code go. Storing is a saving, not a duty: when it
        fails (the database is busy with a long import on SQLite), the page still shows what it computed."""
        row = FiguresSummary(
            programme=self.programme,
            key=key,
            version=self.version,
            code=CODE,
            valid_until=valid_until,
            computed_at=computed_at,
            payload=pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
        )
        try:
            with transaction.atomic():
                FiguresSummary.objects.filter(programme=self.programme).filter(
                    Q(version__lt=self.version) | ~Q(code=CODE)
                ).delete()
                FiguresSummary.objects.bulk_create(
                    [row],
                    update_conflicts=True,
                    unique_fields=["programme", "key"],
                    update_fields=["version", "code", "valid_until", "computed_at", "payload"],
                )
        except DatabaseError:
            logger.warning("could not store the figures %s of %s", key, self.programme.slug, exc_info=True)


def refresh(programme: Programme, *, today: date) -> None:
    """Compute and store what the report pages open on (their default period and date, for the whole
    programme), so that the first visit after a change finds its figures ready. Figures stored already at
    the current version cost one lookup each."""
    plans = selectors.plan_periods(programme=programme)
    _plan, start, end = selectors.default_period(plans=plans, today=today)
    years = selectors.chart_years(start=start, end=end, today=today)
    figures = Figures(programme)
    figures.indicators([(start, end), *((year.start, year.end) for year in years)])
    figures.jobs_created(start=start, end=end)
    figures.data_coverage(on=end, start=start)
    on = figures.last_record_day(today=today)
    figures.inflow_outflow(on=on)
    figures.data_coverage(on=on)
    figures.company_order()
