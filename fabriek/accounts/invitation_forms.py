from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from fabriek.accounts.invitations import email_has_account
from fabriek.accounts.models import Invitation, Role, User

#: The scope each role needs: the field that must be filled for it (and stay empty for the others).
SCOPE_FIELD = {Role.LOCATION_MANAGER: "location", Role.PARTICIPANT: "company", Role.PARTNER: "partner"}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *Role.choices])
    location: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Location"),
        queryset=None,
        required=False,
        empty_label=_("Choose a location"),
        help_text=_("For a location manager: the location they manage."),
    )
    company: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Company"),
        queryset=None,
        required=False,
        empty_label=_("Choose a company"),
        help_text=_("For a participant: their company."),
    )
    partner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=None,
        required=False,
        empty_label=_("Choose a partner"),
        help_text=_("For a partner: their organisation."),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=settings.LANGUAGES,
        initial="nl",
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # accounts sits below these apps: their models by name, as the access rules do
        choices: dict[str, Any] = {
            "location": apps.get_model("programmes", "Location").objects.filter(programme=programme),
            "company": apps.get_model("companies", "Company").objects.filter(programmes=programme),
            "partner": apps.get_model("partners", "Partner").objects.filter(programmes=programme),
        }
        for name, queryset in choices.items():
            field: Any = self.fields[name]
            field.queryset = queryset.order_by("name")

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).strip()
        if email_has_account(email):
            raise forms.ValidationError(_("This address already has an account; it cannot be invited again."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed = SCOPE_FIELD.get(data.get("role", ""))
        for field in SCOPE_FIELD.values():
            if field == needed and not data.get(field):
                self.add_error(field, _("Choose one for this role."))
            elif field != needed:
                data[field] = None  # a choice left over from another role
        return data


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            person = User(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=self.invitation.first_name,
                last_name=self.invitation.last_name,
            )
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
