"""The public side of an event: its page with the registration form, and cancelling by the mail's link.

No login, no third-party scripts (the site's own CSS and htmx only), Dutch with the footer's English switch.
The page shows only what is meant for the public: title, time, place, co-organising partners, seats left.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.access import public_view
from fabriek.core.forms import add_validation_errors
from fabriek.events import registrations, signup
from fabriek.events.forms import PublicRegistrationForm
from fabriek.events.models import Attendance, Event
from fabriek.programmes.models import Programme


def public_page(request: HttpRequest, event: Event, form: PublicRegistrationForm | None = None) -> HttpResponse:
    """The public page of a public event (the caller checked that it is public)."""
    status = 200 if form is None or not form.errors else 400
    if form is not None and form.errors.get("__all__") and getattr(form, "rate_limited", False):
        status = 429
    return render(
        request,
        "events/public_event.html",
        {
            "event": event,
            "the_programme": event.programme,
            "seats_left": registrations.seats_left(event),
            "form": form or PublicRegistrationForm(),
            "past": event.ends_at < timezone.now(),
        },
        status=status,
    )


@public_view
def event_register(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """POST: register on the public page (GET: back to the page)."""
    event = signup.public_event_get(programme_slug=programme, pk=pk)
    if request.method != "POST":
        return redirect("events:event-detail", programme=programme, pk=pk)
    form = PublicRegistrationForm(request.POST)
    if signup.rate_limited(request, event.programme):
        form.is_valid()
        form.add_error(None, _("Many registrations came from your address in the last hour. Try again later."))
        form.rate_limited = True  # type: ignore[attr-defined]
        return public_page(request, event, form)
    if form.is_valid():
        if form.is_spam():
            messages.success(request, _("Thank you."))
            return redirect("events:event-detail", programme=programme, pk=pk)
        try:
            result = signup.register(request, event=event, **form.registration_fields())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            attendance = result.attendance
            if not result.created:
                text = _("You were registered already with this e-mail address; nothing changed.")
            elif attendance.status == Attendance.Status.CONFIRMED:
                text = _("You are registered. The confirmation, with the event for your calendar, is on its way.")
            else:
                text = _("The event is full: you are on the waiting list. We mail you when a seat comes free.")
            messages.success(request, text)
            return redirect("events:event-detail", programme=programme, pk=pk)
    return public_page(request, event, form)


@public_view
def registration_cancel(request: HttpRequest, programme: str, token: str) -> HttpResponse:
    """The link in the mail: GET asks to confirm (a mail scanner that follows links cancels nothing), POST
    cancels. An unknown or used link says so."""
    the_programme = get_object_or_404(Programme, slug=programme)
    attendance = registrations.registration_for_cancel_token(programme=the_programme, raw_token=token)
    context = {"the_programme": the_programme, "attendance": attendance, "done": False}
    if attendance is None:
        return render(request, "events/registration_cancel.html", context, status=404)
    if request.method == "POST" and attendance.status != Attendance.Status.CANCELLED:
        registrations.registration_cancel(actor=None, attendance=attendance)
        context["done"] = True
    return render(request, "events/registration_cancel.html", context)
