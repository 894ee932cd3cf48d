"""Logins, logouts, failed logins and lockouts go into the audit log (ASVS V16), with the client address.

Only logins made through an HTTP request are logged: the test client's `force_login` (a bare HttpRequest
without a method) is not somebody logging in.
"""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from fabriek.accounts.lockout import client_ip
from fabriek.accounts.sessions import start_session_clock
from fabriek.accounts.two_factor import note_what_is_owed
from fabriek.core.audit import log_event


def _real(request: HttpRequest | None) -> bool:
    return request is not None and getattr(request, "method", None) is not None


def _user_fields(user: Any) -> dict[str, str]:
    return {"object_type": "accounts.user", "object_id": str(user.pk), "object_repr": str(user)}


@receiver(user_logged_in)
def logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)
        note_what_is_owed(request, user)
    if _real(request):
        ip = client_ip(request)  # type: ignore[arg-type]
        log_event(actor=user, action="accounts.user.logged_in", changes={"ip": ip}, **_user_fields(user))


@receiver(user_logged_out)
def logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None and _real(request):
        ip = client_ip(request)  # type: ignore[arg-type]
        log_event(actor=user, action="accounts.user.logged_out", changes={"ip": ip}, **_user_fields(user))


def _attempted(credentials: Any) -> str:
    return str((credentials or {}).get("username") or "")[:150]


@receiver(user_login_failed)
def login_failed(sender: Any, credentials: Any = None, request: HttpRequest | None = None, **kwargs: Any) -> None:
    if not _real(request):
        return
    if getattr(request, "axes_locked_out", False):
        return  # refused because of a lockout: logged once as the lockout
    username = _attempted(credentials)
    log_event(
        actor=None,
        action="accounts.user.login_failed",
        object_type="accounts.user",
        object_repr=username,
        changes={"ip": client_ip(request)},  # type: ignore[arg-type]
    )


@receiver(user_locked_out)
def locked_out(sender: Any, request: HttpRequest | None = None, username: str | None = None, **kwargs: Any) -> None:
    if not _real(request):
        return
    log_event(
        actor=None,
        action="accounts.user.locked_out",
        object_type="accounts.user",
        object_repr=str(username or "")[:150],
        changes={"ip": client_ip(request)},  # type: ignore[arg-type]
    )
