"""Reads of the spaces, scoped by the member: staff see the programme's, a location manager their
location's, a participant the desks and rooms (taken or free, never by whom) and their own bookings."""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.accounts.models import Membership, Role
from fabriek.participation.models import Participation
from fabriek.programmes.models import Location
from fabriek.spaces import rules
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, Room, RoomBooking

#: Who manages desks and rooms (a location manager at their own location).
MANAGERS = frozenset({Role.STAFF, Role.LOCATION_MANAGER})
#: Who books: the managers for any entitled company of their scope, a participant for its own company.
BOOKERS = frozenset({Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT})


def location_visible(*, membership: Membership) -> QuerySet[Location]:
    """The physical locations whose spaces this member sees."""
    qs = Location.objects.filter(programme=membership.programme, kind=Location.Kind.PHYSICAL)
    if membership.role == Role.LOCATION_MANAGER:
        return qs.filter(pk__in=[membership.location_id])
    if membership.role in BOOKERS:
        return qs
    return qs.none()


def location_get(*, membership: Membership, pk: int) -> Location:
    location = location_visible(membership=membership).filter(pk=pk).first()
    if location is None:
        raise Http404
    return location


def desk_list(*, membership: Membership) -> QuerySet[Desk]:
    """The desks this member may see or book; a participant sees the ones in use."""
    qs = Desk.objects.filter(location__in=location_visible(membership=membership)).select_related("location")
    if membership.role == Role.PARTICIPANT:
        qs = qs.filter(active=True)
    return qs.order_by("location__name", "label", "pk")


def desk_get(*, membership: Membership, pk: int) -> Desk:
    desk = desk_list(membership=membership).filter(pk=pk).first()
    if desk is None:
        raise Http404
    return desk


def room_list(*, membership: Membership) -> QuerySet[Room]:
    qs = Room.objects.filter(location__in=location_visible(membership=membership)).select_related("location")
    if membership.role == Role.PARTICIPANT:
        qs = qs.filter(active=True)
    return qs.order_by("location__name", "name", "pk")


def room_get(*, membership: Membership, pk: int) -> Room:
    room = room_list(membership=membership).filter(pk=pk).first()
    if room is None:
        raise Http404
    return room


def booking_visible(*, membership: Membership) -> QuerySet[DeskBooking]:
    """Bookings with their company: staff all, a location manager those at their location, a participant
    its own company's. Others' bookings reach a participant only as "taken" (`desk_day_board`)."""
    qs = DeskBooking.objects.filter(programme=membership.programme).select_related("desk__location", "company")
    if membership.role == Role.STAFF:
        return qs
    if membership.role == Role.LOCATION_MANAGER:
        return qs.filter(desk__location=membership.location_id)
    if membership.role == Role.PARTICIPANT:
        return qs.filter(company=membership.company_id)
    return qs.none()


def booking_get(*, membership: Membership, pk: int) -> DeskBooking:
    booking = booking_visible(membership=membership).filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def room_booking_visible(*, membership: Membership) -> QuerySet[RoomBooking]:
    qs = RoomBooking.objects.filter(programme=membership.programme).select_related("room__location", "company")
    if membership.role == Role.STAFF:
        return qs
    if membership.role == Role.LOCATION_MANAGER:
        return qs.filter(room__location=membership.location_id)
    if membership.role == Role.PARTICIPANT:
        return qs.filter(company=membership.company_id)
    return qs.none()


def room_booking_get(*, membership: Membership, pk: int) -> RoomBooking:
    booking = room_booking_visible(membership=membership).filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def current_stay(*, membership: Membership, today: date | None = None) -> Participation | None:
    """A participant's stay going on today (the one its bookings are made under), else None."""
    if membership.role != Role.PARTICIPANT or membership.company_id is None:
        return None
    today = today or timezone.localdate()
    return (
        Participation.objects.filter(rules.stay_covers_q(today), programme=membership.programme)
        .filter(company=membership.company_id)
        .select_related("location", "package", "company")
        .first()
    )


def desk_day_board(*, location: Location, day: date) -> QuerySet[Desk]:
    """The location's desks in use with `taken` (booked that day) as a yes/no: what a participant may know."""
    booked = DeskBooking.objects.filter(desk=OuterRef("pk"), day=day)
    return (
        Desk.objects.filter(location=location, active=True)
        .annotate(taken=Exists(booked))
        .order_by("kind", "label", "pk")
    )


def floor_list(*, location: Location, day: date) -> list[dict[str, object]]:
    """Who sits where on `day`: every desk with its current fixed holder and that day's booking (names:
    for staff and the location's manager only)."""
    desks = list(
        Desk.objects.filter(location=location)
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=DeskAssignment.objects.filter(released_on__isnull=True)
                .filter(rules.stay_covers_q(day, "participation__"))
                .select_related("participation__company"),
                to_attr="current_assignments",
            ),
            Prefetch(
                "bookings",
                queryset=DeskBooking.objects.filter(day=day).select_related("company"),
                to_attr="day_bookings",
            ),
        )
        .order_by("kind", "label", "pk")
    )
    rows: list[dict[str, object]] = []
    for desk in desks:
        assignment = desk.current_assignments[0] if desk.current_assignments else None  # type: ignore[attr-defined]
        booking = desk.day_bookings[0] if desk.day_bookings else None  # type: ignore[attr-defined]
        rows.append({"desk": desk, "assignment": assignment, "booking": booking})
    return rows


def upcoming_bookings(*, membership: Membership, today: date | None = None) -> QuerySet[DeskBooking]:
    today = today or timezone.localdate()
    return booking_visible(membership=membership).filter(day__gte=today).order_by("day", "desk__label")


def upcoming_room_bookings(*, membership: Membership, today: date | None = None) -> QuerySet[RoomBooking]:
    today = today or timezone.localdate()
    return room_booking_visible(membership=membership).filter(day__gte=today).order_by("day", "start_hour")


def room_day_hours(*, room: Room, day: date) -> list[tuple[int, bool]]:
    """(hour, taken) for each bookable hour of the room on `day`."""
    taken = set(RoomBooking.objects.filter(room=room, day=day).values_list("slots__hour", flat=True))
    return [(hour, hour in taken) for hour in range(room.opens_at_hour, room.closes_at_hour)]


def stays_needing_a_fixed_desk(*, location: Location, today: date | None = None) -> QuerySet[Participation]:
    """Current full-time stays at the location without a fixed desk (staff choose one for them)."""
    today = today or timezone.localdate()
    held = DeskAssignment.objects.filter(participation=OuterRef("pk"), released_on__isnull=True)
    return (
        Participation.objects.filter(rules.stay_covers_q(today), location=location, package__kind="fulltime")
        .filter(~Exists(held))
        .select_related("company")
        .order_by("company__name")
    )


def full_time_stays(*, location: Location, today: date | None = None) -> QuerySet[Participation]:
    today = today or timezone.localdate()
    return (
        Participation.objects.filter(rules.stay_covers_q(today), location=location, package__kind="fulltime")
        .select_related("company")
        .order_by("company__name")
    )
