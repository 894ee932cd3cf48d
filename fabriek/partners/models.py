from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fabriek.programmes.models import Programme


class Partner(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        EDUCATION = "education", _("Education")
        FINANCE = "finance", _("Finance")
        KNOWLEDGE = "knowledge", _("Knowledge")
        NETWORK = "network", _("Network")
        BANK = "bank", _("Bank")
        ACCOUNTANT = "accountant", _("Accountant")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The programmes that hold this partner's records: a partner is visible only inside these.
    programmes = models.ManyToManyField(Programme, related_name="partners", blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """A cooperation agreement between a partner and a programme, from a date until a date (or open)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="agreements")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="agreements")
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="agreement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} - {self.programme.slug} ({self.started_on.isoformat()})"
