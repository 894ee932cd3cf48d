"""Who may use which view: every view declares its rule with one of these decorators.

Deny by default: `AccessRuleMiddleware` refuses any view that declares nothing. Programme views take the
programme's slug from the URL; a user who is not a member of that programme gets 404 (the programme's
existence is not revealed), a member whose role is not allowed gets 403.
"""

import sys
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from fabriek.accounts.models import Membership, Role
from fabriek.core.audit import log_refused

ALL_ROLES: frozenset[str] = frozenset(Role.values)
#: Roles that see records about individual companies and people.
PERSONAL_DATA_ROLES: frozenset[str] = frozenset(
    {Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT, Role.MENTOR, Role.PARTNER}
)
PUBLIC = "public"
AUTHENTICATED = "authenticated"

View = Callable[..., HttpResponseBase]


def membership_for(user: Any, programme_slug: str) -> Membership | None:
    """The user's membership of the programme, or None. Superusers act as staff everywhere."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.select_related("programme", "location", "company", "partner")
        .filter(user=user, programme__slug=programme_slug)
        .first()
    )
    if membership is None and user.is_superuser:
        from django.apps import apps

        programme = apps.get_model("programmes", "Programme").objects.filter(slug=programme_slug).first()
        if programme is not None:
            membership = Membership(user=user, programme=programme, role=Role.STAFF)
    return membership


def public_view(view: View) -> View:
    """Anyone may use this view, logged in or not."""
    view.access_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def authenticated_view(view: View) -> View:
    """Any logged-in user may use this view; it shows only what belongs to that user."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.access_rule = AUTHENTICATED  # type: ignore[attr-defined]
    return wrapped


def programme_view(roles: Iterable[str]) -> Callable[[View], View]:
    """Members of the URL's programme with one of `roles` may use this view.

    The wrapped view is called without the `programme` URL argument; it finds the programme and the
    user's membership on `request.programme` and `request.membership`.
    """
    allowed = frozenset(roles)
    unknown = allowed - ALL_ROLES
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, programme: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, programme)
            if membership is None:
                log_refused(request, 404, programme_slug=programme)
                raise Http404
            if membership.role not in allowed:
                log_refused(request, 403, programme_slug=programme)
                raise PermissionDenied
            request.membership = membership  # type: ignore[attr-defined]
            request.programme = membership.programme  # type: ignore[attr-defined]
            try:
                return view(request, *args, **kwargs)
            except (Http404, PermissionDenied):
                # a record of another programme or outside the member's scope (or one that does not exist)
                log_refused(request, 403 if isinstance(sys.exc_info()[1], PermissionDenied) else 404)
                raise

        wrapped.access_rule = allowed  # type: ignore[attr-defined]
        return wrapped

    return decorator


def allows(view: Any, role: str) -> bool:
    """Whether a view's declared rule lets a member with `role` in."""
    rule = getattr(view, "access_rule", None)
    if rule in (PUBLIC, AUTHENTICATED):
        return True
    return isinstance(rule, frozenset) and role in rule
