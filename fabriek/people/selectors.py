"""Reads of people, always through the member's programme and role.

Who sees whom (`person_visible`), in one place:
- a person belongs to a programme's view when the programme knows them (`programme_people_q`: a role at one
  of its companies, an event registration, a mentorship, or an account that is a member);
- staff see all of those;
- a location manager sees the people of the companies that ever stayed at their location, the programme's
  mentors and the attendees of the events they may change (their location's and those without a location,
  see `fabriek.events.selectors`), not the founders of companies or the attendees of events at other
  locations;
- a participant sees the people of their own company;
- a mentor sees the people of the companies they coach now (their current mentees);
- everyone except the funder sees themselves (the person linked to their account), if the programme knows them;
- the funder sees no personal data at all.
"""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import CompanyRole, Person
from fabriek.companies.selectors import company_visible, programme_people_q
from fabriek.events.models import Attendance
from fabriek.events.selectors import ATTENDEE_READERS, changeable_events_q
from fabriek.mentoring.models import Mentor
from fabriek.mentoring.selectors import mentee_list


def _self(user: Any) -> Q:
    return Q(user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])


def person_visible(*, membership: Membership, user: Any) -> QuerySet[Person]:
    """The people this member may see (see the module docstring)."""
    programme = membership.programme
    role = membership.role
    if role == Role.FUNDER:
        return Person.objects.none()
    if role == Role.STAFF:
        scope = programme_people_q(programme)
    elif role == Role.LOCATION_MANAGER:
        scope = (
            Q(
                company_roles__company__participations__location=membership.location_id,
                company_roles__company__participations__programme=programme,
            )
            | changeable_events_q(membership, "attendances__event__")
            | Q(mentorships__programme=programme)
            | _self(user)
        )
    elif role == Role.PARTICIPANT:
        scope = Q(company_roles__company=membership.company_id or 0) | _self(user)
    elif role == Role.MENTOR:
        mentees = mentee_list(membership=membership, user=user).values("company_id")
        scope = Q(company_roles__company__in=mentees) | _self(user)
    else:
        scope = _self(user)
    # The subquery keeps the outer query free of the joins (and their duplicate rows), so pagination counts
    # and orders people, not links.
    ids = Person.objects.filter(programme_people_q(programme)).filter(scope).values("pk")
    return Person.objects.filter(pk__in=ids)


def person_list(*, membership: Membership, user: Any, search: str = "") -> QuerySet[Person]:
    """Visible people by name, e-mail or phone, alphabetically, each with their roles at the visible companies."""
    qs = person_visible(membership=membership, user=user)
    search = search.strip()
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(email__icontains=search) | Q(phone__icontains=search))
    roles = CompanyRole.objects.filter(company__in=company_visible(membership=membership)).select_related("company")
    return qs.prefetch_related(Prefetch("company_roles", queryset=roles.order_by("company__name"), to_attr="roles"))


def person_get(*, membership: Membership, user: Any, pk: int) -> Person:
    """One visible person, or 404 (also for people of other programmes: their existence stays hidden)."""
    person = person_visible(membership=membership, user=user).select_related("user").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_is_self(*, person: Person, user: Any) -> bool:
    return person.user_id is not None and person.user_id == getattr(user, "pk", None)


def person_can_edit(*, membership: Membership, user: Any, person: Person) -> bool:
    """Staff correct anyone they see; everybody else only themselves."""
    return membership.role == Role.STAFF or person_is_self(person=person, user=user)


def person_company_roles(*, membership: Membership, person: Person) -> QuerySet[CompanyRole]:
    """The person's roles at the companies this member may see (other locations' and programmes' stay hidden)."""
    return (
        CompanyRole.objects.filter(person=person, company__in=company_visible(membership=membership))
        .select_related("company")
        .order_by("company__name", "role")
    )


def _sees_activity(*, membership: Membership, user: Any, person: Person) -> bool:
    # Who attends events and who mentors is seen by the roles that run them, and by the person themselves.
    return membership.role in ATTENDEE_READERS or person_is_self(person=person, user=user)


def person_attendances(*, membership: Membership, user: Any, person: Person) -> QuerySet[Attendance]:
    """The person's registrations for this programme's events, newest first (staff, location managers, self)."""
    if not _sees_activity(membership=membership, user=user, person=person):
        return Attendance.objects.none()
    return (
        Attendance.objects.filter(person=person, event__programme=membership.programme)
        .select_related("event", "event__location")
        .order_by("-event__starts_at", "pk")
    )


def person_mentorships(*, membership: Membership, user: Any, person: Person) -> QuerySet[Mentor]:
    """The person's spans as a mentor of this programme (staff, location managers, self)."""
    if not _sees_activity(membership=membership, user=user, person=person):
        return Mentor.objects.none()
    return Mentor.objects.filter(person=person, programme=membership.programme).order_by("-active_from")
