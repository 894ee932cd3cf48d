"""`{% survey_history company %}`: the company page's survey history, rendered by the surveys app so the
companies app (a lower layer) needs no import of it."""

from typing import Any

from django import template

from fabriek.surveys.selectors import company_survey_history

register = template.Library()


@register.inclusion_tag("surveys/includes/history.html", takes_context=True)
def survey_history(context: Any, company: Any) -> dict[str, Any]:
    membership = context.get("membership")
    invitations = (
        list(company_survey_history(programme=membership.programme, company=company)) if membership is not None else []
    )
    return {
        "invitations": invitations,
        "programme": membership.programme if membership is not None else None,
        "membership": membership,
    }
