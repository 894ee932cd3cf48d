"""API tokens: made (the raw key shown once), listed and revoked by their own user; every change audited."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.models import ApiToken, User, hash_token
from fabriek.core.audit import log_action


def api_token_create(
    *,
    actor: Any,
    user: User,
    name: str,
    scope: str = ApiToken.Scope.READ_WRITE,
    days: int | None = None,
) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns it with the raw key, which is not stored and cannot be shown again.

    It works for `days` (default `API_TOKEN_DAYS`, at most `API_TOKEN_MAX_DAYS`).
    """
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError({"days": _("Choose between 1 and %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}})
    raw = ApiToken.new_raw_key()
    with transaction.atomic():
        token = ApiToken(
            user=user,
            name=name,
            scope=scope,
            key_hash=hash_token(raw),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        token.full_clean()
        token.save()
        log_action(
            actor=actor,
            action="accounts.api_token.created",
            obj=token,
            changes={"name": [None, name], "scope": [None, scope], "expires_at": [None, token.expires_at]},
        )
    return token, raw


def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    """Delete the token: it stops working at once. The audit entry keeps its name and owner."""
    with transaction.atomic():
        log_action(
            actor=actor,
            action="accounts.api_token.revoked",
            obj=token,
            changes={"name": [token.name, None], "user": [str(token.user), None]},
        )
        token.delete()


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))
