from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core.forms import DateInput
from fabriek.partners.models import Agreement, Partner
from fabriek.programmes.forms import ServiceValidatedModelForm


class PartnerForm(ServiceValidatedModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind"]


class AgreementForm(ServiceValidatedModelForm):
    class Meta:
        model = Agreement
        fields = ["started_on", "ended_on"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}
        help_texts = {"ended_on": _("Leave empty while the agreement runs.")}


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Partner.Kind.choices])
    active_on = forms.DateField(label=_("Agreement running on"), required=False, widget=DateInput())
