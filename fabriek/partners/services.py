"""Writes of partners and agreements: each one validated, atomic and in the audit log."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.core.audit import log_action, snapshot
from fabriek.core.validation import ConstraintErrors, full_clean_per_field, save_per_field, update_logged
from fabriek.partners.models import Agreement, Partner, Referral
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


REFERRAL_CONSTRAINT_ERRORS: ConstraintErrors = {
    "referral_amount_only_for_accepted_financing": (
        "amount_cents",
        _("An amount belongs only to an accepted financing referral."),
    ),
    "referral_outcome_has_a_date": ("outcome_on", _("Give the date of the outcome.")),
    "referral_amount_in_bounds": ("amount_cents", _("That amount is outside the range Fabriek accepts.")),
}


@transaction.atomic
def referral_create(
    *,
    actor: Any,
    programme: Programme,
    company: Company,
    partner: Partner,
    purpose: str,
    referred_on: date,
    note: str = "",
) -> Referral:
    """Refer one of the programme's companies to one of its partners."""
    errors = {}
    if not company.programmes.filter(pk=programme.pk).exists():
        errors["company"] = _("Choose a company of this programme.")
    if not partner.programmes.filter(pk=programme.pk).exists():
        errors["partner"] = _("Choose a partner of this programme.")
    if errors:
        raise ValidationError(errors)
    referral = Referral(
        programme=programme,
        company=company,
        partner=partner,
        purpose=purpose,
        referred_on=referred_on,
        note=note.strip(),
        referred_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    full_clean_per_field(referral, REFERRAL_CONSTRAINT_ERRORS, exclude=["programme", "referred_by"])
    save_per_field(referral, REFERRAL_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="partners.referral.created",
        obj=referral,
        changes=_created(referral, ("company", "partner", "purpose", "referred_on")),
        programme_slug=programme.slug,
    )
    return referral


@transaction.atomic
def referral_report_outcome(
    *,
    actor: Any,
    programme: Programme,
    referral: Referral,
    outcome: str,
    outcome_on: date | None,
    amount_cents: int | None = None,
    outcome_note: str = "",
) -> Referral:
    """What came of a referral, as the partner (or staff) reports it; an amount only for accepted financing."""
    if amount_cents is not None and not (
        referral.purpose == Referral.Purpose.FINANCING and outcome == Referral.Outcome.ACCEPTED
    ):
        raise ValidationError({"amount_cents": _("An amount belongs only to an accepted financing referral.")})
    update_logged(
        referral,
        fields={
            "outcome": outcome,
            "outcome_on": outcome_on if outcome != Referral.Outcome.PENDING else None,
            "amount_cents": amount_cents,
            "outcome_note": outcome_note.strip(),
        },
        editable=("outcome", "outcome_on", "amount_cents", "outcome_note"),
        constraint_errors=REFERRAL_CONSTRAINT_ERRORS,
        actor=actor,
        action="partners.referral.outcome_reported",
        programme_slug=programme.slug,
    )
    return referral
