"""Writes of observations (a company's figures on a date, as one source reported them): validated, atomic
and in the audit log. Revenue comes in as euros and is stored in cents."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from fabriek.companies.models import Company
from fabriek.core import bounds
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.deletion import DeletionPlan, deletion_apply, deletion_plan
from fabriek.core.models import AuditEntry
from fabriek.metrics.models import Observation, Source
from fabriek.programmes.models import Programme

EDITABLE_FIELDS = ("observed_on", "employees", "interns", "fte", "revenue", "source")
AUDITED_FIELDS = ("observed_on", "employees", "interns", "fte", "revenue_cents", "source")


def euros_to_cents(euros: Decimal | None) -> int | None:
    """EUR 1234.565 -> 123457 cents (half up); None stays None."""
    if euros is None:
        return None
    return int((Decimal(euros) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def revenue_out_of_bounds() -> str:
    low, high = bounds.REVENUE_CENTS.in_euros()
    return _("Revenue must be between EUR %(low)s and EUR %(high)s.") % {
        "low": formats.number_format(low, 0, force_grouping=True),
        "high": formats.number_format(high, 0, force_grouping=True),
    }


def _fte(value: Decimal | None) -> Decimal | None:
    # Two decimals, as stored, so 1.5 and 1.50 are the same value in the audit trail's old -> new.
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def _duplicate(observation: Observation) -> Observation | None:
    """Another observation of the same programme, company, date and source (the database allows only one)."""
    others = Observation.objects.filter(
        programme_id=observation.programme_id,
        company_id=observation.company_id,
        observed_on=observation.observed_on,
        source=observation.source,
    )
    if observation.pk is not None:
        others = others.exclude(pk=observation.pk)
    return others.first()


def _duplicate_error() -> ValidationError:
    message = _("This company already has figures from this source on this date; change those instead.")
    return ValidationError({"observed_on": ValidationError(message, code="unique")})


def _validate(observation: Observation) -> None:
    errors: dict[str, list[Any]] = {}
    # The database's own constraints come last: the checks below say the same thing per field.
    try:
        observation.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not errors and _duplicate(observation) is not None:
        errors.update(_duplicate_error().error_dict)
    if errors:
        # The form asks for revenue in euros: point its errors there, with the bounds in euros.
        if "revenue_cents" in errors:
            errors.pop("revenue_cents")
            errors["revenue"] = [ValidationError(revenue_out_of_bounds())]
        raise ValidationError(errors)
    observation.validate_constraints()


def _save(observation: Observation, **kwargs: Any) -> None:
    """Save, turning the database's refusal of a duplicate (a concurrent write that slipped past the check
    in `_validate`) into the same field error instead of a server error."""
    try:
        with transaction.atomic():
            observation.save(**kwargs)
    except IntegrityError as error:
        if _duplicate(observation) is None:
            raise
        raise _duplicate_error() from error


@transaction.atomic
def observation_create(
    *,
    actor: Any,
    programme: Programme,
    company: Company,
    observed_on: date,
    employees: int,
    interns: int = 0,
    fte: Decimal | None = None,
    revenue: Decimal | None = None,
    source: str = Source.STAFF,
) -> Observation:
    """Record a company's figures on a date. `revenue` is in euros. Raises ValidationError per field,
    also when the company already has figures from this source on this date."""
    observation = Observation(
        company=company,
        programme=programme,
        observed_on=observed_on,
        employees=employees,
        interns=interns,
        fte=_fte(fte),
        revenue_cents=euros_to_cents(revenue),
        source=source,
    )
    _validate(observation)
    _save(observation)
    log_action(
        actor=actor,
        action="metrics.observation.created",
        obj=observation,
        changes={f: [None, v] for f, v in snapshot(observation, AUDITED_FIELDS).items() if v not in ("", None)},
        programme_slug=programme.slug,
    )
    return observation


@transaction.atomic
def observation_update(*, actor: Any, programme: Programme, observation: Observation, **fields: Any) -> Observation:
    """Change an observation; only the fields given change (`revenue` in euros), and the audit entry lists
    them old -> new. The company does not change."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(observation, AUDITED_FIELDS)
    for name, value in fields.items():
        if name == "revenue":
            observation.revenue_cents = euros_to_cents(value)
        elif name == "fte":
            observation.fte = _fte(value)
        else:
            setattr(observation, name, value)
    _validate(observation)
    changes = diff(before, snapshot(observation, AUDITED_FIELDS))
    if changes:
        _save(observation, update_fields=list(changes))
        log_action(
            actor=actor,
            action="metrics.observation.updated",
            obj=observation,
            changes=changes,
            programme_slug=programme.slug,
        )
    return observation


def observation_delete_plan(*, observation: Observation) -> DeletionPlan:
    """What deleting these figures takes: only the observation itself."""
    return deletion_plan(observation)


@transaction.atomic
def observation_delete(*, actor: Any, programme: Programme, observation: Observation) -> AuditEntry:
    """Delete figures entered by mistake; the audit entry keeps them, so the deletion can be undone."""
    return deletion_apply(
        actor=actor,
        action="metrics.observation.deleted",
        plan=observation_delete_plan(observation=observation),
        programme_slug=programme.slug,
    )
