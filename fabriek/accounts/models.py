import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships, one per programme."""

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


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} - {self.name}"

    @staticmethod
    def new_raw_key() -> str:
        return secrets.token_urlsafe(32)
