"""The mentoring section of a company's page. The company page lives in `companies`, a layer below
mentoring, so it cannot import mentoring's selectors; it loads this tag instead, which reads them."""

from typing import Any

from django import template

from fabriek.accounts.models import Role
from fabriek.mentoring import selectors

register = template.Library()


@register.inclusion_tag("mentoring/_company_mentoring.html", takes_context=True)
def company_mentoring(context: template.Context, company: Any) -> dict[str, Any]:
    """Staff and the company's participants see its mentorships with their sessions and its needs; other
    roles see nothing here (a location manager reads mentors on the mentor pages, without session notes)."""
    request = context["request"]
    membership = context.get("membership")
    if membership is None or membership.role not in (Role.STAFF, Role.PARTICIPANT):
        return {"shown": False}
    return {
        "shown": True,
        "company": company,
        "programme": context["programme"],
        "membership": membership,
        "matches": list(selectors.company_matches(membership=membership, user=request.user, company=company)),
        "needs": selectors.company_needs(programme=membership.programme, company=company),
        "csrf_token": context.get("csrf_token"),
    }
