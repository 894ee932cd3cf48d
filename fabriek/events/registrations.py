"""Registrations for events: sign-up (public or by staff), the waiting list, cancellation, check-in by the
QR code of the confirmation mail, and the reminder the day before.

Capacity never overbooks, also under parallel sign-ups: a confirmed registration of an event with a capacity
holds a seat number 1..capacity and the database refuses two registrations on one seat
(`attendance_unique_seat`). `_take_seat` tries the free seats in order, each in a savepoint; a seat another
sign-up took meanwhile is refused by the database and the next is tried; none left means the waiting list.
A cancellation frees its seat and gives it to the first in line in the same transaction.

Links in the mails carry random tokens; only their SHA-256 is stored (as for invitations).
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fabriek.accounts.models import hash_token
from fabriek.companies.models import Person
from fabriek.core.audit import log_action
from fabriek.core.calendar import ICS_CONTENT_TYPE, CalendarEntry, calendar_bytes
from fabriek.core.mailing import compose
from fabriek.core.validation import full_clean_per_field, save_per_field
from fabriek.events import selectors
from fabriek.events.models import Attendance, Event
from fabriek.programmes.figures import figures_changed
from fabriek.programmes.models import Programme

Status = Attendance.Status
ACTIVE = (Status.CONFIRMED, Status.WAITING)


@dataclass(frozen=True)
class RegistrationResult:
    attendance: Attendance
    #: False when the person was registered already (nothing changed, no mail sent)
    created: bool


# --- links ------------------------------------------------------------------------------------------------


def cancel_link(programme: Programme, raw_token: str) -> str:
    path = reverse("events:registration-cancel", kwargs={"programme": programme.slug, "token": raw_token})
    return f"{settings.SITE_URL}{path}"


def check_in_link(programme: Programme, raw_code: str) -> str:
    return (
        f"{settings.SITE_URL}{reverse('events:check-in-code', kwargs={'programme': programme.slug, 'code': raw_code})}"
    )


def public_link(event: Event) -> str:
    path = reverse("events:event-detail", kwargs={"programme": event.programme.slug, "pk": event.pk})
    return f"{settings.SITE_URL}{path}"


def _new_links(attendance: Attendance) -> tuple[str, str]:
    """Fresh cancel token and check-in code for the registration (stored hashed); returns the raw ones."""
    cancel, code = secrets.token_urlsafe(24), secrets.token_urlsafe(9)
    attendance.cancel_token_hash, attendance.check_in_code_hash = hash_token(cancel), hash_token(code)
    return cancel, code


def registration_for_cancel_token(*, programme: Programme, raw_token: str) -> Attendance | None:
    if not raw_token or len(raw_token) > 100:
        return None
    return (
        Attendance.objects.select_related("event", "person")
        .filter(event__programme=programme, cancel_token_hash=hash_token(raw_token))
        .first()
    )


def registration_for_check_in_code(*, programme: Programme, raw_code: str) -> Attendance | None:
    if not raw_code or len(raw_code) > 100:
        return None
    return (
        Attendance.objects.select_related("event", "event__location", "person")
        .filter(event__programme=programme, check_in_code_hash=hash_token(raw_code))
        .first()
    )


# --- seats ------------------------------------------------------------------------------------------------


def _take_seat(attendance: Attendance) -> bool:
    """Confirm the (saved) registration on a free seat of its event; False when every seat is taken. An event
    without a capacity confirms without a seat."""
    event = attendance.event
    if event.capacity is None:
        Attendance.objects.filter(pk=attendance.pk).update(status=Status.CONFIRMED, seat=None)
        attendance.status, attendance.seat = Status.CONFIRMED, None
        return True
    taken = set(Attendance.objects.filter(event=event, seat__isnull=False).values_list("seat", flat=True))
    for seat in range(1, event.capacity + 1):
        if seat in taken:
            continue
        try:
            with transaction.atomic():  # a savepoint: a seat taken meanwhile is refused by the database
                Attendance.objects.filter(pk=attendance.pk).update(status=Status.CONFIRMED, seat=seat)
        except IntegrityError:
            continue
        attendance.status, attendance.seat = Status.CONFIRMED, seat
        return True
    return False


def _promote_waiting(*, actor: Any, event: Event) -> list[Attendance]:
    """Give free seats to the waiting list, first come first served, and mail each one moved up."""
    moved: list[Attendance] = []
    waiting = Attendance.objects.filter(event=event, status=Status.WAITING).select_related("person", "event")
    for attendance in waiting.order_by("registered_at", "pk"):
        attendance.event = event
        if not _take_seat(attendance):
            break
        moved.append(attendance)
        cancel, code = _new_links(attendance)
        attendance.save(update_fields=["cancel_token_hash", "check_in_code_hash"])
        log_action(
            actor=actor,
            action="events.registration.moved_up",
            obj=attendance,
            changes={"status": [Status.WAITING, Status.CONFIRMED]},
            programme_slug=event.programme.slug,
        )
        _send(attendance, "moved_up", cancel=cancel, code=code)
    return moved


def seats_left(event: Event) -> int | None:
    """Free seats of the event (None: no limit)."""
    if event.capacity is None:
        return None
    taken = Attendance.objects.filter(event=event, seat__isnull=False).count()
    return max(event.capacity - taken, 0)


# --- mails ------------------------------------------------------------------------------------------------


def calendar_entry(event: Event, *, cancelled: bool = False) -> CalendarEntry:
    place = event.location.name if event.location_id else ""  # type: ignore[union-attr]
    return CalendarEntry(
        uid=f"event-{event.pk}",
        start=event.starts_at,
        end=event.ends_at,
        summary=event.title,
        location=place,
        url=public_link(event) if event.public else "",
        cancelled=cancelled,
    )


def qr_png(link: str) -> bytes:
    """The QR code of a check-in link, as PNG (segno: no network, no JavaScript)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _send(attendance: Attendance, kind: str, *, cancel: str = "", code: str = "") -> None:
    """Mail the registrant (in the outbox, in this transaction): confirmed / waiting / moved_up / reminder /
    cancelled. A confirmation carries the event as .ics and the check-in QR code."""
    person = attendance.person
    if not person.email:
        return
    event = attendance.event
    programme = event.programme
    context = {
        "attendance": attendance,
        "event": event,
        "name": person.name,
        "programme": programme,
        "cancel_link": cancel_link(programme, cancel) if cancel else "",
        "check_in_link": check_in_link(programme, code) if code else "",
        "public_link": public_link(event) if event.public else "",
    }
    message = compose(
        template=f"events/mail/{kind}",
        context=context,
        to=[person.email],
        language=attendance.language or settings.LANGUAGE_CODE,
        programme_slug=programme.slug,
    )
    if kind in ("confirmed", "moved_up", "reminder"):
        message.attach("event.ics", calendar_bytes([calendar_entry(event)], method="REQUEST"), ICS_CONTENT_TYPE)
    if code:
        message.attach("check-in.png", qr_png(check_in_link(programme, code)), "image/png")
    message.send()


