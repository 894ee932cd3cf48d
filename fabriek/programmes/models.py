from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

municipality_code_validator = RegexValidator(r"^GM\d{4}$", _("A CBS municipality code looks like GM0106."))


class Programme(models.Model):
    """A programme such as the OFD: the tenant every other record belongs to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.TextChoices):
    """The eight indicators the funder steers on (seven outputs and one outcome)."""

    EVENTS = "events", _("Entrepreneur events")
    PEOPLE_REACHED = "people_reached", _("Entrepreneurs reached through events")
    PARTICIPANTS = "participants", _("Participating entrepreneurs")
    PARTNERS = "partners", _("Cooperation partners")
    PHYSICAL_LOCATIONS = "physical_locations", _("Physical locations")
    OTHER_LOCATIONS = "other_locations", _("Other locations where the programme is represented")
    MENTORS = "mentors", _("Entrepreneur-mentors")
    JOBS_CREATED = "jobs_created", _("New jobs during participation or up to two years after")


class PlanPeriod(models.Model):
    """A plan period agreed with the funder, e.g. 2017-2019, with its targets."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="plan_periods")
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("plan period")
        verbose_name_plural = _("plan periods")
        ordering = ["programme", "starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="planperiod_ends_after_start"),
            models.UniqueConstraint(fields=["programme", "name"], name="planperiod_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.slug} {self.name}"


class Target(models.Model):
    """The value an indicator should reach over a whole plan period."""

    plan_period = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    value = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["plan_period", "indicator"], name="target_unique_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_period}: {self.indicator} = {self.value}"


class BudgetLine(models.Model):
    """One line of a plan period's budget, per year, in cents."""

    class Kind(models.TextChoices):
        COST = "cost", _("Cost")
        CONTRIBUTIONS = "contributions", _("Participants' contributions (income)")

    plan_period = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("line"), max_length=200)
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.COST,
        help_text=_("The participants' contributions line is shown beside the contributions computed from stays."),
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["plan_period", "year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan_period", "year", "name"], name="budgetline_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}: {self.amount_cents / 100:.2f}"


class Location(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("Physical location")
        REPRESENTATION = "representation", _("Representation point")

    class Status(models.TextChoices):
        EXPLORING = "exploring", _("Exploring")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.EXPLORING)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality_code = models.CharField(
        _("municipality (CBS code)"), max_length=6, blank=True, validators=[municipality_code_validator]
    )
    desk_capacity = models.PositiveIntegerField(_("desk capacity"), default=0)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="location_unique_name"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(opened_on__isnull=False, closed_on__gte=F("opened_on")),
                name="location_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False), name="location_closed_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ServicePackage(models.Model):
    class Kind(models.TextChoices):
        FULLTIME = "fulltime", _("Full-time")
        PARTTIME = "parttime", _("Part-time")
        NETWORK = "network", _("Network")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="packages")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    monthly_price_cents = models.PositiveIntegerField(_("monthly price (cents)"))
    includes_workspace = models.BooleanField(_("includes a workspace"), default=False)
    flexible_desk_days_per_week = models.PositiveSmallIntegerField(
        _("flexible desk-days per ISO week"),
        default=0,
        validators=[MaxValueValidator(7)],
        help_text=_("How many days a week a stay with this package may book a flexible desk (0: none)."),
    )

    class Meta:
        verbose_name = _("service package")
        verbose_name_plural = _("service packages")
        ordering = ["programme", "monthly_price_cents"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="package_unique_kind"),
            models.CheckConstraint(
                condition=Q(flexible_desk_days_per_week__lte=7), name="package_flexible_desk_days_in_a_week"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FiguresVersion(models.Model):
    """A counter per programme that goes up, in the same transaction, whenever a record its figures are
    computed from changes (`programmes.figures.figures_changed`). The stored summary of figures
    (`reporting.summary`) is valid only for the version it was computed at, so a page never serves a number
    that an edit, an import or an undo has made out of date."""

    # No database constraint: the records deleted with a programme report their change after the programme's
    # own rows went, and a counter left behind harms nothing.
    programme = models.OneToOneField(
        Programme, on_delete=models.DO_NOTHING, db_constraint=False, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("figures version")
        verbose_name_plural = _("figures versions")

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.version}"
