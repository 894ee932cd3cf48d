"""The counting rules (issue 3, section 2, pinned): employees on a date, the in/outflow table, jobs created,
and the data coverage shown beside them: clauses 1-4 of docs/rules.md.

How the database work is done, and why:
- Each report is ONE query, whatever the number of companies. It runs over each company's latest stay
  (one row per company) and asks every per-company fact (its figure on a date, its first start, its
  baseline) as a correlated subquery that PostgreSQL and SQLite answer with one short index probe
  (observations are indexed on company and date). Python then only adds up one small row per company, so
  every number keeps the list of companies behind it for the screens that link to them.
- The stays of one company in one programme never share a day: the database refuses it (an exclusion
  constraint on PostgreSQL, triggers on SQLite; participation migration 0002). So the latest stay started
  on or before a date tells everything the rules ask of the stays: the company is current at the date
  exactly when that stay covers it (an earlier stay that covered it would overlap the latest), its status
  is that stay's status, and its end is the latest end. Only the first start needs a look at the others.
- A subquery returns one value, and PostgreSQL runs each subquery on its own, so two values of one
  observation (its date and employees, or its employees and interns) travel joined in one text
  (`_Joined`, e.g. "6360 12": a day number and a count): one index probe per figure instead of two.
  Text, not arithmetic: packing numbers into one integer overflows on large values (issue 6:
  99,999,999,999 employees made every report fail), while the decimal text of any integer the
  database holds always reads back exactly.

`reference.py` holds the same rules written plainly in Python over plain data; the property tests check
that both give the same numbers on random histories.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from django.db import NotSupportedError
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    Field,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Least

from fabriek.companies.models import Company
from fabriek.core.periods import add_years
from fabriek.core.sql import DatePlus
from fabriek.metrics.models import SOURCE_RANK, Observation
from fabriek.participation import rules as stay_rules
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.programmes.models import Location, Programme

#: How far after the first start a first figure may still serve as the baseline (day 90 included).
BASELINE_GRACE_DAYS = 90
#: How long after leaving a company's new jobs still count, in calendar years.
FOLLOW_UP_YEARS = 2
#: A latest figure older than this many years before the report date is stale (data coverage).
STALE_AFTER_YEARS = 1

COLUMNS: tuple[str, ...] = ("participants", "employees", "interns")
STATUSES: tuple[str, ...] = (
    OutflowStatus.ENTREPRENEUR.value,
    OutflowStatus.FREELANCER.value,
    OutflowStatus.EMPLOYED.value,
    OutflowStatus.STOPPED.value,
)
#: The rows of the in/outflow table, top to bottom; the last four split the outflow by status.
ROWS: tuple[str, ...] = ("inflow", "current", "outflow", *STATUSES)

# The texts people read for these rules are the numbered clauses in `clauses.py` (docs/rules.md): clause 1
# (employees on a date), 2 (in/outflow), 3 (jobs created), 4 (data coverage).


# -- SQL building blocks -----------------------------------------------------------------------------------


def source_rank() -> Case:
    """The source of an observation as a number: the higher wins a tie on the same date (SOURCE_RANK)."""
    return Case(
        *[When(source=source, then=Value(rank)) for source, rank in SOURCE_RANK.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


#: Separates the values `_Joined` puts in one text; a decimal integer never contains it.
_SEPARATOR = " "


class _Joined(Func):
    """Values of one observation as one text, separated by `_SEPARATOR`: "a b" (never NULL, as the
    columns are NOT NULL). Each value is a whole number (a column or `_DayNumber`); integers become their exact
    decimal text, however large, so nothing can overflow."""

    output_field = CharField()

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra_context: Any) -> Any:
        parts, params = [], []
        for expression in self.source_expressions:
            sql, expression_params = compiler.compile(expression)
            parts.append(f"CAST({sql} AS TEXT)")
            params.extend(expression_params)
        joiner = f" || '{_SEPARATOR}' || "
        return f"({joiner.join(parts)})", params


#: Dates travel as their number of days since this day (a plain integer is cheaper to make than a text).
_DAY_ZERO = date(2000, 1, 1)


class _DayNumber(Func):
    """A date column as its number of days since `_DAY_ZERO` (negative before it): exact for every date."""

    output_field = IntegerField()

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra_context: Any) -> Any:
        raise NotSupportedError(f"_DayNumber is written for PostgreSQL and SQLite, not {connection.vendor}")

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} - DATE '{_DAY_ZERO.isoformat()}')", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(julianday({sql}) - julianday('{_DAY_ZERO.isoformat()}') AS INTEGER)", params


def _pair(value: Any) -> tuple[str, str] | None:
    """The two parts of a `_Joined` text; None when there was no observation."""
    if value is None:
        return None
    first, _separator, second = value.partition(_SEPARATOR)
    return first, second


def _unpack(value: Any) -> tuple[int, int] | None:
    """The two integers of `_employees_and_interns`; None when there was no observation."""
    pair = _pair(value)
    return None if pair is None else (int(pair[0]), int(pair[1]))


def _unpack_dated(value: Any) -> tuple[date | None, int | None]:
    """(date, count) from `_dated_employees`; (None, None) when there was no observation."""
    pair = _pair(value)
    if pair is None:
        return None, None
    return _day(pair[0]), int(pair[1])


@lru_cache(maxsize=8192)
def _day(number: str) -> date:
    """The date of a `_DayNumber` (cached: a report meets the same few thousand days again and again)."""
    return date.fromordinal(_DAY_ZERO.toordinal() + int(number))


def _joined_output() -> Field:
    """The output field of the joined subqueries. A plain Field spares the converters Django would run on
    every value of a text field; the database already returns a Python str."""
    return Field()


def _date(day: date) -> Value:
    return Value(day, output_field=DateField())


def _figures(programme: Programme, **lookups: Any) -> QuerySet[Observation]:
    """The observations `programme` recorded of the outer row's company matching `lookups` (ordering is set
    by the callers). A programme counts only its own figures of a company it shares with another."""
    return Observation.objects.filter(company=OuterRef("company_id"), programme=programme, **lookups)


def _best_on_or_before(programme: Programme, day: Any, joined: _Joined) -> Subquery:
    """`joined` (see `_Joined`) of the outer company's latest observation on or before `day`; on a shared
    date the higher source rank wins."""
    best = _figures(programme, observed_on__lte=day).order_by(F("observed_on").desc(), source_rank().desc())
    return Subquery(best.annotate(joined=joined).values("joined")[:1], output_field=_joined_output())


def _best_after(programme: Programme, day: Any, until: Any, joined: _Joined) -> Subquery:
    """`joined` of the outer company's earliest observation after `day` and on or before `until`; on a
    shared date the higher source rank wins."""
    best = _figures(programme, observed_on__gt=day, observed_on__lte=until).order_by(
        F("observed_on").asc(), source_rank().desc()
    )
    return Subquery(best.annotate(joined=joined).values("joined")[:1], output_field=_joined_output())


def _dated_employees() -> _Joined:
    """An observation's date and employees, joined: "6360 12" (6360 days after 1 January 2000)."""
    return _Joined(_DayNumber("observed_on"), F("employees"))


