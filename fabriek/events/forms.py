from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fabriek.core.forms import DateInput
from fabriek.events.models import Event, EventSeries
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
        fields = ["title", "kind", "starts_at", "ends_at", "location", "partners", "public", "capacity", "series"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "partners": forms.CheckboxSelectMultiple(),
        }
        help_texts = {"starts_at": _("Amsterdam time."), "ends_at": _("Amsterdam time.")}

    def __init__(
        self,
        *args: Any,
        locations: QuerySet[Location],
        partners: QuerySet[Partner],
        series: QuerySet[EventSeries] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Only this programme's locations, partners and series can be chosen; anything else is an invalid choice.
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]
        self.fields["series"].queryset = series if series is not None else EventSeries.objects.none()  # type: ignore[attr-defined]


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


class PublicRegistrationForm(forms.Form):
    """The public page's registration: name, e-mail, company (optional) and two separate consents, none
    ticked beforehand. `website` is a honeypot: people do not see it, robots fill it in."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The confirmation and your QR code for the door go here."))
    company_name = forms.CharField(label=_("Company (optional)"), max_length=200, required=False)
    photo_consent = forms.BooleanField(
        label=_("Photos taken at the event in which I can be seen may be used in the organisers' publications."),
        required=False,
    )
    mail_consent = forms.BooleanField(
        label=_(
            "I would like mail about future events from the organisers (the programme and its co-organising partners)."
        ),
        required=False,
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def registration_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "website"}


class SeriesForm(ServiceValidatedModelForm):
    class Meta:
        model = EventSeries
        fields = ["title", "required_sessions"]
