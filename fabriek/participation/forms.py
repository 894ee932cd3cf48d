from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
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


_COMPANY_HELP: dict[str, Any] = {
    "kvk_number": _("8 digits, as on the KvK extract. A company the programme already knows is found by it."),
    "postcode": _("For example 9401 AB."),
    "municipality_code": _("CBS code, for example GM0106 for Assen."),
}
_COMPANY_FIELDS = forms.fields_for_model(
    Company,
    fields=["kvk_number", "name", "founded_on", "postcode", "municipality_code"],
    widgets={"founded_on": DateInput()},
    help_texts=_COMPANY_HELP,
)


class StarterForm(forms.Form):
    """A new participant in one form: the company, its stay and (optionally) its founder.

    A plain form: the KvK number may belong to a company the programme already knows (the service then
    adds the stay to it), so the form must not refuse it as "already exists"."""

    kvk_number = _COMPANY_FIELDS["kvk_number"]
    name = _COMPANY_FIELDS["name"]
    founded_on = _COMPANY_FIELDS["founded_on"]
    postcode = _COMPANY_FIELDS["postcode"]
    municipality_code = _COMPANY_FIELDS["municipality_code"]
    location = _MODEL_FIELDS["location"]
    package = _MODEL_FIELDS["package"]
    started_on = _MODEL_FIELDS["started_on"]
    founder_name = forms.CharField(label=_("Founder's name"), max_length=200, required=False)
    founder_email = forms.EmailField(label=_("Founder's e-mail"), required=False)
    founder_phone = forms.CharField(label=_("Founder's phone"), max_length=30, required=False)

    def __init__(  # type: ignore[no-untyped-def]
        self, *args, locations: QuerySet[Location], packages: QuerySet[ServicePackage], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]
        self.fields["package"].queryset = packages  # type: ignore[attr-defined]
        if len(locations) == 1:
            self.fields["location"].empty_label = None  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("founder_email") or data.get("founder_phone")) and not data.get("founder_name"):
            self.add_error("founder_name", _("Give the founder's name too."))
        return data

    @property
    def company_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("kvk_number", "name", "founded_on", "postcode", "municipality_code")]

    @property
    def stay_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("location", "package", "started_on")]

    @property
    def founder_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("founder_name", "founder_email", "founder_phone")]