def _employees_and_interns() -> _Joined:
    """An observation's employees and interns, joined: "12 3"."""
    return _Joined(F("employees"), F("interns"))


def latest_stays(
    programme: Programme, *, started_by: date, location: Location | None = None
) -> QuerySet[Participation]:
    """Each company's latest stay in `programme` that started on or before `started_by`: one row per company
    that had started by then (see the module docstring for why this one stay is enough). With `location`,
    only the companies whose latest stay is at that location (clause 15: each company counts at one
    location, so the locations add up to the programme)."""
    later = Participation.objects.filter(
        company=OuterRef("company_id"),
        programme=programme,
        started_on__gt=OuterRef("started_on"),
        started_on__lte=started_by,
    )
    stays = Participation.objects.filter(programme=programme, started_on__lte=started_by).filter(~Exists(later))
    if location is not None:
        stays = stays.filter(location=location)
    return stays.order_by("company_id")


def _first_start(programme: Programme, *, started_by: date) -> Subquery:
    """The outer company's earliest start in `programme` on or before `started_by`."""
    stays = Participation.objects.filter(
        company=OuterRef("company_id"), programme=programme, started_on__lte=started_by
    )
    return Subquery(stays.order_by("started_on").values("started_on")[:1], output_field=DateField())


# -- employees on a date ----------------------------------------------------------------------------------


