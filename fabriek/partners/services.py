"""Writes of partners and agreements: each one validated, atomic and in the audit log."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fabriek.core.audit import log_action, snapshot
from fabriek.core.validation import ConstraintErrors, full_clean_per_field, save_per_field, update_logged
from fabriek.partners.models import Agreement, Partner
from fabriek.programmes.models import Programme

PARTNER_FIELDS = ("name", "kind")
AGREEMENT_FIELDS = ("started_on", "ended_on")
PARTNER_CONSTRAINT_ERRORS: ConstraintErrors = {}
AGREEMENT_CONSTRAINT_ERRORS: ConstraintErrors = {
    "agreement_ends_after_start": ("ended_on", _("An agreement cannot end before it starts.")),
}


def _created(obj: Any, fields: tuple[str, ...]) -> dict[str, list[Any]]:
    return {f: [None, v] for f, v in snapshot(obj, fields).items() if v not in ("", None)}


@transaction.atomic
def partner_create(*, actor: Any, programme: Programme, name: str, kind: str) -> Partner:
    """Register a partner organisation in a programme (it is visible only in the programmes it is in)."""
    partner = Partner(name=name, kind=kind)
    full_clean_per_field(partner, PARTNER_CONSTRAINT_ERRORS)
    save_per_field(partner, PARTNER_CONSTRAINT_ERRORS)
    partner.programmes.add(programme)
    log_action(
        actor=actor,
        action="partners.partner.created",
        obj=partner,
        changes=_created(partner, PARTNER_FIELDS),
        programme_slug=programme.slug,
    )
    return partner


@transaction.atomic
def partner_update(*, actor: Any, programme: Programme, partner: Partner, **fields: Any) -> Partner:
    """Change a partner's name or kind; the audit entry lists the changed fields old -> new."""
    update_logged(
        partner,
        fields=fields,
        editable=PARTNER_FIELDS,
        constraint_errors=PARTNER_CONSTRAINT_ERRORS,
        actor=actor,
        action="partners.partner.updated",
        programme_slug=programme.slug,
    )
    return partner


@transaction.atomic
def agreement_create(
    *, actor: Any, programme: Programme, partner: Partner, started_on: date, ended_on: date | None = None
) -> Agreement:
    """Record a cooperation agreement between the programme and one of its partners; `ended_on` empty means
    it runs until further notice."""
    if not partner.programmes.filter(pk=programme.pk).exists():
        raise ValueError("the partner is not in this programme")
    agreement = Agreement(partner=partner, programme=programme, started_on=started_on, ended_on=ended_on)
    full_clean_per_field(agreement, AGREEMENT_CONSTRAINT_ERRORS)
    save_per_field(agreement, AGREEMENT_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="partners.agreement.created",
        obj=agreement,
        changes={"partner": [None, partner.name], **_created(agreement, AGREEMENT_FIELDS)},
        programme_slug=programme.slug,
    )
    return agreement


@transaction.atomic
def agreement_update(*, actor: Any, programme: Programme, agreement: Agreement, **fields: Any) -> Agreement:
    """Change an agreement's dates (for example to end it); the audit entry lists them old -> new."""
    if agreement.programme_id != programme.pk:
        raise ValueError("the agreement belongs to another programme")
    update_logged(
        agreement,
        fields=fields,
        editable=AGREEMENT_FIELDS,
        constraint_errors=AGREEMENT_CONSTRAINT_ERRORS,
        actor=actor,
        action="partners.agreement.updated",
        programme_slug=programme.slug,
    )
    return agreement
