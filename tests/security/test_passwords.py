"""Users change their password and reset it by e-mail (through a real SMTP server); weak ones are refused."""

import re

from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry


def test_a_user_changes_their_password_and_the_change_is_audited(client, world) -> None:  # type: ignore[no-untyped-def]
    staff = world.users[Role.STAFF]
    client.force_login(staff)
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "password", "new_password1": "Hunebed-Emmen-1927", "new_password2": "Hunebed-Emmen-1927"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    staff.refresh_from_db()
    assert staff.check_password("Hunebed-Emmen-1927")
    entry = AuditEntry.objects.get(action="accounts.user.password_changed")
    assert (entry.actor, entry.object_id, entry.changes["how"]) == (staff, str(staff.pk), "change")
    assert "Hunebed" not in str(entry.changes)
    assert client.get(reverse("accounts:password_change_done")).status_code == 200  # still logged in


def test_common_short_and_numeric_passwords_are_refused_with_reasons(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    for weak in ["password123", "12345678901", "kort"]:
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": "password", "new_password1": weak, "new_password2": weak},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["new_password2"]
    assert world.users[Role.STAFF].check_password("password")


def test_the_old_password_must_be_right(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "Hunebed-Emmen-1927", "new_password2": "Hunebed-Emmen-1927"},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors


def test_password_change_needs_a_login(client, world) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_reset_by_e_mail_end_to_end(client, world, smtp_inbox) -> None:  # type: ignore[no-untyped-def]
    mentor = world.users[Role.MENTOR]
    response = client.post(reverse("accounts:password_reset"), {"email": mentor.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")

    assert len(smtp_inbox.messages) == 1
    mail = smtp_inbox.messages[0]
    assert mail["To"] == mentor.email
    assert mail["Subject"] == "Choose a new password for Fabriek"
    body = mail.get_content()
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", body)
    assert link is not None, body

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "Drentsche-Aa-2026", "new_password2": "Drentsche-Aa-2026"})
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.check_password("Drentsche-Aa-2026")
    assert AuditEntry.objects.get(action="accounts.user.password_changed").changes["how"] == "reset"

    # the link works once
    assert "does not work" in client.get(link.group(1), follow=True).content.decode()


def test_reset_answers_the_same_for_an_unknown_address(client, world, smtp_inbox) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert smtp_inbox.messages == []


def test_the_reset_pages_are_in_dutch_by_default(client, world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "nl"
    assert "Wachtwoord vergeten?" in client.get(reverse("accounts:password_reset")).content.decode()
