from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core import bounds
from fabriek.core.forms import DateInput
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
    employees = forms.IntegerField(
        label=_MODEL_FIELDS["employees"].label,
        help_text=_MODEL_FIELDS["employees"].help_text,
        min_value=bounds.EMPLOYEES.minimum,
        max_value=bounds.EMPLOYEES.maximum,
    )
    interns = forms.IntegerField(
        label=_MODEL_FIELDS["interns"].label,
        initial=0,
        min_value=bounds.INTERNS.minimum,
        max_value=bounds.INTERNS.maximum,
    )
    fte = forms.DecimalField(
        label=_MODEL_FIELDS["fte"].label,
        help_text=_MODEL_FIELDS["fte"].help_text,
        required=False,
        min_value=Decimal(bounds.FTE.minimum),
        max_value=Decimal(bounds.FTE.maximum),
        decimal_places=2,
        localize=True,  # Dutch users type a decimal comma; a point works too
    )
    revenue = forms.DecimalField(
        label=_("Revenue (EUR)"),
        help_text=_("Optional; in euros, for example 125000 or 125000.50."),
        required=False,
        min_value=bounds.REVENUE_CENTS.in_euros()[0],
        max_value=bounds.REVENUE_CENTS.in_euros()[1],
        decimal_places=2,
        localize=True,
    )
    source = _MODEL_FIELDS["source"]

    def __init__(self, *args, choose_source: bool = True, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if not choose_source:  # participants report their own figures: the source is always self-report
            del self.fields["source"]
