from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.translation import gettext_lazy as _

from fabriek.accounts.access import allows

#: The main navigation, in order. An item shows only when its view's access rule admits the user's role,
#: so the menu can never offer a page that would answer 403.
NAVIGATION = [
    ("homes:home", _("Home")),
    ("reporting:dashboard", _("Dashboard")),
    ("companies:company-list", _("Companies")),
    ("people:person-list", _("People")),
    ("participation:participation-list", _("Participations")),
    ("programmes:location-list", _("Locations")),
    ("spaces:overview", _("Desks and rooms")),
    ("spaces:book", _("Book a desk")),
    ("partners:partner-list", _("Partners")),
    ("mentoring:mentor-list", _("Mentors")),
    ("events:event-list", _("Events")),
    ("intake:lead-list", _("Leads")),
    ("intake:application-list", _("Applications")),
    ("reporting:inflow-outflow", _("In/outflow")),
    ("reporting:jobs-created", _("Jobs created")),
    ("reporting:contributions", _("Contributions")),
    ("survey-admin:response-rates", _("Surveys")),
    ("imports:import-upload", _("Import")),
    ("audit-log", _("Audit log")),
    ("invitations:invitation-list", _("Invitations")),
    ("mail:outbox-list", _("Mail")),
    ("deletions:deletion-list", _("Deleted")),
    ("privacy:person-search", _("Personal data")),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    slug = membership.programme.slug
    items = []
    for name, label in NAVIGATION:
        try:
            url = reverse(name, kwargs={"programme": slug})
        except NoReverseMatch:
            continue
        if allows(resolve(url).func, membership.role):
            items.append(
                {
                    "url": url,
                    "label": label,
                    "active": (request.path.startswith(url) and url != f"/p/{slug}/") or request.path == url,
                }
            )
    return {"nav_items": items, "membership": membership, "programme": membership.programme}


def can_write(request: HttpRequest) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role != "funder"
