"""Reads of mentors, always through the member's programme and role."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from fabriek.accounts.models import Membership, Role
from fabriek.mentoring.models import Mentor


def mentor_visible(*, membership: Membership, user: Any) -> QuerySet[Mentor]:
    """The mentor records this member may see: all of the programme's for staff and location managers;
    for a `mentor` member only their own.

    A membership does not point at a Mentor row (a mentor is a Person; a user is who logs in), so a mentor's
    own record is found by e-mail: the Mentor rows of this programme whose person's e-mail equals the
    logged-in user's e-mail, ignoring case. A user without an e-mail address sees no mentor record.
    Other roles see none.
    """
    qs = Mentor.objects.filter(programme=membership.programme)
    if membership.role in (Role.STAFF, Role.LOCATION_MANAGER):
        return qs
    if membership.role == Role.MENTOR and user.email:
        return qs.filter(person__email__iexact=user.email)
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
