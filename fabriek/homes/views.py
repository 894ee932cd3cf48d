"""Each role's own home page (see `fabriek.accounts.homes` for who lands where)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fabriek.accounts.access import programme_view
from fabriek.accounts.homes import OWN_HOME_ROLES
from fabriek.accounts.models import Membership, Role
from fabriek.companies import selectors as company_selectors
from fabriek.events import selectors as event_selectors
from fabriek.mentoring import selectors as mentor_selectors
from fabriek.metrics import selectors as metric_selectors
from fabriek.participation import selectors as participation_selectors
from fabriek.partners import selectors as partner_selectors
from fabriek.spaces import selectors as space_selectors
from fabriek.surveys import selectors as survey_selectors

#: How many upcoming events a home shows.
UPCOMING = 5


@programme_view(OWN_HOME_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    build = {
        Role.LOCATION_MANAGER: _location_manager,
        Role.PARTICIPANT: _participant,
        Role.MENTOR: _mentor,
        Role.PARTNER: _partner,
    }[Role(membership.role)]
    template, context = build(request, membership)
    return render(request, template, context)


def _upcoming_events(membership: Membership, **filters: Any) -> Any:
    today = timezone.localdate()
    events = event_selectors.event_list(programme=membership.programme, starts_from=today, **filters)
    return events.order_by("starts_at", "pk")[:UPCOMING]


def _location_manager(request: HttpRequest, membership: Membership) -> tuple[str, dict[str, Any]]:
    current = participation_selectors.participation_current(membership=membership)
    return "homes/location_manager.html", {
        "location": membership.location,
        "current": current,
        "ending_soon": participation_selectors.participation_ending_soon(membership=membership),
        "ending_soon_days": participation_selectors.ENDING_SOON_DAYS,
        "recent_figures": metric_selectors.observation_recent(
            programme=membership.programme,
            companies=company_selectors.company_visible(membership=membership).filter(
                pk__in=current.values("company_id")
            ),
        ),
        "events": _upcoming_events(membership, location_id=membership.location_id),
    }


def _participant(request: HttpRequest, membership: Membership) -> tuple[str, dict[str, Any]]:
    company = company_selectors.company_get(membership=membership, pk=membership.company_id or 0)
    figures = metric_selectors.observation_list(programme=membership.programme, company=company)
    latest = figures.first()
    today = timezone.localdate()
    return "homes/participant.html", {
        "company": company,
        "stays": participation_selectors.participation_current(membership=membership),
        "latest": latest,
        # figures older than half a year no longer tell the programme how the company is doing
        "figures_due": latest is None or (today - latest.observed_on).days > 182,
        "open_surveys": list(survey_selectors.invitation_open_for_participant(membership=membership)),
        "people": company_selectors.company_people(membership=membership, company=company),
        "events": _upcoming_events(membership),
        "desk_days": space_selectors.desk_days_for_participant(membership=membership, today=today),
        "fixed_desk": space_selectors.fixed_desk_of(membership=membership, today=today),
    }


def _mentor(request: HttpRequest, membership: Membership) -> tuple[str, dict[str, Any]]:
    mentors = list(mentor_selectors.mentor_visible(membership=membership, user=request.user).select_related("person"))
    return "homes/mentor.html", {
        "mentors": mentors,
        "mentees": mentor_selectors.mentee_list(membership=membership, user=request.user),
        "proposals": mentor_selectors.proposals_waiting(membership=membership, user=request.user),
        "follow_ups": mentor_selectors.open_follow_ups(membership=membership, user=request.user),
        "attended": event_selectors.event_list(programme=membership.programme)
        .filter(attendances__person__in=[m.person_id for m in mentors])
        .order_by("-starts_at", "pk")[:UPCOMING],
        "events": _upcoming_events(membership),
    }


def _partner(request: HttpRequest, membership: Membership) -> tuple[str, dict[str, Any]]:
    partner = partner_selectors.partner_get(membership=membership, pk=membership.partner_id or 0)
    co_organised = event_selectors.event_list(programme=membership.programme, partner_id=partner.pk)
    today = timezone.localdate()
    return "homes/partner.html", {
        "partner": partner,
        "upcoming": co_organised.filter(starts_at__date__gte=today).order_by("starts_at", "pk")[:UPCOMING],
        "past": co_organised.filter(starts_at__date__lt=today)[:10],
        "past_count": co_organised.filter(starts_at__date__lt=today).count(),
    }
