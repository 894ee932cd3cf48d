"""Writes of companies: each one validated, atomic and in the audit log."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fabriek.companies.models import Company
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.validation import save_per_field
from fabriek.programmes.models import Programme

EDITABLE_FIELDS = ("kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code")
#: A participant keeps their own company's details up to date, but not its KvK number: imports and
#: figures are matched on it, so only the programme team changes it.
PARTICIPANT_EDITABLE_FIELDS = tuple(f for f in EDITABLE_FIELDS if f != "kvk_number")


def company_editable_fields(*, role: str) -> tuple[str, ...]:
    return PARTICIPANT_EDITABLE_FIELDS if role == "participant" else EDITABLE_FIELDS


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
    save_per_field(company, {})  # a concurrent twin with the same KvK number: a field error, not a 500
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
def company_update(
    *,
    actor: Any,
    programme: Programme,
    company: Company,
    allowed_fields: tuple[str, ...] = EDITABLE_FIELDS,
    **fields: Any,
) -> Company:
    """Change a company's details; only the fields given change, and the audit entry lists them old -> new.

    A field outside `allowed_fields` may be sent unchanged (a form posts every field) but not changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    refused = {
        name: _("You may not change this; ask the programme team.")
        for name, value in fields.items()
        if name not in allowed_fields and value != getattr(company, name)
    }
    if refused:
        raise ValidationError(refused)
    before = snapshot(company, EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(company, name, value)
    company.full_clean()
    changes = diff(before, snapshot(company, EDITABLE_FIELDS))
    if changes:
        save_per_field(company, {}, update_fields=list(changes))
        log_action(
            actor=actor, action="companies.company.updated", obj=company, changes=changes, programme_slug=programme.slug
        )
    return company
