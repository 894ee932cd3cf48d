from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.models import CompanyRole, Person
from fabriek.core.models import AuditEntry


def company_url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"companies:{name}", kwargs={"programme": "ofd", **kwargs})


def test_the_company_page_lists_founders_with_links_to_their_pages(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    page = staff_client.get(company_url("company-detail", pk=world.ofd.company.pk)).content.decode()
    person_url = reverse("people:person-detail", kwargs={"programme": "ofd", "pk": world.ofd.founder.pk})
    assert f'href="{person_url}"' in page
    assert world.ofd.founder.email in page


def test_staff_add_a_new_contact_to_a_company(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    data = {"role": "contact", "name": "Sanne de Boer", "email": "sanne@example.org", "phone": "0591 123456"}
    response = staff_client.post(company_url("company-person-add", pk=company.pk), data)
    assert response.status_code == 302
    role = CompanyRole.objects.get(company=company, role="contact")
    person = role.person
    assert (person.name, person.email, person.phone) == ("Sanne de Boer", "sanne@example.org", "0591 123456")
    assert AuditEntry.objects.filter(action="companies.companyrole.created", object_id=str(role.pk)).exists()


def test_an_email_the_programme_knows_reuses_that_person(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    attendee = world.ofd.attendance.person
    data = {"role": "founder", "name": "whatever", "email": attendee.email.upper()}
    staff_client.post(company_url("company-person-add", pk=world.ofd.company.pk), data)
    assert CompanyRole.objects.get(company=world.ofd.company, person=attendee).role == "founder"
    assert Person.objects.filter(name="whatever").count() == 0


def test_a_person_known_only_to_another_programme_is_not_reused(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    stranger = world.other.founder
    data = {"role": "founder", "name": "Someone New", "email": stranger.email}
    staff_client.post(company_url("company-person-add", pk=world.ofd.company.pk), data)
    added = CompanyRole.objects.get(company=world.ofd.company, person__name="Someone New").person
    assert added.pk != stranger.pk
    assert not CompanyRole.objects.filter(company=world.ofd.company, person=stranger).exists()


def test_the_same_role_twice_is_a_field_error(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    founder = world.ofd.founder
    data = {"role": "founder", "name": founder.name, "email": founder.email}
    response = staff_client.post(company_url("company-person-add", pk=world.ofd.company.pk), data)
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert CompanyRole.objects.filter(company=world.ofd.company, person=founder).count() == 1


def test_staff_remove_a_founder_and_the_person_stays(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    role = world.ofd.company_role
    response = staff_client.post(company_url("company-person-remove", pk=world.ofd.company.pk, role=role.pk))
    assert response.status_code == 302
    assert not CompanyRole.objects.filter(pk=role.pk).exists()
    assert Person.objects.filter(pk=world.ofd.founder.pk).exists()
    assert AuditEntry.objects.filter(action="companies.companyrole.deleted", object_id=str(role.pk)).exists()


def test_a_participant_cannot_remove_their_cofounder(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    role = world.ofd.company_role
    response = client.post(company_url("company-person-remove", pk=world.ofd.company.pk, role=role.pk))
    assert response.status_code == 403
    assert CompanyRole.objects.filter(pk=role.pk).exists()


def test_a_role_of_another_company_cannot_be_removed_through_this_one(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    from fabriek.companies.tests.factories import CompanyRoleFactory

    other_role = CompanyRoleFactory(company__programmes=[world.ofd.programme])
    response = staff_client.post(company_url("company-person-remove", pk=world.ofd.company.pk, role=other_role.pk))
    assert response.status_code == 404
    assert CompanyRole.objects.filter(pk=other_role.pk).exists()
