"""Writes of participations: each one validated, atomic and in the audit log.

The rules a stay must keep (see the model): location and package of the stay's programme; an end date and
an outflow status together or neither; no day shared with another stay of the same company in the same
programme; at most two years unless a reason for the exception is given, which the audit log keeps. The
last two are the stay rules of `fabriek.participation.rules` (docs/rules.md, clauses 5 and 6).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fabriek.companies import services as company_services
from fabriek.companies.models import Company, CompanyRole
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.deletion import DeletionPlan, deletion_apply, deletion_plan
from fabriek.core.models import AuditEntry
from fabriek.participation import rules
from fabriek.participation.models import Participation
from fabriek.programmes.models import Location, Programme, ServicePackage

EDITABLE_FIELDS = ("location", "package", "started_on", "ended_on", "outflow_status", "long_stay_reason")
AUDITED_FIELDS = ("company", *EDITABLE_FIELDS)
#: Changing one of these re-grants (or first grants) the exception to the two-year limit.
OVERRIDE_FIELDS = {"started_on", "ended_on", "long_stay_reason"}
#: The name the database gives the overlap rule, in the SQLite trigger and the PostgreSQL constraint alike.
OVERLAP_CONSTRAINT = "participation_no_overlap"


def _overlapping_stay(participation: Participation) -> Participation | None:
    """Another stay of the same company in the same programme that shares a day with this one."""
    others = Participation.objects.filter(
        company_id=participation.company_id, programme_id=participation.programme_id
    ).filter(rules.overlapping_q(started_on=participation.started_on, ended_on=participation.ended_on))
    if participation.pk is not None:
        others = others.exclude(pk=participation.pk)
    return others.order_by("started_on", "pk").first()


def _overlap_error(other: Participation | None) -> ValidationError:
    if other is None:
        message = _("This company already has another stay in this programme on some of these days.")
    elif other.ended_on is None:
        message = _(
            "This company already has a stay in this programme since %(start)s that has not ended; "
            "stays may not overlap."
        ) % {"start": formats.date_format(other.started_on, "SHORT_DATE_FORMAT")}
    else:
        message = _(
            "This company already has a stay in this programme from %(start)s to %(end)s; stays may not overlap."
        ) % {
            "start": formats.date_format(other.started_on, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(other.ended_on, "SHORT_DATE_FORMAT"),
        }
    return ValidationError({"started_on": ValidationError(message, code="overlap")})


def is_long_stay(participation: Participation, *, today: date | None = None) -> bool:
    """Whether the stay runs past two years (`rules.is_long_stay`, clause 6); today by default."""
    return rules.is_long_stay(participation.started_on, participation.ended_on, today=today or timezone.localdate())


def _validate(participation: Participation, programme: Programme) -> None:
    """Raise one ValidationError with every problem, per field, in words a person can act on."""
    errors: dict[str, list[Any]] = {}
    # The database's own check constraints come last: the checks below say the same thing per field.
    try:
        participation.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)

    def add(field: str, message: str) -> None:
        if field not in errors:
            errors[field] = [ValidationError(message)]

    if participation.location_id and participation.location.programme_id != programme.pk:
        add("location", _("Choose a location of this programme."))
    if participation.package_id and participation.package.programme_id != programme.pk:
        add("package", _("Choose a service package of this programme."))
    started, ended = participation.started_on, participation.ended_on
    if started and ended and ended < started:
        add("ended_on", _("The end date lies before the start date."))
    if ended and not participation.outflow_status:
        add("outflow_status", _("A stay that has ended needs an outflow status: what became of the company?"))
    if participation.outflow_status and not ended:
        add("ended_on", _("An outflow status needs the date the stay ended."))
    if started and not errors:
        other = _overlapping_stay(participation)
        if other is not None:
            errors.update(_overlap_error(other).error_dict)
        elif is_long_stay(participation) and not participation.long_stay_reason.strip():
            add(
                "long_stay_reason",
                _("A stay is at most two years (until %(limit)s); give a reason for this exception.")
                % {"limit": formats.date_format(rules.stay_limit(started), "SHORT_DATE_FORMAT")},
            )
    if errors:
        raise ValidationError(errors)
    participation.validate_constraints()


def _save(participation: Participation, **kwargs: Any) -> None:
    """Save, turning the database's refusal of an overlapping stay (a concurrent write that slipped past
    the check in `_validate`) into the same field error instead of a server error."""
    try:
        with transaction.atomic():
            participation.save(**kwargs)
    except IntegrityError as error:
        other = _overlapping_stay(participation)
        if other is None and OVERLAP_CONSTRAINT not in str(error):
            raise
        raise _overlap_error(other) from error


def _log(
    *, actor: Any, action: str, participation: Participation, changes: dict[str, Any], programme: Programme
) -> None:
    long_stay = is_long_stay(participation)
    reason = participation.long_stay_reason.strip() if long_stay else ""
    log_action(
        actor=actor, action=action, obj=participation, changes=changes, programme_slug=programme.slug, reason=reason
    )
    if reason and (action.endswith(".created") or OVERRIDE_FIELDS & set(changes)):
        log_action(
            actor=actor,
            action="participation.participation.overridden",
            obj=participation,
            changes={f: changes[f] for f in ("started_on", "ended_on") if f in changes},
            programme_slug=programme.slug,
            reason=reason,
        )


@transaction.atomic
def participation_create(
    *,
    actor: Any,
    programme: Programme,
    company: Company,
    location: Location,
    package: ServicePackage,
    started_on: date,
    ended_on: date | None = None,
    outflow_status: str = "",
    long_stay_reason: str = "",
) -> Participation:
    """Start (or record) a company's stay in a programme; the company joins the programme's records.

    Raises ValidationError per field when a rule is broken. A stay over two years needs
    `long_stay_reason`; it is then logged as `participation.participation.overridden` with that reason.
    """
    participation = Participation(
        company=company,
        programme=programme,
        location=location,
        package=package,
        started_on=started_on,
        ended_on=ended_on,
        outflow_status=outflow_status or "",
        long_stay_reason=(long_stay_reason or "").strip(),
    )
    _validate(participation, programme)
    _save(participation)
    company.programmes.add(programme)
    changes = {f: [None, v] for f, v in snapshot(participation, AUDITED_FIELDS).items() if v not in ("", None)}
    _log(
        actor=actor,
        action="participation.participation.created",
        participation=participation,
        changes=changes,
        programme=programme,
    )
    return participation


@transaction.atomic
def participation_update(
    *, actor: Any, programme: Programme, participation: Participation, **fields: Any
) -> Participation:
    """Change a stay; only the fields given change, and the audit entry lists them old -> new.

    The company and programme of a stay do not change. Same rules and errors as `participation_create`;
    changing the dates or the reason of a stay over two years logs a new override.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if participation.programme_id != programme.pk:
        raise ValueError("the participation belongs to another programme")
    before = snapshot(participation, EDITABLE_FIELDS)
    for name, value in fields.items():
        if name == "outflow_status":
            value = value or ""
        elif name == "long_stay_reason":
            value = (value or "").strip()
        setattr(participation, name, value)
    _validate(participation, programme)
    changes = diff(before, snapshot(participation, EDITABLE_FIELDS))
    if changes:
        _save(participation, update_fields=list(changes))
        _log(
            actor=actor,
            action="participation.participation.updated",
            participation=participation,
            changes=changes,
            programme=programme,
        )
    return participation


