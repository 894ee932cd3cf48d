"""`{% survey_history company %}`: the company page's survey history, rendered by the surveys app so the
companies app (a lower layer) needs no import of it."""

from typing import Any

from django import template

from fabriek.surveys.forms import answer_rows
from fabriek.surveys.models import SurveyDefinition
from fabriek.surveys.selectors import company_survey_history

register = template.Library()


@register.inclusion_tag("surveys/includes/history.html", takes_context=True)
def survey_history(context: Any, company: Any) -> dict[str, Any]:
    membership = context.get("membership")
    if membership is None:
        return {"rows": []}
    invitations = list(company_survey_history(programme=membership.programme, company=company))
    definitions = {
        d.kind: d for d in SurveyDefinition.objects.filter(programme=membership.programme).prefetch_related("questions")
    }
    rows = []
    for invitation in invitations:
        response = getattr(invitation, "response", None) if invitation.answered_at else None
        answers = answer_rows(response.answers, definitions.get(invitation.kind)) if response else []
        rows.append({"invitation": invitation, "response": response, "answers": answers})
    return {"rows": rows, "programme": membership.programme, "membership": membership}
