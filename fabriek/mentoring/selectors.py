"""Reads of mentors, always through the member's programme and role."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Company
from fabriek.mentoring.expertise import read_expertise
from fabriek.mentoring.models import MatchStatus, Mentor, MentoringNeeds, MentoringSession, MentorMatch
from fabriek.programmes.models import Programme


def mentor_visible(*, membership: Membership, user: Any) -> QuerySet[Mentor]:
    """The mentor records this member may see: all of the programme's for staff and location managers;
    for a `mentor` member only their own.

    A membership does not point at a Mentor row (a mentor is a Person; a user is who logs in), so a mentor's
    own record is the one whose person is linked to the user's account, or, for people not linked yet, whose
    person's e-mail equals the logged-in user's e-mail, ignoring case.
    Other roles see none.
    """
    qs = Mentor.objects.filter(programme=membership.programme)
    if membership.role in (Role.STAFF, Role.LOCATION_MANAGER):
        return qs
    if membership.role == Role.MENTOR:
        own = Q(person__user=user)
        if user.email:
            own |= Q(person__email__iexact=user.email)
        return qs.filter(own)
    return qs.none()


def _active_on(on: date) -> Q:
    return Q(active_from__lte=on) & (Q(active_until__isnull=True) | Q(active_until__gte=on))


def mentor_list(
    *, membership: Membership, user: Any, search: str = "", active_on: date | None = None, expertise: str = ""
) -> QuerySet[Mentor]:
    """Visible mentors, filtered by name or e-mail, by being active on a date, and by an expertise (its code,
    or its label in either language).

    Expertise is a JSON list of codes. Containment in a JSON list is not a lookup SQLite offers, so the tag filter
    reads the visible mentors' (id, expertise) pairs in one query and keeps the ids in SQL; a programme has
    tens of mentors, not thousands.
    """
    qs = mentor_visible(membership=membership, user=user).select_related("person")
    if search:
        qs = qs.filter(Q(person__name__icontains=search) | Q(person__email__icontains=search))
    if active_on:
        qs = qs.filter(_active_on(active_on))
    if expertise:
        wanted = read_expertise(expertise)
        ids = [pk for pk, codes in qs.values_list("pk", "expertise") if wanted in (codes or [])]
        qs = qs.filter(pk__in=ids)
    return qs.order_by("person__name", "active_from", "pk")


def mentor_get(*, membership: Membership, user: Any, pk: int) -> Mentor:
    """One visible mentor, or 404 (also for other programmes' mentors and, for a mentor, other mentors)."""
    mentor = mentor_visible(membership=membership, user=user).select_related("person").filter(pk=pk).first()
    if mentor is None:
        raise Http404
    return mentor


def mentor_matches(*, mentor: Mentor) -> QuerySet[MentorMatch]:
    """A (visible) mentor's mentees, current ones first, then by start date, newest first."""
    return (
        MentorMatch.objects.filter(mentor=mentor)
        .select_related("company")
        .order_by(F("ended_on").desc(nulls_first=True), "-started_on", "pk")
    )


def mentee_list(*, membership: Membership, user: Any, today: date | None = None) -> QuerySet[MentorMatch]:
    """The current mentees (accepted, mentorship not ended before today) of the mentors this member may see."""
    today = today or timezone.localdate()
    return (
        MentorMatch.objects.filter(mentor__in=mentor_visible(membership=membership, user=user))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today), status=MatchStatus.ACCEPTED)
        .select_related("company", "mentor__person")
        .prefetch_related("company__roles__person")
        .order_by("company__name", "pk")
    )


def mentor_match_get(*, mentor: Mentor, pk: int) -> MentorMatch:
    match = mentor_matches(mentor=mentor).filter(pk=pk).first()
    if match is None:
        raise Http404
    return match


def _not_ended(on: date) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gte=on)