# --- writes -----------------------------------------------------------------------------------------------


@transaction.atomic
def registration_create(
    *,
    actor: Any,
    programme: Programme,
    event: Event,
    name: str,
    email: str,
    company_name: str = "",
    photo_consent: bool = False,
    mail_consent: bool = False,
    language: str = "",
    client_hash: str = "",
) -> RegistrationResult:
    """Register someone for an event: confirmed on a free seat, else on the waiting list; a mail says which
    (a confirmation carries the .ics and the check-in QR code, and the link to cancel).

    A person this programme knows by the e-mail address is reused (one person in "people reached"); an
    active registration of theirs for this event is returned as it is (nothing changes, no second mail); a
    cancelled one is opened again, at the back of the line.
    """
    if event.programme_id != programme.pk:
        raise ValueError("the event belongs to another programme")
    if event.ends_at < timezone.now():
        raise ValidationError(_("This event has taken place; registration is closed."))
    email = email.strip()
    if not email:
        raise ValidationError({"email": _("Give your e-mail address: the confirmation is sent there.")})
    person = selectors.person_known_to_programme(programme=programme, email=email)
    attendance = None
    if person is not None:
        attendance = Attendance.objects.filter(event=event, person=person).first()
        if attendance is not None and attendance.status in ACTIVE:
            return RegistrationResult(attendance, created=False)
    else:
        person = Person(name=name.strip(), email=email)
        full_clean_per_field(person, {})
        save_per_field(person, {})
    if attendance is None:
        attendance = Attendance(event=event, person=person)
    attendance.status, attendance.seat, attendance.checked_in = Status.WAITING, None, False
    attendance.registered_at = timezone.now()
    attendance.company_name = company_name.strip()
    attendance.photo_consent, attendance.mail_consent = photo_consent, mail_consent
    attendance.language = language or settings.LANGUAGE_CODE
    attendance.client_hash = client_hash
    attendance.reminded_at = None
    cancel, code = _new_links(attendance)
    full_clean_per_field(attendance, {}, exclude=("person", "event"))
    attendance.save()
    attendance.event = event
    confirmed = _take_seat(attendance)
    log_action(
        actor=actor,
        action="events.registration.created",
        obj=attendance,
        changes={"person": [None, person.name], "status": [None, attendance.status]},
        programme_slug=programme.slug,
    )
    _send(attendance, "confirmed" if confirmed else "waiting", cancel=cancel, code=code if confirmed else "")
    return RegistrationResult(attendance, created=True)