class Figure(NamedTuple):
    """A company's figures on a date: the observation the rule picked, or none (all None)."""

    company_id: int
    observed_on: date | None
    employees: int | None
    interns: int | None

    @property
    def missing(self) -> bool:
        return self.observed_on is None


def employees_on(*, programme: Programme, companies: QuerySet[Company], on: date) -> dict[int, Figure]:
    """Each company's figures on `on` by the pinned rule (clause 1, docs/rules.md), from the observations
    `programme` recorded, in one query: {company id: Figure}.

    Figure.missing is true (and the numbers None) when the company has no observation on or before `on`;
    the reports count such a company as 0 and list it under missing figures.
    """
    rows = (
        companies.order_by()
        .annotate(company_id=F("pk"))
        .annotate(
            employees=_best_on_or_before(programme, _date(on), _dated_employees()),
            interns=_best_on_or_before(programme, _date(on), _employees_and_interns()),
        )
        .values_list("pk", "employees", "interns")
    )
    figures = {}
    for pk, dated_employees, both in rows:
        observed_on, employees = _unpack_dated(dated_employees)
        _employees, interns = _unpack(both) or (None, None)
        figures[pk] = Figure(pk, observed_on, employees, interns)
    return figures


# -- in/outflow --------------------------------------------------------------------------------------------


class InflowOutflowCompany(NamedTuple):
    """One company of the in/outflow table and what it contributes to it."""

    company_id: int
    current: bool
    #: The outflow status of its latest stay started on or before the date; "" when current.
    status: str
    #: Its figures on the date by the rule (None when it has none on or before the date); see `employees`
    #: and `interns` for what is counted.
    observed_employees: int | None
    observed_interns: int | None

    @property
    def row(self) -> str:
        """Its row below inflow: "current" or its outflow status."""
        return "current" if self.current else self.status

    @property
    def missing_figure(self) -> bool:
        return self.observed_employees is None

    @property
    def carries_figures(self) -> bool:
        """Whether its figures count: current companies and entrepreneur alumni; other alumni carry 0."""
        return self.current or self.status == OutflowStatus.ENTREPRENEUR

    @property
    def employees(self) -> int:
        return (self.observed_employees or 0) if self.carries_figures else 0

    @property
    def interns(self) -> int:
        return (self.observed_interns or 0) if self.carries_figures else 0

    def in_row(self, row: str) -> bool:
        if row == "inflow":
            return True
        if row == "outflow":
            return not self.current
        return self.row == row


def _check_cell(row: str, column: str) -> None:
    if row not in ROWS:
        raise KeyError(f"unknown row {row!r}; the rows are {', '.join(ROWS)}")
    if column not in COLUMNS:
        raise KeyError(f"unknown column {column!r}; the columns are {', '.join(COLUMNS)}")


@dataclass(frozen=True)
class InflowOutflow:
    """The in/outflow table on a date, with the companies behind every number."""

    programme: str
    on: date
    rows: tuple[InflowOutflowCompany, ...]

    @cached_property
    def table(self) -> dict[str, dict[str, int]]:
        """{row: {column: number}} for all ROWS and COLUMNS, added up in one pass."""
        table = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
        for company in self.rows:
            employees, interns = company.employees, company.interns
            for row in ("inflow", "current") if company.current else ("inflow", "outflow", company.status):
                cell = table[row]
                cell["participants"] += 1
                cell["employees"] += employees
                cell["interns"] += interns
        return table

    def cell(self, row: str, column: str) -> int:
        """The number in one cell, e.g. cell("outflow", "employees")."""
        _check_cell(row, column)
        return self.table[row][column]

    def companies(self, row: str, column: str = "participants") -> list[int]:
        """The ids of the companies behind a cell: every company of the row for "participants"; those that
        add at least one employee (intern) for "employees" ("interns")."""
        _check_cell(row, column)
        members = [company for company in self.rows if company.in_row(row)]
        if column == "participants":
            return [company.company_id for company in members]
        return [company.company_id for company in members if getattr(company, column) > 0]

    @property
    def missing_figures(self) -> list[int]:
        """Companies in the inflow, whatever their status, without any figure on or before the date."""
        return [company.company_id for company in self.rows if company.missing_figure]

    def as_dict(self) -> dict[str, Any]:
        """The pinned JSON of the report."""
        table = self.table
        return {
            "programme": self.programme,
            "on": self.on.isoformat(),
            "inflow": dict(table["inflow"]),
            "current": dict(table["current"]),
            "outflow": dict(table["outflow"]),
            "outflow_by_status": {status: dict(table[status]) for status in STATUSES},
            "missing_figures": len(self.missing_figures),
        }


