"""Reads of mentors, always through the member's programme and role."""

from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.accounts.models import Membership, Role
from fabriek.mentoring.models import Mentor, MentorMatch


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
    """Visible mentors, filtered by name or e-mail, by being active on a date, and by an expertise tag
    (ignoring case).

    Expertise is a JSON list. Containment in a JSON list is not a lookup SQLite offers, so the tag filter
    reads the visible mentors' (id, expertise) pairs in one query and keeps the ids in SQL; a programme has
    tens of mentors, not thousands.
    """
    qs = mentor_visible(membership=membership, user=user).select_related("person")
    if search:
        qs = qs.filter(Q(person__name__icontains=search) | Q(person__email__icontains=search))
    if active_on:
        qs = qs.filter(_active_on(active_on))
    if expertise:
        wanted = expertise.strip().casefold()
        ids = [pk for pk, tags in qs.values_list("pk", "expertise") if wanted in {t.casefold() for t in tags or []}]
        qs = qs.filter(pk__in=ids)
    return qs.order_by("person__name", "active_from", "pk")


def expertise_tags(*, membership: Membership, user: Any) -> list[str]:
    """The expertise tags of the visible mentors, each once (ignoring case; the spelling recorded first wins),
    alphabetically."""
    tags: dict[str, str] = {}
    visible = mentor_visible(membership=membership, user=user)
    for expertise in visible.order_by("pk").values_list("expertise", flat=True):
        for tag in expertise or []:
            tags.setdefault(tag.casefold(), tag)
    return sorted(tags.values(), key=str.casefold)


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
    """The current mentees (mentorship not ended before today) of the mentors this member may see."""
    today = today or timezone.localdate()
    return (
        MentorMatch.objects.filter(mentor__in=mentor_visible(membership=membership, user=user))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("company", "mentor__person")
        .prefetch_related("company__roles__person")
        .order_by("company__name", "pk")
    )


def mentor_match_get(*, mentor: Mentor, pk: int) -> MentorMatch:
    match = mentor_matches(mentor=mentor).filter(pk=pk).first()
    if match is None:
        raise Http404
    return match
