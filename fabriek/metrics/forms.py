from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core import bounds
from fabriek.core.forms import DateInput, NumberField
from fabriek.metrics.models import Observation

HELP_TEXTS: dict[str, Any] = {"fte": _("Full-time equivalents, optional; for example 2.5.")}
_MODEL_FIELDS = forms.fields_for_model(
    Observation,
    fields=["observed_on", "employees", "interns", "fte", "source"],
    widgets={"observed_on": DateInput()},
    help_texts=HELP_TEXTS,
)


_MODEL_FIELDS["observed_on"].validators.append(bounds.validate_history_date)


class ObservationForm(forms.Form):
    """A company's figures on a date. A plain form, not a ModelForm: the service validates the model, so
    a duplicate shows as the service's field error rather than as a generic constraint message."""

    observed_on = _MODEL_FIELDS["observed_on"]
    # Numbers as people write them in the page's language ("1.250,50" in Dutch), within core.bounds.
    employees = NumberField(
        label=_MODEL_FIELDS["employees"].label,
        help_text=_MODEL_FIELDS["employees"].help_text,
        minimum=bounds.EMPLOYEES.minimum,
        maximum=bounds.EMPLOYEES.maximum,
    )
    interns = NumberField(
        label=_MODEL_FIELDS["interns"].label,
        initial=0,
        minimum=bounds.INTERNS.minimum,
        maximum=bounds.INTERNS.maximum,
    )
    fte = NumberField(
        label=_MODEL_FIELDS["fte"].label,
        help_text=_MODEL_FIELDS["fte"].help_text,
        required=False,
        minimum=bounds.FTE.minimum,
        maximum=bounds.FTE.maximum,
        decimal_places=2,
    )
    revenue = NumberField(
        label=_("Revenue (EUR)"),
        help_text=_("Optional; in euros, for example 125,000 or € 125,000.50."),
        required=False,
        minimum=bounds.REVENUE_CENTS.in_euros()[0],
        maximum=bounds.REVENUE_CENTS.in_euros()[1],
        decimal_places=2,
        currency=True,
    )
    source = _MODEL_FIELDS["source"]

    def __init__(self, *args, choose_source: bool = True, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if not choose_source:  # participants report their own figures: the source is always self-report
            del self.fields["source"]
