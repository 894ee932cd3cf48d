import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships, one per programme."""

    # The interface language the user chose on their profile page (or with the footer switch while logged
    # in); empty means "not chosen": the language cookie, else Dutch (core.middleware.LanguageMiddleware).
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    STAFF = "staff", _("Programme staff")
    LOCATION_MANAGER = "location_manager", _("Location manager")
    MENTOR = "mentor", _("Mentor")
    PARTICIPANT = "participant", _("Participant")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")


class Membership(models.Model):
    """A user's role in one programme, scoped to a location, company or partner where the role needs it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    location = models.ForeignKey(
        "programmes.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="membership_one_role_per_programme"),
            models.CheckConstraint(
                condition=(Q(role="location_manager") & Q(location__isnull=False))
                | (~Q(role="location_manager") & Q(location__isnull=True)),
                name="membership_location_iff_location_manager",
            ),
            models.CheckConstraint(
                condition=(Q(role="participant") & Q(company__isnull=False))
                | (~Q(role="participant") & Q(company__isnull=True)),
                name="membership_company_iff_participant",
            ),
            models.CheckConstraint(
                condition=(Q(role="partner") & Q(partner__isnull=False))
                | (~Q(role="partner") & Q(partner__isnull=True)),
                name="membership_partner_iff_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} - {self.programme_id}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def default_token_expiry() -> datetime.datetime:
    """`API_TOKEN_DAYS` (90) from now."""
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the raw value is shown once.

    It works until `expires_at` and, when read-only, only for GET (and HEAD/OPTIONS).
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read_write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_token_expiry)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["read", "read_write"]), name="apitoken_scope_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.name}"

    @property
    def read_only(self) -> bool:
        return self.scope == self.Scope.READ

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @staticmethod
    def new_raw_key() -> str:
        return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An e-mail inviting a person to an account with a role in a programme (`fabriek.accounts.invitations`).

    The link carries a random token; only its SHA-256 is stored. It works once, for INVITATION_DAYS days.
    """

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    location = models.ForeignKey(
        "programmes.Location",
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="nl")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["programme", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="location_manager") & Q(location__isnull=False))
                | (~Q(role="location_manager") & Q(location__isnull=True)),
                name="invitation_location_iff_location_manager",
            ),
            models.CheckConstraint(
                condition=(Q(role="participant") & Q(company__isnull=False))
                | (~Q(role="participant") & Q(company__isnull=True)),
                name="invitation_company_iff_participant",
            ),
            models.CheckConstraint(
                condition=(Q(role="partner") & Q(partner__isnull=False))
                | (~Q(role="partner") & Q(partner__isnull=True)),
                name="invitation_partner_iff_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} - {self.get_role_display()} - {self.programme_id}"

    def state(self, now: datetime.datetime) -> str:
        if self.accepted_at:
            return "accepted"
        return "expired" if self.expires_at <= now else "pending"
