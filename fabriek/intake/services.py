"""Writes of the intake: leads, applications, reviews and decisions, each validated, atomic and audited."""

import hashlib
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts import invitations
from fabriek.accounts.models import Membership, Role
from fabriek.companies import services as company_services
from fabriek.companies.models import Company
from fabriek.core.audit import log_action, snapshot
from fabriek.core.models import AuditEntry
from fabriek.core.validation import save_per_field, update_logged
from fabriek.events.models import Event
from fabriek.intake.models import (
    ANONYMOUS,
    SCORE_MAX,
    SCORE_MIN,
    Application,
    ApplicationStatus,
    Criterion,
    Decision,
    Lead,
    LeadSource,
    LeadStatus,
    Outcome,
    Review,
    Score,
)
from fabriek.participation import services as participation_services
from fabriek.partners.models import Partner
from fabriek.programmes.models import Location, Programme, ServicePackage

LEAD_FIELDS = (
    "name",
    "email",
    "phone",
    "company_name",
    "kvk_number",
    "source",
    "partner",
    "event",
    "location",
    "status",
    "next_action",
    "next_action_on",
    "notes",
)
APPLICATION_FIELDS = (
    "company_name",
    "kvk_number",
    "founded_on",
    "street",
    "postcode",
    "city",
    "municipality_code",
    "sbi_code",
    "founder_name",
    "founder_email",
    "founder_phone",
    "activity",
    "ambition",
    "business_model",
    "support_need",
    "wanted_package",
    "wanted_location",
    "consent_follow_up",
)
#: What anonymisation blanks: everything that names or reaches a person (or a one-person company).
PERSONAL_APPLICATION_FIELDS = (
    "company_name",
    "kvk_number",
    "street",
    "postcode",
    "city",
    "founder_name",
    "founder_email",
    "founder_phone",
    "activity",
    "ambition",
    "business_model",
    "support_need",
)
LEAD_CONSTRAINT_ERRORS = {
    "lead_partner_source_names_partner": ("partner", _("A lead referred by a partner names that partner.")),
}
#: Reviewers are the programme's staff and its mentors.
REVIEWER_ROLES = (Role.STAFF, Role.MENTOR)


def client_hash(address: str) -> str:
    """A keyed hash of a client address: enough to count its requests, not enough to recover it."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


# --- leads ------------------------------------------------------------------------------------------------


def _check_lead_links(lead: Lead, programme: Programme) -> None:
    errors: dict[str, str] = {}
    if lead.partner_id and not Partner.objects.filter(pk=lead.partner_id, programmes=programme).exists():
        errors["partner"] = _("Choose a partner of this programme.")
    if lead.event_id and not Event.objects.filter(pk=lead.event_id, programme=programme).exists():
        errors["event"] = _("Choose an event of this programme.")
    if lead.location_id and not Location.objects.filter(pk=lead.location_id, programme=programme).exists():
        errors["location"] = _("Choose a location of this programme.")
    if lead.source == LeadSource.PARTNER and not lead.partner_id:
        errors.setdefault("partner", _("A lead referred by a partner names that partner."))
    if lead.source == LeadSource.EVENT and not lead.event_id:
        errors.setdefault("event", _("A lead met at an event names that event."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def lead_create(*, actor: Any, programme: Programme, **fields: Any) -> Lead:
    """Record a lead. Raises ValidationError per field."""
    unknown = set(fields) - set(LEAD_FIELDS)
    if unknown:
        raise TypeError(f"unknown lead fields: {sorted(unknown)}")
    lead = Lead(programme=programme, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    for name, value in fields.items():
        if value is not None:  # None: the model's default
            setattr(lead, name, value)
    lead.full_clean(exclude=["programme", "created_by"])
    _check_lead_links(lead, programme)
    save_per_field(lead, LEAD_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="intake.lead.created",
        obj=lead,
        changes={"source": [None, lead.source], "status": [None, lead.status]},
        programme_slug=programme.slug,
    )
    return lead


@transaction.atomic
def lead_create_by_partner(*, actor: Any, membership: Membership, **fields: Any) -> Lead:
    """A partner's own referral: the source is always that partner, whatever was sent."""
    fields = {k: v for k, v in fields.items() if k not in {"source", "partner", "status", "notes"}}
    return lead_create(
        actor=actor, programme=membership.programme, source=LeadSource.PARTNER, partner=membership.partner, **fields
    )


