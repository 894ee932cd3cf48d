"""The e-mail backend every `send_mail`/`EmailMessage.send()` of the app goes through (settings.EMAIL_BACKEND).

It writes each message to the outbox in the caller's transaction (so a message exists exactly when the
change that caused it was committed) and, after the commit, wakes a worker to deliver it through
settings.MAIL_DELIVERY_BACKEND.
"""

from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from fabriek.mail import services


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        written = 0
        for message in email_messages:
            if services.outbox_write(message=message) is not None:
                written += 1
        return written

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently)
