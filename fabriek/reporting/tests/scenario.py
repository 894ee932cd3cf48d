"""A small, hand-computed history in the `world` fixture's programme "ofd", for the report pages and API.

Besides the world's own company W (Assen, since 2016-03-01, 2 employees on 2016-03-01) it adds:

| company            | location | stay                                  | figures (employees/interns)       |
|--------------------|----------|---------------------------------------|-----------------------------------|
| =Formula BV (A)    | Emmen    | 2016-01-01 - 2017-03-31, entrepreneur | 2016-01-01 1/0, 2017-03-01 4/1    |
| +Plus Freelance (B)| Emmen    | 2015-06-01 - 2016-12-31, freelancer   | 2015-06-01 1/0                    |
| -Minus Missing (C) | Assen    | 2017-02-01 - (ongoing)                | none                              |
| @At Growth (E)     | Assen    | 2017-01-01 - (ongoing)                | 2017-01-01 1/0, 2017-05-01 3/2    |
| Krimp BV (F)       | Assen    | 2016-06-01 - (ongoing)                | 2016-06-01 5/0, 2017-06-01 3/0    |

The names start with =, +, - and @ on purpose: the downloads must escape them.

In/outflow on 2017-05-31: inflow 6 / 14 / 3; participating W, C, E, F: 4 / 10 / 2 (F still has 5 then);
outflow A, B: 2 / 4 / 1; entrepreneur A: 1 / 4 / 1; freelancer B: 1 / 0 / 0 (no longer an employer);
missing figures: C.
Jobs created 2017-01-01 - 2017-12-31: the cohort is W, A, C, E, F (B left before 2017). W 2 -> 2 (0),
A 1 -> 4 (+3), E 1 -> 3 (+2), F 5 -> 3 (-2), C has no baseline: gross 5, net 3, 4 counted, 1 missing.
A location manager of Assen sees W, C, E and F, not A and B.
"""

import datetime
from types import SimpleNamespace

from fabriek.companies.models import Company
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.programmes.tests.factories import LocationFactory

ON = datetime.date(2017, 5, 31)
YEAR = (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))

INFLOW_OUTFLOW_ON = {
    "programme": "ofd",
    "on": "2017-05-31",
    "inflow": {"participants": 6, "employees": 14, "interns": 3},
    "current": {"participants": 4, "employees": 10, "interns": 2},
    "outflow": {"participants": 2, "employees": 4, "interns": 1},
    "outflow_by_status": {
        "entrepreneur": {"participants": 1, "employees": 4, "interns": 1},
        "freelancer": {"participants": 1, "employees": 0, "interns": 0},
        "employed": {"participants": 0, "employees": 0, "interns": 0},
        "stopped": {"participants": 0, "employees": 0, "interns": 0},
    },
    "missing_figures": 1,
}
JOBS_2017 = {
    "programme": "ofd",
    "from": "2017-01-01",
    "to": "2017-12-31",
    "gross": 5,
    "net": 3,
    "companies_counted": 4,
    "companies_missing_baseline": 1,
}


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _company(world: SimpleNamespace, name: str) -> Company:
    return CompanyFactory(name=name, programmes=[world.ofd.programme])


def _stay(
    world: SimpleNamespace, company: Company, location: object, start: str, end: str = "", status: str = ""
) -> None:
    Participation.objects.create(
        company=company,
        programme=world.ofd.programme,
        location=location,
        package=world.ofd.package,
        started_on=_d(start),
        ended_on=_d(end) if end else None,
        outflow_status=status,
    )


def _figure(company: Company, on: str, employees: int, interns: int = 0) -> None:
    Observation.objects.create(
        company=company,
        programme=company.programmes.get(),
        observed_on=_d(on),
        employees=employees,
        interns=interns,
        source="staff",
    )


def build(world: SimpleNamespace) -> SimpleNamespace:
    """The history in the table above; returns the companies by letter and the second location."""
    emmen = LocationFactory(programme=world.ofd.programme, name="Emmen")
    assen = world.ofd.location
    a, b, c, e, f = (
        _company(world, name) for name in ("=Formula BV", "+Plus Freelance", "-Minus Missing", "@At Growth", "Krimp BV")
    )
    _stay(world, a, emmen, "2016-01-01", "2017-03-31", "entrepreneur")
    _figure(a, "2016-01-01", 1)
    _figure(a, "2017-03-01", 4, 1)
    _stay(world, b, emmen, "2015-06-01", "2016-12-31", "freelancer")
    _figure(b, "2015-06-01", 1)
    _stay(world, c, assen, "2017-02-01")
    _stay(world, e, assen, "2017-01-01")
    _figure(e, "2017-01-01", 1)
    _figure(e, "2017-05-01", 3, 2)
    _stay(world, f, assen, "2016-06-01")
    _figure(f, "2016-06-01", 5)
    _figure(f, "2017-06-01", 3)
    return SimpleNamespace(w=world.ofd.company, a=a, b=b, c=c, e=e, f=f, emmen=emmen)


def names(scenario: SimpleNamespace) -> list[str]:
    return [getattr(scenario, letter).name for letter in ("w", "a", "b", "c", "e", "f")]


def add_companies(world: SimpleNamespace, count: int, *, first: int = 0) -> None:
    """`count` more companies at the world's location, each with a stay and two figures (for query counts)."""
    for number in range(first, first + count):
        company = CompanyFactory(name=f"Bulk {number:03d} BV", programmes=[world.ofd.programme])
        _stay(
            world,
            company,
            world.ofd.location,
            "2016-09-01",
            "2017-04-30" if number % 2 else "",
            "entrepreneur" if number % 2 else "",
        )
        _figure(company, "2016-09-01", number % 4)
        _figure(company, "2017-04-01", number % 5, number % 2)
