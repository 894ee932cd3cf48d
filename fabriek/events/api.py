"""Events and their attendance over the API: the same selectors, services and roles as the pages.

Every member of the programme reads its events and their numbers (registered, checked in); who attends
(names, e-mail addresses) is personal data, for staff and location managers only: for the other roles
`attendees` is null.
"""

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.access import ALL_ROLES
from fabriek.accounts.api_auth import (
    ERROR_RESPONSES,
    WRITE_ERROR_RESPONSES,
    ErrorOut,
    ValidationErrorOut,
    api_public,
    api_rule,
    caller,
)
from fabriek.accounts.models import Membership, Role
from fabriek.core import bounds
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.events import selectors, services, signup
from fabriek.events.models import Attendance, Event
from fabriek.partners.selectors import partner_choices
from fabriek.programmes.selectors import location_choices

router = Router(tags=["events"])

READERS = ALL_ROLES
EDITORS = [Role.STAFF, Role.LOCATION_MANAGER]


class LocationRef(Schema):
    id: int
    name: str


class PartnerRef(Schema):
    id: int
    name: str


class AttendeeOut(Schema):
    id: int
    name: str
    email: str
    checked_in: bool

    @staticmethod
    def resolve_name(obj: Attendance) -> str:
        return obj.person.name

    @staticmethod
    def resolve_email(obj: Attendance) -> str:
        return obj.person.email


class EventOut(Schema):
    id: int
    title: str
    kind: Event.Kind
    starts_at: datetime
    ends_at: datetime
    location: LocationRef | None
    public: bool = Field(description="The event has a public page where anyone can register without an account.")
    capacity: int | None = Field(description="Seats; null for no limit.")
    registered: int = Field(description="People registered (confirmed).")
    waiting: int = Field(0, description="People on the waiting list.")
    checked_in: int = Field(description="People who came (checked in).")


class EventDetailOut(EventOut):
    partners: list[PartnerRef] = Field(description="Co-organising partners.")
    attendees: list[AttendeeOut] | None = Field(
        description="Who registered, by name; null for roles that do not see personal data."
    )


Seats = Annotated[int, Field(ge=bounds.EVENT_SEATS.minimum, le=bounds.EVENT_SEATS.maximum)]


class EventIn(Schema):
    title: str
    kind: Event.Kind
    starts_at: datetime = Field(description="With its time zone, e.g. 2017-03-01T16:00:00+01:00.")
    ends_at: datetime
    location_id: int | None = None
    partner_ids: list[int] = Field([], description="Co-organising partners of this programme.")
    public: bool = Field(False, description="Give the event a public page where anyone can register.")
    capacity: Seats | None = Field(None, description="Seats; null for no limit (then nobody waits).")


class EventPatchIn(Schema):
    """Only the fields sent change; `partner_ids` replaces the co-organising partners."""

    title: str | None = None
    kind: Event.Kind | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location_id: int | None = None
    partner_ids: list[int] | None = None
    public: bool | None = None
    capacity: Seats | None = Field(
        None, description="Seats; null for no limit. Not below the seats taken; more seats move the waiting list up."
    )


class AttendanceIn(Schema):
    name: str
    email: str = Field(
        "",
        description="A person already known to this programme by this e-mail address is reused as is; "
        "anyone else is recorded as a new person.",
    )


class AttendancePatchIn(Schema):
    checked_in: bool


def _service_fields(membership: Membership, data: dict[str, Any]) -> dict[str, Any]:
    """Turn location_id and partner_ids into the programme's records; ids outside it are field errors."""
    errors: dict[str, list[str]] = {}
    if "location_id" in data:
        location_id = data.pop("location_id")
        data["location"] = None
        if location_id is not None:
            data["location"] = location_choices(programme=membership.programme).filter(pk=location_id).first()
            if data["location"] is None:
                errors["location"] = [_("Choose one of this programme's locations.")]
            else:
                try:
                    selectors.check_event_location(membership, data["location"])
                except ValidationError as error:
                    errors.update(error.message_dict)
    if "partner_ids" in data:
        wanted = set(data.pop("partner_ids") or ())
        data["partners"] = list(partner_choices(programme=membership.programme).filter(pk__in=wanted))
        if len(data["partners"]) != len(wanted):
            errors["partners"] = [_("Choose this programme's partners only.")]
    if errors:
        raise ValidationError(errors)
    return data