@transaction.atomic
def lead_update(*, actor: Any, programme: Programme, lead: Lead, **fields: Any) -> Lead:
    update_logged(
        lead,
        fields=fields,
        editable=LEAD_FIELDS,
        constraint_errors=LEAD_CONSTRAINT_ERRORS,
        actor=actor,
        action="intake.lead.updated",
        programme_slug=programme.slug,
    )
    _check_lead_links(lead, programme)
    return lead


# --- applications -----------------------------------------------------------------------------------------


def _validate_application(application: Application, programme: Programme) -> None:
    errors: dict[str, Any] = {}
    try:
        application.full_clean(exclude=["programme", "lead", "company"])
    except ValidationError as error:
        errors = error.message_dict
    package, location = application.wanted_package, application.wanted_location
    if package is not None and package.programme_id != programme.pk:
        errors.setdefault("wanted_package", [_("Choose a service package of this programme.")])
    if location is not None and location.programme_id != programme.pk:
        errors.setdefault("wanted_location", [_("Choose a location of this programme.")])
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_submit(
    *,
    actor: Any,
    programme: Programme,
    lead: Lead | None = None,
    language: str = "nl",
    client_address: str = "",
    **fields: Any,
) -> Application:
    """An application, from the public form (no actor), from staff, or from a lead; its lead becomes
    "applied". Raises ValidationError per field."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    copy_from_lead = lead is not None
    if lead is None and actor is None:
        # the starter a partner referred applies on the public form: keep the two together (their own
        # answers stand)
        lead = matching_lead(
            programme=programme, email=fields.get("founder_email", ""), kvk_number=fields.get("kvk_number", "")
        )
    if lead is not None:
        if lead.programme_id != programme.pk:
            raise ValidationError({"lead": _("Choose a lead of this programme.")})
        if Application.objects.filter(lead=lead).exists():
            raise ValidationError({"lead": _("This lead has applied already.")})
    if lead is not None and copy_from_lead:
        fields = {
            "company_name": lead.company_name or lead.name,
            "kvk_number": lead.kvk_number,
            "founder_name": lead.name,
            "founder_email": lead.email,
            "founder_phone": lead.phone,
            "wanted_location": lead.location,
            **{k: v for k, v in fields.items() if v not in (None, "")},
        }
    application = Application(
        programme=programme,
        lead=lead,
        language=language,
        client_hash=client_hash(client_address) if client_address else "",
        **{k: v for k, v in fields.items() if v is not None},
    )
    _validate_application(application, programme)
    application.save()
    if lead is not None and lead.status != LeadStatus.APPLIED:
        before, lead.status = lead.status, LeadStatus.APPLIED
        lead.save(update_fields=["status"])
        log_action(
            actor=actor,
            action="intake.lead.applied",
            obj=lead,
            changes={"status": [before, LeadStatus.APPLIED]},
            programme_slug=programme.slug,
        )
    log_action(
        actor=actor,
        action="intake.application.submitted",
        obj=application,
        changes={"lead": [None, lead.pk if lead else None]},
        programme_slug=programme.slug,
    )
    return application


def matching_lead(*, programme: Programme, email: str, kvk_number: str) -> Lead | None:
    """The programme's lead that an application from the public form belongs to: one that has not applied
    yet, with the same e-mail address or KvK number (the oldest, when several match)."""
    match = Q()
    if email:
        match |= Q(email__iexact=email)
    if kvk_number:
        match |= Q(kvk_number=kvk_number)
    if not match:
        return None
    return (
        Lead.objects.filter(match, programme=programme, application__isnull=True)
        .exclude(status__in=(LeadStatus.NOT_SUITABLE, LeadStatus.NO_INTEREST))
        .order_by("created_at", "pk")
        .first()
    )


def recent_applications_from(*, programme: Programme, client_address: str, within: timedelta) -> int:
    """How many applications this address sent to the programme lately (the public form's rate limit)."""
    return Application.objects.filter(
        programme=programme,
        client_hash=client_hash(client_address),
        submitted_at__gte=timezone.now() - within,
    ).count()


# --- reviews ----------------------------------------------------------------------------------------------


@transaction.atomic
def reviewer_assign(*, actor: Any, programme: Programme, application: Application, reviewer: Any) -> Review:
    """Ask a staff member or mentor of the programme to review the application."""
    if not Membership.objects.filter(user=reviewer, programme=programme, role__in=REVIEWER_ROLES).exists():
        raise ValidationError({"reviewer": _("A reviewer is a staff member or a mentor of this programme.")})
    if application.status == ApplicationStatus.ADMITTED:
        raise ValidationError(_("This application has been decided; it needs no more reviews."))
    review, created = Review.objects.get_or_create(application=application, reviewer=reviewer)
    if created:
        log_action(
            actor=actor,
            action="intake.review.assigned",
            obj=review,
            changes={"reviewer": [None, reviewer.pk]},
            programme_slug=programme.slug,
        )
    return review


@transaction.atomic
def review_submit(
    *, actor: Any, programme: Programme, review: Review, scores: Mapping[str, int], comment: str = ""
) -> Review:
    """A reviewer's scores (1-5 on every criterion) and comment. Submitted once; then final, and the reviewer
    sees the others' scores."""
    if review.reviewer_id != getattr(actor, "pk", None):
        raise ValidationError(_("Only the assigned reviewer can submit this review."))
    if review.submitted_at is not None:
        raise ValidationError(_("This review has been submitted already; it cannot change any more."))
    errors = {}
    for criterion in Criterion.values:
        value = scores.get(criterion)
        if not isinstance(value, int) or isinstance(value, bool) or not SCORE_MIN <= value <= SCORE_MAX:
            errors[criterion] = _("Give a score from %(low)s to %(high)s.") % {"low": SCORE_MIN, "high": SCORE_MAX}
    if errors:
        raise ValidationError(errors)
    Score.objects.bulk_create(
        [Score(review=review, criterion=criterion, score=scores[criterion]) for criterion in Criterion.values]
    )
    review.comment = comment.strip()
    review.submitted_at = timezone.now()
    review.save(update_fields=["comment", "submitted_at"])
    log_action(
        actor=actor,
        action="intake.review.submitted",
        obj=review,
        changes={criterion: [None, scores[criterion]] for criterion in Criterion.values},
        programme_slug=programme.slug,
    )
    return review


# --- decisions --------------------------------------------------------------------------------------------


def _admitted_company(*, actor: Any, programme: Programme, application: Application) -> Company:
    """The company to admit: the programme's own record with this KvK number, or a new one."""
    if application.kvk_number:
        existing = Company.objects.filter(kvk_number=application.kvk_number, programmes=programme).first()
        if existing is not None:
            return existing
    if not application.kvk_number:
        raise ValidationError({"kvk_number": _("Admitting a company needs its KvK number: add it first.")})
    try:
        return company_services.company_create(
            actor=actor,
            programme=programme,
            kvk_number=application.kvk_number,
            name=application.company_name,
            founded_on=application.founded_on,
            postcode=application.postcode,
            municipality_code=application.municipality_code,
            sbi_code=application.sbi_code,
        )
    except ValidationError as error:
        # the company's fields are the application's: show their errors there
        raise ValidationError(
            {"__all__": [_("The company cannot be registered: %(reasons)s") % {"reasons": " ".join(error.messages)}]}
        ) from error


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    programme: Programme,
    application: Application,
    outcome: str,
    reason: str,
    location: Location | None = None,
    package: ServicePackage | None = None,
    starts_on: date | None = None,
) -> Decision:
    """Admit, reject or wait-list an application, with a reason. Admitting creates (or reuses) the company
    and starts its stay; all in one transaction, so a refused stay leaves no half-admitted company."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose admit, reject or wait-list.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for this decision; the applicant and the funder may ask for it.")
    if application.status in (ApplicationStatus.ADMITTED, ApplicationStatus.REJECTED):
        errors["outcome"] = _("This application has been decided already (%(status)s).") % {
            "status": application.get_status_display()
        }
    if outcome == Outcome.ADMITTED:
        for name, value in (("location", location), ("package", package), ("starts_on", starts_on)):
            if value is None:
                errors[name] = _("Admitting needs a location, a service package and a start date.")
    if errors:
        raise ValidationError(errors)
    participation = None
    if outcome == Outcome.ADMITTED:
        company = _admitted_company(actor=actor, programme=programme, application=application)
        assert location is not None and package is not None and starts_on is not None  # checked above
        participation = participation_services.participation_create(
            actor=actor, programme=programme, company=company, location=location, package=package, started_on=starts_on
        )
        application.company = company
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        reason=reason.strip(),
        location=location if outcome == Outcome.ADMITTED else None,
        package=package if outcome == Outcome.ADMITTED else None,
        starts_on=starts_on if outcome == Outcome.ADMITTED else None,
        participation=participation,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    before = application.status
    application.status = outcome
    application.save(update_fields=["status", "company"])
    if outcome == Outcome.ADMITTED:
        _invite_founder(actor=actor, programme=programme, application=application)
    log_action(
        actor=actor,
        action=f"intake.application.{outcome}",
        obj=application,
        changes={"status": [before, outcome], **snapshot(decision, ("location", "package", "starts_on"))},
        programme_slug=programme.slug,
        reason=decision.reason,
    )
    return decision


def _invite_founder(*, actor: Any, programme: Programme, application: Application) -> None:
    """The admitted founder gets an invitation to a participant account for the company (in their language),
    unless they have an account already or gave no e-mail address."""
    email = application.founder_email
    if not email or invitations.email_has_account(email):
        return
    first_name, _space, last_name = application.founder_name.partition(" ")
    invitations.invitation_create(
        programme=programme,
        actor=actor,
        email=email,
        role=Role.PARTICIPANT,
        language=application.language,
        first_name=first_name,
        last_name=last_name,
        company=application.company,
    )


# --- retention --------------------------------------------------------------------------------------------


@transaction.atomic
def applications_anonymise_expired(*, today: date | None = None) -> int:
    """Blank the personal fields of applications that were not admitted, once their time is up: 90 days after
    the decision without consent for follow-up research, INTAKE_RETENTION_DAYS with it. Scores, decisions,
    dates, municipality and sector stay: the anonymous facts the comparison group rests on. Idempotent."""
    now = timezone.now() if today is None else timezone.make_aware(datetime.combine(today, time.min))
    keep_without_consent = timedelta(days=settings.INTAKE_RETENTION_WITHOUT_CONSENT_DAYS)
    not_admitted = Application.objects.filter(
        status__in=(ApplicationStatus.REJECTED, ApplicationStatus.WAITLISTED), anonymised_at__isnull=True
    )
    without_consent = not_admitted.filter(consent_follow_up=False, decisions__decided_at__lt=now - keep_without_consent)
    with_consent = not_admitted.filter(
        consent_follow_up=True, decisions__decided_at__lt=now - timedelta(days=settings.INTAKE_RETENTION_DAYS)
    )
    expired = list((without_consent | with_consent).distinct())
    for application in expired:
        for name in PERSONAL_APPLICATION_FIELDS:
            setattr(application, name, "")
        application.client_hash = ""
        application.anonymised_at = now
        application.save(update_fields=[*PERSONAL_APPLICATION_FIELDS, "client_hash", "anonymised_at"])
        Review.objects.filter(application=application).update(comment="")
        if application.lead_id:
            Lead.objects.filter(pk=application.lead_id).update(
                name="", email="", phone="", company_name="", kvk_number="", notes="", next_action=""
            )
        # the audit trail keeps what happened, not who it happened to
        AuditEntry.objects.filter(object_type="intake.application", object_id=str(application.pk)).update(
            object_repr=ANONYMOUS
        )
        if application.lead_id:
            AuditEntry.objects.filter(object_type="intake.lead", object_id=str(application.lead_id)).update(
                object_repr=ANONYMOUS
            )
        log_action(
            actor=None,
            action="intake.application.anonymised",
            obj=application,
            programme_slug=application.programme.slug,
        )
    return len(expired)
