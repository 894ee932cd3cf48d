"""Partners and their agreements over the API: the same selectors, services and roles as the pages.

Partners are organisations (no personal data), so the funder may read them; a partner member reads only
their own partner (the selector scopes that).
"""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Membership, Role
from fabriek.core.api import PageNumberPagination, RecordId
from fabriek.partners import selectors, services
from fabriek.partners.models import Agreement, Partner

router = Router(tags=["partners"])

READERS = [Role.STAFF, Role.FUNDER, Role.PARTNER]
EDITORS = [Role.STAFF]


class AgreementOut(Schema):
    id: int
    started_on: date
    ended_on: date | None
    in_force: bool


class PartnerOut(Schema):
    id: int
    name: str
    kind: Partner.Kind
    active_today: bool


class PartnerDetailOut(Schema):
    id: int
    name: str
    kind: Partner.Kind
    agreements: list[AgreementOut]


class PartnerIn(Schema):
    name: str
    kind: Partner.Kind


class PartnerPatchIn(Schema):
    """Only the fields sent change."""

    name: str | None = None
    kind: Partner.Kind | None = None


class AgreementIn(Schema):
    started_on: date
    ended_on: date | None = None


class AgreementPatchIn(Schema):
    """Only the fields sent change."""

    started_on: date | None = None
    ended_on: date | None = None


def _detail(membership: Membership, partner: Partner) -> dict[str, object]:
    agreements = selectors.agreement_list(programme=membership.programme, partner=partner)
    return {"id": partner.pk, "name": partner.name, "kind": partner.kind, "agreements": list(agreements)}


@router.get("/partners", response={200: list[PartnerOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(READERS)
def partner_list(request: HttpRequest, search: str = "", kind: str = "", active_on: date | None = None) -> object:
    """The partners you may see, by name; `active_on` keeps those with an agreement running on that date."""
    return selectors.partner_list(membership=caller(request), search=search, kind=kind, active_on=active_on)


@router.post("/partners", response={201: PartnerDetailOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def partner_create(request: HttpRequest, payload: PartnerIn) -> Status[dict[str, object]]:
    membership = caller(request)
    partner = services.partner_create(actor=request.user, programme=membership.programme, **payload.dict())
    return Status(201, _detail(membership, partner))


@router.get("/partners/{id}", response={200: PartnerDetailOut, **ERROR_RESPONSES})
@api_rule(READERS)
def partner_detail(request: HttpRequest, id: RecordId) -> dict[str, object]:
    """A partner with its agreements with this programme, newest first."""
    membership = caller(request)
    return _detail(membership, selectors.partner_get(membership=membership, pk=id))


@router.patch("/partners/{id}", response={200: PartnerDetailOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def partner_update(request: HttpRequest, id: RecordId, payload: PartnerPatchIn) -> dict[str, object]:
    """Change a partner; only the fields sent change."""
    membership = caller(request)
    partner = selectors.partner_get(membership=membership, pk=id)
    services.partner_update(
        actor=request.user, programme=membership.programme, partner=partner, **payload.dict(exclude_unset=True)
    )
    return _detail(membership, partner)


@router.post("/partners/{partner}/agreements", response={201: AgreementOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def agreement_create(request: HttpRequest, partner: RecordId, payload: AgreementIn) -> Status[Agreement]:
    """Record a cooperation agreement; without `ended_on` it runs until further notice."""
    membership = caller(request)
    partner_obj = selectors.partner_get(membership=membership, pk=partner)
    agreement = services.agreement_create(
        actor=request.user, programme=membership.programme, partner=partner_obj, **payload.dict()
    )
    return Status(201, selectors.agreement_get(programme=membership.programme, partner=partner_obj, pk=agreement.pk))


@router.patch("/partners/{partner}/agreements/{id}", response={200: AgreementOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def agreement_update(
    request: HttpRequest,
    partner: RecordId,
    id: RecordId,
    payload: AgreementPatchIn,
) -> Agreement:
    """Change an agreement's dates, for example to end it; only the fields sent change."""
    membership = caller(request)
    partner_obj = selectors.partner_get(membership=membership, pk=partner)
    agreement = selectors.agreement_get(programme=membership.programme, partner=partner_obj, pk=id)
    services.agreement_update(
        actor=request.user, programme=membership.programme, agreement=agreement, **payload.dict(exclude_unset=True)
    )
    return selectors.agreement_get(programme=membership.programme, partner=partner_obj, pk=id)
