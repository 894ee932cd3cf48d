"""Desks and rooms at a programme's locations, and the bookings of them.

What must never double is refused by the database itself, on SQLite and PostgreSQL alike, so that it holds
under any number of parallel requests: a desk-day belongs to one booking (`deskbooking_one_per_desk_day`), a
room-hour to one booking (`roomslot_one_per_room_hour`: a room booking holds one slot row per hour it
covers, so two bookings with overlapping times collide on a shared hour), and a fixed desk to one stay at a
time (`deskassignment_one_current_per_desk`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.participation.models import Participation
from fabriek.programmes.models import Location, Programme


class Desk(models.Model):
    class Kind(models.TextChoices):
        FIXED = "fixed", _("Fixed desk")
        FLEXIBLE = "flexible", _("Flexible desk")

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="desks", verbose_name=_("location"))
    label = models.CharField(_("label"), max_length=40, help_text=_("As on the desk, e.g. A3 or Window 2."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["location", "label"]
        constraints = [
            models.UniqueConstraint(fields=["location", "label"], name="desk_unique_label"),
            models.CheckConstraint(condition=Q(kind__in=["fixed", "flexible"]), name="desk_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.location.name} {self.label}"


class Room(models.Model):
    """A meeting room, booked in whole hours between `opens_at_hour` and `closes_at_hour`."""

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("location"))
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("seats"), default=6)
    opens_at_hour = models.PositiveSmallIntegerField(_("bookable from (hour)"), default=8)
    closes_at_hour = models.PositiveSmallIntegerField(_("bookable until (hour)"), default=18)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["location", "name"]
        constraints = [
            models.UniqueConstraint(fields=["location", "name"], name="room_unique_name"),
            models.CheckConstraint(
                condition=Q(opens_at_hour__lt=F("closes_at_hour"), closes_at_hour__lte=24), name="room_hours_in_a_day"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=500), name="room_capacity_range"),
        ]

    def __str__(self) -> str:
        return f"{self.location.name} {self.name}"


class DeskAssignment(models.Model):
    """A fixed desk given to a full-time stay, until it is released (when the stay ends or staff move it)."""

    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("desk"))
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="desk_assignments", verbose_name=_("stay")
    )
    assigned_on = models.DateField(_("assigned on"))
    released_on = models.DateField(_("released on"), null=True, blank=True)

    class Meta:
        verbose_name = _("fixed desk assignment")
        verbose_name_plural = _("fixed desk assignments")
        ordering = ["desk", "-assigned_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["desk"], condition=Q(released_on__isnull=True), name="deskassignment_one_current_per_desk"
            ),
            models.UniqueConstraint(
                fields=["participation"],
                condition=Q(released_on__isnull=True),
                name="deskassignment_one_current_per_stay",
            ),
            models.CheckConstraint(
                condition=Q(released_on__isnull=True) | Q(released_on__gte=F("assigned_on")),
                name="deskassignment_released_after_assigned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.desk}: {self.participation}"


class DeskBooking(models.Model):
    """A desk for one day, for a company with a current stay at the desk's location."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="desk_bookings")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("desk"))
    day = models.DateField(_("date"))
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="desk_bookings", verbose_name=_("company")
    )
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="desk_bookings", verbose_name=_("stay")
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("desk booking")
        verbose_name_plural = _("desk bookings")
        ordering = ["day", "desk"]
        constraints = [
            models.UniqueConstraint(fields=["desk", "day"], name="deskbooking_one_per_desk_day"),
            models.UniqueConstraint(fields=["participation", "day"], name="deskbooking_one_desk_a_day_per_stay"),
        ]
        indexes = [models.Index(fields=["programme", "day"]), models.Index(fields=["participation", "day"])]

    def __str__(self) -> str:
        return f"{self.desk} {self.day.isoformat()}"


class RoomBooking(models.Model):
    """A room from `start_hour` to `end_hour` (whole hours) on one day; its hours are held by RoomSlot rows."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="room_bookings")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room"))
    day = models.DateField(_("date"))
    start_hour = models.PositiveSmallIntegerField(_("from (hour)"))
    end_hour = models.PositiveSmallIntegerField(_("until (hour)"))
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="room_bookings",
        verbose_name=_("company"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        ordering = ["day", "start_hour", "room"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_hour__lt=F("end_hour"), end_hour__lte=24), name="roombooking_hours_in_a_day"
            ),
        ]
        indexes = [models.Index(fields=["programme", "day"])]

    def __str__(self) -> str:
        return f"{self.room} {self.day.isoformat()} {self.start_hour:02d}:00-{self.end_hour:02d}:00"


class RoomSlot(models.Model):
    """One hour of a room on one day, held by one booking: the unique constraint is the no-overlap rule."""

    booking = models.ForeignKey(RoomBooking, on_delete=models.CASCADE, related_name="slots")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    hour = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "day", "hour"], name="roomslot_one_per_room_hour"),
        ]

    def __str__(self) -> str:
        return f"{self.room_id} {self.day.isoformat()} {self.hour:02d}"


class StayClockNotice(models.Model):
    """That the two-year clock mail of a stay at `months` (21 or 23) was sent: at most once, by the database
    (the periodic job inserts this row and writes the mail in one transaction; a second run finds it)."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="clock_notices")
    months = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participation", "months"], name="stayclocknotice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.participation_id} {self.months}"


class CalendarFeed(models.Model):
    """A user's private iCalendar feed: only the SHA-256 of its secret token is stored (the link is shown
    once, when it is made); making a new one replaces the old, which then stops working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"


class WaitlistEntry(models.Model):
    """A stay waiting for a flexible desk at its location on a full day. When a booking of that day is
    cancelled, the first in line is offered the place by mail (`offered_at`); booking it stays theirs to do."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("date"))
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="waitlist_entries")
    created_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["day", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["participation", "day"], name="waitlistentry_once_per_stay_day"),
        ]

    def __str__(self) -> str:
        return f"{self.participation_id} waits for {self.day.isoformat()}"
