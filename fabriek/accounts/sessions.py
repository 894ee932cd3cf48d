"""Session lifetimes: logged out after `SESSION_IDLE_TIMEOUT` seconds without a request (30 minutes) and
`SESSION_ABSOLUTE_TIMEOUT` seconds after logging in (12 hours), whatever happens in between."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

STARTED = "fabriek_session_started"
LAST_SEEN = "fabriek_last_seen"
#: The last-seen time is written at most this often (seconds), so not every request writes the session.
RESOLUTION = 60


def start_session_clock(request: HttpRequest) -> None:
    """Called on login: the absolute lifetime counts from here."""
    now = int(time.time())
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            started = request.session.get(STARTED)
            last_seen = request.session.get(LAST_SEEN)
            if started is None or last_seen is None:
                # a session from before this rule (or made without logging in): its clock starts now
                start_session_clock(request)
            elif now - last_seen > settings.SESSION_IDLE_TIMEOUT or now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, _("You were logged out because your session expired. Please log in again."))
            elif now - last_seen >= RESOLUTION:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
