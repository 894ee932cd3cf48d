"""People over the API: the same selectors, services and scoping as the person pages.

The funder never sees personal data; who sees whom is `fabriek.people.selectors.person_visible`."""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from fabriek.accounts.api_auth import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.companies import services as company_services
from fabriek.companies.models import Person
from fabriek.people import selectors

router = Router(tags=["people"])

LIST_READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]
#: A mentor reads the people of their mentees; a partner's only person is themselves (their profile page).
READERS = [*LIST_READERS, Role.MENTOR]
#: Over the API only staff correct people; everyone corrects themselves on their profile page.
EDITORS = [Role.STAFF]


class CompanyRoleOut(Schema):
    company_id: int
    company_name: str
    role: str


class PersonOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    language: str
    roles: list[CompanyRoleOut]

    @staticmethod
    def resolve_roles(obj: Person) -> list[dict[str, object]]:
        # `roles`: the person's roles at the companies the caller may see, set by the selector (a prefetch)
        return [
            {"company_id": r.company_id, "company_name": r.company.name, "role": r.role}
            for r in getattr(obj, "roles", [])
        ]


class PersonPatchIn(Schema):
    """Only the fields sent change."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    language: Literal["nl", "en"] | None = None


def _with_roles(person: Person, membership: object) -> Person:
    person.roles = list(selectors.person_company_roles(membership=membership, person=person))  # type: ignore[arg-type, attr-defined]
    return person


@router.get("/people", response={200: list[PersonOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=25)
@api_rule(LIST_READERS)
def person_list(request: HttpRequest, search: str = "") -> object:
    """The people you may see, by name; `search` matches name, e-mail or phone. `roles` lists their roles at
    the companies you may see."""
    return selectors.person_list(membership=caller(request), user=request.user, search=search).order_by("name", "pk")


@router.get("/people/{id}", response={200: PersonOut, **ERROR_RESPONSES})
@api_rule(READERS)
def person_detail(request: HttpRequest, id: int) -> object:
    membership = caller(request)
    return _with_roles(selectors.person_get(membership=membership, user=request.user, pk=id), membership)


@router.patch("/people/{id}", response={200: PersonOut, **WRITE_ERROR_RESPONSES})
@api_rule(EDITORS)
def person_update(request: HttpRequest, id: int, payload: PersonPatchIn) -> object:
    """Correct a person's name, e-mail, phone or language; the audit entry lists the changes."""
    membership = caller(request)
    person = selectors.person_get(membership=membership, user=request.user, pk=id)
    company_services.person_update(
        actor=request.user, programme=membership.programme, person=person, **payload.dict(exclude_unset=True)
    )
    return _with_roles(person, membership)
