"""Intake: leads from partners, events and outreach; applications; blind reviews; decisions.

A lead is someone the programme might admit; an application is their request to join, with the answers to the
seed's intake questions; reviewers score it on the seed's criteria; a decision admits (creating the company's
stay), rejects or wait-lists it, always with a reason. Rejected applicants stay on record as the comparison
group for the impact estimate, with their consent; without it only anonymous facts remain after 90 days.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company, kvk_validator
from fabriek.events.models import Event
from fabriek.participation.models import Participation
from fabriek.partners.models import Partner
from fabriek.programmes.models import Location, Programme, ServicePackage


class LeadSource(models.TextChoices):
    PARTNER = "partner", _("Referred by a partner")
    EVENT = "event", _("Met at an event")
    OUTREACH = "outreach", _("Outreach by the team")
    WEBSITE = "website", _("Website")
    OTHER = "other", _("Other")


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    APPLIED = "applied", _("Applied")
    NOT_SUITABLE = "not_suitable", _("Not suitable")
    NO_INTEREST = "no_interest", _("No interest")


class Lead(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="leads")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True, validators=[kvk_validator])
    source = models.CharField(_("source"), max_length=20, choices=LeadSource.choices)
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, null=True, blank=True, related_name="leads"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.SET_NULL, null=True, blank=True, related_name="leads"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=LeadStatus.choices, default=LeadStatus.NEW)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_on = models.DateField(_("next action on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="partner") | Q(partner__isnull=False), name="lead_partner_source_names_partner"
            ),
            models.CheckConstraint(
                condition=Q(kvk_number="") | Q(kvk_number__regex=r"^[0-9]{8}$"), name="lead_kvk_8_digits"
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"], name="lead_programme_status")]

    def __str__(self) -> str:
        return self.name or ANONYMOUS

    def get_outcome_display(self) -> str:
        """What became of the lead: its application's status once it applied (needs the selector's
        `outcome` annotation), else its own status."""
        outcome = getattr(self, "outcome", None)
        if outcome:
            return str(ApplicationStatus(outcome).label)
        return str(self.get_status_display())


class Criterion(models.TextChoices):
    """The seed's intake criteria (section 6), each scored 1-5 by every reviewer."""

    SCALABILITY = "scalability", _("Scalable, substantiated business model")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurial quality")
    AMBITION = "ambition", _("Ambition and growth potential")
    SELF_REFLECTION = "self_reflection", _("Self-reflection")
    SUPPORT_NEED = "support_need", _("Need for support")


SCORE_MIN, SCORE_MAX = 1, 5
#: What an anonymised application or lead is called (in lists and in the audit trail).
ANONYMOUS = "(anonymised)"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ADMITTED = "admitted", _("Admitted")
    REJECTED = "rejected", _("Rejected")
    WAITLISTED = "waitlisted", _("Wait-listed")


class Application(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    lead = models.OneToOneField(
        Lead, verbose_name=_("lead"), on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    # the company, as the applicant (or the KvK register) gives it
    company_name = models.CharField(_("company name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True, validators=[kvk_validator])
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality_code = models.CharField(_("municipality (CBS code)"), max_length=6, blank=True)
    sbi_code = models.CharField(_("SBI code"), max_length=5, blank=True)
    # the founder who applies
    founder_name = models.CharField(_("founder's name"), max_length=200, blank=True)
    founder_email = models.EmailField(_("founder's e-mail"), blank=True)
    founder_phone = models.CharField(_("founder's phone"), max_length=30, blank=True)
    # the seed's intake questions (required on the public form; the team may fill them in after a talk)
    activity = models.TextField(_("What does your company do, and for whom?"), blank=True)
    ambition = models.TextField(_("Where do you want your company to be in two years?"), blank=True)
    business_model = models.TextField(_("How does your company earn money, and how can that grow?"), blank=True)
    support_need = models.TextField(
        _("What support do you need from us, and what do you find hard yourself?"), blank=True
    )
    wanted_package = models.ForeignKey(
        ServicePackage,
        verbose_name=_("wanted package"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    wanted_location = models.ForeignKey(
        Location, verbose_name=_("wanted location"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_follow_up = models.BooleanField(
        _("You may contact me again for follow-up research, also if I am not admitted."), default=False
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    #: a hash of the address it came from, for the rate limit of the public form (not the address itself)
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("intake application")
        verbose_name_plural = _("intake applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_number="") | Q(kvk_number__regex=r"^[0-9]{8}$"), name="application_kvk_8_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.company_name or ANONYMOUS


class Review(models.Model):
    """One reviewer's assessment of one application: assigned by staff, scored blind, then submitted."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_one_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.application} - {self.reviewer}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX), name="score_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Outcome(models.TextChoices):
    ADMITTED = "admitted", _("Admit")
    REJECTED = "rejected", _("Reject")
    WAITLISTED = "waitlisted", _("Wait-list")


class Decision(models.Model):
    """What the programme decided on an application, and why. A wait-listed application may be decided again;
    an admission is final."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    package = models.ForeignKey(
        ServicePackage, verbose_name=_("package"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    participation = models.ForeignKey(Participation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="admitted")
                | (Q(location__isnull=False) & Q(package__isnull=False) & Q(starts_on__isnull=False)),
                name="decision_admission_has_location_package_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} - {self.outcome}"
