"""Time each report through the ORM implementation and through the hand-written SQL, on the same data.

Each side runs once to warm up (its result is the one compared), then `repeat` times, the two taking
turns; the figure is the median wall-clock time (time.perf_counter) of those runs, including fetching the
rows and adding them up in Python: what a page or the report command waits for.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from fabriek.programmes.models import Programme
from fabriek.reporting import rules
from fabriek.reporting.bench import sql
from fabriek.reporting.indicators import indicators

#: The aim of issue 3: every report under this many milliseconds on PostgreSQL ...
AIM_MS = 200.0
#: ... and at most this many times the time of its hand-written SQL.
AIM_RATIO = 2.0

#: The report dates; the generated data runs from 2014 to 2024, with plan periods 2017-2019 and 2021-2023.
INFLOW_ON = date(2022, 6, 30)
THREE_YEARS = (date(2021, 1, 1), date(2023, 12, 31))
ONE_YEAR = (date(2023, 1, 1), date(2023, 12, 31))


@dataclass(frozen=True)
class Case:
    """One report with its parameters: the ORM implementation and the hand-written SQL, both returning
    the same plain data."""

    name: str
    orm: Callable[[], Any]
    sql: Callable[[], Any]


def orm_inflow_outflow(*, programme: Programme, on: date) -> dict[str, Any]:
    return rules.inflow_outflow(programme=programme, on=on).as_dict()


def orm_jobs_created(*, programme: Programme, start: date, end: date) -> dict[str, Any]:
    return rules.jobs_created(programme=programme, start=start, end=end).as_dict()


def orm_indicators(*, programme: Programme, start: date, end: date) -> list[dict[str, Any]]:
    """The ORM's indicators in the shape `sql.indicators` returns (definitions and labels left out)."""
    return [
        {"key": value.key, "value": value.value, "target": value.target, "net": value.net}
        for value in indicators(programme=programme, start=start, end=end)
    ]


def cases(
    programme: Programme,
    *,
    on: date = INFLOW_ON,
    three_years: tuple[date, date] = THREE_YEARS,
    one_year: tuple[date, date] = ONE_YEAR,
) -> list[Case]:
    """The benchmark's reports for `programme`: in/outflow on a date, jobs created over three years and
    over one year, and the indicators over three years."""
    result = [
        Case(
            f"inflow-outflow {on}",
            partial(orm_inflow_outflow, programme=programme, on=on),
            partial(sql.inflow_outflow, programme=programme, on=on),
        )
    ]
    for start, end in (three_years, one_year):
        result.append(
            Case(
                f"jobs-created {start} {end}",
                partial(orm_jobs_created, programme=programme, start=start, end=end),
                partial(sql.jobs_created, programme=programme, start=start, end=end),
            )
        )
    start, end = three_years
    result.append(
        Case(
            f"indicators {start} {end}",
            partial(orm_indicators, programme=programme, start=start, end=end),
            partial(sql.indicators, programme=programme, start=start, end=end),
        )
    )
    return result


def _ms(work: Callable[[], Any]) -> float:
    began = time.perf_counter()
    work()
    return (time.perf_counter() - began) * 1000


def median_ms(*works: Callable[[], Any], repeat: int) -> list[tuple[float, Any]]:
    """For each of `works`: (median milliseconds of `repeat` runs after one warm-up run, the warm-up run's
    result). The runs take turns (a, b, a, b, ...), so that a change in the machine's load (other work on
    the same cores) hits both sides alike instead of skewing their ratio."""
    results = [work() for work in works]
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for n, work in enumerate(works):
            times[n].append(_ms(work))
    return [(statistics.median(taken), result) for taken, result in zip(times, results, strict=True)]


@dataclass(frozen=True)
class Timing:
    name: str
    orm_ms: float
    sql_ms: float | None
    orm_result: Any
    sql_result: Any

    @property
    def ratio(self) -> float | None:
        return None if not self.sql_ms else self.orm_ms / self.sql_ms

    @property
    def same(self) -> bool | None:
        """Whether both gave the same numbers (None without SQL)."""
        return None if self.sql_ms is None else self.orm_result == self.sql_result

    @property
    def meets_aim(self) -> bool:
        return self.orm_ms < AIM_MS and self.ratio is not None and self.ratio <= AIM_RATIO


def run(programme: Programme, *, repeat: int, with_sql: bool = True) -> list[Timing]:
    """Time every case for `programme`; the SQL side only when `with_sql` (and this database has SQL)."""
    timings = []
    for case in cases(programme):
        if with_sql and sql.supported():
            (orm_ms, orm_result), (sql_ms, sql_result) = median_ms(case.orm, case.sql, repeat=repeat)
            timings.append(Timing(case.name, orm_ms, sql_ms, orm_result, sql_result))
        else:
            [(orm_ms, orm_result)] = median_ms(case.orm, repeat=repeat)
            timings.append(Timing(case.name, orm_ms, None, orm_result, None))
    return timings


def table(timings: list[Timing]) -> list[str]:
    """The result table as text lines."""
    aim = f"aim (<{AIM_MS:.0f} ms, <={AIM_RATIO:g}x)"
    header = f"{'report':<36} {'ORM ms':>9} {'SQL ms':>9} {'ORM/SQL':>8}  {'same':<5} {aim}"
    lines = [header, "-" * len(header)]
    for timing in timings:
        sql_ms = "-" if timing.sql_ms is None else f"{timing.sql_ms:9.1f}"
        ratio = "-" if timing.ratio is None else f"{timing.ratio:8.2f}"
        same = {None: "-", True: "yes", False: "NO"}[timing.same]
        aim = "yes" if timing.meets_aim else "no"
        lines.append(f"{timing.name:<36} {timing.orm_ms:9.1f} {sql_ms:>9} {ratio:>8}  {same:<5} {aim}")
    return lines
