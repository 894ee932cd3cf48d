from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.accounts.models import User
from fabriek.core import bounds
from fabriek.core.forms import DateInput
from fabriek.intake.models import (
    SCORE_MAX,
    SCORE_MIN,
    Application,
    ApplicationStatus,
    Criterion,
    Lead,
    LeadSource,
    LeadStatus,
    Outcome,
)
from fabriek.intake.services import LEAD_FIELDS
from fabriek.programmes.models import Location, Programme, ServicePackage


def _limit_to_programme(form: forms.ModelForm, programme: Programme) -> None:  # type: ignore[type-arg]
    """Offer only the programme's own partners, events, locations and packages."""
    querysets = {
        "partner": programme.partners.order_by("name"),
        "event": programme.events.order_by("-starts_at"),
        "location": programme.locations.order_by("name"),
        "wanted_location": Location.objects.filter(programme=programme).order_by("name"),
        "wanted_package": ServicePackage.objects.filter(programme=programme).order_by("name"),
    }
    for name, queryset in querysets.items():
        if name in form.fields:
            form.fields[name].queryset = queryset  # type: ignore[attr-defined]


class LeadForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Lead
        fields = list(LEAD_FIELDS)
        widgets = {"next_action_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_to_programme(self, programme)


class PartnerLeadForm(forms.ModelForm):  # type: ignore[type-arg]
    """What a partner tells about someone it refers: no status, no notes (those are the team's)."""

    class Meta:
        model = Lead
        fields = ["name", "email", "phone", "company_name", "kvk_number"]


class LeadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *LeadStatus.choices])
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("Any source")), *LeadSource.choices])


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ApplicationStatus.choices]
    )


QUESTIONS = ("activity", "ambition", "business_model", "support_need")


class ApplicationForm(forms.ModelForm):  # type: ignore[type-arg]
    """The public application form: the company, its founder, the seed's intake questions, and consent."""

    #: a field people do not see and robots fill in: a filled one marks the submission as spam
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Application
        fields = [
            "kvk_number",
            "company_name",
            "founded_on",
            "street",
            "postcode",
            "city",
            "sbi_code",
            "founder_name",
            "founder_email",
            "founder_phone",
            *QUESTIONS,
            "wanted_package",
            "wanted_location",
            "consent_follow_up",
        ]
        labels = {
            "founder_name": _("Your name"),
            "founder_email": _("Your e-mail"),
            "founder_phone": _("Your phone"),
        }
        help_texts = {
            "kvk_number": _("8 digits. Not registered yet? Leave it empty and tell us in your answers."),
        }
        widgets = {
            "founded_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in QUESTIONS},
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_to_programme(self, programme)
        for name in ("founder_name", "founder_email", *QUESTIONS):
            self.fields[name].required = True
        self.fields["wanted_package"].empty_label = _("Choose a package")  # type: ignore[attr-defined]
        self.fields["wanted_location"].empty_label = _("Choose a location")  # type: ignore[attr-defined]
        # only the locations a starter can actually join
        wanted_location: Any = self.fields["wanted_location"]
        wanted_location.queryset = wanted_location.queryset.filter(status=Location.Status.ACTIVE)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, str(value)) for value in range(SCORE_MIN, SCORE_MAX + 1)]
        for criterion, label in Criterion.choices:
            self.fields[criterion] = forms.TypedChoiceField(
                label=label, choices=choices, coerce=int, widget=forms.RadioSelect
            )
        self.order_fields([*Criterion.values, "comment"])

    def scores(self) -> dict[str, int]:
        return {criterion: self.cleaned_data[criterion] for criterion in Criterion.values}


class AssignReviewerForm(forms.Form):
    reviewer: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Reviewer"), queryset=User.objects.none(), empty_label=_("Choose a reviewer")
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = candidates  # type: ignore[attr-defined]
        self.fields["reviewer"].label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    location: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Location"), queryset=Location.objects.none(), required=False, empty_label=_("Choose a location")
    )
    package: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Service package"),
        queryset=ServicePackage.objects.none(),
        required=False,
        empty_label=_("Choose a package"),
    )
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(programme=programme).order_by("name")  # type: ignore[attr-defined]
        self.fields["package"].queryset = ServicePackage.objects.filter(programme=programme).order_by("name")  # type: ignore[attr-defined]


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year: Any = self.fields["year"]
        year.min_value, year.max_value = bounds.EARLIEST_ACTIVITY.year, bounds.latest_activity().year
        year.validators += bounds.NumberBound(year.min_value, year.max_value).validators()
