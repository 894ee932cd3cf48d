from django import forms
from django.utils.translation import gettext_lazy as _


class PersonSearchForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: request by e-mail of 30 November. Kept in the audit log, without the erased data."),
    )
