"""Small builders for company histories in reporting tests: a programme, stays and figures in one line each."""

import csv
import datetime
import itertools
from pathlib import Path
from types import SimpleNamespace

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.programmes.models import Location, Programme, ServicePackage

CONTRACT_SAMPLE = Path(__file__).resolve().parent / "data" / "contract_sample"

_kvk = itertools.count(30000000)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def make_programme(slug: str = "ofd", name: str = "OndernemersFabriek Drenthe") -> SimpleNamespace:
    """A programme with the OFD's three physical locations and three packages."""
    programme = Programme.objects.create(slug=slug, name=name)
    locations = {
        place: Location.objects.create(
            programme=programme,
            name=place,
            kind=Location.Kind.PHYSICAL,
            status=Location.Status.ACTIVE,
            opened_on=datetime.date(2015, 2, 1),
        )
        for place in ("Assen", "Emmen", "Hoogeveen")
    }
    packages = {
        kind: ServicePackage.objects.create(programme=programme, kind=kind, name=kind, monthly_price_cents=10000)
        for kind in ServicePackage.Kind.values
    }
    return SimpleNamespace(programme=programme, locations=locations, packages=packages)


def company(world: SimpleNamespace, name: str = "", kvk: str = "") -> Company:
    number = kvk or f"{next(_kvk):08d}"
    created = Company.objects.create(kvk_number=number, name=name or f"Company {number}")
    created.programmes.add(world.programme)
    return created


def stay(
    world: SimpleNamespace,
    of: Company,
    start: str,
    end: str | None = None,
    status: str = "",
    location: str = "Assen",
    package: str = "fulltime",
) -> Participation:
    """A stay from `start` to `end` (ISO dates); an ended stay without a status gets "entrepreneur"."""
    if end and not status:
        status = "entrepreneur"
    return Participation.objects.create(
        company=of,
        programme=world.programme,
        location=world.locations[location],
        package=world.packages[package],
        started_on=d(start),
        ended_on=d(end) if end else None,
        outflow_status=status,
    )


def figure(of: Company, on: str, employees: int, interns: int = 0, source: str = "staff") -> Observation:
    return Observation.objects.create(
        company=of,
        programme=of.programmes.order_by("pk").first(),
        observed_on=d(on),
        employees=employees,
        interns=interns,
        source=source,
    )


def load_contract_sample(world: SimpleNamespace) -> dict[str, Company]:
    """The public contract sample (English CSV), read with the csv module straight into the models."""
    companies = {}
    with (CONTRACT_SAMPLE / "companies.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            companies[row["kvk_number"]] = company(world, name=row["name"], kvk=row["kvk_number"])
    with (CONTRACT_SAMPLE / "participations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            stay(
                world,
                companies[row["kvk_number"]],
                row["started_on"],
                row["ended_on"] or None,
                status=row["outflow_status"],
                location=row["location"],
                package=row["package"],
            )
    with (CONTRACT_SAMPLE / "observations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            figure(
                companies[row["kvk_number"]],
                row["observed_on"],
                int(row["employees"]),
                int(row["interns"] or 0),
                source=row.get("source") or "staff",
            )
    return companies
