"""The private iCalendar feed of a user (their company's desk and room bookings and their programmes'
events), and the .ics a booking mail carries: both through `core.calendar`, with stable UIDs."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.models import Membership, Role
from fabriek.core.audit import log_event
from fabriek.core.calendar import CalendarEntry, calendar_bytes
from fabriek.events.models import Event
from fabriek.events.registrations import calendar_entry as event_entry
from fabriek.spaces.models import CalendarFeed, DeskBooking, RoomBooking

#: How far back and ahead the feed reaches.
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 365


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_reset(*, user: Any) -> str:
    """A new secret token for `user`'s feed (the old link stops working); returns the token, shown once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": _hash(token)})
    log_event(
        actor=user, action="spaces.calendar_feed.reset", object_type="spaces.calendarfeed", object_id=str(user.pk)
    )
    return token


def feed_user(token: str) -> Any | None:
    """The active user whose feed `token` opens, or None."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def desk_entry(booking: DeskBooking, *, cancelled: bool = False) -> CalendarEntry:
    return CalendarEntry(
        uid=f"desk-booking-{booking.pk}",
        start=booking.day,
        end=booking.day + timedelta(days=1),
        summary=_("Desk %(desk)s") % {"desk": booking.desk.label},
        location=booking.desk.location.address or booking.desk.location.name,
        cancelled=cancelled,
    )


def room_entry(booking: RoomBooking, *, cancelled: bool = False) -> CalendarEntry:
    zone = timezone.get_current_timezone()
    start = datetime.combine(booking.day, time(booking.start_hour), tzinfo=zone)
    end = datetime.combine(booking.day, time(0), tzinfo=zone) + timedelta(hours=booking.end_hour)
    return CalendarEntry(
        uid=f"room-booking-{booking.pk}",
        start=start,
        end=end,
        summary=_("Room %(room)s") % {"room": booking.room.name},
        location=booking.room.location.address or booking.room.location.name,
        cancelled=cancelled,
    )


def feed_bytes(user: Any) -> bytes:
    """The feed: for each programme the user belongs to, its events, and for a participant its company's
    desk and room bookings, from FEED_DAYS_BACK days ago to FEED_DAYS_AHEAD ahead. Four queries per
    programme at most."""
    today = timezone.localdate()
    first, last = today - timedelta(days=FEED_DAYS_BACK), today + timedelta(days=FEED_DAYS_AHEAD)
    entries: list[CalendarEntry] = []
    for membership in Membership.objects.filter(user=user).select_related("programme"):
        events = Event.objects.filter(
            programme=membership.programme, starts_at__date__gte=first, starts_at__date__lte=last
        ).select_related("location")
        entries += [event_entry(event) for event in events.order_by("starts_at", "pk")]
        if membership.role == Role.PARTICIPANT and membership.company_id:
            desks = DeskBooking.objects.filter(
                programme=membership.programme, company=membership.company_id, day__range=(first, last)
            ).select_related("desk__location")
            rooms = RoomBooking.objects.filter(
                programme=membership.programme, company=membership.company_id, day__range=(first, last)
            ).select_related("room__location")
            entries += [desk_entry(b) for b in desks.order_by("day", "pk")]
            entries += [room_entry(b) for b in rooms.order_by("day", "start_hour", "pk")]
    return calendar_bytes(entries, name=_("Fabriek: bookings and events"))
