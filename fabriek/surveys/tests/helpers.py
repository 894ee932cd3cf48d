"""A programme with companies whose stays the survey tests walk through."""

import datetime
from types import SimpleNamespace
from typing import Any

from fabriek.companies.models import CompanyRole
from fabriek.companies.tests.factories import CompanyRoleFactory, PersonFactory
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.tests.factories import LocationFactory, ProgrammeFactory, ServicePackageFactory


def build_programme(slug: str = "srv") -> SimpleNamespace:
    programme = ProgrammeFactory(slug=slug, name=f"Programme {slug}")
    return SimpleNamespace(
        programme=programme,
        location=LocationFactory(programme=programme),
        package=ServicePackageFactory(programme=programme),
    )


def stay(
    world: SimpleNamespace,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    *,
    email: str | None = "founder@example.org",
    language: str = "nl",
    **kwargs: Any,
) -> Any:
    """A company with one stay and, unless `email` is None, a founder with that address."""
    participation = ParticipationFactory(
        programme=world.programme,
        location=world.location,
        package=world.package,
        started_on=started_on,
        ended_on=ended_on,
        outflow_status="entrepreneur" if ended_on else "",
        **kwargs,
    )
    if email is not None:
        person = PersonFactory(email=email, language=language, name=f"Founder of {participation.company.name}")
        CompanyRoleFactory(company=participation.company, person=person, role=CompanyRole.Role.FOUNDER)
    return participation
