"""The outbox: mail is written with the change that causes it and delivered by the worker over real SMTP."""

import datetime

import pytest
import time_machine
from django.contrib.auth.forms import PasswordResetForm
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fabriek.core.mailing import compose
from fabriek.core.worker import run_pending
from fabriek.mail import services
from fabriek.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def send(django_capture_on_commit_callbacks, **kwargs) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail(
            kwargs.get("subject", "Welkom"), kwargs.get("body", "Hallo!"), None, kwargs.get("to", ["an@example.org"])
        )


def test_a_message_is_written_in_the_senders_transaction_and_not_if_it_rolls_back(smtp_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Lost", "This change is rolled back", None, ["an@example.org"])
        assert OutboxMessage.objects.count() == 1
        raise RuntimeError("the change fails")
    assert OutboxMessage.objects.count() == 0
    with transaction.atomic():
        mail.send_mail("Kept", "This change is committed", None, ["an@example.org"])
    message = OutboxMessage.objects.get()
    assert (message.subject, message.recipients, message.state) == ("Kept", ["an@example.org"], "queued")
    assert smtp_server.messages == []  # only the worker delivers


def test_the_worker_delivers_over_smtp_and_keeps_no_content(smtp_server, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    send(django_capture_on_commit_callbacks, subject="Uitnodiging", body="Klik op de link", to=["an@example.org"])
    assert run_pending() >= 1  # the commit enqueued a delivery task
    [received] = smtp_server.messages
    assert received.recipients == ["an@example.org"]
    assert received.message["Subject"] == "Uitnodiging"
    assert received.message.get_content().strip() == "Klik op de link"
    message = OutboxMessage.objects.get()
    assert (message.state, message.attempts, message.last_error) == ("sent", 1, "")
    assert message.sent_at is not None
    assert bytes(message.raw) == b""  # a sent message's content (links, tokens) is not kept


def test_a_temporary_refusal_is_retried_after_the_back_off(smtp_server, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    smtp_server.refuse = ["451 4.3.0 Try again later"]
    send(django_capture_on_commit_callbacks)
    run_pending()
    message = OutboxMessage.objects.get()
    assert (message.state, message.attempts) == ("queued", 1)
    assert "451" in message.last_error
    assert message.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    assert services.outbox_deliver_due() == 0  # not yet due
    assert smtp_server.messages == []
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        assert services.outbox_deliver_due() == 1
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 2)
    assert len(smtp_server.messages) == 1


def test_the_back_off_grows_and_ends_in_failed(settings, smtp_server) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_PORT = smtp_server_port_closed()
    settings.EMAIL_TIMEOUT = 5
    mail.send_mail("Nobody listens", "...", None, ["an@example.org"])
    waits = []
    now = timezone.now()
    for _ in range(6):
        with time_machine.travel(now, tick=False):
            assert services.outbox_deliver_due(now=now) == 0
        message = OutboxMessage.objects.get()
        waits.append(round((message.next_attempt_at - now).total_seconds() / 60))
        now = message.next_attempt_at + datetime.timedelta(seconds=1)
    assert message.state == "failed"
    assert message.attempts == 6
    assert waits[:5] == [1, 5, 30, 120, 360]
    assert message.last_error


def smtp_server_port_closed() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_a_permanent_refusal_fails_at_once_and_staff_can_send_it_again(smtp_server, world, client) -> None:  # type: ignore[no-untyped-def]
    OutboxMessage.objects.all().delete()  # the world's sample messages
    smtp_server.refuse = ["550 5.1.1 No such user"]
    compose(
        template="mail/tests/hello", context={"name": "An"}, to=["an@example.org"], language="nl", programme_slug="ofd"
    ).send()
    services.outbox_deliver_due()
    message = OutboxMessage.objects.get()
    assert (message.state, message.attempts) == ("failed", 1)
    assert "550" in message.last_error
    client.force_login(world.users["staff"])
    with transaction.atomic():
        response = client.post(reverse("mail:outbox-retry", kwargs={"programme": "ofd", "pk": message.pk}))
    assert response.status_code == 302
    services.outbox_deliver_due()
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 1)
    assert smtp_server.messages[0].message["Subject"] == "Hallo An"


def test_mail_is_rendered_in_the_recipients_language(smtp_server) -> None:  # type: ignore[no-untyped-def]
    compose(template="mail/tests/hello", context={"name": "An"}, to=["an@example.org"], language="nl").send()
    compose(template="mail/tests/hello", context={"name": "Bo"}, to=["bo@example.org"], language="en").send()
    services.outbox_deliver_due()
    subjects = sorted(m.message["Subject"] for m in smtp_server.messages)
    assert subjects == ["Hallo An", "Hello Bo"]
    assert sorted(OutboxMessage.objects.values_list("language", flat=True)) == ["en", "nl"]


@pytest.mark.urls("fabriek.mail.tests.auth_urls")
def test_djangos_password_reset_goes_through_the_outbox(smtp_server, world) -> None:  # type: ignore[no-untyped-def]
    OutboxMessage.objects.all().delete()  # the world's sample messages
    user = world.users["mentor"]
    form = PasswordResetForm({"email": user.email})
    assert form.is_valid()
    form.save(domain_override="fabriek.example.org", use_https=True)
    assert OutboxMessage.objects.filter(recipients=[user.email]).count() == 1
    services.outbox_deliver_due()
    [received] = smtp_server.messages
    assert received.recipients == [user.email]
    assert "https://fabriek.example.org/" in received.message.get_content()


def test_a_message_claimed_by_another_worker_is_not_sent_again(smtp_server) -> None:  # type: ignore[no-untyped-def]
    mail.send_mail("Once", "...", None, ["an@example.org"])
    OutboxMessage.objects.update(state="sending", claimed_at=timezone.now())
    assert services.outbox_deliver_due() == 0
    assert smtp_server.messages == []
    # ... unless that worker died while sending: after the timeout it is queued again
    with time_machine.travel(timezone.now() + services.SENDING_TIMEOUT + datetime.timedelta(minutes=1)):
        assert services.outbox_deliver_due() == 1


def test_staff_see_their_programmes_messages_with_state_and_error(
    world, client, django_assert_max_num_queries, settings
) -> None:  # type: ignore[no-untyped-def]
    OutboxMessage.objects.all().delete()  # the world's sample messages
    settings.EMAIL_BACKEND = "fabriek.mail.backends.OutboxBackend"
    for n in range(30):
        compose(
            template="mail/tests/hello",
            context={"name": f"P{n}"},
            to=[f"p{n}@example.org"],
            language="nl",
            programme_slug="ofd",
        ).send()
    compose(
        template="mail/tests/hello",
        context={"name": "Secret"},
        to=["x@other.org"],
        language="nl",
        programme_slug="other",
    ).send()
    mail.send_mail("Reset", "...", None, ["nobody@example.org"])  # no programme
    OutboxMessage.objects.filter(to_display="p0@example.org").update(
        state="failed", attempts=6, last_error="SMTPDataError: (451, b'later')"
    )
    client.force_login(world.users["staff"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("mail:outbox-list", kwargs={"programme": "ofd"}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "30 berichten" in text
    assert "x@other.org" not in text and "nobody@example.org" not in text
    failed = client.get(reverse("mail:outbox-list", kwargs={"programme": "ofd"}), {"state": "failed"})
    body = failed.content.decode()
    assert "p0@example.org" in body and "p1@example.org" not in body
    assert "SMTPDataError" in body
    assert "Opnieuw versturen" in body


def test_an_unknown_state_filter_is_a_clear_error_not_a_crash(world, client) -> None:  # type: ignore[no-untyped-def]
    OutboxMessage.objects.all().delete()  # the world's sample messages
    client.force_login(world.users["staff"])
    response = client.get(reverse("mail:outbox-list", kwargs={"programme": "ofd"}), {"state": "nonsense"})
    assert response.status_code == 400  # the list pages' rule for a filter value that is not a choice


def test_another_programmes_message_cannot_be_retried(world, client, settings) -> None:  # type: ignore[no-untyped-def]
    OutboxMessage.objects.all().delete()  # the world's sample messages
    settings.EMAIL_BACKEND = "fabriek.mail.backends.OutboxBackend"
    compose(
        template="mail/tests/hello", context={"name": "X"}, to=["x@other.org"], language="nl", programme_slug="other"
    ).send()
    message = OutboxMessage.objects.get()
    message.state = "failed"
    message.save()
    client.force_login(world.users["staff"])
    response = client.post(reverse("mail:outbox-retry", kwargs={"programme": "ofd", "pk": message.pk}))
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.state == "failed"
