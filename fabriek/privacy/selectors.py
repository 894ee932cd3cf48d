"""Who a request about personal data is about: the people a programme knows by an e-mail address."""

from django.db.models import Q, QuerySet
from django.http import Http404

from fabriek.accounts.models import User
from fabriek.companies.models import Person
from fabriek.intake.models import Application, Lead
from fabriek.programmes.models import Programme


def people_of_programme(*, programme: Programme) -> QuerySet[Person]:
    """People the programme knows: registered for its events, its mentors, or in a role at its companies
    (the same rule as `events.selectors.person_known_to_programme`)."""
    return Person.objects.filter(
        Q(attendances__event__programme=programme)
        | Q(mentorships__programme=programme)
        | Q(company_roles__company__programmes=programme)
    ).distinct()


def people_with_email(*, programme: Programme, email: str) -> list[Person]:
    """The programme's people with this e-mail address (ignoring case), oldest first; none for an empty one."""
    email = email.strip()
    if not email:
        return []
    return list(people_of_programme(programme=programme).filter(email__iexact=email).order_by("pk"))


def person_get(*, programme: Programme, pk: int) -> Person:
    """One of the programme's people, or 404 (also for people only another programme knows)."""
    person = people_of_programme(programme=programme).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def subject_people(*, programme: Programme, person: Person) -> list[Person]:
    """A person and the programme's other records of the same person (same e-mail address)."""
    same = people_with_email(programme=programme, email=person.email)
    return same if person in same else [person, *same]


def accounts_with_email(*, programme: Programme, email: str) -> list[User]:
    """The programme's user accounts with this e-mail address (ignoring case)."""
    email = email.strip()
    if not email:
        return []
    return list(
        User.objects.filter(email__iexact=email, memberships__programme=programme)
        .prefetch_related("memberships")
        .distinct()
        .order_by("pk")
    )


def intake_with_email(*, programme: Programme, email: str) -> tuple[list[Lead], list[Application]]:
    """The programme's leads and applications (as founder) with this e-mail address (ignoring case)."""
    email = email.strip()
    if not email:
        return [], []
    leads = list(Lead.objects.filter(programme=programme, email__iexact=email).order_by("pk"))
    applications = list(Application.objects.filter(programme=programme, founder_email__iexact=email).order_by("pk"))
    return leads, applications
