"""The API, wired once: one NinjaAPI under /api/v1/ with a router per app.

Every app's router is mounted under `/programmes/{programme}`; each operation declares its roles with
`fabriek.accounts.api_auth.api_rule`. Errors are JSON `{"detail": "..."}` (422 adds `errors` per field).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.docs import Swagger

from fabriek.accounts.api_auth import SessionAuth, TokenAuth, deny_without_rule, docs_need_login
from fabriek.companies.api import router as companies_router
from fabriek.core.errors import BadParameter, out_of_range_message
from fabriek.events.api import router as events_router
from fabriek.imports.api import router as imports_router
from fabriek.intake.api import router as intake_router
from fabriek.mentoring.api import router as mentoring_router
from fabriek.metrics.api import router as metrics_router
from fabriek.participation.api import router as participation_router
from fabriek.partners.api import router as partners_router
from fabriek.people.api import router as people_router
from fabriek.programmes.api import router as programmes_router
from fabriek.reporting.api import router as reporting_router
from fabriek.spaces.api import router as spaces_router


class LocalSwagger(Swagger):
    """The API docs page from the Swagger UI files that django-ninja ships. ninja serves a page that loads
    them from a CDN when it is not an installed app (settings, NINJA_DIR says why it is not); a server
    without internet, and our Content-Security-Policy, need the local one."""

    template_cdn = str(settings.NINJA_DIR / "templates" / "ninja" / "swagger.html")


api = NinjaAPI(
    title="Fabriek API",
    version="1",
    urls_namespace="api",
    description=(
        "Programme records of Fabriek. Authenticate with a session (browser; unsafe methods need the CSRF "
        "token) or with `Authorization: Bearer <token>` (make one with `manage.py create_api_token`). "
        "Every path sits under a programme; members of another programme get 404."
    ),
    auth=[TokenAuth(), SessionAuth()],
    docs=LocalSwagger(),
    docs_decorator=docs_need_login,
)

# Deny by default: an operation without `api_rule` is refused at run time (and fails the tests).
api.add_decorator(deny_without_rule)

PROGRAMME = "/programmes/{programme}"

api.add_router(PROGRAMME, programmes_router)
api.add_router(PROGRAMME, companies_router)
api.add_router(PROGRAMME, participation_router)
api.add_router(PROGRAMME, metrics_router)
api.add_router(PROGRAMME, partners_router)
api.add_router(PROGRAMME, mentoring_router)
api.add_router(PROGRAMME, events_router)
api.add_router(PROGRAMME, imports_router)
api.add_router(PROGRAMME, intake_router)
api.add_router(PROGRAMME, people_router)
api.add_router(PROGRAMME, spaces_router)
api.add_router(f"{PROGRAMME}/reports", reporting_router)


# --- errors: always JSON with a "detail" a person can act on -------------------------------------------


def _detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _detail(
        request,
        _("Authentication required: log in, or send an API token in the header 'Authorization: Bearer <token>'."),
        401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _detail(request, _("Not found: no such record in this programme, or you may not see it."), 404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _detail(request, str(exc) or _("You may not do this."), 403)


def _validation_response(request: HttpRequest, errors: dict[str, list[str]]) -> HttpResponse:
    body = {"detail": _("Some values were not accepted; see 'errors' for a message per field."), "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(DjangoValidationError)
def _refused_by_service(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return _validation_response(request, {field: list(messages) for field, messages in errors.items()})


@api.exception_handler(SchemaValidationError)
def _refused_by_schema(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # ninja's loc is ("body", "payload", "field", ...) or ("query", "field"): keep the field part.
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
        errors.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "")))
    return _validation_response(request, errors)


@api.exception_handler(IntegrityError)
def _conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    return _detail(
        request,
        _("This conflicts with a record that already exists (for example a duplicate); nothing was saved."),
        409,
    )


@api.exception_handler(BadParameter)
def _bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    return _detail(request, exc.message, 400)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def _out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The last line of defence: a value the database cannot hold (a 20-digit id) that no schema bound caught.
    return _detail(request, out_of_range_message(), 400)


@api.exception_handler(DatabaseError)
def _database_error(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
    # A deadlock or serialization failure goes up to ConflictRetryMiddleware (retry once, then 409);
    # anything else is a 500, which RequestGuardMiddleware answers as JSON.
    raise exc


# --- the operations and their rules, for the permission tests -------------------------------------------


@dataclass(frozen=True)
class ApiOperation:
    method: str
    path: str
    roles: frozenset[str] | None
    view: Any


def api_operations() -> Iterator[ApiOperation]:
    """Every operation with its full path as in the OpenAPI schema and the roles its `api_rule` allows
    (None when it declares no rule, which the tests refuse)."""
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            full = "/" + "/".join(part.strip("/") for part in ("api/v1", bound.prefix, path) if part.strip("/"))
            for operation in path_view.operations:
                for method in operation.methods:
                    rule = getattr(operation.view_func, "api_rule", None)
                    yield ApiOperation(method=method.upper(), path=full, roles=rule, view=operation.view_func)
