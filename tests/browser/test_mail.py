"""Staff see the programme's outgoing mail with its state, and send a failed message again."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fabriek.mail.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_see_the_outbox_and_send_a_failed_message_again(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    OutboxMessage.objects.all().delete()
    now = timezone.now()
    common = {"programme": world.ofd.programme, "from_email": "fabriek@localhost", "next_attempt_at": now}
    OutboxMessage.objects.create(
        **common,
        recipients=["an@example.org"],
        to_display="an@example.org",
        subject="Uitnodiging voor Fabriek",
        state="sent",
        attempts=1,
        sent_at=now,
    )
    failed = OutboxMessage.objects.create(
        **common,
        recipients=["bo@example.org"],
        to_display="bo@example.org",
        subject="Uitnodiging voor Fabriek",
        state="failed",
        attempts=6,
        raw=b"Subject: x\n\nx\n",
        last_error="SMTPRecipientsRefused: {'bo@example.org': (550, b'5.1.1 Mailbox unavailable')}",
    )
    visitor.log_in("staff")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mail").click()
    expect(page.get_by_role("heading", name="Verstuurde mail")).to_be_visible()
    visitor.check("outbox")

    page.get_by_role("button", name="Opnieuw versturen").click()
    expect(page.get_by_text("wordt opnieuw verstuurd")).to_be_visible()
    visitor.check("outbox_retried")
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == ("queued", 0)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    visitor.check("outbox_phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
