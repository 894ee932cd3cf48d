from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.core import bounds
from fabriek.core.forms import DateInput
from fabriek.partners.models import Agreement, Partner, Referral
from fabriek.programmes.forms import ServiceValidatedModelForm
from fabriek.programmes.models import Programme


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


class ReferralForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Referral
        fields = ["company", "partner", "purpose", "referred_on", "note"]
        widgets = {"referred_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company: Any = self.fields["company"]
        company.queryset = Company.objects.filter(programmes=programme).order_by("name")
        company.empty_label = _("Choose a company")
        partner: Any = self.fields["partner"]
        partner.queryset = Partner.objects.filter(programmes=programme).order_by("name")
        partner.empty_label = _("Choose a partner")


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Referral.Outcome.choices, widget=forms.RadioSelect)
    outcome_on = forms.DateField(label=_("Date of the outcome"), required=False, widget=DateInput())
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        help_text=_("Only for accepted financing: the loan, grant or investment."),
        required=False,
        min_value=bounds.FINANCING_CENTS.in_euros()[0],
        max_value=bounds.FINANCING_CENTS.in_euros()[1],
        decimal_places=2,
        localize=True,
    )
    outcome_note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def amount_cents(self) -> int | None:
        amount = self.cleaned_data.get("amount")
        return None if amount is None else int(amount * 100)
