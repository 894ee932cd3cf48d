"""Helpers for the import tests: an OFD-shaped programme, running an import, counting records."""

from pathlib import Path
from types import SimpleNamespace

from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry
from fabriek.imports.results import ImportResult
from fabriek.imports.services import import_file
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme, ServicePackage
from fabriek.programmes.tests.factories import LocationFactory, ProgrammeFactory, ServicePackageFactory

HERE = Path(__file__).parent


def build_programme(slug: str = "fabriek") -> Programme:
    programme = ProgrammeFactory(slug=slug, name=f"Programme {slug}")
    for name in ("Assen", "Emmen", "Hoogeveen"):
        LocationFactory(programme=programme, name=name)
    for kind in ServicePackage.Kind:
        ServicePackageFactory(programme=programme, kind=kind)
    return programme


def run(
    programme: Programme,
    kind: str,
    content: str | bytes,
    *,
    filename: str | None = None,
    dry_run: bool = False,
    actor: object = None,
) -> ImportResult:
    """Import `content` (text is encoded as UTF-8) and return the result."""
    data = content.encode() if isinstance(content, str) else content
    return import_file(
        programme=programme,
        kind=kind,
        filename=filename or f"{kind}.csv",
        content=data,
        actor=actor,
        dry_run=dry_run,
    )


def errors(result: ImportResult) -> list[str]:
    return [str(m) for m in result.errors]


def warnings(result: ImportResult) -> list[str]:
    return [str(m) for m in result.warnings]


def row_counts() -> SimpleNamespace:
    """How many records of each kind the database holds (to prove an import wrote nothing)."""
    return SimpleNamespace(
        companies=Company.objects.count(),
        links=Company.programmes.through.objects.count(),
        participations=Participation.objects.count(),
        observations=Observation.objects.count(),
        audit=AuditEntry.objects.exclude(action="access.refused").count(),  # changes, not refusals
    )