def participation_delete_plan(*, participation: Participation) -> DeletionPlan:
    """What deleting a stay takes: only the stay (the company and its figures stay)."""
    return deletion_plan(participation)


@transaction.atomic
def participation_delete(*, actor: Any, programme: Programme, participation: Participation) -> AuditEntry:
    """Delete a stay entered by mistake; the audit entry keeps it, so the deletion can be undone (unless an
    overlapping stay has been entered since: see `restore_conflict`)."""
    if participation.programme_id != programme.pk:
        raise ValueError("the participation belongs to another programme")
    return deletion_apply(
        actor=actor,
        action="participation.participation.deleted",
        plan=participation_delete_plan(participation=participation),
        programme_slug=programme.slug,
    )


def restore_conflict(participation: Participation) -> str | None:
    """Why a deleted stay cannot come back: another stay of the company now shares a day with it."""
    if participation.company_id is None or participation.started_on is None:
        return None
    other = _overlapping_stay(participation)
    if other is None:
        return None
    return str(_overlap_error(other).error_dict["started_on"][0].messages[0])


@transaction.atomic
def starter_add(
    *,
    actor: Any,
    programme: Programme,
    location: Location,
    package: ServicePackage,
    started_on: date,
    kvk_number: str,
    name: str,
    founded_on: date | None = None,
    postcode: str = "",
    municipality_code: str = "",
    sbi_code: str = "",
    founder_name: str = "",
    founder_email: str = "",
    founder_phone: str = "",
) -> tuple[Participation, bool]:
    """Onboard a starter in one step: the company (new, or the programme's own by its KvK number), its stay
    at `location` from `started_on`, and optionally its founder. All or nothing: one transaction.

    Returns the stay and whether the company was new. A KvK number that belongs to another programme's
    company is refused: joining it would show that programme's records of it here. Raises ValidationError
    per field (the company's, the stay's or the founder's fields)."""
    company = Company.objects.filter(kvk_number=kvk_number).first()
    created = company is None
    if company is not None and not company.programmes.filter(pk=programme.pk).exists():
        # the same answer as for any taken number: which programme holds it is not this programme's business
        raise ValidationError({"kvk_number": company.unique_error_message(Company, ("kvk_number",))})
    if company is None:
        company = company_services.company_create(
            actor=actor,
            programme=programme,
            kvk_number=kvk_number,
            name=name,
            founded_on=founded_on,
            postcode=postcode,
            municipality_code=municipality_code,
            sbi_code=sbi_code,
        )
    participation = participation_create(
        actor=actor, programme=programme, company=company, location=location, package=package, started_on=started_on
    )
    if founder_name.strip():
        try:
            company_services.company_person_add(
                actor=actor,
                programme=programme,
                company=company,
                role=CompanyRole.Role.FOUNDER,
                name=founder_name,
                email=founder_email,
                phone=founder_phone,
            )
        except ValidationError as error:
            # the founder's fields carry a prefix on the starter form
            raise ValidationError(
                {f"founder_{field}": messages for field, messages in error.message_dict.items()}
            ) from error
    return participation, created
