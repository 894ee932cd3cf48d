import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

logger = logging.getLogger(__name__)

# Django's admin checks is_staff and model permissions itself; the API checks its rules per operation
# (see config/api.py and the permission-matrix test, which covers both).
SELF_GUARDED_NAMESPACES = {"admin", "api"}


class AccessRuleMiddleware:
    """Deny by default: a view that does not declare who may use it is refused for everyone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        match = request.resolver_match
        if match is not None and SELF_GUARDED_NAMESPACES & set(match.namespaces):
            return None
        if getattr(view_func, "access_rule", None) is None:
            logger.error("view %s declares no access rule; refused", getattr(view_func, "__name__", view_func))
            return HttpResponseForbidden()
        return None
