"""Mentors over the API: the same selectors, services and roles as the pages.

A mentor is a person, so the funder does not read them; a mentor member reads only their own record
(found by e-mail, see `selectors.mentor_visible`).
"""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.mentoring import selectors, services
from fabriek.mentoring.models import Mentor

router = Router(tags=["mentors"])

READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.MENTOR]
EDITORS = [Role.STAFF]


class MentorOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    expertise: list[str]
    active_from: date
    active_until: date | None

    @staticmethod
    def resolve_name(obj: Mentor) -> str:
        return obj.person.name

    @staticmethod
    def resolve_email(obj: Mentor) -> str:
        return obj.person.email

    @staticmethod
    def resolve_phone(obj: Mentor) -> str:
        return obj.person.phone


class MentorIn(Schema):
    name: str
    active_from: date
    email: str = ""
    phone: str = ""
    expertise: list[str] = []
    active_until: date | None = None


class MentorPatchIn(Schema):
    """Only the fields sent change."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    # Left out: unchanged; null is refused (422), send [] to clear.
    expertise: list[str] = Field(None)  # type: ignore[arg-type]
    active_from: date | None = None
    active_until: date | None = None


@router.get("/mentors", response={200: list[MentorOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def mentor_list(request: HttpRequest, search: str = "", active_on: date | None = None, expertise: str = "") -> object:
    """The mentors you may see, by name; `expertise` keeps those with that tag (ignoring case)."""
    return selectors.mentor_list(
        membership=caller(request), user=request.user, search=search, active_on=active_on, expertise=expertise
    )


@router.post("/mentors", response={201: MentorOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def mentor_create(request: HttpRequest, payload: MentorIn) -> Status[Mentor]:
    """Link a new mentor to the programme. The e-mail is how a mentor who logs in finds their own record."""
    membership = caller(request)
    mentor = services.mentor_create(actor=request.user, programme=membership.programme, **payload.dict())
    return Status(201, mentor)


@router.get("/mentors/{id}", response={200: MentorOut, **ERROR_RESPONSES})
@api_rule(READERS)
def mentor_detail(request: HttpRequest, id: RecordId) -> Mentor:
    return selectors.mentor_get(membership=caller(request), user=request.user, pk=id)


@router.patch("/mentors/{id}", response={200: MentorOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def mentor_update(request: HttpRequest, id: RecordId, payload: MentorPatchIn) -> Mentor:
    """Change a mentor; only the fields sent change."""
    membership = caller(request)
    mentor = selectors.mentor_get(membership=membership, user=request.user, pk=id)
    return services.mentor_update(
        actor=request.user, programme=membership.programme, mentor=mentor, **payload.dict(exclude_unset=True)
    )
