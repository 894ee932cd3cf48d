from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company, Person
from fabriek.core import bounds
from fabriek.mentoring.expertise import labels, validate_expertise
from fabriek.programmes.models import Programme


class Mentor(models.Model):
    """An entrepreneur-mentor linked to a programme for a span of time."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mentorships")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="mentors")
    #: codes of `expertise.Expertise`, in vocabulary order
    expertise = models.JSONField(_("expertise"), default=list, blank=True, validators=[validate_expertise])
    expertise_note = models.CharField(
        _("other expertise"), max_length=500, blank=True, validators=[bounds.validate_printable]
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees at once"), default=2, validators=bounds.MENTEES_AT_ONCE.validators()
    )
    availability = models.CharField(
        _("availability"), max_length=200, blank=True, validators=[bounds.validate_printable]
    )
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
            bounds.MENTEES_AT_ONCE.constraint("capacity", "mentor_capacity_bounds"),
        ]

    def __str__(self) -> str:
        return self.person.name

    def expertise_labels(self) -> list[str]:
        return labels(self.expertise or [])


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MentorMatch(models.Model):
    """A mentor coaching a company (their mentee) for a span of time; ended_on empty while it goes on."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="matches", verbose_name=_("mentor"))
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="mentor_matches", verbose_name=_("company")
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    #: staff propose, the mentor accepts or declines; only an accepted match is mentoring (clause 14)
    status = models.CharField(_("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True, validators=[bounds.validate_printable])

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
            models.CheckConstraint(condition=Q(status__in=MatchStatus.values), name="mentormatch_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} - {self.company.name}"


class MentoringNeeds(models.Model):
    """What a company of a programme wants help with, in the mentors' vocabulary (for suggestions)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="mentoring_needs")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    needs = models.JSONField(_("needs"), default=list, blank=True, validators=[validate_expertise])
    note = models.CharField(_("in their own words"), max_length=1000, blank=True)
    # Set by the service, not auto_now: a deletion's undo puts the row back with the values it had.
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("mentoring needs")
        verbose_name_plural = _("mentoring needs")
        constraints = [
            models.UniqueConstraint(fields=["company", "programme"], name="mentoringneeds_one_per_company"),
        ]

    def __str__(self) -> str:
        return self.company.name

    def needs_labels(self) -> list[str]:
        return labels(self.needs or [])


class MentoringSession(models.Model):
    """One conversation of a mentor with their mentee, logged afterwards by the mentor or by staff."""

    match = models.ForeignKey(MentorMatch, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("mentee"))
    held_on = models.DateField(_("date"), validators=[bounds.validate_past_activity_date])
    minutes = models.PositiveSmallIntegerField(_("minutes"), validators=bounds.SESSION_MINUTES.validators())
    topics = models.TextField(_("topics"), max_length=2000, validators=[MaxLengthValidator(2000)])
    follow_up = models.TextField(
        _("agreed follow-up"), max_length=2000, blank=True, validators=[MaxLengthValidator(2000)]
    )
    follow_up_done_on = models.DateField(_("follow-up done on"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A default, not auto_now_add: a deletion's undo puts the row back with the time it was logged.
    logged_at = models.DateTimeField(_("logged at"), default=timezone.now)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["-held_on", "-pk"]
        constraints = [
            bounds.SESSION_MINUTES.constraint("minutes", "mentoringsession_minutes_bounds"),
            bounds.activity_date_constraint("held_on", "mentoringsession_held_on_bounds"),
        ]
        indexes = [models.Index(fields=["match", "held_on"], name="mentoringsession_match_day")]

    def __str__(self) -> str:
        return f"{self.match} {self.held_on}"
