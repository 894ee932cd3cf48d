"""Who may use which API operation: authentication (session or bearer token) and the per-operation rule.

Every operation function carries `@api_rule(roles)` under its router decorator. The rule adds the
`programme` path parameter, resolves it to the caller's membership (not a member: 404, so the programme's
existence stays hidden; a member whose role is not allowed: 403) and leaves the membership on
`request.membership`. The roles are recorded on the function as `api_rule`, so a test can list every
operation with its roles and fail on one that declares none (deny by default).
"""

import inspect
import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from ninja.params.functions import Path
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf, contribute_operation_args

from fabriek.accounts.access import ALL_ROLES, membership_for
from fabriek.accounts.lockout import count_token_failure, token_guessing_blocked
from fabriek.accounts.models import ApiToken, Membership, hash_token
from fabriek.accounts.tokens import api_token_create
from fabriek.core.audit import log_refused

F = TypeVar("F", bound=Callable[..., Any])
logger = logging.getLogger(__name__)

#: A token's last use is written at most this often, so a busy client does not cost a write per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ErrorOut(Schema):
    """What every refusal looks like: one message a person can act on."""

    detail: str


class ValidationErrorOut(Schema):
    """A refused write: a summary plus the messages per field (`__all__` for the record as a whole)."""

    detail: str
    errors: dict[str, list[str]]


#: The refusals any programme operation can answer with, for the OpenAPI schema (422: a malformed parameter).
ERROR_RESPONSES: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
#: The same for operations that write.
WRITE_ERROR_RESPONSES: dict[int, type[Schema]] = {**ERROR_RESPONSES, 409: ErrorOut}


class SessionAuth(NinjaSessionAuth):
    """The browser's Django session. Unsafe methods need the CSRF token, as on the pages.

    Unlike ninja's own SessionAuth it checks CSRF only once a session user is found, so an anonymous
    call gets 401 (log in) rather than 403 (CSRF), which is the message that helps; and its refusal
    says what to send.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not request.user.is_authenticated:
            return None
        if self.csrf and check_csrf(request) is not None:
            raise HttpError(
                403,
                _(
                    "CSRF check failed: send the value of the csrftoken cookie in the X-CSRFToken header, "
                    "or call the API with a token instead of a session."
                ),
            )
        return request.user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key made by `manage.py create_api_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token:
            return None
        if token_guessing_blocked(request):
            raise HttpError(
                429,
                _("Too many unknown API tokens from your address; try again in %(minutes)s minutes.")
                % {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        api_token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if api_token is None or not api_token.user.is_active:
            count_token_failure(request)
            return None
        now = timezone.now()
        if api_token.expires_at <= now:
            count_token_failure(request)
            raise HttpError(
                401,
                _("This API token expired on %(date)s; make a new one on your account's API tokens page.")
                % {"date": date_format(timezone.localtime(api_token.expires_at), "DATETIME_FORMAT")},
            )
        if api_token.read_only and request.method not in SAFE_METHODS:
            raise HttpError(403, _("This API token is read-only; use a read-and-write token to change records."))
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            # Bookkeeping, not a domain change: a plain update, no audit entry.
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


def api_rule(roles: Iterable[str]) -> Callable[[F], F]:
    """Members of the `{programme}` in the path with one of `roles` may use this operation.

    Put it directly under the router decorator (and under `@paginate`). The function does not declare
    `programme`; it finds the caller's membership with `caller(request)`.
    """
    allowed = frozenset(str(role) for role in roles)
    unknown = allowed - ALL_ROLES
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    if not allowed:
        raise ValueError("an API rule needs at least one role")

    def decorator(func: F) -> F:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, programme: str, **kwargs: Any) -> Any:
            membership = membership_for(request.auth, programme)  # type: ignore[attr-defined]
            if membership is None:
                log_refused(request, 404, programme_slug=programme)
                raise Http404
            if membership.role not in allowed:
                log_refused(request, 403, programme_slug=programme)
                raise PermissionDenied(
                    _("Your role in this programme (%(role)s) may not do this.")
                    % {"role": membership.get_role_display()}
                )
            request.membership = membership  # type: ignore[attr-defined]
            try:
                return func(request, *args, **kwargs)
            except Http404:
                log_refused(request, 404, programme_slug=programme)
                raise
            except PermissionDenied:
                log_refused(request, 403, programme_slug=programme)
                raise

        wrapped.api_rule = allowed  # type: ignore[attr-defined]
        # The roles also appear in the OpenAPI description, so API users read the rule where they look.
        doc = inspect.cleandoc(func.__doc__ or "")
        wrapped.__doc__ = f"{doc}\n\nRoles: {', '.join(sorted(allowed))}.".strip()
        contribute_operation_args(wrapped, "programme", str, Path(..., description="The programme's slug, e.g. ofd."))
        return cast(F, wrapped)

    return decorator


#: The rule of an operation anyone may call, logged in or not (`api_public`).
PUBLIC_RULE = frozenset({"public"})


def api_public(func: F) -> F:
    """Anyone may call this operation, without logging in (the router decorator says `auth=None`).

    The function takes `programme` itself and must look up only public records (404 otherwise); it is
    recorded as public so the permission tests give it rows of its own."""
    func.api_rule = PUBLIC_RULE  # type: ignore[attr-defined]
    doc = inspect.cleandoc(func.__doc__ or "")
    func.__doc__ = f"{doc}\n\nRoles: anyone, without logging in.".strip()
    return func


def deny_without_rule(view_func: F) -> F:
    """Deny by default: an operation whose function carries no `api_rule` is refused for everyone.

    Installed on the whole API with `api.add_decorator`; the tests also fail on such an operation, this is
    the guard for the running site.
    """
    if getattr(view_func, "api_rule", None):
        return view_func

    @wraps(view_func)
    def refused(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        logger.error("API operation %s declares no access rule; refused", view_func.__name__)
        raise PermissionDenied(_("This operation declares no access rule, so nobody may use it."))

    return cast(F, refused)


def docs_need_login(view: F) -> F:
    """The schema and the browsable docs: anyone while `API_DOCS_PUBLIC` (development), else logged-in users.

    A token is accepted too, so a script can fetch the schema it calls against.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if settings.API_DOCS_PUBLIC or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and TokenAuth().authenticate(request, header[7:].strip()) is not None:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return cast(F, guarded)


def caller(request: HttpRequest) -> Membership:
    """The membership `api_rule` resolved for this request."""
    return cast(Membership, request.membership)  # type: ignore[attr-defined]


__all__ = [
    "ERROR_RESPONSES",
    "WRITE_ERROR_RESPONSES",
    "ErrorOut",
    "SessionAuth",
    "TokenAuth",
    "ValidationErrorOut",
    "api_public",
    "api_rule",
    "api_token_create",
    "caller",
    "deny_without_rule",
    "docs_need_login",
]
