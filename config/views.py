from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from fabriek.accounts.access import public_view
from fabriek.core.middleware import bad_request as guarded_bad_request


@public_view
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400 (a body too large, a suspicious request): the 400 page, rendered with the request so it
    has the menu and language (Django's default renders it without), or JSON in the API."""
    return guarded_bad_request(request, "")
