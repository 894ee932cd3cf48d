"""A company's figures (observations) over the API: the same selectors, services and roles as the pages.

Every read and write goes through the company, fetched with `company_get` / `company_visible`, which is
where the scoping happens: a participant reaches only their own company, a location manager the companies
of their location. Participants report their own figures, always as a self-report.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Membership, Role
from fabriek.companies.selectors import company_get, company_visible
from fabriek.core import bounds
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.metrics import selectors, services
from fabriek.metrics.models import Observation, Source

router = Router(tags=["observations"])

READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]
WRITERS = READERS


class ObservationOut(Schema):
    id: int
    company_id: int
    observed_on: date
    employees: int = Field(description="Headcount, founders excluded.")
    interns: int
    fte: Decimal | None
    revenue_cents: int | None
    source: Source


EMP, INT, FTE, REV = bounds.EMPLOYEES, bounds.INTERNS, bounds.FTE, bounds.REVENUE_CENTS


class ObservationIn(Schema):
    observed_on: date = Field(description="Not after today, not before 1900.")
    employees: int = Field(ge=EMP.minimum, le=EMP.maximum, description="Headcount, founders excluded.")
    interns: int = Field(0, ge=INT.minimum, le=INT.maximum)
    fte: Decimal | None = Field(None, ge=FTE.minimum, le=FTE.maximum, max_digits=8, decimal_places=2)
    revenue_cents: int | None = Field(None, ge=REV.minimum, le=REV.maximum)
    source: Source = Field(Source.STAFF, description="Ignored for participants: theirs is always self_report.")


class ObservationPatchIn(Schema):
    """Only the fields sent change; an observation keeps its company."""

    observed_on: date | None = None
    employees: int | None = Field(None, ge=EMP.minimum, le=EMP.maximum)
    interns: int | None = Field(None, ge=INT.minimum, le=INT.maximum)
    fte: Decimal | None = Field(None, ge=FTE.minimum, le=FTE.maximum, max_digits=8, decimal_places=2)
    revenue_cents: int | None = Field(None, ge=REV.minimum, le=REV.maximum)
    source: Source | None = None


def _service_fields(membership: Membership, data: dict[str, Any]) -> dict[str, Any]:
    """The API speaks cents (money is never a float); the service takes euros as a Decimal."""
    if "revenue_cents" in data:
        cents = data.pop("revenue_cents")
        data["revenue"] = None if cents is None else Decimal(cents) / 100
    if membership.role == Role.PARTICIPANT:
        data["source"] = Source.SELF_REPORT
    return data


def _observation_for(membership: Membership, pk: int) -> Observation:
    """One observation of a company the member may see, or 404."""
    company_id = (
        Observation.objects.filter(
            pk=pk, programme=membership.programme, company__in=company_visible(membership=membership)
        )
        .values_list("company_id", flat=True)
        .first()
    )
    if company_id is None:
        raise Http404
    company = company_get(membership=membership, pk=company_id)
    return selectors.observation_get(programme=membership.programme, company=company, pk=pk)


@router.get("/companies/{company}/observations", response={200: list[ObservationOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def observation_list(request: HttpRequest, company: RecordId) -> object:
    """A company's figures, newest first."""
    membership = caller(request)
    return selectors.observation_list(
        programme=membership.programme, company=company_get(membership=membership, pk=company)
    )


@router.post("/companies/{company}/observations", response={201: ObservationOut, **WRITE_ERROR_RESPONSES})
@api_rule(WRITERS)
def observation_create(request: HttpRequest, company: RecordId, payload: ObservationIn) -> Status[Observation]:
    """Record a company's figures on a date (one set per company, date and source)."""
    membership = caller(request)
    company_obj = company_get(membership=membership, pk=company)
    observation = services.observation_create(
        actor=request.user,
        programme=membership.programme,
        company=company_obj,
        **_service_fields(membership, payload.dict()),
    )
    return Status(201, observation)


@router.patch("/observations/{id}", response={200: ObservationOut, **WRITE_ERROR_RESPONSES})
@api_rule(WRITERS)
def observation_update(request: HttpRequest, id: RecordId, payload: ObservationPatchIn) -> Observation:
    """Change figures; only the fields sent change. Participants change only their own self-reports."""
    membership = caller(request)
    observation = _observation_for(membership, id)
    if membership.role == Role.PARTICIPANT and observation.source != Source.SELF_REPORT:
        raise PermissionDenied(
            _("Participants correct the figures they reported themselves, not those of the team or a survey.")
        )
    return services.observation_update(
        actor=request.user,
        programme=membership.programme,
        observation=observation,
        **_service_fields(membership, payload.dict(exclude_unset=True)),
    )
