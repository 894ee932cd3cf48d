"""Writes of the spaces: desks, rooms, fixed-desk assignments and bookings.

A booking is decided in one transaction: the entitlement is checked (with the stay's row locked on
PostgreSQL, so two bookings of one stay cannot both pass the weekly count; SQLite's IMMEDIATE transactions
serialise writers anyway), then the row is inserted and the database's unique constraint decides who gets a
desk-day or a room-hour when requests race. A lost race is `Taken` (409), a refusal by the rules is
`NotEntitled` (422).
"""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Company
from fabriek.core.audit import log_action, snapshot
from fabriek.core.calendar import ICS_CONTENT_TYPE, CalendarEntry, calendar_bytes
from fabriek.core.mailing import compose
from fabriek.participation.models import Participation
from fabriek.programmes.models import Location, Programme, ServicePackage
from fabriek.spaces import feeds, rules
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, Room, RoomBooking, RoomSlot, WaitlistEntry


def _company_accounts(company_id: int, programme: Programme) -> list[tuple[str, str]]:
    """(e-mail, language) of the company's participant accounts: who uses the desk or room."""
    members = (
        Membership.objects.filter(programme=programme, role=Role.PARTICIPANT, company=company_id, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    )
    return [(m.user.email, m.user.language or settings.LANGUAGE_CODE) for m in members]


def _mail_booking(*, programme: Programme, company_id: int | None, entry: CalendarEntry, cancelled: bool) -> None:
    """The booking (or its cancellation) by mail with an .ics, to the company's participant accounts, in
    this transaction (the outbox)."""
    if company_id is None:
        return
    for email, language in _company_accounts(company_id, programme):
        message = compose(
            template="spaces/mail/booking",
            context={
                "entry": entry,
                "timed": isinstance(entry.start, datetime),
                "cancelled": cancelled,
                "programme": programme,
            },
            to=[email],
            language=language,
            programme_slug=programme.slug,
        )
        message.attach(
            "booking.ics", calendar_bytes([entry], method="CANCEL" if cancelled else "REQUEST"), ICS_CONTENT_TYPE
        )
        message.send()


class Taken(Exception):
    """The desk-day or room-hour already belongs to another booking."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotEntitled(ValidationError):
    """The company may not have this booking (no current stay there, allowance used, ...)."""


def _day(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


# --- desks and rooms -------------------------------------------------------------------------------------

DESK_FIELDS = ("location", "label", "kind", "active")
ROOM_FIELDS = ("location", "name", "capacity", "opens_at_hour", "closes_at_hour", "active")


def _check_location(location: Location, programme: Programme) -> None:
    if location.programme_id != programme.pk:
        raise ValidationError({"location": _("Choose a location of this programme.")})
    if location.kind != Location.Kind.PHYSICAL:
        raise ValidationError({"location": _("Desks and rooms belong to a physical location.")})


@transaction.atomic
def desk_create(*, actor: Any, programme: Programme, location: Location, label: str, kind: str) -> Desk:
    _check_location(location, programme)
    desk = Desk(location=location, label=label.strip(), kind=kind)
    desk.full_clean()
    desk.save()
    log_action(
        actor=actor,
        action="spaces.desk.created",
        obj=desk,
        changes={k: [None, v] for k, v in snapshot(desk, DESK_FIELDS).items()},
        programme_slug=programme.slug,
    )
    return desk


@transaction.atomic
def desk_update(*, actor: Any, programme: Programme, desk: Desk, **fields: Any) -> Desk:
    before = snapshot(desk, DESK_FIELDS)
    for name, value in fields.items():
        setattr(desk, name, value)
    _check_location(desk.location, programme)
    if desk.kind == Desk.Kind.FLEXIBLE and desk.assignments.filter(released_on__isnull=True).exists():
        raise ValidationError({"kind": _("This desk is assigned to a stay; release it before making it flexible.")})
    desk.full_clean()
    desk.save()
    changes = {k: [before[k], v] for k, v in snapshot(desk, DESK_FIELDS).items() if before[k] != v}
    log_action(actor=actor, action="spaces.desk.updated", obj=desk, changes=changes, programme_slug=programme.slug)
    return desk


@transaction.atomic
def room_create(*, actor: Any, programme: Programme, location: Location, **fields: Any) -> Room:
    _check_location(location, programme)
    room = Room(location=location, **fields)
    room.full_clean()
    room.save()
    log_action(
        actor=actor,
        action="spaces.room.created",
        obj=room,
        changes={k: [None, v] for k, v in snapshot(room, ROOM_FIELDS).items()},
        programme_slug=programme.slug,
    )
    return room


@transaction.atomic
def room_update(*, actor: Any, programme: Programme, room: Room, **fields: Any) -> Room:
    before = snapshot(room, ROOM_FIELDS)
    for name, value in fields.items():
        setattr(room, name, value)
    _check_location(room.location, programme)
    room.full_clean()
    room.save()
    changes = {k: [before[k], v] for k, v in snapshot(room, ROOM_FIELDS).items() if before[k] != v}
    log_action(actor=actor, action="spaces.room.updated", obj=room, changes=changes, programme_slug=programme.slug)
    return room


# --- fixed desks -----------------------------------------------------------------------------------------


@transaction.atomic
def desk_assign(
    *, actor: Any, programme: Programme, desk: Desk, participation: Participation, today: date | None = None
) -> DeskAssignment:
    """Give a fixed desk to a current full-time stay at the desk's location, releasing the stay's earlier
    fixed desk. A desk held by another stay is refused; the database refuses it too (one current
    assignment per desk), so two staff members assigning the same desk at once cannot both succeed."""
    today = today or timezone.localdate()
    if desk.kind != Desk.Kind.FIXED:
        raise ValidationError(
            {"desk": _("Only a fixed desk is assigned to a stay; flexible desks are booked per day.")}
        )
    if participation.programme_id != programme.pk or participation.location_id != desk.location_id:
        raise ValidationError({"participation": _("Choose a stay at this desk's location.")})
    if participation.package.kind != ServicePackage.Kind.FULLTIME:
        raise ValidationError({"participation": _("A fixed desk comes with the full-time package only.")})
    if not Participation.objects.filter(rules.stay_covers_q(today), pk=participation.pk).exists():
        raise ValidationError({"participation": _("This stay is not current.")})
    holder = desk.assignments.filter(released_on__isnull=True).select_related("participation__company").first()
    if holder is not None and holder.participation_id != participation.pk:
        raise ValidationError(
            {
                "desk": _("This desk belongs to %(company)s; release it first.")
                % {"company": holder.participation.company}
            }
        )
    if holder is not None:
        return holder
    DeskAssignment.objects.filter(participation=participation, released_on__isnull=True).update(released_on=today)
    assignment = DeskAssignment(desk=desk, participation=participation, assigned_on=today)
    assignment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as error:
        raise ValidationError({"desk": _("Someone else assigned this desk a moment ago.")}) from error
    log_action(
        actor=actor,
        action="spaces.desk.assigned",
        obj=desk,
        changes={"participation": [None, participation.pk], "company": [None, participation.company.name]},
        programme_slug=programme.slug,
    )
    return assignment


@transaction.atomic
def desk_release(*, actor: Any, programme: Programme, desk: Desk, today: date | None = None) -> None:
    today = today or timezone.localdate()
    current = desk.assignments.filter(released_on__isnull=True).first()
    if current is None:
        return
    current.released_on = max(today, current.assigned_on)
    current.save(update_fields=["released_on"])
    log_action(
        actor=actor,
        action="spaces.desk.released",
        obj=desk,
        changes={"participation": [current.participation_id, None]},
        programme_slug=programme.slug,
    )


# --- desk bookings ---------------------------------------------------------------------------------------


def entitled_stay(*, desk: Desk, company: Company, day: date, lock: bool = False) -> Participation:
    """The company's stay that entitles it to `desk` on `day`, or NotEntitled saying why not.

    A stay at the desk's location that covers the day is needed; a network package books no desk; a fixed
    desk is for the stay it is assigned to; a flexible desk takes one of the package's flexible desk-days
    of that ISO week (`ServicePackage.flexible_desk_days_per_week`)."""
    stays = Participation.objects.filter(
        rules.stay_covers_q(day), company=company, location_id=desk.location_id
    ).select_related("package")
    if lock:
        # the weekly count below decides: lock the stay so a parallel booking of the same stay waits
        stays = stays.select_for_update(of=("self",))
    stay = stays.first()
    if stay is None:
        raise NotEntitled(
            _("%(company)s has no stay at %(location)s on %(day)s.")
            % {"company": company.name, "location": desk.location.name, "day": _day(day)}
        )
    if stay.package.kind == ServicePackage.Kind.NETWORK:
        raise NotEntitled(_("The network package includes no desk."))
    if desk.kind == Desk.Kind.FIXED:
        holder = desk.assignments.filter(released_on__isnull=True).values_list("participation_id", flat=True).first()
        if holder != stay.pk:
            raise NotEntitled(_("This fixed desk belongs to another stay; book a flexible desk."))
        return stay
    allowance = stay.package.flexible_desk_days_per_week
    if allowance == 0:
        raise NotEntitled(_("The package %(package)s includes no flexible desk-days.") % {"package": stay.package.name})
    monday, sunday = rules.iso_week(day)
    used = DeskBooking.objects.filter(
        participation=stay, desk__kind=Desk.Kind.FLEXIBLE, day__range=(monday, sunday)
    ).count()
    if used >= allowance:
        raise NotEntitled(
            _("The flexible desk-days of the week of %(monday)s are used (%(allowance)s a week).")
            % {"monday": _day(monday), "allowance": allowance}
        )
    return stay


def _check_window(day: date, today: date) -> None:
    first, last = rules.bookable_window(today)
    if day < first:
        raise NotEntitled(_("%(day)s has passed; book today or a day to come.") % {"day": _day(day)})
    if day > last:
        raise NotEntitled(_("Book at most %(days)s days ahead.") % {"days": rules.BOOKING_DAYS_AHEAD})


@transaction.atomic
def booking_create(
    *,
    actor: Any,
    programme: Programme,
    desk: Desk,
    day: date,
    company: Company,
    today: date | None = None,
    notify: bool = True,
) -> DeskBooking:
    """Book `desk` on `day` for `company` and mail it with an .ics (`notify`). `today` is the day the booking
    is made (the demo writes history, without mail)."""
    _check_window(day, today or timezone.localdate())
    if desk.location.programme_id != programme.pk or not desk.active:
        raise NotEntitled(_("This desk is not in use."))
    stay = entitled_stay(desk=desk, company=company, day=day, lock=True)
    booking = DeskBooking(programme=programme, desk=desk, day=day, company=company, participation=stay, booked_by=actor)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if DeskBooking.objects.filter(participation=stay, day=day).exists():
            raise NotEntitled(
                _("%(company)s has a desk on %(day)s already.") % {"company": company.name, "day": _day(day)}
            ) from error
        raise Taken(_("Desk %(desk)s is taken on %(day)s.") % {"desk": desk.label, "day": _day(day)}) from error
    log_action(
        actor=actor,
        action="spaces.booking.created",
        obj=booking,
        changes={"desk": [None, desk.label], "day": [None, day.isoformat()], "company": [None, company.name]},
        programme_slug=programme.slug,
    )
    if notify:
        _mail_booking(programme=programme, company_id=company.pk, entry=feeds.desk_entry(booking), cancelled=False)
    return booking


@transaction.atomic
def booking_cancel(*, actor: Any, programme: Programme, booking: DeskBooking, today: date | None = None) -> None:
    """Cancel a booking of today or a day to come (a past day is history: the occupancy counts it)."""
    if booking.day < (today or timezone.localdate()):
        raise NotEntitled(_("A booking of a day that has passed cannot be cancelled."))
    log_action(
        actor=actor,
        action="spaces.booking.cancelled",
        obj=booking,
        changes={"desk": [booking.desk.label, None], "day": [booking.day.isoformat(), None]},
        programme_slug=programme.slug,
    )
    entry = feeds.desk_entry(booking, cancelled=True)
    company_id = booking.company_id
    desk, day = booking.desk, booking.day
    booking.delete()
    _mail_booking(programme=programme, company_id=company_id, entry=entry, cancelled=True)
    if desk.kind == Desk.Kind.FLEXIBLE:
        waitlist_offer_next(programme=programme, location=desk.location, day=day)


@transaction.atomic
def booking_check_in(*, actor: Any, programme: Programme, booking: DeskBooking) -> DeskBooking:
    """Mark a booked desk-day as used (at the desk, or by the location manager)."""
    if booking.checked_in_at is None:
        booking.checked_in_at = timezone.now()
        booking.save(update_fields=["checked_in_at"])
        log_action(actor=actor, action="spaces.booking.checked_in", obj=booking, programme_slug=programme.slug)
    return booking


# --- room bookings ---------------------------------------------------------------------------------------


@transaction.atomic
def room_booking_create(
    *,
    actor: Any,
    programme: Programme,
    room: Room,
    day: date,
    start_hour: int,
    end_hour: int,
    company: Company | None,
    today: date | None = None,
    notify: bool = True,
) -> RoomBooking:
    """Book `room` on `day` from `start_hour` to `end_hour`, for a company with a current stay in the
    programme (or for the programme itself: `company` None, staff and location managers)."""
    _check_window(day, today or timezone.localdate())
    if room.location.programme_id != programme.pk or not room.active:
        raise NotEntitled(_("This room is not in use."))
    if not (room.opens_at_hour <= start_hour < end_hour <= room.closes_at_hour):
        raise NotEntitled(
            _("The room can be booked between %(opens)s:00 and %(closes)s:00, for at least an hour.")
            % {"opens": room.opens_at_hour, "closes": room.closes_at_hour}
        )
    if (
        company is not None
        and not Participation.objects.filter(rules.stay_covers_q(day), company=company, programme=programme).exists()
    ):
        raise NotEntitled(
            _("%(company)s has no current stay on %(day)s.") % {"company": company.name, "day": _day(day)}
        )
    booking = RoomBooking(
        programme=programme,
        room=room,
        day=day,
        start_hour=start_hour,
        end_hour=end_hour,
        company=company,
        booked_by=actor,
    )
    try:
        with transaction.atomic():
            booking.save()
            # hours in ascending order, so two overlapping bookings lock their shared hours in the same order
            RoomSlot.objects.bulk_create(
                RoomSlot(booking=booking, room=room, day=day, hour=hour) for hour in range(start_hour, end_hour)
            )
    except IntegrityError as error:
        raise Taken(
            _("%(room)s is taken on %(day)s at some of these hours.") % {"room": room.name, "day": _day(day)}
        ) from error
    log_action(
        actor=actor,
        action="spaces.room_booking.created",
        obj=booking,
        changes={"room": [None, room.name], "day": [None, day.isoformat()], "hours": [None, [start_hour, end_hour]]},
        programme_slug=programme.slug,
    )
    if notify:
        _mail_booking(
            programme=programme, company_id=booking.company_id, entry=feeds.room_entry(booking), cancelled=False
        )
    return booking


@transaction.atomic
def room_booking_cancel(*, actor: Any, programme: Programme, booking: RoomBooking, today: date | None = None) -> None:
    if booking.day < (today or timezone.localdate()):
        raise NotEntitled(_("A booking of a day that has passed cannot be cancelled."))
    log_action(
        actor=actor,
        action="spaces.room_booking.cancelled",
        obj=booking,
        changes={"room": [booking.room.name, None], "day": [booking.day.isoformat(), None]},
        programme_slug=programme.slug,
    )
    entry = feeds.room_entry(booking, cancelled=True)
    company_id = booking.company_id
    booking.delete()
    _mail_booking(programme=programme, company_id=company_id, entry=entry, cancelled=True)


def booking_create_any(
    *, actor: Any, programme: Programme, company: Company, day: date, today: date | None = None
) -> DeskBooking:
    """Book a desk for `company` on `day` without choosing one (the home page's one tap): the stay's own
    fixed desk if it has one, else the first free flexible desk at its location. A desk taken in the
    meantime is skipped; `Taken` only when none is left."""
    stay = (
        Participation.objects.filter(rules.stay_covers_q(day), company=company, programme=programme)
        .select_related("location")
        .first()
    )
    if stay is None:
        raise NotEntitled(
            _("%(company)s has no current stay on %(day)s.") % {"company": company.name, "day": _day(day)}
        )
    fixed = Desk.objects.filter(assignments__participation=stay, assignments__released_on__isnull=True).first()
    if fixed is not None:
        return booking_create(actor=actor, programme=programme, desk=fixed, day=day, company=company, today=today)
    free = (
        Desk.objects.filter(location=stay.location_id, kind=Desk.Kind.FLEXIBLE, active=True)
        .exclude(bookings__day=day)
        .order_by("label", "pk")
    )
    for desk in free:
        try:
            return booking_create(actor=actor, programme=programme, desk=desk, day=day, company=company, today=today)
        except Taken:
            continue
    raise Taken(
        _("No flexible desk is free at %(location)s on %(day)s.") % {"location": stay.location.name, "day": _day(day)}
    )


# --- waiting list ----------------------------------------------------------------------------------------


@transaction.atomic
def waitlist_join(
    *, actor: Any, programme: Programme, company: Company, day: date, today: date | None = None
) -> WaitlistEntry:
    """Put the company's stay on the waiting list of a full day at its location (only when no flexible desk
    is free, and only if it could book that day: the same entitlement as a booking)."""
    _check_window(day, today or timezone.localdate())
    stay = (
        Participation.objects.filter(rules.stay_covers_q(day), company=company, programme=programme)
        .select_related("location")
        .first()
    )
    if stay is None:
        raise NotEntitled(
            _("%(company)s has no current stay on %(day)s.") % {"company": company.name, "day": _day(day)}
        )
    flexible = Desk.objects.filter(location=stay.location_id, kind=Desk.Kind.FLEXIBLE, active=True)
    free = flexible.exclude(bookings__day=day).first()
    if free is not None:
        raise NotEntitled(_("A flexible desk is still free on %(day)s: book it.") % {"day": _day(day)})
    if flexible.exists():
        entitled_stay(desk=flexible.first(), company=company, day=day)  # type: ignore[arg-type]
    entry, _created = WaitlistEntry.objects.get_or_create(
        participation=stay, day=day, defaults={"programme": programme, "location": stay.location}
    )
    log_action(actor=actor, action="spaces.waitlist.joined", obj=entry, programme_slug=programme.slug)
    return entry


def waitlist_offer_next(*, programme: Programme, location: Location, day: date) -> WaitlistEntry | None:
    """A flexible desk became free on `day`: offer it by mail to the first in line not offered one yet."""
    entry = (
        WaitlistEntry.objects.filter(location=location, day=day, offered_at__isnull=True)
        .select_related("participation__company")
        .order_by("created_at", "pk")
        .first()
    )
    if entry is None:
        return None
    entry.offered_at = timezone.now()
    entry.save(update_fields=["offered_at"])
    for email, language in _company_accounts(entry.participation.company_id, programme):
        compose(
            template="spaces/mail/waitlist_offer",
            context={"day": day, "location": location, "programme": programme},
            to=[email],
            language=language,
            programme_slug=programme.slug,
        ).send()
    log_action(actor=None, action="spaces.waitlist.offered", obj=entry, programme_slug=programme.slug)
    return entry
