"""Desks, rooms and bookings over the API (pinned: GET /desks, POST /bookings, DELETE /bookings/{id}).

A booking answers 201, 409 when the desk-day (or a room-hour) is taken, 422 when the company is not
entitled; both refusals carry a `detail` a person can act on. The same services as the pages decide.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, ErrorOut, ValidationErrorOut, api_rule, caller
from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Company
from fabriek.core.api import RecordId
from fabriek.spaces import selectors, services
from fabriek.spaces.models import Desk, DeskBooking, Room, RoomBooking

router = Router(tags=["spaces"])

BOOKING_RESPONSES = {**ERROR_RESPONSES, 409: ErrorOut, 422: ValidationErrorOut}


class DeskOut(Schema):
    id: int
    location: int
    label: str
    kind: Desk.Kind

    @staticmethod
    def resolve_location(obj: Desk) -> int:
        return obj.location_id


class BookingIn(Schema):
    desk: RecordId
    date: dt.date
    company: RecordId | None = Field(None, description="Optional for a participant (its own company).")


class BookingOut(Schema):
    id: int
    desk: int
    date: dt.date
    company: int

    @staticmethod
    def resolve_desk(obj: DeskBooking) -> int:
        return obj.desk_id

    @staticmethod
    def resolve_date(obj: DeskBooking) -> dt.date:
        return obj.day

    @staticmethod
    def resolve_company(obj: DeskBooking) -> int:
        return obj.company_id


class RoomOut(Schema):
    id: int
    location: int
    name: str
    capacity: int
    opens_at_hour: int
    closes_at_hour: int

    @staticmethod
    def resolve_location(obj: Room) -> int:
        return obj.location_id


class RoomBookingIn(Schema):
    room: RecordId
    date: dt.date
    start_hour: int = Field(..., ge=0, le=23)
    end_hour: int = Field(..., ge=1, le=24)
    company: RecordId | None = Field(None, description="Optional for a participant (its own company).")


class RoomBookingOut(Schema):
    id: int
    room: int
    date: dt.date
    start_hour: int
    end_hour: int
    company: int | None

    @staticmethod
    def resolve_room(obj: RoomBooking) -> int:
        return obj.room_id

    @staticmethod
    def resolve_date(obj: RoomBooking) -> dt.date:
        return obj.day

    @staticmethod
    def resolve_company(obj: RoomBooking) -> int | None:
        return obj.company_id


def _refused(field: str, message: str) -> Status[dict[str, object]]:
    return Status(422, {"detail": message, "errors": {field: [message]}})


def _refusal(error: services.NotEntitled) -> Status[dict[str, object]]:
    """422 with the first reason as `detail` (and per field, as the API's other 422 answers)."""
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return _refused(field, messages[0])
    return _refused("__all__", error.messages[0])


def _company(membership: Membership, company_id: int | None, *, required: bool) -> Company | None:
    """The company booked for: a participant's own (another is refused), else one of the programme's."""
    if membership.role == Role.PARTICIPANT:
        if company_id is not None and company_id != membership.company_id:
            raise PermissionDenied(_("You book for your own company only."))
        return membership.company
    if company_id is None:
        if required:
            raise services.NotEntitled({"company": [_("Say which company the booking is for.")]})
        return None
    company = Company.objects.filter(programmes=membership.programme, pk=company_id).first()
    if company is None:
        raise services.NotEntitled({"company": [_("No such company in this programme.")]})
    return company


@router.get("/desks", response={200: list[DeskOut], **ERROR_RESPONSES})
@api_rule(selectors.BOOKERS)
def desk_list(request: HttpRequest) -> object:
    """The desks you may see: the programme's (a location manager: their location's), each `fixed` or
    `flexible`. Who booked a desk is not part of it."""
    return list(selectors.desk_list(membership=caller(request)))


@router.post("/bookings", response={201: BookingOut, **BOOKING_RESPONSES})
@api_rule(selectors.BOOKERS)
def booking_create(request: HttpRequest, payload: BookingIn) -> object:
    """Book a desk for a day. 409: the desk is taken that day. 422: the company is not entitled (no current
    stay at the desk's location, the week's flexible desk-days used, a network package, a fixed desk of
    another stay) or the day lies outside the bookable window."""
    membership = caller(request)
    desk = selectors.desk_list(membership=membership).filter(pk=payload.desk).first()
    if desk is None:
        return _refused("desk", _("No such desk, or not one you may book."))
    try:
        company = _company(membership, payload.company, required=True)
        assert company is not None
        booking = services.booking_create(
            actor=request.user, programme=membership.programme, desk=desk, day=payload.date, company=company
        )
    except services.Taken as taken:
        return Status(409, {"detail": taken.message})
    except services.NotEntitled as refused:
        return _refusal(refused)
    return Status(201, booking)


@router.delete("/bookings/{id}", response={204: None, **BOOKING_RESPONSES})
@api_rule(selectors.BOOKERS)
def booking_cancel(request: HttpRequest, id: RecordId) -> object:
    """Cancel a desk booking of today or a day to come (a participant: its own company's)."""
    membership = caller(request)
    booking = selectors.booking_get(membership=membership, pk=id)
    try:
        services.booking_cancel(actor=request.user, programme=membership.programme, booking=booking)
    except services.NotEntitled as refused:
        return _refusal(refused)
    return Status(204, None)


@router.get("/rooms", response={200: list[RoomOut], **ERROR_RESPONSES})
@api_rule(selectors.BOOKERS)
def room_list(request: HttpRequest) -> object:
    """The meeting rooms you may book, with the hours they can be booked."""
    return list(selectors.room_list(membership=caller(request)))


@router.post("/room-bookings", response={201: RoomBookingOut, **BOOKING_RESPONSES})
@api_rule(selectors.BOOKERS)
def room_booking_create(request: HttpRequest, payload: RoomBookingIn) -> object:
    """Book a room from `start_hour` to `end_hour` (whole hours). 409: another booking holds one of those
    hours. 422: outside the room's hours or the bookable window, or no current stay."""
    membership = caller(request)
    room = selectors.room_list(membership=membership).filter(pk=payload.room).first()
    if room is None:
        return _refused("room", _("No such room, or not one you may book."))
    try:
        company = _company(membership, payload.company, required=False)
        booking = services.room_booking_create(
            actor=request.user,
            programme=membership.programme,
            room=room,
            day=payload.date,
            start_hour=payload.start_hour,
            end_hour=payload.end_hour,
            company=company,
        )
    except services.Taken as taken:
        return Status(409, {"detail": taken.message})
    except services.NotEntitled as refused:
        return _refusal(refused)
    return Status(201, booking)


@router.delete("/room-bookings/{id}", response={204: None, **BOOKING_RESPONSES})
@api_rule(selectors.BOOKERS)
def room_booking_cancel(request: HttpRequest, id: RecordId) -> object:
    """Cancel a room booking of today or a day to come (a participant: its own company's)."""
    membership = caller(request)
    booking = selectors.room_booking_get(membership=membership, pk=id)
    try:
        services.room_booking_cancel(actor=request.user, programme=membership.programme, booking=booking)
    except services.NotEntitled as refused:
        return _refusal(refused)
    return Status(204, None)
