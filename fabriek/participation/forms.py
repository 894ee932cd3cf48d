from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fabriek.core.forms import DateInput
from fabriek.participation.models import Participation
from fabriek.participation.selectors import STATUS_CURRENT, STATUS_ENDED
from fabriek.programmes.models import Location, ServicePackage

LABELS: dict[str, Any] = {"company": _("Company"), "location": _("Location"), "package": _("Service package")}
HELP_TEXTS: dict[str, Any] = {
    "ended_on": _("Leave empty while the stay goes on."),
    "outflow_status": _("What became of the company; only with an end date."),
}
FIELDS = ["company", "location", "package", "started_on", "ended_on", "outflow_status", "long_stay_reason"]
_MODEL_FIELDS = forms.fields_for_model(
    Participation,
    fields=FIELDS,
    widgets={
        "started_on": DateInput(),
        "ended_on": DateInput(),
        "long_stay_reason": forms.Textarea(attrs={"rows": 3}),
    },
    labels=LABELS,
    help_texts=HELP_TEXTS,
)


class ParticipationForm(forms.Form):
    """A stay's fields. A plain form, not a ModelForm: the service validates the model, so a broken rule
    shows as the service's field error rather than as a generic constraint message."""

    company = _MODEL_FIELDS["company"]
    location = _MODEL_FIELDS["location"]
    package = _MODEL_FIELDS["package"]
    started_on = _MODEL_FIELDS["started_on"]
    ended_on = _MODEL_FIELDS["ended_on"]
    outflow_status = _MODEL_FIELDS["outflow_status"]
    long_stay_reason = _MODEL_FIELDS["long_stay_reason"]

    def __init__(  # type: ignore[no-untyped-def]
        self,
        *args,
        companies: QuerySet | None,
        locations: QuerySet[Location],
        packages: QuerySet[ServicePackage],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if companies is None:  # editing: a stay keeps its company
            del self.fields["company"]
        else:
            self.fields["company"].queryset = companies  # type: ignore[attr-defined]
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]
        self.fields["package"].queryset = packages  # type: ignore[attr-defined]
        if len(locations) == 1:
            self.fields["location"].empty_label = None  # type: ignore[attr-defined]


class ParticipationFilterForm(forms.Form):
    q = forms.CharField(label=_("Company or KvK number"), required=False)
    location = forms.TypedChoiceField(label=_("Location"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Current and ended")), (STATUS_CURRENT, _("Current")), (STATUS_ENDED, _("Ended"))],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, locations=(), years=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", _("All locations"))] + [(loc.pk, loc.name) for loc in locations]
        self.fields["year"].choices = [("", _("All years"))] + [(year, str(year)) for year in years]
