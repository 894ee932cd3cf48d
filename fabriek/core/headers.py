"""Security headers on every response Django itself answers (static files are served before this runs).

- `Content-Security-Policy`: scripts, styles, images, fonts and connections from our own origin only; no
  inline script, no inline event handler, no inline style, no `eval`. htmx is configured (base.html's
  `htmx-config` meta) so it needs none of these.
- `Permissions-Policy`: the browser features the app never uses are switched off.
- `Cache-Control: no-store`: every page, export and API answer may carry personal data or figures behind a
  login, so no browser or proxy keeps a copy (the back button after logout shows nothing).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy_header(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = policy_header(settings.CONTENT_SECURITY_POLICY)
        # Swagger UI (the browsable API docs) sets style attributes from its script; nothing else needs it.
        relaxed = {**settings.CONTENT_SECURITY_POLICY}
        relaxed["style-src"] = [*relaxed.get("style-src", []), "'unsafe-inline'"]
        self.docs_csp = policy_header(relaxed)
        self.permissions = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        docs = request.path == settings.API_DOCS_PATH
        response.headers["Content-Security-Policy"] = self.docs_csp if docs else self.csp
        response.headers["Permissions-Policy"] = self.permissions
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
        return response
