from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core.forms import DateInput
from fabriek.programmes.models import Location


class ServiceValidatedModelForm(forms.ModelForm):
    """A ModelForm that only reads the input; the service validates the whole record.

    A plain ModelForm runs the model's full_clean itself and shows a broken check constraint above the form,
    naming the constraint. Our services validate with `full_clean_per_field`, which puts each such error on
    the field to change, so the rules are checked in one place. The form never saves and never changes its
    instance (which only supplies the initial values), so views can pass the stored object as is.
    """

    def _post_clean(self) -> None:
        pass


class LocationForm(ServiceValidatedModelForm):
    class Meta:
        model = Location
        fields = ["name", "kind", "status", "opened_on", "closed_on", "address", "municipality_code", "desk_capacity"]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}
        help_texts = {
            "municipality_code": _("CBS code, for example GM0106 for Assen."),
            "closed_on": _("Only for a closed location."),
            "desk_capacity": _("Workspaces offered at this location; 0 for a representation point."),
        }


class LocationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name or address"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Location.Kind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Location.Status.choices]
    )