def _detail(membership: Membership, event: Event) -> dict[str, Any]:
    sees_attendees = membership.role in selectors.ATTENDEE_READERS and selectors.may_change_event(membership, event)
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "location": event.location,
        "public": event.public,
        "capacity": event.capacity,
        "registered": event.registered,  # type: ignore[attr-defined]
        "waiting": event.waiting,  # type: ignore[attr-defined]
        "checked_in": event.checked_in,  # type: ignore[attr-defined]
        "partners": list(event.partners.all()),
        "attendees": list(selectors.attendance_list(membership=membership, event=event)) if sees_attendees else None,
    }


@router.get("/events", response={200: list[EventOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def event_list(
    request: HttpRequest,
    search: str = "",
    kind: str = "",
    location: RecordId | None = None,
    starts_from: date | None = None,
    starts_until: date | None = None,
) -> object:
    """Events, newest first, with their numbers; `starts_from` / `starts_until` are whole days in Amsterdam
    time."""
    return selectors.event_list(
        programme=caller(request).programme,
        search=search,
        kind=kind,
        location_id=location,
        starts_from=starts_from,
        starts_until=starts_until,
    )


@router.post("/events", response={201: EventDetailOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def event_create(request: HttpRequest, payload: EventIn) -> Status[dict[str, Any]]:
    """Plan an event, optionally at one of the programme's locations and with co-organising partners."""
    membership = caller(request)
    event = services.event_create(
        actor=request.user, programme=membership.programme, **_service_fields(membership, payload.dict())
    )
    return Status(201, _detail(membership, selectors.event_get(programme=membership.programme, pk=event.pk)))


@router.get("/events/{id}", response={200: EventDetailOut, **ERROR_RESPONSES})
@api_rule(READERS)
def event_detail(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    """An event with its numbers and partners; the attendees only for staff and location managers."""
    membership = caller(request)
    return _detail(membership, selectors.event_get(programme=membership.programme, pk=id))


@router.patch("/events/{id}", response={200: EventDetailOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def event_update(request: HttpRequest, id: RecordId, payload: EventPatchIn) -> dict[str, Any]:
    """Change an event; only the fields sent change."""
    membership = caller(request)
    event = selectors.event_get_for_change(membership=membership, pk=id)
    services.event_update(
        actor=request.user,
        programme=membership.programme,
        event=event,
        **_service_fields(membership, payload.dict(exclude_unset=True)),
    )
    return _detail(membership, selectors.event_get(programme=membership.programme, pk=id))


@router.post("/events/{event}/attendances", response={201: AttendeeOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def attendance_create(request: HttpRequest, event: RecordId, payload: AttendanceIn) -> Status[Attendance]:
    """Register someone for an event (not yet checked in)."""
    membership = caller(request)
    event_obj = selectors.event_get_for_change(membership=membership, pk=event)
    attendance = services.attendance_add(
        actor=request.user, programme=membership.programme, event=event_obj, **payload.dict()
    )
    return Status(201, selectors.attendance_get(membership=membership, event=event_obj, pk=attendance.pk))


@router.patch("/events/{event}/attendances/{id}", response={200: AttendeeOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def attendance_update(
    request: HttpRequest,
    event: RecordId,
    id: RecordId,
    payload: AttendancePatchIn,
) -> Attendance:
    """Check an attendee in (`checked_in: true`) or undo it; sending the value it has changes nothing."""
    membership = caller(request)
    event_obj = selectors.event_get_for_change(membership=membership, pk=event)
    attendance = selectors.attendance_get(membership=membership, event=event_obj, pk=id)
    return services.attendance_check_in(
        actor=request.user, programme=membership.programme, attendance=attendance, checked_in=payload.checked_in
    )


class RegistrationIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254, description="The confirmation mail is sent here.")


class RegistrationOut(Schema):
    id: int
    status: str = Field(description="`confirmed` (a seat) or `waiting` (on the waiting list).")


@router.post(
    "/events/{event}/registrations",
    response={201: RegistrationOut, 400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
    auth=None,
)
@api_public
def registration_create(
    request: HttpRequest,
    event: RecordId,
    payload: RegistrationIn,
    programme: str = Path(..., description="The programme's slug, e.g. ofd."),
) -> Any:
    """Register for a public event, without logging in: 201 with the registration's status, `confirmed`
    (a seat; the confirmation mail with the .ics goes out) or `waiting` (the event is full). An address that
    is registered already gets its registration back. 404 for an event that is not public; 429 after too
    many registrations from one client address in an hour."""
    event_obj = signup.public_event_get(programme_slug=programme, pk=event)
    if signup.rate_limited(request, event_obj.programme):
        return Status(
            429, {"detail": _("Many registrations came from your address in the last hour. Try again later.")}
        )
    result = signup.register(request, event=event_obj, name=payload.name, email=payload.email)
    return Status(201, {"id": result.attendance.pk, "status": result.attendance.status})
