from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Person
from fabriek.core import bounds
from fabriek.partners.models import Partner
from fabriek.programmes.models import Location, Programme


class EventSeries(models.Model):
    """Sessions that belong together (the Starters Academy): a participant completes the series by attending
    at least `required_sessions` of its events (`selectors.series_completions`)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="event_series")
    title = models.CharField(_("title"), max_length=200)
    required_sessions = models.PositiveSmallIntegerField(
        _("sessions needed to complete"),
        validators=bounds.SERIES_SESSIONS.validators(),
        help_text=_("A participant completes the series by attending at least this many of its sessions."),
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["title", "pk"]
        constraints = [bounds.SERIES_SESSIONS.constraint("required_sessions", "series_required_sessions_range")]

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        NETWORK = "network", _("Network event")
        MASTERCLASS = "masterclass", _("Masterclass")
        ACADEMY = "academy", _("Starters Academy")
        PITCH = "pitch", _("Pitch event")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"), validators=[bounds.validate_activity_date])
    ends_at = models.DateTimeField(_("ends at"), validators=[bounds.validate_activity_date])
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("location")
    )
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="events", verbose_name=_("co-organising partners")
    )
    public = models.BooleanField(
        _("public"),
        default=False,
        db_default=False,
        help_text=_("Anyone can see the event's page and register there, without an account."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=bounds.EVENT_SEATS.validators(),
        help_text=_("Empty: no limit. When the seats are taken, new registrations go on the waiting list."),
    )
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
            bounds.activity_datetime_constraint("starts_at", "event_starts_at_range"),
            bounds.activity_datetime_constraint("ends_at", "event_ends_at_range"),
            bounds.EVENT_SEATS.constraint("capacity", "event_capacity_range", nullable=True),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """A registration for an event: confirmed (with a seat when the event has a capacity), on the waiting
    list, or cancelled; `checked_in` when the person came.

    Capacity is a database guarantee: a confirmed registration of an event with a capacity holds a seat
    number 1..capacity (`services.registration_*` only hand out those), and no two registrations of one
    event hold the same seat (`attendance_unique_seat`), so parallel sign-ups can never overbook."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    checked_in = models.BooleanField(_("checked in"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED, db_default="confirmed"
    )
    seat = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now, db_default=Now())
    company_name = models.CharField(_("company"), max_length=200, blank=True, db_default="")
    photo_consent = models.BooleanField(_("consents to photos"), default=False, db_default=False)
    mail_consent = models.BooleanField(_("consents to mail about future events"), default=False, db_default=False)
    language = models.CharField(_("language"), max_length=10, blank=True, db_default="")
    #: SHA-256 of the links in the confirmation mail (cancel without login; staff check-in), never the links
    cancel_token_hash = models.CharField(max_length=64, blank=True, db_default="", db_index=True)
    check_in_code_hash = models.CharField(max_length=64, blank=True, db_default="", db_index=True)
    #: a keyed hash of the address a public registration came from (the rate limit), not the address itself
    client_hash = models.CharField(max_length=64, blank=True, db_default="")
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="attendance_unique_person"),
            models.UniqueConstraint(fields=["event", "seat"], name="attendance_unique_seat"),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | (Q(seat__gte=1) & Q(status="confirmed")),
                name="attendance_seat_confirmed",
            ),
            models.CheckConstraint(
                condition=Q(checked_in=False) | Q(status="confirmed"), name="attendance_checked_in_confirmed"
            ),
        ]
        # "people reached" counts distinct checked-in people; this index answers it without the table
        indexes = [
            models.Index(fields=["event", "person"], condition=Q(checked_in=True), name="attendance_checked_in_idx")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event}"
