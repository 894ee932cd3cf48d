"""Mentors and mentoring sessions over the API: the same selectors, services and roles as the pages.

A mentor is a person, so the funder does not read them; a mentor member reads only their own record
(found by e-mail, see `selectors.mentor_visible`). Sessions: staff read and log all of the programme's, a
mentor only those of their own matches (another match is a 404), a participant reads their company's.
"""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.core import bounds
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.mentoring import selectors, services
from fabriek.mentoring.expertise import Expertise
from fabriek.mentoring.models import Mentor, MentoringSession

router = Router(tags=["mentors"])

READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.MENTOR]
EDITORS = [Role.STAFF]


class MentorOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    expertise: list[Expertise] = Field(description="Codes of the shared expertise vocabulary.")
    expertise_note: str
    capacity: int = Field(description="How many companies the mentor coaches at once.")
    availability: str
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
    expertise: list[str] = Field(
        [], description="Codes of the expertise vocabulary (a label in Dutch or English is read too)."
    )
    expertise_note: str = Field("", max_length=500)
    capacity: int = Field(2, ge=bounds.MENTEES_AT_ONCE.minimum, le=bounds.MENTEES_AT_ONCE.maximum)
    availability: str = Field("", max_length=200)
    active_until: date | None = None


class MentorPatchIn(Schema):
    """Only the fields sent change."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    # Left out: unchanged; null is refused (422), send [] to clear.
    expertise: list[str] = Field(None)  # type: ignore[arg-type]
    expertise_note: str | None = Field(None, max_length=500)
    capacity: int | None = Field(None, ge=bounds.MENTEES_AT_ONCE.minimum, le=bounds.MENTEES_AT_ONCE.maximum)
    availability: str | None = Field(None, max_length=200)
    active_from: date | None = None
    active_until: date | None = None


@router.get("/mentors", response={200: list[MentorOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def mentor_list(request: HttpRequest, search: str = "", active_on: date | None = None, expertise: str = "") -> object:
    """The mentors you may see, by name; `expertise` keeps those with that expertise (code or label)."""
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


SESSION_READERS = [Role.STAFF, Role.MENTOR, Role.PARTICIPANT]
SESSION_WRITERS = [Role.STAFF, Role.MENTOR]


class MentoringSessionOut(Schema):
    id: int
    match: int
    mentor: int
    mentor_name: str
    company: int
    company_name: str
    held_on: date
    minutes: int
    topics: str
    follow_up: str
    follow_up_done_on: date | None

    @staticmethod
    def resolve_match(obj: MentoringSession) -> int:
        return obj.match_id

    @staticmethod
    def resolve_mentor(obj: MentoringSession) -> int:
        return obj.match.mentor_id

    @staticmethod
    def resolve_mentor_name(obj: MentoringSession) -> str:
        return obj.match.mentor.person.name

    @staticmethod
    def resolve_company(obj: MentoringSession) -> int:
        return obj.match.company_id

    @staticmethod
    def resolve_company_name(obj: MentoringSession) -> str:
        return obj.match.company.name


class MentoringSessionIn(Schema):
    match: RecordId = Field(description="The mentorship (mentor and company) the session belongs to.")
    held_on: date = Field(description="The day of the session: from 1990 up to today.")
    minutes: int = Field(ge=bounds.SESSION_MINUTES.minimum, le=bounds.SESSION_MINUTES.maximum)
    topics: str = Field(min_length=1, max_length=2000)
    follow_up: str = Field("", max_length=2000, description="What was agreed to do next; empty when nothing.")


@router.get("/mentor-sessions", response={200: list[MentoringSessionOut], **ERROR_RESPONSES}, tags=["mentoring"])
@paginate(PageNumberPagination, page_size=25)
@api_rule(SESSION_READERS)
def mentoring_session_list(
    request: HttpRequest, match: RecordId | None = None, held_from: date | None = None, held_to: date | None = None
) -> object:
    """The sessions you may see, newest first: staff all of the programme's, a mentor those of their own
    matches, a participant those of their company."""
    return selectors.session_list(
        membership=caller(request), user=request.user, match=match, held_from=held_from, held_to=held_to
    )


@router.post("/mentor-sessions", response={201: MentoringSessionOut, **WRITE_ERROR_RESPONSES}, tags=["mentoring"])
@api_rule(SESSION_WRITERS)
def mentoring_session_create(request: HttpRequest, payload: MentoringSessionIn) -> Status[MentoringSession]:
    """Log a session of an accepted match. A mentor logs only for their own matches (another is a 404)."""
    membership = caller(request)
    match = selectors.match_for_logging(membership=membership, user=request.user, pk=payload.match)
    session = services.mentoring_session_create(
        actor=request.user,
        programme=membership.programme,
        match=match,
        **payload.dict(exclude={"match"}),
    )
    return Status(201, session)
