"""Companies over the API: the same selectors, services and roles as the pages."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.companies import selectors, services
from fabriek.companies.models import Company

router = Router(tags=["companies"])

READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]
CREATORS = [Role.STAFF]
EDITORS = READERS  # each within what they may see: the selector scopes the object first


class CompanyOut(Schema):
    id: int
    kvk_number: str
    name: str
    founded_on: date | None
    postcode: str
    municipality_code: str
    sbi_code: str


class CompanyIn(Schema):
    kvk_number: str
    name: str
    founded_on: date | None = None
    postcode: str = ""
    municipality_code: str = ""
    sbi_code: str = ""


class CompanyPatchIn(Schema):
    """Only the fields sent change."""

    kvk_number: str | None = None
    name: str | None = None
    founded_on: date | None = None
    postcode: str | None = None
    municipality_code: str | None = None
    sbi_code: str | None = None


@router.get("/companies", response={200: list[CompanyOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def company_list(request: HttpRequest, search: str = "", location: int | None = None) -> object:
    """The companies you may see, by name; `search` matches the name or the start of the KvK number."""
    return selectors.company_list(membership=caller(request), search=search, location_id=location)


@router.post("/companies", response={201: CompanyOut, **WRITE_ERROR_RESPONSES})
@api_rule(CREATORS)
def company_create(request: HttpRequest, payload: CompanyIn) -> Status[Company]:
    membership = caller(request)
    company = services.company_create(actor=request.user, programme=membership.programme, **payload.dict())
    return Status(201, company)


@router.get("/companies/{id}", response={200: CompanyOut, **ERROR_RESPONSES})
@api_rule(READERS)
def company_detail(request: HttpRequest, id: int) -> Company:
    return selectors.company_get(membership=caller(request), pk=id)


@router.patch("/companies/{id}", response={200: CompanyOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def company_update(request: HttpRequest, id: int, payload: CompanyPatchIn) -> Company:
    membership = caller(request)
    company = selectors.company_get(membership=membership, pk=id)
    return services.company_update(
        actor=request.user,
        programme=membership.programme,
        company=company,
        allowed_fields=services.company_editable_fields(role=membership.role),
        **payload.dict(exclude_unset=True),
    )
