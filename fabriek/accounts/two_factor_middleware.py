"""A logged-in session that still owes its second factor reaches only the pages that take one.

With a confirmed device the user must pass it (`accounts:two-factor-verify`) before anything else; without one,
a user who must have one (`second_factor_required`) is sent to set it up first. The API answers such a session
401 in JSON; token calls (no session) are not affected, a token being a credential of its own.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from fabriek.accounts.two_factor import SESSION_KEY, note_what_is_owed

#: Views a session may use before passing its second factor (besides static files, which never get here).
OPEN_VIEWS = {
    "accounts:logout",
    "accounts:two-factor-verify",
    "accounts:two-factor-setup",
    "set_language",
}


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr,attr-defined]
            return None
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        if name in OPEN_VIEWS:
            return None
        # What this session owes is decided at login (it costs queries) and kept in the session; the pages
        # that change it (set-up, removal) forget it, and it is decided again here.
        if SESSION_KEY not in request.session:
            note_what_is_owed(request, user)
        owed = request.session[SESSION_KEY]
        if owed == "verify":
            target = "accounts:two-factor-verify"
            message = _("Enter the code from your authenticator app first.")
        elif owed == "setup":
            target = "accounts:two-factor-setup"
            message = _("Set up a second factor first: your role requires one.")
        else:
            return None
        if match is not None and "api" in match.namespaces:
            return JsonResponse({"detail": message}, status=401)
        from django.urls import reverse

        return redirect_to_login(request.get_full_path(), reverse(target))