def mentor_load(*, mentor: Mentor, on: date) -> int:
    """How many of a mentor's places are taken on a day: their accepted mentees not ended before it and their
    open proposals (a proposal holds a place until the mentor answers)."""
    return (
        MentorMatch.objects.filter(mentor=mentor, status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED])
        .filter(_not_ended(on))
        .count()
    )


# -- the "mentors" indicator ---------------------------------------------------------------------------------


def mentor_people_counted(*, programme: Programme, start: date, end: date) -> QuerySet[Mentor, Any]:
    """Clause 14 of docs/rules.md: the people (`person` ids, each once) counted as the programme's
    entrepreneur-mentors in a period: mentors with an accepted match running on a day of the period, or with a
    session held in it. The one definition; `reporting.indicators.mentors` counts it and the indicator's
    list of records shows it."""
    running = MentorMatch.objects.filter(
        status=MatchStatus.ACCEPTED, started_on__lte=end, mentor__programme=programme
    ).filter(_not_ended(start))
    held = MentoringSession.objects.filter(held_on__range=(start, end), match__mentor__programme=programme)
    return (
        Mentor.objects.filter(programme=programme)
        .filter(Q(pk__in=running.values("mentor")) | Q(pk__in=held.values("match__mentor")))
        .values("person")
        .distinct()
    )


# -- matches and sessions: who sees what --------------------------------------------------------------------


def match_visible(*, membership: Membership, user: Any) -> QuerySet[MentorMatch]:
    """The matches a member may open: staff all of the programme's; a mentor their own (proposals and
    declined ones too); a participant their company's accepted ones. Location managers, partners and the funder
    none: session notes are between the mentor, the company and the programme team."""
    qs = MentorMatch.objects.filter(mentor__programme=membership.programme)
    if membership.role == Role.STAFF:
        return qs
    if membership.role == Role.MENTOR:
        return qs.filter(mentor__in=mentor_visible(membership=membership, user=user))
    if membership.role == Role.PARTICIPANT and membership.company_id:
        return qs.filter(company_id=membership.company_id, status=MatchStatus.ACCEPTED)
    return qs.none()


def match_get(*, membership: Membership, user: Any, pk: int) -> MentorMatch:
    match = (
        match_visible(membership=membership, user=user)
        .select_related("mentor__person", "company", "proposed_by")
        .filter(pk=pk)
        .first()
    )
    if match is None:
        raise Http404
    return match


def match_for_logging(*, membership: Membership, user: Any, pk: int) -> MentorMatch:
    """A match this member may log a session for (staff any, a mentor their own), or 404."""
    if membership.role not in (Role.STAFF, Role.MENTOR):
        raise Http404
    return match_get(membership=membership, user=user, pk=pk)


def session_visible(*, membership: Membership, user: Any) -> QuerySet[MentoringSession]:
    """The sessions of the matches this member may open (`match_visible`), newest first."""
    return (
        MentoringSession.objects.filter(match__in=match_visible(membership=membership, user=user))
        .select_related("match__mentor__person", "match__company")
        .order_by("-held_on", "-pk")
    )


def session_list(
    *,
    membership: Membership,
    user: Any,
    match: int | None = None,
    held_from: date | None = None,
    held_to: date | None = None,
) -> QuerySet[MentoringSession]:
    qs = session_visible(membership=membership, user=user)
    if match is not None:
        qs = qs.filter(match_id=match)
    if held_from is not None:
        qs = qs.filter(held_on__gte=held_from)
    if held_to is not None:
        qs = qs.filter(held_on__lte=held_to)
    return qs


