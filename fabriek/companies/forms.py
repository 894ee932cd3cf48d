from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.core.forms import DateInput


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code"]
        widgets = {"founded_on": DateInput()}
        help_texts = {
            "kvk_number": _("8 digits, as on the KvK extract."),
            "postcode": _("For example 9401 AB."),
            "municipality_code": _("CBS code, for example GM0106 for Assen."),
        }


class CompanyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name or KvK number"), required=False)
    location = forms.TypedChoiceField(label=_("Location"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, locations=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", _("All locations"))] + [(loc.pk, loc.name) for loc in locations]
