"""Writes of companies: each one validated, atomic and in the audit log."""

from datetime import date
from typing import Any

from django.db import transaction

from fabriek.companies.models import Company
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.programmes.models import Programme

EDITABLE_FIELDS = ("kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code")


@transaction.atomic
def company_create(
    *,
    actor: Any,
    programme: Programme,
    kvk_number: str,
    name: str,
    founded_on: date | None = None,
    postcode: str = "",
    municipality_code: str = "",
    sbi_code: str = "",
) -> Company:
    """Register a company in a programme. Raises ValidationError (per field) on bad input."""
    company = Company(
        kvk_number=kvk_number,
        name=name,
        founded_on=founded_on,
        postcode=postcode,
        municipality_code=municipality_code,
        sbi_code=sbi_code,
    )
    company.full_clean()
    company.save()
    company.programmes.add(programme)
    log_action(
        actor=actor,
        action="companies.company.created",
        obj=company,
        changes={f: [None, v] for f, v in snapshot(company, EDITABLE_FIELDS).items() if v not in ("", None)},
        programme_slug=programme.slug,
    )
    return company


@transaction.atomic
def company_update(*, actor: Any, programme: Programme, company: Company, **fields: Any) -> Company:
    """Change a company's details; only the fields given change, and the audit entry lists them old -> new."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(company, EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(company, name, value)
    company.full_clean()
    changes = diff(before, snapshot(company, EDITABLE_FIELDS))
    if changes:
        company.save(update_fields=list(changes))
        log_action(
            actor=actor, action="companies.company.updated", obj=company, changes=changes, programme_slug=programme.slug
        )
    return company
