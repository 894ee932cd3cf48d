from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.mail.models import OutboxMessage


class OutboxFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *OutboxMessage.State.choices]
    )
