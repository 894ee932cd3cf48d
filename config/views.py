from django.db import connection
from django.http import HttpRequest, JsonResponse

from fabriek.accounts.access import public_view


@public_view
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