@transaction.atomic
def registration_cancel(*, actor: Any, attendance: Attendance) -> list[Attendance]:
    """Cancel a registration (the link in the mail, or staff): its seat goes to the first in line, who is
    mailed. Cancelling a cancelled registration changes nothing. Returns who moved up."""
    # The conditional update makes a double click (or two phones) cancel once.
    cancelled = Attendance.objects.filter(pk=attendance.pk, status__in=ACTIVE).update(
        status=Status.CANCELLED, seat=None, checked_in=False
    )
    if not cancelled:
        return []
    # an update sends no signal, and a cancelled registration no longer counts as reached (clause 9)
    figures_changed(programme_ids=Event.objects.filter(pk=attendance.event_id).values_list("programme_id", flat=True))
    old_status = attendance.status
    attendance.status, attendance.seat, attendance.checked_in = Status.CANCELLED, None, False
    event = Event.objects.select_related("programme", "location").get(pk=attendance.event_id)
    log_action(
        actor=actor,
        action="events.registration.cancelled",
        obj=attendance,
        changes={"status": [old_status, Status.CANCELLED]},
        programme_slug=event.programme.slug,
    )
    attendance.event = event
    _send(attendance, "cancelled")
    return _promote_waiting(actor=actor, event=event)


def promote_after_capacity_change(*, actor: Any, event: Event) -> list[Attendance]:
    """After the capacity grew (or was lifted): the waiting list moves up into the new seats."""
    return _promote_waiting(actor=actor, event=event)


def reminder_day(now: datetime | None = None) -> tuple[datetime, datetime]:
    """The span of 'tomorrow' in Amsterdam time: events starting in it get their reminder today."""
    today: date = timezone.localdate(now or timezone.now())
    start = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    return start, timezone.make_aware(datetime.combine(today + timedelta(days=2), time.min))


def reminders_send(*, now: datetime | None = None) -> int:
    """Mail the reminder to every confirmed registration of an event that starts tomorrow. Idempotent: each
    registration is marked in the same transaction as its mail (a conditional update, so two workers send
    one), so running it again sends nothing new. Returns how many were sent."""
    start, end = reminder_day(now)
    due = Attendance.objects.filter(
        status=Status.CONFIRMED, reminded_at__isnull=True, event__starts_at__gte=start, event__starts_at__lt=end
    ).exclude(person__email="")
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            if not Attendance.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
                continue
            attendance = Attendance.objects.select_related("event__programme", "event__location", "person").get(pk=pk)
            # no new links: those of the confirmation mail (cancel, QR code) keep working
            _send(attendance, "reminder")
            sent += 1
    return sent
