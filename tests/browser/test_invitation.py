"""Staff invite a person; the mail arrives over SMTP, its link sets a password, and the person logs in."""

import re

import pytest
from playwright.sync_api import expect

from fabriek.accounts.models import Membership, User
from fabriek.core.worker import run_pending
from fabriek.mail.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "hunebed-koffie-2026"


def test_staff_invite_a_person_who_sets_a_password_from_the_mail_and_logs_in(
    visitor, world, smtp_server, settings
) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    settings.SITE_URL = visitor.base_url
    OutboxMessage.objects.all().delete()
    visitor.log_in("staff")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Uitnodigingen").click()
    visitor.check("invitations")
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.check("invitations_phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Rol").select_option(label="Deelnemer")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("Kies er een voor deze rol.")).to_be_visible()  # a participant needs a company
    page.get_by_label("Bedrijf").select_option(value=str(world.ofd.company.pk))
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("is onderweg")).to_be_visible()
    visitor.check("invitation_sent")

    assert smtp_server.messages == []
    run_pending()  # what the worker beside the web server does
    [mail] = smtp_server.messages
    assert mail.recipients == ["sanne@example.org"]
    links = re.findall(r"https?://\S+", mail.message.get_content())
    assert len(links) == 1

    page.get_by_role("button", name="Uitloggen").click()
    page.goto(links[0])
    expect(page.get_by_role("heading", name="Welkom bij Fabriek")).to_be_visible()
    assert "token" not in page.url
    visitor.check("invitation_accept")
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.check("invitation_accept_phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Mijn account aanmaken").click()
    expect(page.get_by_text("Je account is klaar")).to_be_visible()
    visitor.check("invited_person_home")
    user = User.objects.get(username="sanne@example.org")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.company) == ("participant", world.ofd.company)

    page.get_by_role("button", name="Uitloggen").click()
    visitor.log_in("sanne@example.org", PASSWORD)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert "/p/ofd/" in page.url

    page.goto(links[0])  # the link worked once
    expect(page.get_by_role("heading", name="Deze uitnodigingslink werkt niet (meer)")).to_be_visible()
    visitor.check("invitation_used")
