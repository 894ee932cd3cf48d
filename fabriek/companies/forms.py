from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company, CompanyRole
from fabriek.companies.normalise import municipality_label, normalise_municipality, normalise_postcode, normalise_sbi
from fabriek.core.forms import DateInput


class CompanyForm(forms.ModelForm):
    """The company's details. Postcode, municipality and SBI code go through the validators the importer
    runs too (`companies.normalise`): "7921ab", "De Wolden" and "43.21" are accepted and stored alike."""

    # Longer than the stored forms: "7921  ab" and "62.01.1" are accepted and shortened by the validators.
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=20, help_text=_("For example 9401 AB."))
    municipality_code = forms.CharField(
        label=_("Municipality"),
        required=False,
        max_length=100,
        help_text=_("Name or CBS code, for example Assen or GM0106."),
    )
    sbi_code = forms.CharField(
        label=_("SBI code"), required=False, max_length=20, help_text=_("With or without dots, for example 43.21.")
    )

    class Meta:
        model = Company
        fields = ["kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code"]
        widgets = {"founded_on": DateInput()}
        help_texts = {
            "kvk_number": _("8 digits, as on the KvK extract."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = self.initial.get("municipality_code")
        if code:  # shown by name, as the person knows it
            self.initial["municipality_code"] = municipality_label(code)

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_municipality_code(self) -> str:
        return normalise_municipality(self.cleaned_data["municipality_code"])

    def clean_sbi_code(self) -> str:
        return normalise_sbi(self.cleaned_data["sbi_code"])


class CompanyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name or KvK number"), required=False)
    location = forms.TypedChoiceField(label=_("Location"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, locations=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", _("All locations"))] + [(loc.pk, loc.name) for loc in locations]


class CompanyPersonForm(forms.Form):
    """A founder or contact to add to a company: someone the programme knows by this e-mail is reused."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in (CompanyRole.Role.FOUNDER, CompanyRole.Role.CONTACT)],
        widget=forms.RadioSelect,
        initial=CompanyRole.Role.FOUNDER,
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("If the programme already knows someone with this address, that person is added."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
