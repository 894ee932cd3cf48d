"""Surveys: founders report their own figures, every six months while they take part, once when they leave
and at 6, 12 and 24 months after their last stay ended (the schedule is `schedule.py`)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company, Person
from fabriek.metrics.models import Observation
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.programmes.models import Programme


class Kind(models.TextChoices):
    PARTICIPANT = "participant", _("Participant survey")
    EXIT = "exit", _("Exit survey")
    ALUMNI = "alumni", _("Alumni survey")


class QuestionType(models.TextChoices):
    COUNT = "count", _("Count")
    AMOUNT = "amount", _("Amount (EUR)")
    CHOICE = "choice", _("Choice")
    TEXT = "text", _("Text")


def _in_language(nl: str, en: str) -> str:
    return en if (get_language() or "nl").startswith("en") and en else nl


class SurveyDefinition(models.Model):
    """A programme's survey of one kind: its title and introduction in Dutch and English and its own
    questions. The core questions (employees, interns, FTE, revenue; the outflow status in the exit survey)
    are always asked (`questions.CORE`), so answers compare over time and with the figures staff enter."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="survey_definitions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)

    class Meta:
        verbose_name = _("survey definition")
        verbose_name_plural = _("survey definitions")
        ordering = ["programme", "kind"]
        constraints = [models.UniqueConstraint(fields=["programme", "kind"], name="surveydefinition_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.programme.slug}: {self.get_kind_display()}"

    @property
    def title(self) -> str:
        return _in_language(self.title_nl, self.title_en)

    @property
    def intro(self) -> str:
        return _in_language(self.intro_nl, self.intro_en)


class SurveyQuestion(models.Model):
    """A programme's own question in a survey, beside the core questions."""

    definition = models.ForeignKey(SurveyDefinition, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        _("key"), max_length=40, help_text=_("The answer's name in exports; letters, digits and underscores.")
    )
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    text_nl = models.CharField(_("question (Dutch)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)
    #: For a choice: [[value, Dutch label, English label], ...]
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["definition", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["definition", "key"], name="surveyquestion_unique_key")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self.text_nl, self.text_en)

    def choice_options(self) -> list[tuple[str, str]]:
        return [(str(c[0]), _in_language(str(c[1]), str(c[2]) if len(c) > 2 else "")) for c in self.choices]


class SurveyInvitation(models.Model):
    """One company asked once: a survey of one kind about one reference date.

    The unique constraint on (programme, company, kind, reference date) is what makes sending idempotent:
    a second run, or a concurrent one, cannot insert the same invitation again, and the mail is written in
    the same transaction as the row (see `services.surveys_send_due`).
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="survey_invitations")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="survey_invitations")
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="survey_invitations", verbose_name=_("stay")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reference_date = models.DateField(_("reference date"), help_text=_("The date the answers' figures are about."))
    sent_on = models.DateField(_("sent on"))
    closes_on = models.DateField(_("closes on"))
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("addressee")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-sent_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "company", "kind", "reference_date"], name="surveyinvitation_once"
            ),
            models.CheckConstraint(condition=Q(reminders_sent__lte=2), name="surveyinvitation_two_reminders"),
            models.CheckConstraint(condition=Q(closes_on__gt=models.F("sent_on")), name="surveyinvitation_closes"),
        ]
        indexes = [models.Index(fields=["programme", "sent_on"]), models.Index(fields=["programme", "closes_on"])]

    def __str__(self) -> str:
        return f"{self.company.name}: {self.get_kind_display()} {self.reference_date.isoformat()}"

    @property
    def last_day(self) -> date:
        """The last day the survey can be answered (it closes the day after)."""
        return self.closes_on - timedelta(days=1)

    def is_open(self, today: date) -> bool:
        return self.answered_at is None and today < self.closes_on


class SurveyLink(models.Model):
    """A link sent in an invitation or reminder: only the SHA-256 of its random token is stored. A link
    works while its invitation is open (not answered, not closed)."""

    invitation = models.ForeignKey(SurveyInvitation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")

    def __str__(self) -> str:
        return f"link {self.pk} of {self.invitation_id}"


class Channel(models.TextChoices):
    LINK = "link", _("Link in the mail")
    HOME = "home", _("Home page")
    PHONE = "phone", _("By phone")


class OutflowDecision(models.TextChoices):
    PENDING = "pending", _("Waiting for staff")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Not taken over")


class SurveyResponse(models.Model):
    """The answers to one invitation, kept as the evidence behind the observation they became."""

    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.CASCADE, related_name="response")
    answers = models.JSONField(_("answers"), default=dict)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    observation = models.ForeignKey(
        Observation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("figures")
    )
    proposed_outflow_status = models.CharField(
        _("proposed outflow status"), max_length=20, choices=OutflowStatus.choices, blank=True
    )
    outflow_decision = models.CharField(
        _("outflow decision"), max_length=10, choices=OutflowDecision.choices, blank=True
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return str(self.invitation)
