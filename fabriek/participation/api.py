"""Participations (stays) over the API: the same selectors, services and roles as the pages."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Membership, Role
from fabriek.core import bounds
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.participation import selectors, services
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.programmes.models import ServicePackage

router = Router(tags=["participations"])

READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]
# A location manager writes only at their own location: the selector hides other locations' stays and
# only their own location is accepted.
EDITORS = [Role.STAFF, Role.LOCATION_MANAGER]


class CompanyRef(Schema):
    id: int
    name: str
    kvk_number: str


class LocationRef(Schema):
    id: int
    name: str


class PackageRef(Schema):
    id: int
    name: str
    kind: ServicePackage.Kind


class ParticipationOut(Schema):
    id: int
    company: CompanyRef
    location: LocationRef
    package: PackageRef
    started_on: date
    ended_on: date | None
    outflow_status: OutflowStatus | None
    long_stay_reason: str

    @staticmethod
    def resolve_outflow_status(obj: Participation) -> str | None:
        return obj.outflow_status or None


class ParticipationIn(Schema):
    company_id: int
    location_id: int
    package_id: int
    started_on: date
    ended_on: date | None = None
    outflow_status: OutflowStatus | None = None
    long_stay_reason: str = ""


class ParticipationPatchIn(Schema):
    """Only the fields sent change; a stay keeps its company."""

    location_id: int | None = None
    package_id: int | None = None
    started_on: date | None = None
    ended_on: date | None = None
    outflow_status: OutflowStatus | None = None
    long_stay_reason: str | None = None


def _resolve_choices(membership: Membership, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the *_id fields into the records the member may choose, as the page's form does; an id outside
    those choices is a field error (the record's existence elsewhere is not revealed)."""
    choices = {
        "company_id": ("company", lambda: selectors.participation_company_choices(membership=membership)),
        "location_id": ("location", lambda: selectors.participation_location_choices(membership=membership)),
        "package_id": ("package", lambda: ServicePackage.objects.filter(programme=membership.programme)),
    }
    messages = {
        "company": _("Choose a company you may give a stay."),
        "location": _("Choose a location you may record stays at."),
        "package": _("Choose a service package of this programme."),
    }
    resolved: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for key, value in data.items():
        if key not in choices:
            resolved[key] = value
            continue
        field, queryset = choices[key]
        obj = queryset().filter(pk=value).first() if value is not None else None
        if obj is None:
            errors[field] = [messages[field]]
        resolved[field] = obj
    if errors:
        raise ValidationError(errors)
    return resolved


@router.get("/participations", response={200: list[ParticipationOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def participation_list(
    request: HttpRequest,
    search: str = "",
    location: RecordId | None = None,
    status: str = "",
    year: int | None = Query(
        None, ge=bounds.EARLIEST_ACTIVITY.year, le=bounds.LATEST_STORABLE.year, description="A calendar year."
    ),
) -> object:
    """The stays you may see, newest first. `status` is `current` or `ended`; `year` keeps stays that share
    a day with that calendar year."""
    return selectors.participation_list(
        membership=caller(request), search=search, location_id=location, status=status, year=year
    )


@router.post("/participations", response={201: ParticipationOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def participation_create(request: HttpRequest, payload: ParticipationIn) -> Status[Participation]:
    """Record a stay. A stay over two years needs `long_stay_reason`."""
    membership = caller(request)
    data = _resolve_choices(membership, payload.dict())
    data["outflow_status"] = data["outflow_status"] or ""
    participation = services.participation_create(actor=request.user, programme=membership.programme, **data)
    return Status(201, selectors.participation_get(membership=membership, pk=participation.pk))


@router.get("/participations/{id}", response={200: ParticipationOut, **ERROR_RESPONSES})
@api_rule(READERS)
def participation_detail(request: HttpRequest, id: RecordId) -> Participation:
    return selectors.participation_get(membership=caller(request), pk=id)


@router.patch("/participations/{id}", response={200: ParticipationOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def participation_update(
    request: HttpRequest,
    id: RecordId,
    payload: ParticipationPatchIn,
) -> Participation:
    """Change a stay; only the fields sent change."""
    membership = caller(request)
    participation = selectors.participation_get(membership=membership, pk=id)
    data = _resolve_choices(membership, payload.dict(exclude_unset=True))
    services.participation_update(
        actor=request.user, programme=membership.programme, participation=participation, **data
    )
    return selectors.participation_get(membership=membership, pk=participation.pk)
