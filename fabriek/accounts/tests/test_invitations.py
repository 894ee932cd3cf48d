"""Staff invite a person by e-mail; the single-use link lets them choose a password and logs them in."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fabriek.accounts import invitations
from fabriek.accounts.models import Invitation, Membership, User
from fabriek.core.models import AuditEntry
from fabriek.mail.models import OutboxMessage
from fabriek.mail.services import outbox_deliver_due

pytestmark = pytest.mark.django_db
LIST = reverse("invitations:invitation-list", kwargs={"programme": "ofd"})
ACCEPT = reverse("accounts:invitation-accept")
GOOD_PASSWORD = "stroopwafel-fiets-42"


def invite(client: Client, **fields: str):  # type: ignore[no-untyped-def]
    data = {
        "email": "nieuw@example.org",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "role": "mentor",
        "language": "nl",
    }
    return client.post(LIST, {**data, **fields})


def link_in(message) -> str:  # type: ignore[no-untyped-def]
    links = re.findall(r"https?://\S+", message.message.get_content())
    assert len(links) == 1, links
    return links[0]


def test_staff_invite_a_person_who_receives_one_link_in_their_language(
    staff_client, world, smtp_server, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://fabriek.example.org"
    OutboxMessage.objects.all().delete()
    response = invite(staff_client, email="Nina@Example.org", language="en")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.language) == ("Nina@example.org", "mentor", "en")
    assert abs(invitation.expires_at - invitation.created_at - datetime.timedelta(days=7)) < datetime.timedelta(
        seconds=5
    )
    assert re.fullmatch(r"[0-9a-f]{64}", invitation.token_hash)
    assert AuditEntry.objects.filter(action="accounts.invitation.created", actor=world.users["staff"]).count() == 1
    outbox = OutboxMessage.objects.get()
    assert outbox.programme == world.ofd.programme  # on the programme's outbox page

    outbox_deliver_due()
    [received] = smtp_server.messages
    assert received.recipients == ["Nina@example.org"]
    assert received.message["Subject"] == f"Your invitation to {world.ofd.programme.name} in Fabriek"
    link = link_in(received)
    assert link.startswith("https://fabriek.example.org/accounts/invitation/?token=")
    token = link.split("token=")[1]
    assert invitations.hash_token(token) == invitation.token_hash
    # nothing in the database holds the raw token once the mail is sent
    for table in ("accounts_invitation", "mail_outboxmessage", "core_auditentry"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            assert token not in repr(cursor.fetchall())


def test_a_dutch_invitation_is_in_dutch(staff_client, world, smtp_server) -> None:  # type: ignore[no-untyped-def]
    OutboxMessage.objects.all().delete()
    invite(staff_client, language="nl")
    outbox_deliver_due()
    [received] = smtp_server.messages
    assert received.message["Subject"] == f"Je uitnodiging voor {world.ofd.programme.name} in Fabriek"
    assert "Beste Nina" in received.message.get_content()


def accept_link(staff_client, smtp_server) -> str:  # type: ignore[no-untyped-def]
    OutboxMessage.objects.exclude(to_display="nieuw@example.org").delete()
    invite(staff_client)
    outbox_deliver_due()
    return link_in(smtp_server.messages[-1])


def test_the_link_sets_a_password_logs_the_person_in_and_works_once(staff_client, world, smtp_server) -> None:  # type: ignore[no-untyped-def]
    link = accept_link(staff_client, smtp_server)
    person = Client()
    opened = person.get(link.split("testserver")[-1] if "testserver" in link else link[link.index("/accounts/") :])
    assert (opened.status_code, opened["Location"]) == (302, ACCEPT)  # the token leaves the address bar
    assert opened["Referrer-Policy"] == "no-referrer"
    page = person.get(ACCEPT)
    assert page.status_code == 200
    assert "nieuw@example.org" in page.text
    assert page["Referrer-Policy"] == "same-origin"

    weak = person.post(ACCEPT, {"password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200
    assert not User.objects.filter(email="nieuw@example.org").exists()

    done = person.post(ACCEPT, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert done.status_code == 302
    user = User.objects.get(username="nieuw@example.org")
    assert user.check_password(GOOD_PASSWORD)
    assert (user.first_name, user.last_name) == ("Nina", "Nieuw")
    membership = Membership.objects.get(user=user)
    assert (membership.programme, membership.role) == (world.ofd.programme, "mentor")
    assert person.get(reverse("home")).status_code == 302  # logged in: home sends them to their programme
    assert int(person.session["_auth_user_id"]) == user.pk

    again = Client()
    again.get(link[link.index("/accounts/") :])
    assert again.get(ACCEPT).status_code == 404  # single use
    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": "nieuw@example.org", "password": GOOD_PASSWORD})
    assert "_auth_user_id" in fresh.session  # the password works on the login page


def test_a_link_expires_after_seven_days(staff_client, smtp_server) -> None:  # type: ignore[no-untyped-def]
    link = accept_link(staff_client, smtp_server)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        person = Client()
        person.get(link[link.index("/accounts/") :])
        response = person.get(ACCEPT)
        assert response.status_code == 404
        assert "werkt niet (meer)" in response.text


def test_a_new_invitation_withdraws_the_earlier_link(staff_client, smtp_server) -> None:  # type: ignore[no-untyped-def]
    first = accept_link(staff_client, smtp_server)
    second = accept_link(staff_client, smtp_server)
    person = Client()
    person.get(first[first.index("/accounts/") :])
    assert person.get(ACCEPT).status_code == 404
    person.get(second[second.index("/accounts/") :])
    assert person.get(ACCEPT).status_code == 200


def test_an_unknown_or_missing_token_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(ACCEPT).status_code == 404
    client.get(ACCEPT, {"token": "guess"})
    assert client.get(ACCEPT).status_code == 404
    client.get(ACCEPT, {"token": "x" * 5000})
    assert client.post(ACCEPT, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}).status_code == 404


def test_the_role_needs_its_scope_and_a_known_address_is_refused(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = invite(staff_client, role="location_manager")
    assert response.status_code == 400
    assert "Kies er een voor deze rol." in response.text
    response = invite(staff_client, email=world.users["mentor"].email)
    assert response.status_code == 400
    assert "heeft al een account" in response.text
    assert not Invitation.objects.exists()
    ok = invite(
        staff_client, role="location_manager", location=str(world.ofd.location.pk), company=str(world.ofd.company.pk)
    )
    assert ok.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.location, invitation.company) == (world.ofd.location, None)  # a leftover choice is dropped


def test_another_programmes_location_cannot_be_chosen(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = invite(staff_client, role="location_manager", location=str(world.other.location.pk))
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_an_invitation_accepted_twice_at_once_makes_one_account(staff_client, world, smtp_server) -> None:  # type: ignore[no-untyped-def]
    invite(staff_client)
    invitation = Invitation.objects.get()
    stale = Invitation.objects.get(pk=invitation.pk)  # what a second request read before the first committed
    invitations.invitation_accept(invitation=invitation, password=GOOD_PASSWORD)
    with pytest.raises(invitations.InvitationUnavailable):
        invitations.invitation_accept(invitation=stale, password=GOOD_PASSWORD)
    assert User.objects.filter(email="nieuw@example.org").count() == 1


def test_staff_see_the_sent_invitations_and_their_state(staff_client, world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        invite(staff_client, email=f"p{n}@example.org")
    Invitation.objects.filter(email="p0@example.org").update(expires_at=timezone.now())
    with django_assert_max_num_queries(15):
        page = staff_client.get(LIST)
    assert page.status_code == 200
    assert page.text.count("Open tot") == 4
    assert "Verlopen of ingetrokken" in page.text
