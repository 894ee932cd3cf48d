from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import PersonFactory
from fabriek.core.models import AuditEntry


def test_a_user_changes_their_name_email_and_language_and_the_linked_person_follows(client, world) -> None:  # type: ignore[no-untyped-def]
    user = world.users[Role.PARTICIPANT]
    person = PersonFactory(user=user, name="Old Name", language="nl")
    client.force_login(user)
    data = {"first_name": "Anna", "last_name": "Smit", "email": "anna@smit.nl", "language": "en"}
    response = client.post(reverse("profile"), data)
    assert response.status_code == 302
    user.refresh_from_db()
    person.refresh_from_db()
    assert (user.first_name, user.last_name, user.email, user.language) == ("Anna", "Smit", "anna@smit.nl", "en")
    assert (person.name, person.email, person.language) == ("Anna Smit", "anna@smit.nl", "en")
    assert AuditEntry.objects.filter(action="accounts.user.updated", object_id=str(user.pk)).exists()
    # the chosen language drives the interface from now on, whatever the cookie says
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("profile"))
    assert page["Content-Language"] == "en"
    assert "Your profile" in page.content.decode()


def test_a_bad_email_on_the_profile_is_a_dutch_field_error_and_changes_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    user = world.users[Role.STAFF]
    client.force_login(user)
    response = client.post(reverse("profile"), {"email": "not-an-address", "language": "nl"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert "geldig" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "staff@example.org"


def test_the_footer_switch_remembers_the_language_of_a_logged_in_user(client, world) -> None:  # type: ignore[no-untyped-def]
    user = world.users[Role.MENTOR]
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    client.cookies.clear()
    client.force_login(user)
    assert client.get(reverse("profile"))["Content-Language"] == "en"


def test_an_unknown_language_changes_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    user = world.users[Role.MENTOR]
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == ""
