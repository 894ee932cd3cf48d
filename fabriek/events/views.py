import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fabriek.accounts.access import ALL_ROLES, membership_for, programme_view, public_view
from fabriek.accounts.models import Role
from fabriek.core.deletion_views import confirm_delete
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import render_list
from fabriek.events import public_views, registrations, selectors, services, signup
from fabriek.events.forms import AttendanceForm, EventFilterForm, EventForm
from fabriek.events.models import Event, EventSeries
from fabriek.partners.selectors import partner_choices
from fabriek.programmes.selectors import location_choices

# Everyone in the programme sees its events and their numbers; who attends is for staff, and for location
# managers at the events of their own location and those without one, which are also the only ones they
# change (selectors.may_change_event; docs/architecture.md, "Scopes").
READERS = ALL_ROLES
EDITORS = [Role.STAFF, Role.LOCATION_MANAGER]


def _event_form(request: HttpRequest, **kwargs: Any) -> EventForm:
    programme = request.programme  # type: ignore[attr-defined]
    return EventForm(
        request.POST or None,
        locations=location_choices(programme=programme),
        partners=partner_choices(programme=programme),
        series=EventSeries.objects.filter(programme=programme),
        **kwargs,
    )


def _detail_context(
    request: HttpRequest, event: Event, attendance_form: AttendanceForm | None = None
) -> dict[str, Any]:
    membership = request.membership  # type: ignore[attr-defined]
    can_edit = selectors.may_change_event(membership, event)
    return {
        "event": event,
        "seats_left": registrations.seats_left(event),
        "now_time": timezone.now(),
        # registered (confirmed) but not checked in, once the event has begun
        "no_shows": event.registered - event.checked_in,  # type: ignore[attr-defined]
        "partner_names": selectors.consenting_attendee_names(membership=membership, event=event),
        "can_edit": can_edit,
        # None, not an empty list, for the roles that may not see who attends: the template shows no table.
        "attendances": selectors.attendance_list(membership=membership, event=event) if can_edit else None,
        "attendance_form": attendance_form or (AttendanceForm() if can_edit else None),
    }


@programme_view(READERS)
def event_list(request: HttpRequest) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    form = EventFilterForm(request.GET or None, locations=location_choices(programme=programme))
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "search": form.cleaned_data["q"],
            "kind": form.cleaned_data["kind"],
            "location_id": form.cleaned_data["location"],
            "starts_from": form.cleaned_data["starts_from"],
            "starts_until": form.cleaned_data["starts_until"],
        }
    return render_list(
        request,
        "events/event_list.html",
        selectors.event_list(programme=programme, **filters),
        form=form,
        can_create=membership.role in EDITORS,
    )


@programme_view(READERS)
def member_event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(programme=request.programme, pk=pk)  # type: ignore[attr-defined]
    return render(request, "events/event_detail.html", _detail_context(request, event))


@public_view
def event_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponseBase:
    """One address per event (the one in the mails): members of the programme see the event in Fabriek
    (`member_event_detail`, its roles), everyone else the public page of a public event (members too with
    `?view=public`). A non-public event answers everyone else as `member_event_detail` does: the login page,
    or 404 for another programme's member."""
    wants_public = request.GET.get("view") == "public"
    if wants_public or membership_for(request.user, programme) is None:
        try:
            event = signup.public_event_get(programme_slug=programme, pk=pk)
        except Http404:
            pass
        else:
            return public_views.public_page(request, event)
    return member_event_detail(request, programme, pk=pk)


#: the roles that see the event in Fabriek; anyone sees a public event's public page
event_detail.member_rule = member_event_detail.access_rule  # type: ignore[attr-defined]


@programme_view(EDITORS)
def check_in_code(request: HttpRequest, code: str) -> HttpResponse:
    """The short link in the QR code of a confirmation mail, opened by a staff phone's camera app: who it
    is, their photo consent, and one big button to check them in (a GET changes nothing)."""
    membership = request.membership  # type: ignore[attr-defined]
    attendance = registrations.registration_for_check_in_code(programme=request.programme, raw_code=code)  # type: ignore[attr-defined]
    if attendance is None:
        raise Http404
    if not selectors.may_change_event(membership, attendance.event):
        raise PermissionDenied(_("You may change only the events at your own location and those without a location."))
    if request.method == "POST":
        services.attendance_check_in(actor=request.user, programme=request.programme, attendance=attendance)  # type: ignore[attr-defined]
        return redirect("events:check-in-code", programme=request.programme.slug, code=code)  # type: ignore[attr-defined]
    return render(request, "events/check_in_code.html", {"attendance": attendance})


