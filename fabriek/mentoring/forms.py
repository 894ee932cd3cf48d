from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core import bounds
from fabriek.core.forms import DateInput, NumberField
from fabriek.mentoring.expertise import Expertise
from fabriek.mentoring.models import Mentor


class MentorForm(forms.Form):
    """The mentor and their person details on one form; the service writes both."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("A mentor who logs in with this e-mail address sees their own record."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    expertise = forms.MultipleChoiceField(
        label=_("Expertise"),
        required=False,
        choices=Expertise.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-grid"}),
        help_text=_("Staff match mentors to companies on these areas."),
    )
    expertise_note = forms.CharField(
        label=_("Other expertise"),
        max_length=500,
        required=False,
        help_text=_("In the mentor's own words, for what the list does not name."),
    )
    capacity = NumberField(
        label=_("Mentees at once"),
        minimum=bounds.MENTEES_AT_ONCE.minimum,
        maximum=bounds.MENTEES_AT_ONCE.maximum,
        initial=2,
    )
    availability = forms.CharField(
        label=_("Availability"),
        max_length=200,
        required=False,
        help_text=_("When the mentor can meet, for example: Tuesday afternoons, about four hours a month."),
    )
    active_from = forms.DateField(label=_("Active from"), widget=DateInput())
    active_until = forms.DateField(
        label=_("Active until"), required=False, widget=DateInput(), help_text=_("Leave empty while active.")
    )

    @classmethod
    def initial_for(cls, mentor: Mentor) -> dict[str, Any]:
        return {
            "name": mentor.person.name,
            "email": mentor.person.email,
            "phone": mentor.person.phone,
            "expertise": mentor.expertise or [],
            "expertise_note": mentor.expertise_note,
            "capacity": mentor.capacity,
            "availability": mentor.availability,
            "active_from": mentor.active_from,
            "active_until": mentor.active_until,
        }


class MentorFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name or e-mail"), required=False)
    active_on = forms.DateField(label=_("Active on"), required=False, widget=DateInput())
    expertise = forms.ChoiceField(
        label=_("Expertise"), required=False, choices=[("", _("All expertise")), *Expertise.choices]
    )


class MentorMatchForm(forms.Form):
    company: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Company"), queryset=None)  # type: ignore[arg-type]
    started_on = forms.DateField(label=_("Start date"), widget=DateInput())

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]
        self.fields["company"].empty_label = _("Choose a company")  # type: ignore[attr-defined]


class MentorMatchEndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DateInput())


class MatchProposeForm(forms.Form):
    """On the suggestions page: which mentor, from when (the company is the page's)."""

    mentor = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    started_on = forms.DateField(label=_("Start date"), widget=DateInput(), validators=[bounds.validate_activity_date])


class MatchRespondForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=500,
        required=False,
        help_text=_("The programme team reads this, not the company."),
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput(), validators=[bounds.validate_past_activity_date])
    minutes = NumberField(
        label=_("Minutes"),
        minimum=bounds.SESSION_MINUTES.minimum,
        maximum=bounds.SESSION_MINUTES.maximum,
        help_text=_("How long the session took, in minutes."),
    )
    topics = forms.CharField(label=_("Topics"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    follow_up = forms.CharField(
        label=_("Agreed follow-up"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the company or the mentor will do next; leave empty when nothing was agreed."),
    )


class NeedsForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Wants help with"),
        required=False,
        choices=Expertise.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-grid"}),
    )
    note = forms.CharField(
        label=_("In their own words"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HoursPeriodForm(forms.Form):
    """The period of the hours page ([from, to], `from` being a keyword the fields are added in __init__)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(
            label=_("From"), widget=DateInput(), validators=[bounds.validate_activity_date]
        )
        self.fields["to"] = forms.DateField(
            label=_("To"), widget=DateInput(), validators=[bounds.validate_activity_date]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            raise forms.ValidationError(_("The period ends before it starts."))
        return cleaned

    def period(self) -> tuple[date, date] | None:
        if not self.is_valid():
            return None
        return self.cleaned_data["from"], self.cleaned_data["to"]
