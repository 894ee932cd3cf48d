"""Reads of companies, always through the user's membership so nobody sees what is not theirs."""

from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When
from django.http import Http404

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Company, CompanyRole

#: What the search box above a company select looks in (part of the name or of the KvK number).
COMPANY_SEARCH_LOOKUPS = ("name", "kvk_number")


def company_visible(*, membership: Membership) -> QuerySet[Company]:
    """The companies this member may see: all of the programme's for staff, those that ever stayed at
    the location for a location manager, their own for a participant, none for the other roles."""
    qs = Company.objects.filter(programmes=membership.programme)
    if membership.role == Role.STAFF:
        return qs
    if membership.role == Role.LOCATION_MANAGER:
        return qs.filter(participations__location=membership.location_id).distinct()
    if membership.role == Role.PARTICIPANT:
        return qs.filter(pk=membership.company_id or 0)
    return qs.none()


def company_filter_locations(*, membership: Membership) -> QuerySet[Any]:
    """The locations a member may filter companies by: a location manager only their own."""
    locations = membership.programme.locations.order_by("name")
    if membership.role == Role.LOCATION_MANAGER:
        return locations.filter(pk=membership.location_id or 0)
    return locations


def company_participations(*, membership: Membership, company: Company) -> QuerySet[Any]:
    """The company's stays in the programme that this member may see (a location manager: at their location)."""
    stays = company.participations.filter(programme=membership.programme)  # type: ignore[attr-defined]
    if membership.role == Role.LOCATION_MANAGER:
        stays = stays.filter(location_id=membership.location_id or 0)
    return stays.select_related("location", "package").order_by("-started_on")


def company_list(*, membership: Membership, search: str = "", location_id: int | None = None) -> QuerySet[Company]:
    qs = company_visible(membership=membership)
    if location_id and not company_filter_locations(membership=membership).filter(pk=location_id).exists():
        # another location's id: answering would tell which companies also stayed there
        return qs.none()
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(kvk_number__startswith=search.strip()))
    if location_id:
        qs = qs.filter(
            participations__location_id=location_id, participations__programme=membership.programme
        ).distinct()
    return qs.order_by("name", "pk")


def company_get(*, membership: Membership, pk: int) -> Company:
    """One visible company, or 404 (also for companies of other programmes: their existence stays hidden)."""
    company = company_visible(membership=membership).filter(pk=pk).first()
    if company is None:
        raise Http404
    return company


def programme_people_q(programme: Any) -> Q:
    """Which people a programme knows, as a filter on Person: the one definition of "a person of the programme".

    A person has no programme of their own (people are shared between programmes); a programme knows a person
    who has a role (founder, contact, employee, intern) at one of its companies, registered for one of its
    events, is one of its mentors, or has an account that is a member of it. Combine with `.distinct()`.
    """
    return (
        Q(company_roles__company__programmes=programme)
        | Q(attendances__event__programme=programme)
        | Q(mentorships__programme=programme)
        | Q(user__memberships__programme=programme)
    )


def company_people(*, membership: Membership, company: Company) -> QuerySet[CompanyRole]:
    """The founders and contacts (and other roles) of a visible company, founders first, then by name."""
    founders_first = Case(When(role=CompanyRole.Role.FOUNDER, then=Value(0)), default=Value(1))
    return (
        CompanyRole.objects.filter(company=company)
        .select_related("person")
        .order_by(founders_first, "role", "person__name", "pk")
    )
