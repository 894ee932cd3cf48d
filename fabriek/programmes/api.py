"""Locations over the API: the same selectors, services and roles as the pages.

Locations hold no personal data, so every member of the programme may read them, the funder included.
"""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.access import ALL_ROLES
from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.programmes import selectors, services
from fabriek.programmes.models import Location

router = Router(tags=["locations"])

READERS = ALL_ROLES
EDITORS = [Role.STAFF]


class LocationOut(Schema):
    id: int
    name: str
    kind: Location.Kind
    status: Location.Status
    opened_on: date | None
    closed_on: date | None
    address: str
    municipality_code: str
    desk_capacity: int
    current_participants: int = Field(description="Stays under way today (Europe/Amsterdam).")


class LocationIn(Schema):
    name: str
    kind: Location.Kind
    status: Location.Status = Location.Status.EXPLORING
    opened_on: date | None = None
    closed_on: date | None = None
    address: str = ""
    municipality_code: str = Field("", description="CBS code, e.g. GM0106 for Assen.")
    desk_capacity: int = Field(0, ge=0)


class LocationPatchIn(Schema):
    """Only the fields sent change."""

    name: str | None = None
    kind: Location.Kind | None = None
    status: Location.Status | None = None
    opened_on: date | None = None
    closed_on: date | None = None
    address: str | None = None
    municipality_code: str | None = None
    desk_capacity: int | None = Field(None, ge=0)


@router.get("/locations", response={200: list[LocationOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def location_list(request: HttpRequest, search: str = "", kind: str = "", status: str = "") -> object:
    """The programme's locations by name; `search` matches the name or the address."""
    return selectors.location_list(programme=caller(request).programme, search=search, kind=kind, status=status)


@router.post("/locations", response={201: LocationOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def location_create(request: HttpRequest, payload: LocationIn) -> Status[Location]:
    programme = caller(request).programme
    location = services.location_create(actor=request.user, programme=programme, **payload.dict())
    return Status(201, selectors.location_get(programme=programme, pk=location.pk))


@router.get("/locations/{id}", response={200: LocationOut, **ERROR_RESPONSES})
@api_rule(READERS)
def location_detail(request: HttpRequest, id: RecordId) -> Location:
    return selectors.location_get(programme=caller(request).programme, pk=id)


@router.patch("/locations/{id}", response={200: LocationOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def location_update(request: HttpRequest, id: RecordId, payload: LocationPatchIn) -> Location:
    """Change a location; only the fields sent change."""
    programme = caller(request).programme
    location = selectors.location_get(programme=programme, pk=id)
    services.location_update(
        actor=request.user, programme=programme, location=location, **payload.dict(exclude_unset=True)
    )
    return selectors.location_get(programme=programme, pk=id)
