import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent, TooManyFilesSent
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from fabriek.core.errors import (
    BadParameter,
    Conflict,
    conflict_message,
    control_character,
    control_character_message,
    out_of_range_message,
    retry_on_conflict,
    strings_in,
)


class LanguageMiddleware:
    """Dutch first: the language is the one picked with the footer switch (cookie), else LANGUAGE_CODE; for a
    logged-in user who chose one on their profile, `UserLanguageMiddleware` replaces it with theirs.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language, because the team and the
    province work in Dutch whatever their browser says; English is one click away.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """400 with `message`: JSON `{"detail": ...}` in the API, the 400 page in the user's language elsewhere."""
    message = message or _("The request could not be read; check its body and parameters.")
    if is_api(request):
        return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "400.html", {"message": message}, status=400)


def conflict(request: HttpRequest) -> HttpResponse:
    message = conflict_message()
    if is_api(request):
        return JsonResponse({"detail": message}, status=409, json_dumps_params={"ensure_ascii": False})
    return render(request, "409.html", {"message": message}, status=409)


def _api_error_message(response: HttpResponse) -> str:
    status = response.status_code
    if status == 404:
        return _("Not found: there is no such path in the API. The paths are listed at /api/v1/docs.")
    if status == 405:
        return _("This path does not accept the method used; it accepts: %(methods)s.") % {
            "methods": response.get("Allow", "")
        }
    if status == 403:
        return _("You may not do this.")
    if status == 400:
        return _("The request could not be read; check its body and parameters.")
    if status >= 500:
        return _("Something went wrong on our side; nothing was half-saved. Try again in a moment.")
    return response.reason_phrase


class RequestGuardMiddleware:
    """Refuses, before any view or query runs, what no field can hold: control characters (PostgreSQL
    refuses NUL in text) in the path, a parameter, a form field or a JSON body; a form body that cannot be
    parsed; a JSON body that is not JSON. Answers 400 naming the parameter.

    In the API every error answer is JSON `{"detail": ...}`: the ones that do not come from the API's own
    handlers (Django's 404, 405 and 500 pages) are turned into JSON here. Cookies with control characters
    are dropped (a browser never sends them; the session would be looked up with them).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.refusal(request) or self.get_response(request)
        if is_api(request) and response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
            headers = {"Allow": response["Allow"]} if response.has_header("Allow") else None
            response = JsonResponse(
                {"detail": _api_error_message(response)}, status=response.status_code, headers=headers
            )
        return response

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        for name in [name for name, value in request.COOKIES.items() if control_character(name + value)]:
            del request.COOKIES[name]
        if code := control_character(request.path):
            return bad_request(request, control_character_message(_("The address"), code))
        for name, value in request.GET.lists():
            if code := control_character(name + "".join(value)):
                return bad_request(request, control_character_message(_("The parameter “%s”") % name[:50], code))
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return None
        content_type = request.content_type or ""
        if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            try:
                fields = request.POST
            except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent) as error:
                return bad_request(
                    request,
                    _("The form could not be read (%(error)s). Reload the page and send the form again.")
                    % {"error": error},
                )
            for name, value in fields.lists():
                if code := control_character(name + "".join(value)):
                    return bad_request(request, control_character_message(_("The field “%s”") % name[:50], code))
        elif is_api(request) and (content_type.endswith("json") or (request.body and not content_type)):
            return self.json_refusal(request)
        return None

    def json_refusal(self, request: HttpRequest) -> HttpResponse | None:
        if not request.body:
            return None
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError) as error:
            where = (
                _(" (line %(line)s, column %(column)s)") % {"line": error.lineno, "column": error.colno}
                if isinstance(error, json.JSONDecodeError)
                else ""
            )
            return bad_request(
                request,
                _("The request body is not valid JSON%(where)s. Send one JSON object, UTF-8 encoded.")
                % {"where": where},
            )
        for path, value in strings_in(data):
            if code := control_character(value):
                where = _("The field “%s”") % path[:50] if path else _("The body")
                return bad_request(request, control_character_message(where, code))
        return None


class ConflictRetryMiddleware:
    """Runs the view again once when its write lost a race with a concurrent one (a deadlock or
    serialization failure on PostgreSQL, a busy SQLite); a second loss answers 409, nothing saved.

    Last in MIDDLEWARE: it calls the view itself, after every other middleware's checks. It also answers
    the request errors views raise (`BadParameter`: 400, `Conflict`: 409).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        attempts = 0

        def attempt(*args: Any, **kwargs: Any) -> Any:
            nonlocal attempts
            attempts += 1
            if attempts > 1:
                for _name, uploads in request.FILES.lists():
                    for upload in uploads:
                        upload.seek(0)
            return view_func(request, *args, **kwargs)

        try:
            return retry_on_conflict(attempt)(*view_args, **view_kwargs)
        except (BadParameter, Conflict, DataError, OverflowError) as exception:
            # raised here, they would not reach process_exception
            return self.process_exception(request, exception)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BadParameter):
            return bad_request(request, exception.message)
        if isinstance(exception, Conflict):
            return conflict(request)
        if isinstance(exception, DataError | OverflowError):
            # The last line of defence: a value the database cannot hold that no validation caught.
            logger.warning("value refused by the database: %s", exception)
            return bad_request(request, out_of_range_message())
        return None


class DownloadAuditMiddleware:
    """Every export and download (an answer sent as an attachment) goes into the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        disposition = response.headers.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            from fabriek.core.audit import log_download

            filename = disposition.partition("filename=")[2].strip('"') or request.path
            log_download(request, filename)
        return response


class UserLanguageMiddleware:
    """A logged-in user's own language (chosen on their profile, or with the footer switch while logged in)
    wins over the cookie, on every device. Runs after authentication; LanguageMiddleware has set the cookie's
    language before, so what runs in between (the request guard's errors) still speaks the cookie's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language in self.supported and language != request.LANGUAGE_CODE:  # type: ignore[attr-defined]
            translation.activate(language)
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        if language in self.supported:
            response.headers["Content-Language"] = language
        return response
