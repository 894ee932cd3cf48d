"""Reads of the spaces, scoped by the member: staff see the programme's, a location manager their
location's, a participant the desks and rooms (taken or free, never by whom) and their own bookings."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.accounts.models import Membership, Role
from fabriek.participation.models import Participation
from fabriek.programmes.models import Location
from fabriek.spaces import rules
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, Room, RoomBooking, WaitlistEntry

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


#: How many days the home page offers (today and the next six).
HOME_DAYS = 7


def desk_days_for_participant(
    *, membership: Membership, today: date | None = None, days: int = HOME_DAYS
) -> list[dict[str, object]]:
    """For a participant's home: each coming day with its own booking (if any), how many desks are free at
    its location, and whether the stay may book that day. Four queries whatever the number of days."""
    today = today or timezone.localdate()
    stay = current_stay(membership=membership, today=today)
    if stay is None or stay.package.kind == "network":
        return []
    if Desk.objects.filter(assignments__participation=stay, assignments__released_on__isnull=True).exists():
        return []  # a fixed desk is theirs every day: nothing to book
    last = today + timedelta(days=days - 1)
    own = {
        booking.day: booking
        for booking in DeskBooking.objects.filter(participation=stay, day__range=(today, last)).select_related("desk")
    }
    fixed = Desk.objects.filter(assignments__participation=stay, assignments__released_on__isnull=True).first()
    flexible = list(
        Desk.objects.filter(location=stay.location_id, kind=Desk.Kind.FLEXIBLE, active=True).values_list(
            "pk", flat=True
        )
    )
    taken_per_day: dict[date, int] = {}
    for day in DeskBooking.objects.filter(desk__in=flexible, day__range=(today, last)).values_list("day", flat=True):
        taken_per_day[day] = taken_per_day.get(day, 0) + 1
    waiting = set(
        WaitlistEntry.objects.filter(participation=stay, day__range=(today, last)).values_list("day", flat=True)
    )
    allowance = stay.package.flexible_desk_days_per_week
    week_use: dict[date, int] = {}
    first_monday = rules.iso_week(today)[0]
    for day in DeskBooking.objects.filter(
        participation=stay, desk__kind=Desk.Kind.FLEXIBLE, day__range=(first_monday, rules.iso_week(last)[1])
    ).values_list("day", flat=True):
        monday = rules.iso_week(day)[0]
        week_use[monday] = week_use.get(monday, 0) + 1
    result: list[dict[str, object]] = []
    for offset in range(days):
        day = today + timedelta(days=offset)
        free = 0 if fixed else len(flexible) - taken_per_day.get(day, 0)
        used_up = fixed is None and week_use.get(rules.iso_week(day)[0], 0) >= allowance
        result.append(
            {
                "day": day,
                "booking": own.get(day),
                "fixed": fixed,
                "free": free,
                "allowance_used": used_up,
                "can_book": day not in own and (fixed is not None or (free > 0 and not used_up)),
                "full": fixed is None and day not in own and free <= 0,
                "waiting": day in waiting,
            }
        )
    return result


def fixed_desk_of(*, membership: Membership, today: date | None = None) -> Desk | None:
    """A participant's fixed desk (full-time stay), if it has one now."""
    stay = current_stay(membership=membership, today=today)
    if stay is None:
        return None
    return Desk.objects.filter(assignments__participation=stay, assignments__released_on__isnull=True).first()


def occupancy_location_get(*, membership: Membership, pk: int) -> Location:
    """A location whose occupancy (figures, no names) this member may see: staff and the funder every
    physical location, a location manager their own."""
    qs = Location.objects.filter(programme=membership.programme, kind=Location.Kind.PHYSICAL)
    if membership.role == Role.LOCATION_MANAGER:
        qs = qs.filter(pk__in=[membership.location_id])
    elif membership.role not in (Role.STAFF, Role.FUNDER):
        qs = qs.none()
    location = qs.filter(pk=pk).first()
    if location is None:
        raise Http404
    return location
