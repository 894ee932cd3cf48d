from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Person
from fabriek.core import bounds
from fabriek.partners.models import Partner
from fabriek.programmes.models import Location, Programme


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

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
            bounds.activity_datetime_constraint("starts_at", "event_starts_at_range"),
            bounds.activity_datetime_constraint("ends_at", "event_ends_at_range"),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    checked_in = models.BooleanField(_("checked in"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="attendance_unique_person")]
        # "people reached" counts distinct checked-in people; this index answers it without the table
        indexes = [
            models.Index(fields=["event", "person"], condition=Q(checked_in=True), name="attendance_checked_in_idx")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event}"
