from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.core import bounds


class Source(models.TextChoices):
    """Where a figure came from. When two observations share a date, the higher rank wins."""

    INTAKE = "intake", _("Intake")
    SELF_REPORT = "self_report", _("Self-report")
    SURVEY = "survey", _("Survey")
    KVK = "kvk", _("KvK")
    STAFF = "staff", _("Programme staff")


#: staff > survey > self_report > intake > kvk (the pinned tie-break of the counting rules).
SOURCE_RANK: dict[str, int] = {
    Source.STAFF: 5,
    Source.SURVEY: 4,
    Source.SELF_REPORT: 3,
    Source.INTAKE: 2,
    Source.KVK: 1,
}


class Observation(models.Model):
    """A company's figures on one date, as one source reported them to one programme.

    A company can take part in several programmes (it is one record, matched on its KvK number). Its figures
    belong to the programme that recorded them: each programme sees and counts only its own, so sharing a
    company never shows one programme what another measured (docs/architecture.md, "Scopes").
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="observations")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="observations", verbose_name=_("programme")
    )
    observed_on = models.DateField(_("date"), validators=[bounds.validate_history_date])
    employees = models.PositiveIntegerField(
        _("employees"), help_text=_("Headcount, founders excluded."), validators=bounds.EMPLOYEES.validators()
    )
    interns = models.PositiveIntegerField(_("interns"), default=0, validators=bounds.INTERNS.validators())
    fte = models.DecimalField(
        _("FTE"), max_digits=8, decimal_places=2, null=True, blank=True, validators=bounds.FTE.validators()
    )
    revenue_cents = models.BigIntegerField(
        _("revenue (cents)"), null=True, blank=True, validators=bounds.REVENUE_CENTS.validators()
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.STAFF)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["company", "-observed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "programme", "observed_on", "source"],
                name="observation_unique_programme_company_date_source",
            ),
            models.CheckConstraint(condition=Q(fte__isnull=True) | Q(fte__gte=0), name="observation_fte_positive"),
            # The plausible ranges of core.bounds (the moving "not after today" is the validator's).
            bounds.EMPLOYEES.constraint("employees", "observation_employees_range"),
            bounds.INTERNS.constraint("interns", "observation_interns_range"),
            bounds.FTE.constraint("fte", "observation_fte_range", nullable=True),
            bounds.REVENUE_CENTS.constraint("revenue_cents", "observation_revenue_range", nullable=True),
            bounds.history_date_constraint("observed_on", "observation_observed_on_range"),
        ]
        # the unique constraint's index (company, programme, observed_on, ...) serves the counting rules' reads
        indexes = [models.Index(fields=["company", "observed_on"])]

    def __str__(self) -> str:
        return f"{self.company.name} {self.observed_on.isoformat()} ({self.source})"
