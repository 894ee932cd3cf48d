"""The counting rules once more, in plain Python over plain data: the yardstick for `rules.py`.

This module is written straight from the rules as the issue pins them (section 2, "The counting rules";
clauses 1-3 of docs/rules.md), sentence by sentence, without the database and without any of the shortcuts
`rules.py` takes for speed. It is slow on purpose and only used by the tests, which check on random histories
that the database implementation gives exactly the same numbers. It imports nothing from the rest of Fabriek,
so that a mistake in a shared helper cannot hide in both.

Input is plain data:
- a participation is a dict `{"company": key, "start": date, "end": date | None, "status": str}` (status
  "" while the stay goes on), all of one programme;
- an observation is a dict `{"company": key, "date": date, "employees": int, "interns": int,
  "source": str}`.
Company keys can be anything hashable.
"""

from __future__ import annotations

import calendar
from collections.abc import Hashable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

Row = dict[str, Any]

#: "the source ranks staff > survey > self_report > intake > kvk decide" (higher wins).
RANK = {"staff": 5, "survey": 4, "self_report": 3, "intake": 2, "kvk": 1}
STATUSES = ("entrepreneur", "freelancer", "employed", "stopped")


def plus_two_years(day: date) -> date:
    """`day` plus two calendar years; 29 February plus two years is 28 February."""
    year = day.year + 2
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, day.month, day.day)


def latest_on_or_before(observations: Iterable[Row], company: Hashable, day: date) -> Row | None:
    """The company's latest observation dated on or before `day`; same date: the higher source rank."""
    candidates = [o for o in observations if o["company"] == company and o["date"] <= day]
    if not candidates:
        return None
    best_date = max(o["date"] for o in candidates)
    on_best_date = [o for o in candidates if o["date"] == best_date]
    return max(on_best_date, key=lambda o: RANK[o["source"]])


def employees_on(observations: Iterable[Row], company: Hashable, day: date) -> tuple[int, int] | None:
    """Clause 1 of docs/rules.md. (employees, interns) of the company on `day`, or None when it has no
    observation on or before it."""
    found = latest_on_or_before(observations, company, day)
    return None if found is None else (found["employees"], found["interns"])


def _empty_cell() -> dict[str, int]:
    return {"participants": 0, "employees": 0, "interns": 0}


def inflow_outflow(participations: Sequence[Row], observations: Sequence[Row], on: date) -> dict[str, Any]:
    """Clause 2 of docs/rules.md. The in/outflow table on `on`, as the pinned JSON (without "programme" and
    "on"), plus "cells": {row: set of companies} so the tests can compare who is counted where."""
    companies = {p["company"] for p in participations if p["start"] <= on}
    table = {"inflow": _empty_cell(), "current": _empty_cell(), "outflow": _empty_cell()}
    by_status = {status: _empty_cell() for status in STATUSES}
    cells: dict[str, set[Hashable]] = {key: set() for key in ("inflow", "current", "outflow", *STATUSES)}
    missing = set()
    for company in companies:
        started = [p for p in participations if p["company"] == company and p["start"] <= on]
        is_current = any(p["end"] is None or p["end"] >= on for p in started)
        figure = employees_on(observations, company, on)
        if figure is None:
            missing.add(company)
        employees, interns = figure if figure is not None else (0, 0)
        if is_current:
            rows = ["current"]
        else:
            latest = max(started, key=lambda p: p["start"])
            status = latest["status"]
            if status != "entrepreneur":
                employees, interns = 0, 0
            rows = ["outflow", status]
        for row in rows:
            target = table[row] if row in table else by_status[row]
            target["participants"] += 1
            target["employees"] += employees
            target["interns"] += interns
            cells[row].add(company)
        cells["inflow"].add(company)
    for column in ("participants", "employees", "interns"):
        table["inflow"][column] = table["current"][column] + table["outflow"][column]
    return {
        **table,
        "outflow_by_status": by_status,
        "missing_figures": len(missing),
        "missing": missing,
        "cells": cells,
    }


def jobs_created(participations: Sequence[Row], observations: Sequence[Row], start: date, end: date) -> dict[str, Any]:
    """Clause 3 of docs/rules.md. Jobs created in [start, end] as the pinned JSON (without "programme",
    "from" and "to"), plus "changes" {company: change} for the counted companies and "missing" (the set
    missing a baseline)."""
    a, b = start, end
    cohort = {p["company"] for p in participations if p["start"] <= b and (p["end"] is None or p["end"] >= a)}
    changes: dict[Hashable, int] = {}
    missing = set()
    for company in cohort:
        counted = [p for p in participations if p["company"] == company and p["start"] <= b]
        first_start = min(p["start"] for p in counted)
        ongoing = any(p["end"] is None or p["end"] > b for p in counted)
        last_end = None if ongoing else max(p["end"] for p in counted)
        window_end = b if ongoing else min(b, plus_two_years(last_end))  # type: ignore[arg-type]

        baseline = latest_on_or_before(observations, company, first_start)
        if baseline is None:
            after = [
                o
                for o in observations
                if o["company"] == company
                and first_start < o["date"] <= first_start + timedelta(days=90)
                and o["date"] <= b
            ]
            if after:
                earliest = min(o["date"] for o in after)
                baseline = max((o for o in after if o["date"] == earliest), key=lambda o: RANK[o["source"]])
        if baseline is None:
            missing.add(company)
            continue

        usable = [o for o in observations if o["company"] == company and o["date"] >= baseline["date"]]
        current_obs = latest_on_or_before(usable, company, window_end)
        current = baseline["employees"] if current_obs is None else current_obs["employees"]
        latest = max(counted, key=lambda p: p["start"])
        if not ongoing and latest["status"] != "entrepreneur" and window_end > last_end:  # type: ignore[operator]
            current = 0
        changes[company] = current - baseline["employees"]
    return {
        "gross": sum(c for c in changes.values() if c > 0),
        "net": sum(changes.values()),
        "companies_counted": len(changes),
        "companies_missing_baseline": len(missing),
        "changes": changes,
        "missing": missing,
    }
