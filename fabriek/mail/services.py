"""Writing messages to the outbox and delivering them (the worker's `deliver_outbox` task)."""

import contextlib
import datetime
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from fabriek.core.mailing import PROGRAMME_HEADER
from fabriek.mail.models import OutboxMessage
from fabriek.programmes.models import Programme

logger = logging.getLogger(__name__)

#: A message claimed for sending this long ago whose worker did not record the outcome (it died while
#: talking to the server) is queued again. It may then arrive twice, which beats not at all.
SENDING_TIMEOUT = datetime.timedelta(minutes=10)


def retry_delays() -> list[datetime.timedelta]:
    return [datetime.timedelta(minutes=m) for m in getattr(settings, "MAIL_RETRY_MINUTES", [1, 5, 30, 120, 360])]


def max_attempts() -> int:
    return len(retry_delays()) + 1


def outbox_write(*, message: EmailMessage) -> OutboxMessage | None:
    """Put `message` in the outbox (in the current transaction); None if it has no recipient."""
    headers = dict(message.extra_headers)
    slug = headers.pop(PROGRAMME_HEADER, "")
    message.extra_headers = headers
    recipients = list(message.recipients())
    if not recipients:
        return None
    message.from_email = message.from_email or settings.DEFAULT_FROM_EMAIL
    raw = message.message().as_bytes(linesep="\n")
    programme = Programme.objects.filter(slug=slug).first() if slug else None
    outbox_message = OutboxMessage.objects.create(
        programme=programme,
        from_email=message.from_email,
        recipients=recipients,
        to_display=", ".join(message.to or recipients),
        subject=str(message.subject)[:998],
        language=headers.get("Content-Language", translation.get_language() or ""),
        raw=raw,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(_wake_worker)
    return outbox_message


def _wake_worker() -> None:
    from fabriek.mail.tasks import deliver_outbox

    deliver_outbox.enqueue()


class _RawMessage:
    """The stored bytes, shaped as Django's mail backends expect `EmailMessage.message()` to be."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw.replace(b"\r\n", b"\n")

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self.raw.replace(b"\n", linesep.encode())

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")

    def get_charset(self) -> None:
        return None


class StoredEmail(EmailMessage):
    """An outbox row as an EmailMessage: the exact bytes that were written, to the stored recipients."""

    def __init__(self, outbox_message: OutboxMessage) -> None:
        super().__init__(subject=outbox_message.subject, from_email=outbox_message.from_email)
        self._raw = bytes(outbox_message.raw)
        self._recipients = list(outbox_message.recipients)

    def recipients(self) -> list[str]:
        return self._recipients

    def message(self, *args: Any, **kwargs: Any) -> Any:
        return _RawMessage(self._raw)


def _is_permanent(error: Exception) -> bool:
    """A refusal the server means for good (5xx): trying again would not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def outbox_deliver_due(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Deliver the messages that are due; returns how many were sent.

    Each message is claimed by a conditional update (queued -> sending) that only one worker can win, so
    several workers never send one message twice. A failure is retried after MAIL_RETRY_MINUTES; after the
    last, or on a permanent refusal, the message is failed (staff can try again from the outbox page).
    """
    now = now or timezone.now()
    OutboxMessage.objects.filter(state=OutboxMessage.State.SENDING, claimed_at__lt=now - SENDING_TIMEOUT).update(
        state=OutboxMessage.State.QUEUED
    )
    due = list(
        OutboxMessage.objects.filter(state=OutboxMessage.State.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    if not due:
        return 0
    sent = 0
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        for message_id in due:
            claimed = OutboxMessage.objects.filter(pk=message_id, state=OutboxMessage.State.QUEUED).update(
                state=OutboxMessage.State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
            )
            if not claimed:
                continue  # another worker has it
            message = OutboxMessage.objects.get(pk=message_id)
            try:
                connection.send_messages([StoredEmail(message)])
            except Exception as error:
                _record_failure(message, error)
                with contextlib.suppress(Exception):  # the connection is broken anyway
                    connection.close()  # start afresh with the next message
            else:
                OutboxMessage.objects.filter(pk=message_id).update(
                    state=OutboxMessage.State.SENT, sent_at=timezone.now(), raw=b"", last_error=""
                )
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("closing the mail connection failed", exc_info=True)
    return sent


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    delays = retry_delays()
    text = f"{type(error).__name__}: {error}"[:2000]
    if _is_permanent(error) or message.attempts > len(delays):
        state, next_at = OutboxMessage.State.FAILED, message.next_attempt_at
    else:
        state, next_at = OutboxMessage.State.QUEUED, timezone.now() + delays[message.attempts - 1]
    OutboxMessage.objects.filter(pk=message.pk).update(state=state, next_attempt_at=next_at, last_error=text)
    logger.warning(
        "mail %s to %s not delivered (attempt %s): %s", message.pk, message.to_display, message.attempts, text
    )


@transaction.atomic
def outbox_retry(*, message: OutboxMessage) -> bool:
    """Queue a failed message again, with a fresh set of attempts; False if it is not failed."""
    updated = OutboxMessage.objects.filter(pk=message.pk, state=OutboxMessage.State.FAILED).update(
        state=OutboxMessage.State.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    if updated:
        transaction.on_commit(_wake_worker)
    return bool(updated)
