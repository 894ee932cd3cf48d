from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company, Person
from fabriek.programmes.models import Programme


class Mentor(models.Model):
    """An entrepreneur-mentor linked to a programme for a span of time."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mentorships")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="mentors")
    expertise = models.JSONField(_("expertise"), default=list, blank=True)
    active_from = models.DateField(_("active from"))
    active_until = models.DateField(_("active until"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gte=F("active_from")),
                name="mentor_active_until_after_from",
            ),
            models.UniqueConstraint(fields=["person", "programme", "active_from"], name="mentor_unique_span"),
        ]

    def __str__(self) -> str:
        return self.person.name


class MentorMatch(models.Model):
    """A mentor coaching a company (their mentee) for a span of time; ended_on empty while it goes on."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="matches", verbose_name=_("mentor"))
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="mentor_matches", verbose_name=_("company")
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="mentormatch_ends_after_start",
            ),
            models.UniqueConstraint(fields=["mentor", "company", "started_on"], name="mentormatch_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} - {self.company.name}"
