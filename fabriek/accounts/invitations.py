"""Inviting a person to an account: staff send an e-mail with a single-use link; the person sets a password.

The link carries a random token (`secrets.token_urlsafe`); only its SHA-256 is stored, so the database
holds nothing that opens an account (the outbox erases the message once it is delivered). A token works
once and for INVITATION_DAYS days; inviting the same address again to the same programme withdraws the
earlier link. Accepting creates the account (the e-mail address is the user name) and the membership with
the invited role, in one transaction with marking the invitation used, which a conditional update lets
only one request win.
"""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from fabriek.accounts.models import Invitation, Membership, User, hash_token
from fabriek.core.audit import log_action
from fabriek.core.mailing import compose

INVITATION_DAYS = 7


class InvitationUnavailable(Exception):
    """The invitation was used or withdrawn in the meantime, or its address now has an account."""


def email_has_account(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists() or User.objects.filter(username__iexact=email).exists()


def invitation_link(raw_token: str) -> str:
    return f"{settings.SITE_URL}{reverse('accounts:invitation-accept')}?token={raw_token}"


@transaction.atomic
def invitation_create(
    *,
    programme: Any,
    actor: Any,
    email: str,
    role: str,
    language: str,
    first_name: str = "",
    last_name: str = "",
    location: Any = None,
    company: Any = None,
    partner: Any = None,
) -> Invitation:
    """Invite `email` to `programme` with `role`; the mail goes out through the outbox with this transaction."""
    now = timezone.now()
    email = User.objects.normalize_email(email).strip()
    Invitation.objects.filter(
        programme=programme, email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        programme=programme,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        location=location,
        company=company,
        partner=partner,
        language=language,
        token_hash=hash_token(raw),
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    log_action(
        actor=actor,
        action="accounts.invitation.created",
        obj=invitation,
        changes={"email": email, "role": role},
        programme_slug=programme.slug,
    )
    compose(
        template="accounts/mail/invitation",
        context={
            "invitation": invitation,
            "programme": programme,
            "inviter": invitation.invited_by,
            "link": invitation_link(raw),
            "days": INVITATION_DAYS,
        },
        to=[email],
        language=language,
        programme_slug=programme.slug,
    ).send()
    return invitation


def invitation_for_token(raw_token: str, *, now: datetime.datetime | None = None) -> Invitation | None:
    """The unused, unexpired invitation with this token, or None."""
    if not raw_token or len(raw_token) > 200:
        return None
    return (
        Invitation.objects.select_related("programme", "location", "company", "partner")
        .filter(token_hash=hash_token(raw_token), accepted_at__isnull=True, expires_at__gt=now or timezone.now())
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Create the invited person's account and membership; the invitation cannot be used again."""
    now = timezone.now()
    used = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now).update(
        accepted_at=now
    )
    if not used or email_has_account(invitation.email):
        raise InvitationUnavailable
    user = User(
        username=invitation.email,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:  # the same address accepted another invitation at the same moment
        raise InvitationUnavailable from error
    Membership.objects.create(
        user=user,
        programme=invitation.programme,
        role=invitation.role,
        location=invitation.location,
        company=invitation.company,
        partner=invitation.partner,
    )
    Invitation.objects.filter(pk=invitation.pk).update(user=user)
    log_action(
        actor=user,
        action="accounts.invitation.accepted",
        obj=invitation,
        changes={"email": invitation.email, "role": invitation.role},
        programme_slug=invitation.programme.slug,
    )
    return user
