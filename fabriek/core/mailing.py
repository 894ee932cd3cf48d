"""Composing mail in the recipient's language; every app sends it with `message.send()`.

Sending goes through `settings.EMAIL_BACKEND`, which is the outbox (fabriek.mail): the message is written
in the caller's transaction and delivered by the worker. `programme_slug` files the message under a
programme, so that programme's staff see it on their outbox page.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

#: Header the outbox backend takes the programme from (and removes before delivery).
PROGRAMME_HEADER = "X-Fabriek-Programme"


def compose(
    *,
    template: str,
    context: Mapping[str, Any],
    to: Sequence[str],
    language: str,
    programme_slug: str = "",
) -> EmailMessage:
    """A plain-text message from `<template>_subject.txt` and `<template>.txt`, rendered in `language`."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", dict(context)).split())
        body = render_to_string(f"{template}.txt", dict(context))
    headers = {"Content-Language": language}
    if programme_slug:
        headers[PROGRAMME_HEADER] = programme_slug
    return EmailMessage(subject=subject, body=body, to=list(to), headers=headers)