def inflow_outflow(*, programme: Programme, on: date, location: Location | None = None) -> InflowOutflow:
    """The in/outflow table of `programme` on `on` (clause 2, docs/rules.md), in one query; with
    `location`, of the companies counted at that location (clause 15)."""
    stays = (
        latest_stays(programme, started_by=on, location=location)
        .annotate(figure=_best_on_or_before(programme, _date(on), _employees_and_interns()))
        .values_list("company_id", "ended_on", "outflow_status", "figure")
    )
    rows = []
    for company_id, ended_on, status, packed in stays:
        current = ended_on is None or ended_on >= on
        employees, interns = _unpack(packed) or (None, None)
        rows.append(
            InflowOutflowCompany(
                company_id=company_id,
                current=current,
                status="" if current else status,
                observed_employees=employees,
                observed_interns=interns,
            )
        )
    return InflowOutflow(programme=programme.slug, on=on, rows=tuple(rows))


# -- jobs created ----------------------------------------------------------------------------------------


class JobsCompany(NamedTuple):
    """One company of the jobs-created cohort, with every step of the rule."""

    company_id: int
    first_start: date
    #: The end of its last stay; None while a stay is ongoing at the end of the period.
    last_end: date | None
    #: The outflow status of its latest stay started on or before the end of the period ("" if ongoing).
    status: str
    window_end: date
    baseline_on: date | None
    baseline: int | None
    #: The date of the figure behind the current number (None without a baseline).
    current_on: date | None
    current: int | None
    #: True when the current number is 0 because the company left and is no longer an entrepreneur.
    current_zero_by_status: bool

    @property
    def ongoing(self) -> bool:
        return self.last_end is None

    @property
    def missing_baseline(self) -> bool:
        return self.baseline is None

    @property
    def change(self) -> int | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


@dataclass(frozen=True)
class JobsCreated:
    """Jobs created in [start, end], with the per-company rows behind the totals."""

    programme: str
    start: date
    end: date
    rows: tuple[JobsCompany, ...]

    @cached_property
    def _changes(self) -> list[int]:
        return [row.change for row in self.rows if row.change is not None]

    @property
    def gross(self) -> int:
        """The sum of the positive changes: the headline figure."""
        return sum(change for change in self._changes if change > 0)

    @property
    def net(self) -> int:
        """The sum of all changes, losses included."""
        return sum(self._changes)

    @property
    def companies_counted(self) -> int:
        return len(self._changes)

    @property
    def companies_missing_baseline(self) -> int:
        return len(self.rows) - len(self._changes)

    def companies(self, key: str) -> list[int]:
        """The ids behind a number: "gross" (the companies that grew), "net" and "companies_counted" (all
        counted companies), "companies_missing_baseline"."""
        if key == "gross":
            return [row.company_id for row in self.rows if row.change is not None and row.change > 0]
        if key in ("net", "companies_counted"):
            return [row.company_id for row in self.rows if not row.missing_baseline]
        if key == "companies_missing_baseline":
            return [row.company_id for row in self.rows if row.missing_baseline]
        raise KeyError(f"unknown number {key!r}")

    def as_dict(self) -> dict[str, Any]:
        """The pinned JSON of the report."""
        return {
            "programme": self.programme,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "gross": self.gross,
            "net": self.net,
            "companies_counted": self.companies_counted,
            "companies_missing_baseline": self.companies_missing_baseline,
        }


