"""The private calendar feed (public URL, opened by its secret token) and the page where a user makes or
resets their link."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fabriek.accounts.access import authenticated_view, public_view
from fabriek.core.calendar import ICS_CONTENT_TYPE
from fabriek.spaces import feeds
from fabriek.spaces.models import CalendarFeed


@public_view
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: calendar apps fetch it without logging in, so the secret link is the key."""
    user = feeds.feed_user(token)
    if user is None:
        raise Http404
    response = HttpResponse(feeds.feed_bytes(user), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="fabriek.ics"'
    return response


@authenticated_view
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Make (or reset) the secret link; the new link is shown once, on the answer to the POST."""
    link = ""
    if request.method == "POST":
        token = feeds.calendar_feed_reset(user=request.user)
        link = request.build_absolute_uri(reverse("calendar:feed", kwargs={"token": token}))
    return render(
        request,
        "spaces/calendar_settings.html",
        {"link": link, "has_feed": CalendarFeed.objects.filter(user_id=request.user.pk or 0).exists()},
    )
