"""Reads of partners and their agreements, always through the member's programme and role.

Partners are organisations (no personal data), so the funder may read them; a partner member reads only
their own partner.
"""

from datetime import date

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.accounts.models import Membership, Role
from fabriek.partners.models import Agreement, Partner, Referral
from fabriek.programmes.models import Programme


def partner_visible(*, membership: Membership) -> QuerySet[Partner]:
    """The partners this member may see: all of the programme's for staff and the funder, their own for a
    partner member, none for the other roles."""
    qs = Partner.objects.filter(programmes=membership.programme)
    if membership.role in (Role.STAFF, Role.FUNDER):
        return qs
    if membership.role == Role.PARTNER and membership.partner_id is not None:
        return qs.filter(pk=membership.partner_id)
    return qs.none()


def _agreements_in_force(*, programme: Programme, on: date) -> QuerySet[Agreement]:
    """The programme's agreements with the outer query's partner that run on `on` (both ends included)."""
    return Agreement.objects.filter(programme=programme, partner=OuterRef("pk"), started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )


def partner_list(
    *,
    membership: Membership,
    search: str = "",
    kind: str = "",
    active_on: date | None = None,
    today: date | None = None,
) -> QuerySet[Partner]:
    """Visible partners, each with `active_today` (an agreement runs today); `active_on` keeps only partners
    with an agreement running on that date."""
    programme = membership.programme
    today = today or timezone.localdate()
    qs = partner_visible(membership=membership).annotate(
        active_today=Exists(_agreements_in_force(programme=programme, on=today))
    )
    if search:
        qs = qs.filter(name__icontains=search)
    if kind:
        qs = qs.filter(kind=kind)
    if active_on:
        qs = qs.filter(Exists(_agreements_in_force(programme=programme, on=active_on)))
    return qs.order_by("name", "pk")


def partner_get(*, membership: Membership, pk: int) -> Partner:
    """One visible partner, or 404 (also for partners of other programmes: their existence stays hidden)."""
    partner = partner_visible(membership=membership).filter(pk=pk).first()
    if partner is None:
        raise Http404
    return partner


def partner_choices(*, programme: Programme) -> QuerySet[Partner]:
    """The programme's partners, for a choice field."""
    return Partner.objects.filter(programmes=programme).order_by("name", "pk")


def agreement_list(*, programme: Programme, partner: Partner, today: date | None = None) -> QuerySet[Agreement]:
    """The partner's agreements with this programme (not those with other programmes), newest first, each
    with `in_force`: it runs today."""
    today = today or timezone.localdate()
    in_force = Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    return (
        Agreement.objects.filter(programme=programme, partner=partner)
        .annotate(in_force=ExpressionWrapper(in_force, output_field=BooleanField()))
        .order_by("-started_on", "-pk")
    )


def agreement_get(*, programme: Programme, partner: Partner, pk: int) -> Agreement:
    agreement = agreement_list(programme=programme, partner=partner).filter(pk=pk).first()
    if agreement is None:
        raise Http404
    return agreement


def referral_list(*, membership: Membership, outcome: str = "") -> QuerySet[Referral]:
    """Referrals out: all of the programme's for staff, the ones made to them for a partner member."""
    referrals = Referral.objects.filter(programme=membership.programme).select_related("company", "partner")
    if membership.role == Role.PARTNER and membership.partner is not None:
        referrals = referrals.filter(partner=membership.partner)
    elif membership.role != Role.STAFF:
        return referrals.none()
    if outcome:
        referrals = referrals.filter(outcome=outcome)
    return referrals


def referral_get(*, membership: Membership, pk: int) -> Referral:
    referral = referral_list(membership=membership).filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral
