"""The survey form: the core questions (named as pinned: employees, interns, fte, revenue_eur), the outflow
status in the exit survey, then the programme's own questions. Numbers are read as people write them in the
page's language and checked against `core.bounds`, exactly as the observation form does."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core import bounds
from fabriek.core.forms import NumberField
from fabriek.participation.models import OutflowStatus
from fabriek.surveys.models import Kind, QuestionType, SurveyDefinition

#: The core questions' field names, as pinned (other tools fill the form by these names).
CORE_FIELDS = ("employees", "interns", "fte", "revenue_eur")
OUTFLOW_FIELD = "outflow_status"


#: How the kept answers are labelled where staff read them (the company page's survey history).
ANSWER_LABELS: dict[str, Any] = {
    "employees": _("Employees"),
    "interns": _("Interns"),
    "fte": _("FTE"),
    "revenue_eur": _("Revenue (EUR)"),
    OUTFLOW_FIELD: _("Outflow status"),
}


def answer_rows(answers: dict[str, Any], definition: SurveyDefinition | None) -> list[tuple[str, Any]]:
    """The answers as (label, value) rows: core labels, a question's own text, else its key."""
    texts = {q.key: q.text for q in definition.questions.all()} if definition is not None else {}
    return [(str(ANSWER_LABELS.get(key) or texts.get(key) or key), value) for key, value in answers.items()]


def _core_fields() -> dict[str, forms.Field]:
    return {
        "employees": NumberField(
            label=_("How many employees does your company have?"),
            help_text=_("Headcount on the reference date, founders excluded."),
            minimum=bounds.EMPLOYEES.minimum,
            maximum=bounds.EMPLOYEES.maximum,
        ),
        "interns": NumberField(
            label=_("How many interns?"),
            initial=0,
            minimum=bounds.INTERNS.minimum,
            maximum=bounds.INTERNS.maximum,
        ),
        "fte": NumberField(
            label=_("How many full-time equivalents (FTE) do the employees make together?"),
            help_text=_("Optional; for example 2.5."),
            required=False,
            minimum=bounds.FTE.minimum,
            maximum=bounds.FTE.maximum,
            decimal_places=2,
        ),
        "revenue_eur": NumberField(
            label=_("What was your revenue over the last twelve months (EUR)?"),
            help_text=_("Optional; in euros, for example 125,000 or € 125,000.50."),
            required=False,
            minimum=bounds.REVENUE_CENTS.in_euros()[0],
            maximum=bounds.REVENUE_CENTS.in_euros()[1],
            decimal_places=2,
            currency=True,
        ),
    }


class SurveyForm(forms.Form):
    def __init__(self, *args: Any, definition: SurveyDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_core_fields())
        if definition.kind == Kind.EXIT:
            self.fields[OUTFLOW_FIELD] = forms.ChoiceField(
                label=_("What do you do now?"),
                choices=OutflowStatus.choices,
                widget=forms.RadioSelect,
            )
        for question in definition.questions.all():
            self.fields[f"q_{question.key}"] = self._question_field(question)

    @staticmethod
    def _question_field(question: Any) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        if question.type == QuestionType.COUNT:
            return NumberField(minimum=0, maximum=bounds.EMPLOYEES.maximum, **common)
        if question.type == QuestionType.AMOUNT:
            low, high = bounds.REVENUE_CENTS.in_euros()
            return NumberField(minimum=low, maximum=high, decimal_places=2, currency=True, **common)
        if question.type == QuestionType.CHOICE:
            return forms.ChoiceField(choices=question.choice_options(), widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as JSON-safe values (numbers as strings, so decimals stay exact)."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if value is None or value == "":
                continue
            out[name.removeprefix("q_")] = value if isinstance(value, str) else str(value)
        return out


class StaffEntryForm(SurveyForm):
    """Staff enter answers a founder gave by phone; the note says so."""

    note = forms.CharField(label=_("Note"), max_length=300, initial=_("by phone"))
