from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fabriek.core.forms import DateInput
from fabriek.events.models import Event
from fabriek.partners.models import Partner
from fabriek.programmes.forms import ServiceValidatedModelForm
from fabriek.programmes.models import Location


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; values are shown and read in the current time zone (Amsterdam)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(ServiceValidatedModelForm):
    class Meta:
        model = Event
        fields = ["title", "kind", "starts_at", "ends_at", "location", "partners"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "partners": forms.CheckboxSelectMultiple(),
        }
        help_texts = {"starts_at": _("Amsterdam time."), "ends_at": _("Amsterdam time.")}

    def __init__(self, *args: Any, locations: QuerySet[Location], partners: QuerySet[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only this programme's locations and partners can be chosen; anything else is an invalid choice.
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Someone this programme already knows by this e-mail address is registered as that person."),
    )


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search title"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices])
    location = forms.TypedChoiceField(label=_("Location"), required=False, coerce=int, empty_value=None)
    starts_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    starts_until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, locations: QuerySet[Location] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [  # type: ignore[attr-defined]
            ("", _("All locations")),
            *((loc.pk, loc.name) for loc in locations or ()),
        ]
