from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fabriek.core import bounds
from fabriek.programmes.models import Programme, municipality_code_validator

kvk_validator = RegexValidator(r"^\d{8}$", _("A KvK number is exactly 8 digits."))
postcode_validator = RegexValidator(
    r"^[1-9]\d{3} [A-Z]{2}$", _("A Dutch postcode looks like 1234 AB (four digits, a space, two capitals).")
)
sbi_validator = RegexValidator(r"^\d{2,5}$", _("An SBI code is 2 to 5 digits."))


class Company(models.Model):
    kvk_number = models.CharField(_("KvK number"), max_length=8, unique=True, validators=[kvk_validator])
    name = models.CharField(_("name"), max_length=200, validators=[bounds.validate_printable])
    founded_on = models.DateField(_("founded on"), null=True, blank=True, validators=[bounds.validate_history_date])
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[postcode_validator])
    municipality_code = models.CharField(
        _("municipality (CBS code)"), max_length=6, blank=True, validators=[municipality_code_validator]
    )
    sbi_code = models.CharField(_("SBI code"), max_length=5, blank=True, validators=[sbi_validator])
    # The programmes that hold this company's records: a company is visible only inside these.
    programmes = models.ManyToManyField(Programme, related_name="companies", blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kvk_number__regex=r"^[0-9]{8}$"), name="company_kvk_8_digits"),
            models.CheckConstraint(
                condition=Q(postcode="") | Q(postcode__regex=r"^[1-9][0-9]{3} [A-Z]{2}$"),
                name="company_postcode_format",
            ),
            bounds.history_date_constraint("founded_on", "company_founded_on_range"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kvk_number})"

    @property
    def municipality(self) -> str:
        """The municipality by name where the table knows it ("Assen"), else its CBS code."""
        from fabriek.companies.normalise import municipality_label  # geography loads shapely: only when shown

        return municipality_label(self.municipality_code) if self.municipality_code else ""


class Person(models.Model):
    """Someone the programme knows: a founder or contact of a company, an event attendee, a mentor.

    A person has no programme of their own; which programmes know them follows from their links
    (`fabriek.people.selectors.person_visible`). Where the person has an account, `user` points at it.
    """

    name = models.CharField(_("name"), max_length=200, validators=[bounds.validate_printable])
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The language to write to this person in (mail, invitations); for someone with an account the profile
    # page keeps it equal to the account's interface language.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="nl")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CompanyRole(models.Model):
    """A person's role in a company."""

    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founder")
        CONTACT = "contact", _("Contact person")
        EMPLOYEE = "employee", _("Employee")
        INTERN = "intern", _("Intern")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="company_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role in a company")
        verbose_name_plural = _("roles in companies")
        constraints = [
            models.UniqueConstraint(fields=["company", "person", "role"], name="companyrole_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} - {self.get_role_display()} - {self.company.name}"


class KvkLookup(models.Model):
    """The KvK register's last answer for a number (found or not), so a second lookup within the cache
    period (a day) costs no request to KVK, whichever web process asks."""

    kvk_number = models.CharField(_("KvK number"), max_length=8, unique=True, validators=[kvk_validator])
    found = models.BooleanField(_("found"))
    data = models.JSONField(_("data"), default=dict, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"))

    class Meta:
        verbose_name = _("KvK lookup")
        verbose_name_plural = _("KvK lookups")

    def __str__(self) -> str:
        return self.kvk_number