def _baseline(programme: Programme, *, end: date) -> Func:
    """The joined baseline of the outer company as known on `end` (needs the "first_start" annotation).

    COALESCE stops at its first non-null argument, so the "after the start" probe only runs for companies
    without a figure on or before their first start."""
    first_start = OuterRef("first_start")
    return Func(
        _best_on_or_before(programme, first_start, _dated_employees()),
        _best_after(
            programme,
            first_start,
            Least(DatePlus(first_start, days=BASELINE_GRACE_DAYS), _date(end)),
            _dated_employees(),
        ),
        function="COALESCE",
        output_field=_joined_output(),
    )


def jobs_cohort(
    *, programme: Programme, start: date, end: date, location: Location | None = None
) -> QuerySet[Participation]:
    """The stays behind `jobs_created`'s rows: each counted company's latest stay started by `end` that
    overlaps [start, end] (with stays that never overlap, it does exactly when any of its stays does)."""
    stays = latest_stays(programme, started_by=end, location=location)
    return stays.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))


def jobs_created(*, programme: Programme, start: date, end: date, location: Location | None = None) -> JobsCreated:
    """Jobs created by the companies of `programme` in [start, end] (clause 3, docs/rules.md), in one
    query; with `location`, by the companies counted at that location (clause 15).

    Current = the employees on the window end W. The rule says to use only figures not dated before the
    baseline's date; that restriction never changes the result, because the baseline's own figure is always
    on or before W: the baseline is dated on or before the first start, or at most 90 days after it and not
    after `end`, while W is `end` or two years after the last end, which is on or after the first start. So
    the latest figure on or before W is never older than the baseline. The reference implementation applies
    the restriction literally and the property test checks that both agree.
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    ongoing = Q(ended_on__isnull=True) | Q(ended_on__gt=end)
    window_end = Case(
        When(ongoing, then=_date(end)),
        default=Least(_date(end), DatePlus(F("ended_on"), years=FOLLOW_UP_YEARS)),
        output_field=DateField(),
    )
    stays = (
        jobs_cohort(programme=programme, start=start, end=end, location=location)
        .annotate(first_start=_first_start(programme, started_by=end), window_end=window_end)
        .annotate(
            baseline=_baseline(programme, end=end),
            current=_best_on_or_before(programme, OuterRef("window_end"), _dated_employees()),
        )
        .values_list("company_id", "first_start", "ended_on", "outflow_status", "window_end", "baseline", "current")
    )
    rows = []
    for company_id, first_start, ended_on, status, window, baseline_packed, current_packed in stays:
        is_ongoing = ended_on is None or ended_on > end
        baseline_on, baseline = _unpack_dated(baseline_packed)
        current_on, current = _unpack_dated(current_packed) if baseline is not None else (None, None)
        zero_by_status = (
            baseline is not None and not is_ongoing and status != OutflowStatus.ENTREPRENEUR and window > ended_on
        )
        rows.append(
            JobsCompany(
                company_id=company_id,
                first_start=first_start,
                last_end=None if is_ongoing else ended_on,
                status="" if is_ongoing else status,
                window_end=window,
                baseline_on=baseline_on,
                baseline=baseline,
                current_on=current_on,
                current=0 if zero_by_status else current,
                current_zero_by_status=zero_by_status,
            )
        )
    return JobsCreated(programme=programme.slug, start=start, end=end, rows=tuple(rows))


# -- data coverage -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataCoverage:
    """How complete the figures behind a report are, as lists of company ids (ascending)."""

    programme: str
    on: date
    start: date | None
    #: The companies the report looks at (see `data_coverage`).
    companies: tuple[int, ...]
    #: No baseline by the jobs rule (no figure on or before the first start, nor within 90 days after it).
    missing_baseline: tuple[int, ...]
    #: No figure at all on or before the report date.
    without_figures: tuple[int, ...]
    #: The latest figure on or before the report date is more than 12 months older than it.
    stale: tuple[int, ...]
    #: Alumni within two years of leaving without a figure dated after they left (and on or before `on`).
    alumni_without_follow_up: tuple[int, ...]
    #: A stay started on or before `on` lasts over two years (as of `on` while it goes on) without a reason.
    long_stays_without_reason: tuple[int, ...] = ()
    #: The latest figure on or before the report date is at most 12 months older than it (any source: staff,
    #: survey, import); the companies neither without figures nor stale.
    recent_figure: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme,
            "on": self.on.isoformat(),
            "from": self.start.isoformat() if self.start else None,
            "companies": len(self.companies),
            "missing_baseline": len(self.missing_baseline),
            "without_figures": len(self.without_figures),
            "stale": len(self.stale),
            "alumni_without_follow_up": len(self.alumni_without_follow_up),
            "long_stays_without_reason": len(self.long_stays_without_reason),
            "recent_figure": len(self.recent_figure),
        }


def data_coverage(
    *, programme: Programme, on: date, start: date | None = None, location: Location | None = None
) -> DataCoverage:
    """The data coverage of a report dated `on` (clause 4, docs/rules.md), in one query; with `location`,
    of the companies counted at that location (clause 15).

    The companies looked at have a stay in `programme` that started on or before `on` and, when `start` is
    given, did not end before `start`: the in/outflow population on `on` (no `start`), or the jobs cohort
    of [start, on].
    - missing baseline: the jobs rule's baseline, as known on `on`, does not exist;
    - without figures: no observation on or before `on`;
    - stale: the latest observation on or before `on` is dated before `on` minus 12 months (a figure of
      exactly 12 months old is not stale; companies without any figure are listed there, not here);
    - alumni without follow-up: no stay covers `on` (the last one ended before it), `on` is at most two
      years after that end (29 February + 2 years = 28 February), and no observation is dated after that end
      and on or before `on` (a figure taken on the leaving day is not a follow-up);
    - long stays without a reason: one of its stays in `programme` started on or before `on` runs past two
      years by clause 6 (`participation.rules`, with `on` as "today") and has no reason recorded;
    - with a recent figure: the latest observation on or before `on` is dated on or after `on` minus 12
      months (exactly the companies that are neither without figures nor stale).
    """
    if start is not None and on < start:
        raise ValueError(f"the period ends ({on}) before it starts ({start})")
    first_start = OuterRef("first_start")
    has_baseline = Case(
        When(Exists(_figures(programme, observed_on__lte=first_start)), then=Value(True)),
        default=Exists(
            _figures(
                programme,
                observed_on__gt=first_start,
                observed_on__lte=Least(DatePlus(first_start, days=BASELINE_GRACE_DAYS), _date(on)),
            )
        ),
        output_field=BooleanField(),
    )
    latest_on = Subquery(
        _figures(programme, observed_on__lte=on).order_by("-observed_on").values("observed_on")[:1],
        output_field=DateField(),
    )
    long_stay = Exists(
        stay_rules.long_stays_without_reason(
            Participation.objects.filter(company=OuterRef("company_id"), programme=programme, started_on__lte=on),
            today=on,
        )
    )
    stays = latest_stays(programme, started_by=on, location=location)
    if start is not None:
        stays = stays.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    rows = (
        stays.annotate(first_start=_first_start(programme, started_by=on))
        .annotate(has_baseline=has_baseline, latest_on=latest_on, long_stay=long_stay)
        .values_list("company_id", "ended_on", "has_baseline", "latest_on", "long_stay")
    )
    stale_before = add_years(on, -STALE_AFTER_YEARS)
    ids, missing_baseline, without_figures, stale, alumni, long_stays, recent = [], [], [], [], [], [], []
    for company_id, ended_on, baseline_found, latest, long_stay_found in rows:
        ids.append(company_id)
        if long_stay_found:
            long_stays.append(company_id)
        if not baseline_found:
            missing_baseline.append(company_id)
        if latest is None:
            without_figures.append(company_id)
        elif latest < stale_before:
            stale.append(company_id)
        else:
            recent.append(company_id)
        within_window = ended_on is not None and ended_on < on <= add_years(ended_on, FOLLOW_UP_YEARS)
        followed_up = latest is not None and ended_on is not None and latest > ended_on
        if within_window and not followed_up:
            alumni.append(company_id)
    return DataCoverage(
        programme=programme.slug,
        on=on,
        start=start,
        companies=tuple(ids),
        missing_baseline=tuple(missing_baseline),
        without_figures=tuple(without_figures),
        stale=tuple(stale),
        alumni_without_follow_up=tuple(alumni),
        long_stays_without_reason=tuple(long_stays),
        recent_figure=tuple(recent),
    )
