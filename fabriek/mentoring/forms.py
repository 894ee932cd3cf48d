from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core.forms import DateInput
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
    expertise = forms.CharField(
        label=_("Expertise"),
        required=False,
        help_text=_("Separate tags with commas, for example: finance, marketing, med-tech."),
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
            "expertise": ", ".join(mentor.expertise or []),
            "active_from": mentor.active_from,
            "active_until": mentor.active_until,
        }

    def clean_expertise(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["expertise"].split(",") if tag.strip()]


class MentorFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name or e-mail"), required=False)
    active_on = forms.DateField(label=_("Active on"), required=False, widget=DateInput())
    expertise = forms.ChoiceField(label=_("Expertise"), required=False)

    def __init__(self, *args: Any, tags: list[str] = [], **kwargs: Any) -> None:  # noqa: B006 - never mutated
        super().__init__(*args, **kwargs)
        self.fields["expertise"].choices = [("", _("All expertise")), *((tag, tag) for tag in tags)]  # type: ignore[attr-defined]


class MentorMatchForm(forms.Form):
    company: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Company"), queryset=None)  # type: ignore[arg-type]
    started_on = forms.DateField(label=_("Start date"), widget=DateInput())

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]
        self.fields["company"].empty_label = _("Choose a company")  # type: ignore[attr-defined]


class MentorMatchEndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DateInput())