@programme_view(EDITORS)
def event_create(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = _event_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            selectors.check_event_location(request.membership, form.cleaned_data.get("location"))  # type: ignore[attr-defined]
            event = services.event_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Event %(title)s added.") % {"title": event.title})
            return redirect("events:event-detail", programme=programme.slug, pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@programme_view(EDITORS)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    event = selectors.event_get_for_change(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    form = _event_form(request, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            selectors.check_event_location(request.membership, form.cleaned_data.get("location"))  # type: ignore[attr-defined]
            services.event_update(actor=request.user, programme=programme, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Changes saved."))
            return redirect("events:event-detail", programme=programme.slug, pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def _check_in_context(
    request: HttpRequest, event: Event, query: str, walk_in_form: AttendanceForm | None = None
) -> dict[str, Any]:
    membership = request.membership  # type: ignore[attr-defined]
    query = query.strip()[:200]
    return {
        "event": event,
        "query": query,
        "attendances": selectors.attendance_search(membership=membership, event=event, query=query),
        "walk_in_form": walk_in_form or AttendanceForm(initial={"name": query} if query else None),
    }


@programme_view(EDITORS)
def event_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Check-in at the door, made for a phone: counts at the top, a search box over who registered, one big
    button per person, and a walk-in registered and checked in in one step. Searching with htmx swaps only
    the list (and the counts), so the search box keeps the focus."""
    event = selectors.event_get(programme=request.programme, pk=pk)  # type: ignore[attr-defined]
    context = _check_in_context(request, event, request.GET.get("q", ""))
    template = "events/event_check_in.html#results" if request.htmx else "events/event_check_in.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _from_check_in(request: HttpRequest) -> bool:
    return request.POST.get("from") == "check-in"


def _check_in_response(
    request: HttpRequest, event_pk: int, *, form: AttendanceForm | None = None, notice: str = ""
) -> HttpResponse:
    """After a change made on the check-in page: for htmx its list with fresh counts (and the walk-in form's
    errors or a notice), without htmx a redirect back to it (or the page with the form's errors)."""
    programme = request.programme  # type: ignore[attr-defined]
    query = request.POST.get("q", "")
    if not request.htmx and form is None:  # type: ignore[attr-defined]
        if notice:
            messages.success(request, notice)
        url = reverse("events:event-check-in", kwargs={"programme": programme.slug, "pk": event_pk})
        return redirect(f"{url}?{urlencode({'q': query})}" if query.strip() else url)
    event = selectors.event_get(programme=programme, pk=event_pk)
    template = "events/event_check_in.html#results" if request.htmx else "events/event_check_in.html"  # type: ignore[attr-defined]
    return render(request, template, {**_check_in_context(request, event, query, form), "notice": notice})


def _attendance_response(
    request: HttpRequest, event_pk: int, *, form: AttendanceForm | None = None, notice: str = ""
) -> HttpResponse:
    """After a change: for htmx the attendance section (fresh counts, a notice or the form's errors); without
    htmx the detail page with the form's errors, or after success a redirect to it."""
    if _from_check_in(request):
        return _check_in_response(request, event_pk, form=form, notice=notice)
    programme = request.programme  # type: ignore[attr-defined]
    if not request.htmx and form is None:  # type: ignore[attr-defined]
        if notice:
            messages.success(request, notice)
        return redirect("events:event-detail", programme=programme.slug, pk=event_pk)
    event = selectors.event_get(programme=programme, pk=event_pk)
    if request.htmx and notice:  # type: ignore[attr-defined]
        # Ready for the next person at the door: the fresh form takes the focus.
        form = AttendanceForm()
        form.fields["name"].widget.attrs["autofocus"] = True
    template = "events/event_detail.html#attendance" if request.htmx else "events/event_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {**_detail_context(request, event, form), "notice": notice})


@programme_view(EDITORS)
def attendance_create(request: HttpRequest, event: int) -> HttpResponse:
    """POST only. The event is looked up first, so another programme's event is 404 whatever the method."""
    programme = request.programme  # type: ignore[attr-defined]
    event_obj = selectors.event_get_for_change(membership=request.membership, pk=event)  # type: ignore[attr-defined]
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AttendanceForm(request.POST)
    # A walk-in at the check-in page is registered and checked in in one step.
    walk_in = _from_check_in(request)
    if form.is_valid():
        try:
            attendance = services.attendance_add(
                actor=request.user, programme=programme, event=event_obj, checked_in=walk_in, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if walk_in:
                notice = _("%(name)s registered and checked in.") % {"name": attendance.person.name}
            else:
                notice = _("%(name)s registered.") % {"name": attendance.person.name}
            return _attendance_response(request, event_obj.pk, notice=notice)
    return _attendance_response(request, event_obj.pk, form=form)


@programme_view(EDITORS)
def attendance_toggle(request: HttpRequest, event: int, pk: int) -> HttpResponse:
    """POST only: set checked-in to the posted value (1 or 0), so a repeated click cannot flip it back; without
    a value it flips. The records are looked up first, so another programme's are 404 whatever the method."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    event_obj = selectors.event_get_for_change(membership=membership, pk=event)
    attendance = selectors.attendance_get(membership=membership, event=event_obj, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    wanted = request.POST.get("checked_in", "0" if attendance.checked_in else "1")
    services.attendance_check_in(
        actor=request.user, programme=programme, attendance=attendance, checked_in=wanted == "1"
    )
    if _from_check_in(request):
        name = attendance.person.name
        notice = (
            _("%(name)s checked in.") % {"name": name}
            if wanted == "1"
            else _("Check-in of %(name)s undone.") % {"name": name}
        )
        return _check_in_response(request, event_obj.pk, notice=notice)
    return _attendance_response(request, event_obj.pk)


@programme_view([Role.STAFF])
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete an event entered by mistake with its attendances (staff only)."""
    programme = request.programme  # type: ignore[attr-defined]
    event = selectors.event_get(programme=programme, pk=pk)
    return confirm_delete(
        request,
        plan=services.event_delete_plan(event=event),
        delete=lambda: services.event_delete(actor=request.user, programme=programme, event=event),
        title=event.title,
        cancel_url=reverse("events:event-detail", kwargs={"programme": programme.slug, "pk": pk}),
        done_url=reverse("events:event-list", kwargs={"programme": programme.slug}),
        notes=[_("The people who attended stay: they may have attended other events.")],
    )


@programme_view([Role.STAFF])
def attendance_delete(request: HttpRequest, event: int, pk: int) -> HttpResponse:
    """Confirm, then delete a registration entered by mistake (staff only; the person stays)."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    event_obj = selectors.event_get(programme=programme, pk=event)
    attendance = selectors.attendance_get(membership=membership, event=event_obj, pk=pk)
    detail_url = reverse("events:event-detail", kwargs={"programme": programme.slug, "pk": event_obj.pk})
    return confirm_delete(
        request,
        plan=services.attendance_delete_plan(attendance=attendance),
        delete=lambda: services.attendance_delete(actor=request.user, programme=programme, attendance=attendance),
        title=_("the registration of %(name)s for %(event)s")
        % {"name": attendance.person.name, "event": event_obj.title},
        cancel_url=detail_url,
        done_url=detail_url,
    )


@programme_view(EDITORS)
def attendee_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendee list as CSV, limited to what the attendees consented to (`selectors.attendance_export_rows`):
    Dutch semicolons in Dutch, commas in English; UTF-8 with a BOM so spreadsheet programs read it right."""
    membership = request.membership  # type: ignore[attr-defined]
    event = selectors.event_get_for_change(membership=membership, pk=pk)
    rows = selectors.attendance_export_rows(membership=membership, event=event)
    yes, no = _("yes"), _("no")
    delimiter = ";" if (get_language() or "nl").startswith("nl") else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([_("Name"), _("Company"), _("Status"), _("Checked in"), _("Photos allowed"), _("E-mail")])
    for row in rows:
        writer.writerow(
            [
                row["name"],
                row["company"],
                row["status"],
                yes if row["checked_in"] else no,
                yes if row["photo_consent"] else no,
                row["email"],
            ]
        )
    writer.writerow([])
    writer.writerow(
        [_("E-mail addresses only of people who agreed to mail about future events; cancelled registrations left out.")]
    )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendees-{event.pk}.csv"'
    return response
