from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.core import bounds
from fabriek.programmes.models import Location, Programme, ServicePackage


class OutflowStatus(models.TextChoices):
    """What became of a company when its stay ended."""

    ENTREPRENEUR = "entrepreneur", _("Still active as entrepreneur")
    FREELANCER = "freelancer", _("Active as freelancer (ZZP)")
    EMPLOYED = "employed", _("In paid employment")
    STOPPED = "stopped", _("Stopped")


class Participation(models.Model):
    """A company's stay in a programme, at one location, with one service package.

    A stay is a closed interval of days [started_on, ended_on]; ended_on empty means it is still going.
    Two stays of one company in one programme never share a day: the database refuses it (an exclusion
    constraint on PostgreSQL, a trigger on SQLite; see migration 0002).
    """

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="participations", verbose_name=_("company")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="participations", verbose_name=_("programme")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="participations", verbose_name=_("location")
    )
    package = models.ForeignKey(
        ServicePackage, on_delete=models.PROTECT, related_name="participations", verbose_name=_("package")
    )
    started_on = models.DateField(_("start date"), validators=[bounds.validate_activity_date])
    ended_on = models.DateField(_("end date"), null=True, blank=True, validators=[bounds.validate_activity_date])
    outflow_status = models.CharField(_("outflow status"), max_length=20, choices=OutflowStatus.choices, blank=True)
    long_stay_reason = models.TextField(
        _("reason for a stay over two years"),
        blank=True,
        help_text=_("Stays are at most two years; a longer stay needs a reason, which is kept in the audit log."),
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="participation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(outflow_status=""))
                | (Q(ended_on__isnull=False) & ~Q(outflow_status="")),
                name="participation_end_and_outflow_together",
            ),
            bounds.activity_date_constraint("started_on", "participation_started_on_range"),
            bounds.activity_date_constraint("ended_on", "participation_ended_on_range"),
        ]
        indexes = [models.Index(fields=["programme", "started_on"]), models.Index(fields=["company", "started_on"])]

    def __str__(self) -> str:
        end = self.ended_on.isoformat() if self.ended_on else "..."
        return f"{self.company.name}: {self.started_on.isoformat()} - {end}"
