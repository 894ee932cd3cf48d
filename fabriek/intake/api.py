"""Intake over the API: leads (staff; a partner for itself), applications and decisions (staff)."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.events.models import Event
from fabriek.intake import selectors, services
from fabriek.intake.models import Application, ApplicationStatus, Decision, Lead, LeadSource, LeadStatus
from fabriek.partners.models import Partner
from fabriek.programmes.models import Location, Programme, ServicePackage

router = Router(tags=["intake"])

LEAD_USERS = [Role.STAFF, Role.PARTNER]
STAFF = [Role.STAFF]


class LeadIn(Schema):
    name: str
    email: str = ""
    phone: str = ""
    company_name: str = ""
    kvk_number: str = ""
    source: LeadSource = LeadSource.OTHER
    partner: int | None = None
    event: int | None = None
    location: int | None = None


class LeadOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    company_name: str
    kvk_number: str
    source: LeadSource
    partner: int | None
    event: int | None
    location: int | None
    status: LeadStatus
    #: the application's status once the lead applied (submitted, admitted, rejected, waitlisted), else null
    outcome: ApplicationStatus | None
    created_at: datetime

    @staticmethod
    def resolve_outcome(obj: Lead) -> str | None:
        # lists carry the selector's annotation (no query per row); a lead just created has not applied
        return obj.__dict__.get("outcome")

    @staticmethod
    def resolve_partner(obj: Lead) -> int | None:
        return obj.partner_id

    @staticmethod
    def resolve_event(obj: Lead) -> int | None:
        return obj.event_id

    @staticmethod
    def resolve_location(obj: Lead) -> int | None:
        return obj.location_id


class ApplicationIn(Schema):
    """With `lead`, the lead's details are copied; the other fields, when given, override them."""

    lead: int | None = None
    company_name: str = ""
    kvk_number: str = ""
    founded_on: date | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    sbi_code: str = ""
    founder_name: str = ""
    founder_email: str = ""
    founder_phone: str = ""
    activity: str = ""
    ambition: str = ""
    business_model: str = ""
    support_need: str = ""
    wanted_package: int | None = None
    wanted_location: int | None = None
    consent_follow_up: bool = False


class ApplicationOut(Schema):
    id: int
    status: ApplicationStatus
    lead: int | None
    company_name: str
    kvk_number: str
    founded_on: date | None
    founder_name: str
    founder_email: str
    submitted_at: datetime
    company: int | None

    @staticmethod
    def resolve_lead(obj: Application) -> int | None:
        return obj.lead_id

    @staticmethod
    def resolve_company(obj: Application) -> int | None:
        return obj.company_id


class DecisionIn(Schema):
    decision: Literal["admitted", "rejected", "waitlisted"]
    reason: str
    location: int | None = None
    package: int | None = None
    starts_on: date | None = None


class DecisionOut(Schema):
    id: int
    application: int
    decision: str
    reason: str
    location: int | None
    package: int | None
    starts_on: date | None
    participation: int | None

    @staticmethod
    def resolve_application(obj: Decision) -> int:
        return obj.application_id

    @staticmethod
    def resolve_decision(obj: Decision) -> str:
        return obj.outcome

    @staticmethod
    def resolve_location(obj: Decision) -> int | None:
        return obj.location_id

    @staticmethod
    def resolve_package(obj: Decision) -> int | None:
        return obj.package_id

    @staticmethod
    def resolve_participation(obj: Decision) -> int | None:
        return obj.participation_id


def _own(programme: Programme, model: Any, pk: int | None, field: str) -> Any:
    """The programme's record `pk` of `model`, or a 422 on `field`; None stays None."""
    if pk is None:
        return None
    scope = {"programmes": programme} if model is Partner else {"programme": programme}
    found = model.objects.filter(pk=pk, **scope).first()
    if found is None:
        raise ValidationError({field: [_("No such record in this programme.")]})
    return found


@router.get("/leads", response={200: list[LeadOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(LEAD_USERS)
def lead_list(request: HttpRequest, status: LeadStatus | None = None, source: LeadSource | None = None) -> object:
    """The leads you may see: staff all of the programme's, a partner only the ones it referred."""
    return selectors.lead_list(membership=caller(request), status=status or "", source=source or "")


@router.post("/leads", response={201: LeadOut, **WRITE_ERROR_RESPONSES})
@api_rule(LEAD_USERS)
def lead_create(request: HttpRequest, payload: LeadIn) -> Status[Lead]:
    """Record a lead. A partner's lead is always its own referral, whatever `source` and `partner` say."""
    membership = caller(request)
    programme = membership.programme
    fields = payload.dict()
    if membership.role == Role.PARTNER:
        for name in ("source", "partner"):
            fields.pop(name)
        fields["event"] = _own(programme, Event, fields["event"], "event")
        fields["location"] = _own(programme, Location, fields["location"], "location")
        return Status(201, services.lead_create_by_partner(actor=request.user, membership=membership, **fields))
    fields["partner"] = _own(programme, Partner, fields["partner"], "partner")
    fields["event"] = _own(programme, Event, fields["event"], "event")
    fields["location"] = _own(programme, Location, fields["location"], "location")
    return Status(201, services.lead_create(actor=request.user, programme=programme, **fields))


@router.post("/applications", response={201: ApplicationOut, **WRITE_ERROR_RESPONSES})
@api_rule(STAFF)
def application_create(request: HttpRequest, payload: ApplicationIn) -> Status[Application]:
    """An application, from a lead (`{"lead": ID}`) or with the company's and founder's fields."""
    membership = caller(request)
    programme = membership.programme
    fields = payload.dict()
    lead = _own(programme, Lead, fields.pop("lead"), "lead")
    fields["wanted_package"] = _own(programme, ServicePackage, fields["wanted_package"], "wanted_package")
    fields["wanted_location"] = _own(programme, Location, fields["wanted_location"], "wanted_location")
    if lead is None and not fields["company_name"]:
        raise ValidationError({"company_name": [_("Give the company's name, or the lead it comes from.")]})
    application = services.application_submit(actor=request.user, programme=programme, lead=lead, **fields)
    return Status(201, application)


@router.post("/applications/{id}/decision", response={201: DecisionOut, **WRITE_ERROR_RESPONSES})
@api_rule(STAFF)
def decision_create(request: HttpRequest, id: RecordId, payload: DecisionIn) -> Status[Decision]:
    """Admit (with location, package and start date: the company's stay starts), reject or wait-list."""
    membership = caller(request)
    programme = membership.programme
    application = selectors.application_get(membership=membership, pk=id)
    decision = services.decision_record(
        actor=request.user,
        programme=programme,
        application=application,
        outcome=payload.decision,
        reason=payload.reason,
        location=_own(programme, Location, payload.location, "location"),
        package=_own(programme, ServicePackage, payload.package, "package"),
        starts_on=payload.starts_on,
    )
    return Status(201, decision)
