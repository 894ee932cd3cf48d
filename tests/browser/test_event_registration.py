"""A visitor registers on a public event's page, the confirmation with the .ics arrives over SMTP, a staff
phone checks them in by the QR code's link, and the event's reach counts them once, also after a second
registration with the same address."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fabriek.core.worker import run_pending
from fabriek.events.models import Attendance, Event
from fabriek.mail.models import OutboxMessage
from fabriek.reporting import indicators

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_registers_gets_the_ics_by_mail_and_a_staff_phone_checks_them_in(
    visitor, world, smtp_server, settings
) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    settings.SITE_URL = visitor.base_url
    OutboxMessage.objects.all().delete()
    # it began a moment ago and runs for two hours: registration is open and the event counts as held
    start = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(minutes=10)
    event = Event.objects.create(
        programme=world.ofd.programme,
        title="Netwerkborrel Assen",
        kind="network",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location=world.ofd.location,
        public=True,
        capacity=10,
    )
    event.partners.set([world.ofd.partner])

    visitor.visit(f"/p/ofd/events/{event.pk}/", "public_event")
    expect(page.get_by_role("heading", name="Netwerkborrel Assen")).to_be_visible()
    expect(page.locator("#seats-left")).to_have_text("10")
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.check("public_event_phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("Naam").fill("Sanne Mulder")
    page.get_by_label("E-mail").fill("sanne@example.org")
    page.get_by_label("Bedrijf (niet verplicht)").fill("Mulder Design")
    page.get_by_label("Foto's van het evenement").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text("Je bent aangemeld.")).to_be_visible()
    expect(page.locator("#seats-left")).to_have_text("9")
    visitor.check("registered")

    run_pending()  # what the worker beside the web server does
    [mail] = smtp_server.messages
    assert mail.recipients == ["sanne@example.org"]
    attachments = {part.get_filename(): part for part in mail.message.iter_attachments()}
    assert attachments["event.ics"].get_content_type() == "text/calendar"
    assert "SUMMARY:Netwerkborrel Assen" in attachments["event.ics"].get_content()
    assert attachments["check-in.png"].get_content_type() == "image/png"
    body = mail.message.get_body(("plain",)).get_content()
    check_in = next(link for link in re.findall(r"https?://\S+", body) if "/events/c/" in link)
    cancel = next(link for link in re.findall(r"https?://\S+", body) if "/cancel/" in link)

    # the cancel link asks first (nothing cancelled by opening it)
    page.goto(cancel)
    expect(page.get_by_role("button", name="Ja, annuleer mijn aanmelding")).to_be_visible()
    visitor.check("cancel_confirm")

    # registering again with the same address changes nothing: still one person
    page.goto(f"{visitor.base_url}/p/ofd/events/{event.pk}/")
    page.get_by_label("Naam").fill("S. Mulder")
    page.get_by_label("E-mail").fill("sanne@example.org")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text("Je was al aangemeld")).to_be_visible()

    # the door: a staff member's phone opens the QR code's link, logs in and checks her in
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.log_in("staff")
    page.goto(check_in)
    expect(page.get_by_role("heading", name="Sanne Mulder")).to_be_visible()
    visitor.check("check_in_code_phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Inchecken").click()
    expect(page.locator("#checked-in-status")).to_be_visible()
    visitor.check("checked_in_phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    visitor.check("checked_in")

    attendance = Attendance.objects.get(event=event)
    assert (attendance.person.name, attendance.checked_in, attendance.photo_consent) == ("Sanne Mulder", True, True)
    today = timezone.localdate()
    reach = indicators.people_reached(programme=world.ofd.programme, start=today, end=today).value
    assert reach == 1

    visitor.visit(f"/p/ofd/events/{event.pk}/", "event_for_staff")
    expect(page.get_by_role("cell", name="Sanne Mulder", exact=True)).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.check("event_for_staff_phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    visitor.visit(f"/p/ofd/events/{event.pk}/edit/", "event_form")
