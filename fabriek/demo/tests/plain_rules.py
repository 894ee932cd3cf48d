"""The pinned in/outflow rule (issue 3, section 2) in a few lines of plain Python, to check the demo by.

Kept apart from fabriek.reporting on purpose: the demo's story is checked against this small reading of
the rule and, separately, against the reporting app's implementation.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date

RANK = {"staff": 5, "survey": 4, "self_report": 3, "intake": 2, "kvk": 1}
STATUSES = ("entrepreneur", "freelancer", "employed", "stopped")


@dataclass(frozen=True)
class Stay:
    company: Hashable
    location: str
    started_on: date
    ended_on: date | None
    status: str


@dataclass(frozen=True)
class Figure:
    company: Hashable
    observed_on: date
    employees: int
    interns: int
    source: str


def current_per_location(stays: Iterable[Stay], on: date) -> dict[str, int]:
    counts: dict[str, int] = {}
    for stay in stays:
        if stay.started_on <= on and (stay.ended_on is None or stay.ended_on >= on):
            counts[stay.location] = counts.get(stay.location, 0) + 1
    return counts


def inflow_outflow(stays: list[Stay], figures: list[Figure], on: date) -> dict:
    def cell() -> dict[str, int]:
        return {"participants": 0, "employees": 0, "interns": 0}

    table = {"inflow": cell(), "current": cell(), "outflow": cell()}
    by_status = {status: cell() for status in STATUSES}
    missing = 0
    for company in {s.company for s in stays if s.started_on <= on}:
        started = [s for s in stays if s.company == company and s.started_on <= on]
        known = [f for f in figures if f.company == company and f.observed_on <= on]
        if known:
            latest = max(known, key=lambda f: (f.observed_on, RANK[f.source]))
            employees, interns = latest.employees, latest.interns
        else:
            missing += 1
            employees, interns = 0, 0
        if any(s.ended_on is None or s.ended_on >= on for s in started):
            rows = [table["current"]]
        else:
            status = max(started, key=lambda s: s.started_on).status
            if status != "entrepreneur":
                employees, interns = 0, 0
            rows = [table["outflow"], by_status[status]]
        for row in [table["inflow"], *rows]:
            row["participants"] += 1
            row["employees"] += employees
            row["interns"] += interns
    return {**table, "outflow_by_status": by_status, "missing_figures": missing}


#: The seed's table of May 2017 (section c of the council proposal), as the pinned report prints it.
SEED_TABLE_2017_05_31 = {
    "inflow": {"participants": 42, "employees": 67, "interns": 16},
    "current": {"participants": 26, "employees": 17, "interns": 12},
    "outflow": {"participants": 16, "employees": 50, "interns": 4},
    "outflow_by_status": {
        "entrepreneur": {"participants": 7, "employees": 50, "interns": 4},
        "freelancer": {"participants": 6, "employees": 0, "interns": 0},
        "employed": {"participants": 3, "employees": 0, "interns": 0},
        "stopped": {"participants": 0, "employees": 0, "interns": 0},
    },
    "missing_figures": 0,
}
