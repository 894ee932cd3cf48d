"""Companies over the API: the same selectors, services and roles as the pages."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ErrorOut, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.companies import kvk, selectors, services
from fabriek.companies.models import Company
from fabriek.core.api import PageNumberPagination, RecordId

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
def company_list(request: HttpRequest, search: str = "", location: RecordId | None = None) -> object:
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
def company_detail(request: HttpRequest, id: RecordId) -> Company:
    return selectors.company_get(membership=caller(request), pk=id)


@router.patch("/companies/{id}", response={200: CompanyOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def company_update(request: HttpRequest, id: RecordId, payload: CompanyPatchIn) -> Company:
    membership = caller(request)
    company = selectors.company_get(membership=membership, pk=id)
    return services.company_update(
        actor=request.user,
        programme=membership.programme,
        company=company,
        allowed_fields=services.company_editable_fields(role=membership.role),
        **payload.dict(exclude_unset=True),
    )


LOOKERS = [Role.STAFF, Role.LOCATION_MANAGER]


class KvkCompanyOut(Schema):
    """What the KvK register says about a number, in the fields of the company form (missing: null)."""

    kvk_number: str
    name: str | None
    founded_on: date | None
    street: str | None
    postcode: str | None
    city: str | None
    municipality_code: str | None
    sbi_code: str | None
    deregistered: bool


@router.get("/kvk/{kvk_number}", response={200: KvkCompanyOut, 503: ErrorOut, **ERROR_RESPONSES})
@api_rule(LOOKERS)
def kvk_lookup(request: HttpRequest, kvk_number: str) -> object:
    """Look a KvK number up in the KvK register (cached for a day). 404: KVK does not know the number;
    422: not 8 digits; 503: KVK cannot be reached (or the lookup is not configured): type the details."""
    try:
        return services.kvk_lookup(kvk_number=kvk_number).as_dict()
    except kvk.KvkInvalidNumber as error:
        raise ValidationError({"kvk_number": [str(error.message)]}) from error
    except kvk.KvkNotFound as error:
        return Status(404, {"detail": str(error.message)})
    except kvk.KvkError as error:  # not configured, unreachable, 5xx after retries, key refused
        return Status(503, {"detail": str(error.message)})
