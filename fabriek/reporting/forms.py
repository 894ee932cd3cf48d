"""The report pages' pickers: a period (?from=&to=) or a date (?on=), both optional."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fabriek.core.forms import DateInput

#: The file formats the pages offer for download.
DOWNLOAD_FORMATS = ("csv", "xlsx")


class PeriodForm(forms.Form):
    """A period [from, to]; both fields are needed together. The fields are added in __init__ because
    `from` is a Python keyword."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
        self.fields["to"] = forms.DateField(label=gettext_lazy("To"), widget=DateInput())

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
    on = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())

    def day(self) -> date | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["on"]


def bound_if_given(form_class: type[forms.Form], data: Any, names: tuple[str, ...], initial: dict[str, Any]) -> Any:
    """The form bound to the request's values when any of `names` is given, else unbound with `initial`."""
    if any(data.get(name) for name in names):
        return form_class(data)
    return form_class(initial=initial)