def session_get(*, membership: Membership, user: Any, pk: int) -> MentoringSession:
    session = session_visible(membership=membership, user=user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def open_follow_ups(*, membership: Membership, user: Any) -> QuerySet[MentoringSession]:
    """Agreed follow-ups not marked done, oldest session first (the longest waiting on top)."""
    return (
        session_visible(membership=membership, user=user)
        .exclude(follow_up="")
        .filter(follow_up_done_on__isnull=True, match__status=MatchStatus.ACCEPTED)
        .order_by("held_on", "pk")
    )


def proposals_waiting(*, membership: Membership, user: Any) -> QuerySet[MentorMatch]:
    """A mentor's proposals still to answer."""
    if membership.role != Role.MENTOR:
        return MentorMatch.objects.none()
    return (
        match_visible(membership=membership, user=user)
        .filter(status=MatchStatus.PROPOSED)
        .select_related("company")
        .order_by("started_on", "pk")
    )


def company_matches(*, membership: Membership, user: Any, company: Company) -> QuerySet[MentorMatch]:
    """A company's mentorships this member may see, current first, each with its sessions prefetched."""
    return (
        match_visible(membership=membership, user=user)
        .filter(company=company)
        .select_related("mentor__person")
        .prefetch_related("sessions")
        .order_by(F("ended_on").desc(nulls_first=True), "-started_on", "pk")
    )


def company_needs(*, programme: Programme, company: Company) -> MentoringNeeds | None:
    return MentoringNeeds.objects.filter(programme=programme, company=company).first()


# -- suggestions ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    mentor: Mentor
    fits: list[str]  # the needs this mentor's expertise covers (codes, vocabulary order)
    taken: int
    room: int


def mentor_suggestions(*, programme: Programme, needs: list[str], on: date) -> list[Suggestion]:
    """The programme's mentors active on `on` who have room (capacity minus accepted current mentees and open
    proposals), best fit first: most needs covered, then most room, then by name. Mentors without room are
    left out; without needs every mentor with room is listed (no fit). Two queries."""
    taken = (
        MentorMatch.objects.filter(mentor=OuterRef("pk"), status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED])
        .filter(_not_ended(on))
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mentors = (
        Mentor.objects.filter(programme=programme)
        .filter(_active_on(on))
        .select_related("person")
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)))
        .filter(taken__lt=F("capacity"))
    )
    wanted = set(needs)
    suggestions = [
        Suggestion(
            mentor=m,
            fits=[code for code in m.expertise or [] if code in wanted],
            taken=m.taken,  # type: ignore[attr-defined]
            room=m.capacity - m.taken,  # type: ignore[attr-defined]
        )
        for m in mentors
    ]
    return sorted(suggestions, key=lambda s: (-len(s.fits), -s.room, s.mentor.person.name.casefold(), s.mentor.pk))


# -- hours per mentor ---------------------------------------------------------------------------------------


def mentor_hours(*, programme: Programme, start: date, end: date) -> QuerySet[Mentor]:
    """Per mentor of the programme with mentoring in the period: `minutes` and `session_count` held in it, and
    `mentees`, the companies of their accepted matches running on a day of it. Each figure is its own
    subquery (no join multiplies another), so the page is one query however many mentors there are."""
    sessions = (
        MentoringSession.objects.filter(match__mentor=OuterRef("pk"), held_on__range=(start, end))
        .order_by()
        .values("match__mentor")
    )
    mentees = (
        MentorMatch.objects.filter(mentor=OuterRef("pk"), status=MatchStatus.ACCEPTED, started_on__lte=end)
        .filter(_not_ended(start))
        .order_by()
        .values("mentor")
        .annotate(n=Count("company", distinct=True))
        .values("n")
    )
    return (
        Mentor.objects.filter(programme=programme)
        .select_related("person")
        .annotate(
            minutes=Coalesce(
                Subquery(sessions.annotate(n=Sum("minutes")).values("n"), output_field=IntegerField()), Value(0)
            ),
            session_count=Coalesce(
                Subquery(sessions.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
            ),
            mentees=Coalesce(Subquery(mentees, output_field=IntegerField()), Value(0)),
        )
        .filter(Q(minutes__gt=0) | Q(mentees__gt=0))
        .order_by("person__name", "pk")
    )
