"""Reads of events and their attendance.

Every member of the programme may read its events and their numbers (registered, checked in); the names
and e-mail addresses of attendees are personal data, for staff and location managers only.

A location manager reads every event of the programme (events are programme-wide: anyone may attend), but
changes, registers for and checks in at only the events at their own location and those without a location,
and sees the attendees' names only of those (`may_change_event`; docs/architecture.md, "Scopes").
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Person
from fabriek.companies.selectors import programme_people_q
from fabriek.events.models import Attendance, Event
from fabriek.programmes.models import Programme

#: Roles that see who attends an event.
ATTENDEE_READERS = frozenset({Role.STAFF, Role.LOCATION_MANAGER})


def _start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in the current time zone (Europe/Amsterdam), as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def event_with_counts(*, programme: Programme) -> QuerySet[Event]:
    """The programme's events, each with counts: `registered` (confirmed), `waiting`, `checked_in` (came)
    and `seated` (seats taken; `seats_left` is capacity minus these)."""
    return (
        Event.objects.filter(programme=programme)
        .select_related("location")
        .annotate(
            registered=Count("attendances", filter=Q(attendances__status=Attendance.Status.CONFIRMED)),
            waiting=Count("attendances", filter=Q(attendances__status=Attendance.Status.WAITING)),
            checked_in=Count("attendances", filter=Q(attendances__checked_in=True)),
            seated=Count("attendances", filter=Q(attendances__seat__isnull=False)),
        )
    )


def event_list(
    *,
    programme: Programme,
    search: str = "",
    kind: str = "",
    location_id: int | None = None,
    starts_from: date | None = None,
    starts_until: date | None = None,
    partner_id: int | None = None,
) -> QuerySet[Event]:
    """Events by title, kind, location and co-organising partner, starting on or after `starts_from` and on
    or before `starts_until` (whole days in Amsterdam time), newest first."""
    qs = event_with_counts(programme=programme)
    if partner_id:
        qs = qs.filter(partners=partner_id)
    if search:
        qs = qs.filter(title__icontains=search)
    if kind:
        qs = qs.filter(kind=kind)
    if location_id:
        qs = qs.filter(location_id=location_id)
    if starts_from:
        qs = qs.filter(starts_at__gte=_start_of_day(starts_from))
    if starts_until:
        qs = qs.filter(starts_at__lt=_start_of_day(starts_until + timedelta(days=1)))
    return qs.order_by("-starts_at", "pk")


def event_get(*, programme: Programme, pk: int) -> Event:
    """One event of the programme with its counts and co-organising partners, or 404."""
    event = event_with_counts(programme=programme).prefetch_related("partners").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def may_change_event(membership: Membership, event: Event) -> bool:
    """Staff change every event of their programme; a location manager those at their own location and those
    without a location; nobody else any."""
    if event.programme_id != membership.programme_id:
        return False
    if membership.role == Role.STAFF:
        return True
    if membership.role == Role.LOCATION_MANAGER:
        return event.location_id is None or event.location_id == membership.location_id
    return False


def changeable_events_q(membership: Membership, prefix: str = "") -> Q:
    """`may_change_event` as a filter, for queries that reach events through `prefix` (e.g.
    "attendances__event__"): whose attendees a member may see by name."""
    in_programme = Q(**{f"{prefix}programme": membership.programme_id})
    if membership.role == Role.STAFF:
        return in_programme
    if membership.role == Role.LOCATION_MANAGER:
        own = Q(**{f"{prefix}location__isnull": True}) | Q(**{f"{prefix}location": membership.location_id})
        return in_programme & own
    return Q(**{f"{prefix}pk__in": []})


def event_get_for_change(*, membership: Membership, pk: int) -> Event:
    """An event the member may change (404 outside the programme, 403 at another location)."""
    event = event_get(programme=membership.programme, pk=pk)
    if not may_change_event(membership, event):
        raise PermissionDenied(_("You may change only the events at your own location and those without a location."))
    return event


def check_event_location(membership: Membership, location: object) -> None:
    """A location manager plans events at their own location or without one, not at another location."""
    own = location is None or getattr(location, "pk", None) == membership.location_id
    if membership.role == Role.LOCATION_MANAGER and not own:
        raise ValidationError({"location": [_("Choose your own location, or no location.")]})


def attendance_list(*, membership: Membership, event: Event) -> QuerySet[Attendance]:
    """Who registered for the event, by name: for staff, and for a location manager at the events they may
    change (their location's and those without a location); empty for everyone else."""
    if membership.role not in ATTENDEE_READERS or not may_change_event(membership, event):
        return Attendance.objects.none()
    return Attendance.objects.filter(event=event).select_related("person").order_by("person__name", "pk")


def attendance_get(*, membership: Membership, event: Event, pk: int) -> Attendance:
    attendance = attendance_list(membership=membership, event=event).filter(pk=pk).first()
    if attendance is None:
        raise Http404
    return attendance


def person_known_to_programme(*, programme: Programme, email: str) -> Person | None:
    """The person this programme already knows by this e-mail address (ignoring case), or None.

    Known to the programme is `companies.selectors.programme_people_q`. A person has no programme of their own
    and people are shared between programmes, so a match on the e-mail address alone would hand another
    programme's person (and their stored name) to whoever types that address. If several match, the oldest
    record. An empty address matches nobody.
    """
    email = email.strip()
    if not email:
        return None
    return (
        Person.objects.filter(email__iexact=email)
        .filter(programme_people_q(programme))
        .distinct()
        .order_by("pk")
        .first()
    )


def attendance_search(*, membership: Membership, event: Event, query: str = "") -> QuerySet[Attendance]:
    """The event's attendees whose name or e-mail address contains `query` (ignoring case), by name: the
    check-in list at the door. Scoped like `attendance_list`."""
    # a cancelled registration is not expected at the door (they can come in as a walk-in)
    attendances = attendance_list(membership=membership, event=event).exclude(status=Attendance.Status.CANCELLED)
    query = query.strip()
    if query:
        attendances = attendances.filter(Q(person__name__icontains=query) | Q(person__email__icontains=query))
    return attendances.order_by("person__name", "pk")


def attendance_export_rows(*, membership: Membership, event: Event) -> list[dict[str, object]]:
    """The attendee list as staff may download it, limited to what each person consented to: name, company,
    registration status, checked in and photo consent for everyone registered (needed to run the event); the
    e-mail address only of those who agreed to mail about future events. Cancelled registrations are left
    out. Scoped like `attendance_list`."""
    rows = []
    for attendance in attendance_list(membership=membership, event=event).exclude(status=Attendance.Status.CANCELLED):
        rows.append(
            {
                "name": attendance.person.name,
                "company": attendance.company_name,
                "status": attendance.get_status_display(),
                "checked_in": attendance.checked_in,
                "photo_consent": attendance.photo_consent,
                "email": attendance.person.email if attendance.mail_consent else "",
            }
        )
    return rows


def partner_may_see_event(membership: Membership, event: Event) -> bool:
    """A partner's member sees more of an event their organisation co-organises."""
    return (
        membership.role == Role.PARTNER
        and membership.partner_id is not None
        and event.partners.filter(pk=membership.partner_id).exists()
    )


def consenting_attendee_names(*, membership: Membership, event: Event) -> list[str] | None:
    """For a co-organising partner: the names of the people registered (confirmed) who agreed to mail from
    the organisers, the programme and its co-organising partners; nobody else's name. None for everyone who
    is not such a partner (staff see the full list)."""
    if not partner_may_see_event(membership, event):
        return None
    return list(
        Attendance.objects.filter(event=event, status=Attendance.Status.CONFIRMED, mail_consent=True)
        .order_by("person__name", "pk")
        .values_list("person__name", flat=True)
    )
