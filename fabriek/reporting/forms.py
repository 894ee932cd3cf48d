"""The report pages' pickers: a period (?from=&to=) or a date (?on=), both optional.

Report dates lie within `bounds.EARLIEST_ACTIVITY` .. `bounds.latest_activity()`, for the pages, the
downloads and the API alike (`check_report_date`).
"""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fabriek.core import bounds
from fabriek.core.forms import DateInput

#: The file formats the pages offer for download.
DOWNLOAD_FORMATS = ("csv", "xlsx")


def check_report_date(value: date) -> None:
    """A report can be asked for any day from 1990 up to five years ahead; outside that no record can be."""
    earliest, latest = bounds.EARLIEST_ACTIVITY, bounds.latest_activity()
    if not earliest <= value <= latest:
        raise ValidationError(
            _("Choose a date from %(earliest)s to %(latest)s; %(value)s is outside the range reports cover.")
            % {
                "earliest": date_format(earliest, "DATE_FORMAT"),
                "latest": date_format(latest, "DATE_FORMAT"),
                "value": value.isoformat(),
            },
            code="out_of_range",
        )


def report_date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), validators=[check_report_date])


class PeriodForm(forms.Form):
    """A period [from, to]; both fields are needed together. The fields are added in __init__ because
    `from` is a Python keyword."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = report_date_field(gettext_lazy("From"))
        self.fields["to"] = report_date_field(gettext_lazy("To"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            raise forms.ValidationError(
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        return cleaned

    def period(self) -> tuple[date, date] | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["from"], self.cleaned_data["to"]


class DateForm(forms.Form):
    on = report_date_field(gettext_lazy("Date"))

    def day(self) -> date | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["on"]


def bound_if_given(form_class: type[forms.Form], data: Any, names: tuple[str, ...], initial: dict[str, Any]) -> Any:
    """The form bound to the request's values when any of `names` is given, else unbound with `initial`."""
    if any(data.get(name) for name in names):
        return form_class(data)
    return form_class(initial=initial)


class LocationForm(forms.Form):
    """The location to split a report by (?location=<id>); empty: the whole programme (clause 15)."""

    location: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Location"),
        empty_label=gettext_lazy("All locations"),
    )

    def __init__(self, *args: Any, locations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]

    def chosen(self) -> Any:
        """The chosen location, or None (also when the value is not one of the programme's locations)."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["location"]
