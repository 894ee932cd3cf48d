"""What the public registration (page and API) shares: finding a public event, the per-address limit, and
calling the service with the visitor's language and address hash.

The limit counts the registrations stored from one client address (a keyed hash of it, never the address)
in the last hour, in the database, so it holds across all web processes.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from fabriek.core.audit import client_address
from fabriek.events import registrations
from fabriek.events.models import Attendance, Event
from fabriek.programmes.models import Programme


def client_hash(request: HttpRequest) -> str:
    """A keyed hash of the client's address: enough to count its registrations, not to recover it."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:events:{client_address(request)}".encode()).hexdigest()


def public_event_get(*, programme_slug: str, pk: int) -> Event:
    """A public event of the programme, with its counts; 404 for any other (also one that is not public)."""
    event = (
        Event.objects.select_related("programme", "location", "series")
        .prefetch_related("partners")
        .filter(programme__slug=programme_slug, pk=pk, public=True)
        .first()
    )
    if event is None:
        raise Http404
    return event


def rate_limited(request: HttpRequest, programme: Programme) -> bool:
    """Whether this client address registered `EVENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR` times already."""
    recent = Attendance.objects.filter(
        event__programme=programme,
        client_hash=client_hash(request),
        registered_at__gte=timezone.now() - timedelta(hours=1),
    ).count()
    return recent >= settings.EVENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR


def register(
    request: HttpRequest,
    *,
    event: Event,
    name: str,
    email: str,
    company_name: str = "",
    photo_consent: bool = False,
    mail_consent: bool = False,
) -> registrations.RegistrationResult:
    return registrations.registration_create(
        actor=request.user if request.user.is_authenticated else None,
        programme=event.programme,
        event=event,
        name=name,
        email=email,
        company_name=company_name,
        photo_consent=photo_consent,
        mail_consent=mail_consent,
        language=get_language() or settings.LANGUAGE_CODE,
        client_hash=client_hash(request),
    )
