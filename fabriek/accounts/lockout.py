"""Throttling of password guessing (django-axes) and of API token guessing.

Ten failed logins within the cool-off (15 minutes, `LOGIN_FAILURE_LIMIT`, `LOGIN_LOCKOUT_MINUTES`) lock the
account, and separately the client address, until 15 minutes after the last failure: the right password is
refused too, with a page that says so and when to try again. A successful login clears the count.
"""

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fabriek.core.audit import client_address


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy (`BEHIND_PROXY`) the last address in
    X-Forwarded-For, the one our proxy appended (earlier ones are whatever the client claimed)."""
    return client_address(request)


def lockout_ends(request: HttpRequest, username: str) -> Any:
    """When the lock on this account or address lifts: the cool-off after the last counted failure."""
    cool_off = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    last = AccessAttempt.objects.filter(
        Q(username=username) | Q(ip_address=client_ip(request)), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None) -> HttpResponse:
    """axes' lockout answer: the login page's place, saying why and until when (429 Too Many Requests)."""
    username = ""
    if isinstance(credentials, dict):
        username = str(credentials.get("username") or "")
    username = username or str(request.POST.get("username", ""))
    retry_at = lockout_ends(request, username)
    minutes = max(1, int((retry_at - timezone.now()).total_seconds() + 59) // 60)
    answer = render(
        request,
        "accounts/locked_out.html",
        {"retry_at": timezone.localtime(retry_at), "minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    answer["Retry-After"] = str(minutes * 60)
    return answer


# --- API tokens: failed bearer tokens per client address -------------------------------------------------


def _token_key(request: HttpRequest) -> str:
    return f"api-token-failures:{client_ip(request)}"


def token_guessing_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_token_key(request), 0)) >= settings.API_TOKEN_FAILURE_LIMIT


def count_token_failure(request: HttpRequest) -> None:
    """One more unknown or expired token from this address; the count lives for the lockout period
    after the first failure (the cache is per process unless CACHES names a shared one)."""
    key = _token_key(request)
    if cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_MINUTES * 60):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_MINUTES * 60)
