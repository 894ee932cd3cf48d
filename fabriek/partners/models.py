from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.core import bounds
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


class Referral(models.Model):
    """The programme refers a participating company to a partner (for financing: MKB Fonds Drenthe, Flinc,
    NOM; or advice, network, ...); the partner reports what came of it."""

    class Purpose(models.TextChoices):
        FINANCING = "financing", _("Financing")
        ADVICE = "advice", _("Advice")
        NETWORK = "network", _("Network or customers")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="referrals")
    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="referrals")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    note = models.TextField(_("what for"), blank=True)
    referred_on = models.DateField(_("referred on"), validators=[bounds.validate_activity_date])
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True, validators=[bounds.validate_activity_date])
    amount_cents = models.BigIntegerField(
        _("amount (cents)"), null=True, blank=True, validators=bounds.FINANCING_CENTS.validators()
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            bounds.FINANCING_CENTS.constraint("amount_cents", "referral_amount_in_bounds", nullable=True),
            models.CheckConstraint(
                condition=Q(amount_cents__isnull=True) | (Q(purpose="financing") & Q(outcome="accepted")),
                name="referral_amount_only_for_accepted_financing",
            ),
            models.CheckConstraint(
                condition=(Q(outcome="pending") & Q(outcome_on__isnull=True))
                | (~Q(outcome="pending") & Q(outcome_on__isnull=False)),
                name="referral_outcome_has_a_date",
            ),
            bounds.activity_date_constraint("referred_on", "referral_referred_on_in_bounds"),
        ]

    def __str__(self) -> str:
        return f"{self.company} -> {self.partner}"

    @property
    def amount_euros(self) -> Decimal | None:
        return None if self.amount_cents is None else Decimal(self.amount_cents) / 100
