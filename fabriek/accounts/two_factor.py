"""The second factor: a TOTP app (django-otp's TOTPDevice) plus single-use recovery codes (a StaticDevice).

Who must have one is `second_factor_required`; what a session may do before it has passed it is the job of
`SecondFactorMiddleware`. Every change is in the audit log; codes and secrets never are.
"""

import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from fabriek.core.audit import log_event

#: What a logged-in session still owes ("verify", "setup" or "nothing"), see SecondFactorMiddleware.
SESSION_KEY = "fabriek_second_factor_owed"
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"
#: Recovery codes are shown in groups, "k7m2-x9qp"; the dash is ignored when typed back.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _audit(user: Any, action: str, actor: Any = None, changes: dict[str, Any] | None = None) -> None:
    log_event(
        actor=actor if actor is not None else user,
        action=action,
        object_type="accounts.user",
        object_id=str(user.pk),
        object_repr=str(user),
        changes=changes,
    )


def second_factor_required(user: Any) -> bool:
    """Whether `user` must use a second factor: in production (`TWO_FACTOR_REQUIRED`) superusers and anyone
    with a role in `TWO_FACTOR_REQUIRED_ROLES` in any programme (they see many people's data)."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(role__in=settings.TWO_FACTOR_REQUIRED_ROLES).exists()


def has_second_factor(user: Any) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def app_device_start(*, user: Any) -> TOTPDevice:
    """A fresh, unconfirmed app device for `user` to scan; an earlier unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def pending_app_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def recovery_codes_renew(*, user: Any, actor: Any = None) -> list[str]:
    """New recovery codes for `user`; the old ones stop working. Returned once, to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_new_recovery_code() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=_normalise(code)) for code in codes)
    _audit(user, "accounts.user.recovery_codes_renewed", actor)
    return codes


@transaction.atomic
def app_device_confirm(*, request: Any, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm a scanned app device with a code it shows. On success the user's earlier app device goes, this
    session counts as verified, and the new recovery codes are returned; a wrong code returns None."""
    if not device.verify_token(_normalise(code)):
        return None
    user = request.user
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _audit(user, "accounts.user.second_factor_added")
    codes = recovery_codes_renew(user=user)
    otp_login(request, device)
    forget_what_is_owed(request)
    return codes


def verify(*, request: Any, code: str) -> bool:
    """Check `code` against the user's app, then their recovery codes (each works once). On success the session
    counts as verified; every failure is in the audit log. django-otp slows down repeated failures per device."""
    user = request.user
    token = _normalise(code)
    if token:
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(token):
                otp_login(request, device)
                _audit(user, "accounts.user.second_factor_passed")
                return True
        for device in StaticDevice.objects.filter(user=user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(token):
                otp_login(request, device)
                left = device.token_set.count()
                _audit(user, "accounts.user.recovery_code_used", changes={"codes_left": left})
                return True
    _audit(user, "accounts.user.second_factor_failed")
    return False


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def note_what_is_owed(request: Any, user: Any) -> None:
    """Decide at login what this session owes, so that its requests need no queries to know it."""
    owed = "verify" if has_second_factor(user) else "setup" if second_factor_required(user) else "nothing"
    request.session[SESSION_KEY] = owed


def forget_what_is_owed(request: Any) -> None:
    request.session.pop(SESSION_KEY, None)


@transaction.atomic
def second_factor_remove(*, user: Any, actor: Any) -> None:
    """Remove every device of `user` (they lost their phone and codes; done by themselves or a superuser)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user, "accounts.user.second_factor_removed", actor)
