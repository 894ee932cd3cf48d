from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fabriek.core.numbers import NumberError, parse_decimal, write


def add_validation_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(format="%Y-%m-%d", **kwargs)


def error_summary(form: forms.BaseForm) -> list[str]:
    """The form's errors as sentences naming the field ("Date: Enter a valid date."), for a 400 page."""
    return [
        f"{form[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


class NumberField(forms.Field):
    """A number typed the way people write it in the page's language ("1.250,50" in Dutch, "1,250.50" in
    English), read by `core.numbers`, within [minimum, maximum] and with at most `decimal_places` decimals.
    Whole numbers (decimal_places=0) come back as int, others as Decimal; a stored value is shown the same
    way, so what the form shows is what it reads back."""

    def __init__(
        self,
        *,
        minimum: int | Decimal,
        maximum: int | Decimal,
        decimal_places: int = 0,
        currency: bool = False,
        **kwargs: Any,
    ) -> None:
        self.minimum, self.maximum = Decimal(minimum), Decimal(maximum)
        self.decimal_places = decimal_places
        self.currency = currency
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal" if minimum >= 0 else "text"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | Decimal | None:
        if value in self.empty_values:
            return None
        language = translation.get_language()
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            try:
                number = parse_decimal(str(value), language=language, currency=self.currency)
            except NumberError as error:
                raise ValidationError(error.message, code="invalid") from None
        text = str(value).strip()
        if number != number.quantize(Decimal(1).scaleb(-self.decimal_places)):
            if self.decimal_places == 0:
                raise ValidationError(_("%(value)s is not a whole number.") % {"value": text}, code="invalid")
            raise ValidationError(
                _("%(value)s has more than %(places)d decimals.") % {"value": text, "places": self.decimal_places},
                code="invalid",
            )
        if number < self.minimum:
            raise ValidationError(
                _("%(value)s is too small; the least accepted is %(minimum)s.")
                % {"value": text, "minimum": write(self.minimum, language)},
                code="min_value",
            )
        if number > self.maximum:
            raise ValidationError(
                _("%(value)s is too large; the most accepted is %(maximum)s.")
                % {"value": text, "maximum": write(self.maximum, language)},
                code="max_value",
            )
        return int(number) if self.decimal_places == 0 else number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return write(Decimal(value), translation.get_language())
        return value


#: Django's empty choice: a row of dashes that says nothing.
DASHES = "---------"


def empty_choice_label(field: forms.Field) -> str:
    """A sentence for a select's empty choice: "Choose a location" ("Kies een locatie") for a required field,
    "No location" ("Geen locatie") for an optional one."""
    thing = str(field.label or "").rstrip(":").strip()
    thing = thing[:1].lower() + thing[1:]
    if not field.required:
        return _("No %(thing)s") % {"thing": thing}
    if thing[:1] in "aeiou" and get_language() == "en":
        return _("Choose an %(thing)s") % {"thing": thing}
    return _("Choose a %(thing)s") % {"thing": thing}


class SentenceChoicesBoundField(forms.BoundField):
    """Renders a select's "---------" empty choice as a sentence (see `empty_choice_label`), in every form,
    through `SentenceChoicesRenderer`."""

    def as_widget(self, widget: Any = None, attrs: Any = None, only_initial: bool = False) -> Any:
        field = self.field
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == DASHES:
            field.empty_label = empty_choice_label(field)
            field.widget.choices = field.choices  # type: ignore[attr-defined]
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = list(field.choices)  # type: ignore[arg-type]
            if any(value == "" and label == DASHES for value, label in choices):
                field.choices = [
                    (value, empty_choice_label(field) if value == "" and label == DASHES else label)
                    for value, label in choices
                ]
        return super().as_widget(widget, attrs, only_initial)


class SentenceChoicesRenderer(DjangoTemplates):
    bound_field_class = SentenceChoicesBoundField


#: The most options one search of a long select shows; a narrower search finds the rest.
SEARCH_OPTIONS_LIMIT = 50


def searched_options(request: Any, queryset: Any, field: forms.Field, lookups: Sequence[str]) -> Any:
    """The answer to the search box above a long select (includes/form.html): the options of `queryset` whose
    `lookups` (e.g. "name", "kvk_number") contain ?q=, at most SEARCH_OPTIONS_LIMIT, with the field's empty
    choice. `queryset` must be exactly what the form accepts, so the search never offers more."""
    from django.db.models import Q
    from django.shortcuts import render

    query = request.GET.get("q", "").strip()[:100]
    if query:
        condition = Q()
        for lookup in lookups:
            condition |= Q(**{f"{lookup}__icontains": query})
        queryset = queryset.filter(condition)
    found = list(queryset[: SEARCH_OPTIONS_LIMIT + 1])
    context = {
        "empty_label": empty_choice_label(field),
        "options": [(item.pk, str(item)) for item in found[:SEARCH_OPTIONS_LIMIT]],
        "more": len(found) > SEARCH_OPTIONS_LIMIT,
        "none": not found,
    }
    return render(request, "includes/select_options.html", context)
