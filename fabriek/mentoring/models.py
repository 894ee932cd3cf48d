from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Person
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
