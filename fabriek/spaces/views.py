"""Pages of the spaces: management and the floor list for staff and location managers, booking for
participants (from their home page: one tap to book a day, one to cancel)."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.companies.models import Company
from fabriek.core.errors import BadParameter
from fabriek.core.forms import add_validation_errors, error_summary
from fabriek.participation import selectors as participation_selectors
from fabriek.participation import services as participation_services
from fabriek.participation.models import OutflowStatus
from fabriek.spaces import capacity, occupancy, rules, selectors, services
from fabriek.spaces.forms import AssignForm, BookForm, DayForm, DeskForm, OutflowForm, RoomBookForm, RoomForm

MANAGERS = [Role.STAFF, Role.LOCATION_MANAGER]
BOOKERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]


def _ctx(request: HttpRequest) -> tuple[Any, Any]:
    return request.programme, request.membership  # type: ignore[attr-defined]


def _day_param(request: HttpRequest, today: date) -> date:
    form = DayForm(request.GET or None)
    if not request.GET.get("day"):
        return today
    if not form.is_valid() or form.cleaned_data["day"] is None:
        raise BadParameter(_("The date (day) must be given as YYYY-MM-DD."))
    return form.cleaned_data["day"]


@programme_view(MANAGERS)
def overview(request: HttpRequest) -> HttpResponse:
    """Every location's desks against what its current stays need, with the capacity warning."""
    _programme, membership = _ctx(request)
    today = timezone.localdate()
    locations = list(selectors.location_visible(membership=membership).order_by("name"))
    return render(
        request,
        "spaces/overview.html",
        {
            "rows": capacity.location_capacity(locations, today=today),
            "how_computed": capacity.HOW_COMPUTED,
            "today": today,
        },
    )


@programme_view(MANAGERS)
def location_spaces(request: HttpRequest, pk: int) -> HttpResponse:
    """The floor list of a day (who sits where), desk and room management, stays waiting for a fixed desk."""
    _programme, membership = _ctx(request)
    location = selectors.location_get(membership=membership, pk=pk)
    today = timezone.localdate()
    day = _day_param(request, today)
    return render(
        request,
        "spaces/location.html",
        {
            "location": location,
            "day": day,
            "today": today,
            "floor": selectors.floor_list(location=location, day=day),
            "rooms": selectors.room_list(membership=membership).filter(location=location),
            "room_bookings": selectors.room_booking_visible(membership=membership)
            .filter(room__location=location, day=day)
            .order_by("room__name", "start_hour"),
            # the stays a free fixed desk can be given to (the list is short: full-time stays without one)
            "waiting_for_desk": list(selectors.stays_needing_a_fixed_desk(location=location, today=today)),
            "capacity": capacity.location_capacity([location], today=today)[0],
            "how_computed": capacity.HOW_COMPUTED,
            "day_form": DayForm(initial={"day": day}),
            "ending_soon": participation_selectors.participation_ending_soon(membership=membership, today=today)
            .filter(location=location)
            .order_by("started_on", "pk"),
            "outflow_choices": OutflowStatus.choices,
        },
    )


@programme_view(MANAGERS)
def stay_outflow(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only: record the end of a stay and what became of the company (from the ending-soon list)."""
    programme, membership = _ctx(request)
    stay = participation_selectors.participation_get(membership=membership, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = OutflowForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error_summary(form)))
    else:
        try:
            participation_services.participation_update(
                actor=request.user,
                programme=programme,
                participation=stay,
                ended_on=form.cleaned_data["ended_on"],
                outflow_status=form.cleaned_data["outflow_status"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The stay of %(company)s ends on %(date)s.")
                % {"company": stay.company.name, "date": services._day(form.cleaned_data["ended_on"])},
            )
    return redirect("spaces:location", programme=programme.slug, pk=stay.location_id)


@programme_view([Role.STAFF, Role.LOCATION_MANAGER, Role.FUNDER])
def location_occupancy(request: HttpRequest, pk: int) -> HttpResponse:
    """Occupancy per day, week or month (the last twelve up to the chosen date), as a table and a chart."""
    _programme, membership = _ctx(request)
    location = selectors.occupancy_location_get(membership=membership, pk=pk)
    today = timezone.localdate()
    grain = request.GET.get("per", occupancy.WEEK)
    if grain not in occupancy.GRAINS:
        raise BadParameter(_("Choose day, week or month (per)."))
    day = _day_param(request, today)
    rows = occupancy.location_occupancy(location, grain, day, today=today)
    return render(
        request,
        "spaces/occupancy.html",
        {
            "location": location,
            "rows": rows,
            "bars": occupancy.chart_bars(rows),
            "chart": {
                "width": occupancy.CHART_WIDTH,
                "height": occupancy.CHART_HEIGHT,
                "base": occupancy.CHART_HEIGHT - occupancy.CHART_BOTTOM,
            },
            "grain": grain,
            "grains": occupancy.GRAINS,
            "day": day,
            "day_form": DayForm(initial={"day": day}),
            "how_computed": occupancy.HOW_COMPUTED,
            "may_manage": membership.role in MANAGERS,
        },
    )


def _form_page(
    request: HttpRequest, form: Any, template_title: str, location: Any, save: Any, success: str
) -> HttpResponse:
    programme, _m = _ctx(request)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("spaces:location", programme=programme.slug, pk=location.pk)
    return render(request, "spaces/form.html", {"form": form, "title": template_title, "location": location})


@programme_view(MANAGERS)
def desk_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    location = selectors.location_get(membership=membership, pk=pk)
    form = DeskForm(request.POST or None, initial={"kind": "flexible", "active": True})
    return _form_page(
        request,
        form,
        _("Add a desk at %(location)s") % {"location": location.name},
        location,
        lambda data: services.desk_create(
            actor=request.user, programme=programme, location=location, label=data["label"], kind=data["kind"]
        ),
        _("Desk added."),
    )


@programme_view(MANAGERS)
def desk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    desk = selectors.desk_get(membership=membership, pk=pk)
    form = DeskForm(request.POST or None, instance=desk)
    return _form_page(
        request,
        form,
        _("Desk %(label)s at %(location)s") % {"label": desk.label, "location": desk.location.name},
        desk.location,
        lambda data: services.desk_update(actor=request.user, programme=programme, desk=desk, **data),
        _("Changes saved."),
    )


@programme_view(MANAGERS)
def room_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    location = selectors.location_get(membership=membership, pk=pk)
    form = RoomForm(request.POST or None, initial={"capacity": 6, "opens_at_hour": 8, "closes_at_hour": 18})
    return _form_page(
        request,
        form,
        _("Add a room at %(location)s") % {"location": location.name},
        location,
        lambda data: services.room_create(actor=request.user, programme=programme, location=location, **data),
        _("Room added."),
    )


@programme_view(MANAGERS)
def room_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    room = selectors.room_get(membership=membership, pk=pk)
    form = RoomForm(request.POST or None, instance=room)
    return _form_page(
        request,
        form,
        _("Room %(name)s at %(location)s") % {"name": room.name, "location": room.location.name},
        room.location,
        lambda data: services.room_update(actor=request.user, programme=programme, room=room, **data),
        _("Changes saved."),
    )


@programme_view(MANAGERS)
def desk_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a fixed desk to a full-time stay, or (`release`) take it back."""
    programme, membership = _ctx(request)
    desk = selectors.desk_get(membership=membership, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    today = timezone.localdate()
    if request.POST.get("release"):
        services.desk_release(actor=request.user, programme=programme, desk=desk)
        messages.success(request, _("Desk %(label)s released.") % {"label": desk.label})
    else:
        form = AssignForm(request.POST, stays=selectors.full_time_stays(location=desk.location, today=today))
        if not form.is_valid():
            messages.error(request, _("Choose a current full-time stay at this location."))
        else:
            try:
                services.desk_assign(
                    actor=request.user, programme=programme, desk=desk, participation=form.cleaned_data["participation"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Desk %(label)s assigned.") % {"label": desk.label})
    return redirect("spaces:location", programme=programme.slug, pk=desk.location_id)


@programme_view(MANAGERS)
def booking_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    booking = selectors.booking_get(membership=membership, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.booking_check_in(actor=request.user, programme=programme, booking=booking)
    messages.success(request, _("%(company)s checked in.") % {"company": booking.company.name})
    url = redirect("spaces:location", programme=programme.slug, pk=booking.desk.location_id)
    url["Location"] += f"?day={booking.day.isoformat()}"
    return url


# --- booking (participants; staff and location managers through the API or for a company) ---------------


def _back(request: HttpRequest) -> HttpResponse:
    programme, _m = _ctx(request)
    if request.POST.get("back") == "home":
        return redirect("homes:home", programme=programme.slug)
    return redirect("spaces:book", programme=programme.slug)


@programme_view([Role.PARTICIPANT])
def book(request: HttpRequest) -> HttpResponse:
    """The participant's booking page: the coming two weeks' desk-days, its bookings, and the rooms."""
    _programme, membership = _ctx(request)
    today = timezone.localdate()
    stay = selectors.current_stay(membership=membership, today=today)
    day = _day_param(request, today)
    first, last = rules.bookable_window(today)
    if not first <= day <= last:
        raise BadParameter(_("Choose a day from today up to %(days)s days ahead.") % {"days": rules.BOOKING_DAYS_AHEAD})
    rooms = []
    if stay is not None:
        for room in selectors.room_list(membership=membership).filter(location=stay.location_id):
            rooms.append({"room": room, "hours": selectors.room_day_hours(room=room, day=day)})
    return render(
        request,
        "spaces/book.html",
        {
            "stay": stay,
            "days": selectors.desk_days_for_participant(membership=membership, today=today, days=14),
            "room_bookings": selectors.upcoming_room_bookings(membership=membership, today=today),
            "rooms": rooms,
            "day": day,
            "day_form": DayForm(initial={"day": day}),
            "room_form": RoomBookForm(initial={"day": day}),
        },
    )


@programme_view(BOOKERS)
def booking_create(request: HttpRequest) -> HttpResponse:
    """Book a desk-day (a participant for its own company; the home's button sends only the day)."""
    programme, membership = _ctx(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = BookForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a day to book."))
        return _back(request)
    if membership.role == Role.PARTICIPANT:
        company = membership.company
    else:
        company = Company.objects.filter(programmes=programme, pk=form.cleaned_data["company"] or 0).first()
        if company is None:
            raise Http404
    day = form.cleaned_data["day"]
    try:
        if form.cleaned_data["desk"]:
            desk = selectors.desk_get(membership=membership, pk=form.cleaned_data["desk"])
            booking = services.booking_create(
                actor=request.user, programme=programme, desk=desk, day=day, company=company
            )
        else:
            booking = services.booking_create_any(actor=request.user, programme=programme, company=company, day=day)
    except services.Taken as taken:
        messages.error(request, taken.message)
    except services.NotEntitled as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("Desk %(desk)s is yours on %(day)s.") % {"desk": booking.desk.label, "day": services._day(booking.day)},
        )
    return _back(request)


@programme_view(BOOKERS)
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    booking = selectors.booking_get(membership=membership, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.booking_cancel(actor=request.user, programme=programme, booking=booking)
    except services.NotEntitled as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Booking of %(day)s cancelled.") % {"day": services._day(booking.day)})
    return _back(request)


@programme_view(BOOKERS)
def room_booking_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    room = selectors.room_get(membership=membership, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RoomBookForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a day and the hours."))
        return _back(request)
    company = membership.company if membership.role == Role.PARTICIPANT else None
    try:
        services.room_booking_create(
            actor=request.user,
            programme=programme,
            room=room,
            day=form.cleaned_data["day"],
            start_hour=form.cleaned_data["start_hour"],
            end_hour=form.cleaned_data["end_hour"],
            company=company,
        )
    except services.Taken as taken:
        messages.error(request, taken.message)
    except services.NotEntitled as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("%(room)s is booked.") % {"room": room.name})
    response = _back(request)
    if request.POST.get("back") != "home":
        response["Location"] += f"?day={form.cleaned_data['day'].isoformat()}"
    return response


@programme_view(BOOKERS)
def room_booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = _ctx(request)
    booking = selectors.room_booking_get(membership=membership, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.room_booking_cancel(actor=request.user, programme=programme, booking=booking)
    except services.NotEntitled as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Room booking cancelled."))
    return _back(request)


@programme_view([Role.PARTICIPANT])
def waitlist_join(request: HttpRequest) -> HttpResponse:
    """POST only: the participant's stay waits for a desk on a full day (offered by mail when one frees up)."""
    programme, membership = _ctx(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = BookForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a day to book."))
        return _back(request)
    try:
        services.waitlist_join(
            actor=request.user, programme=programme, company=membership.company, day=form.cleaned_data["day"]
        )
    except services.NotEntitled as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("You are on the waiting list; we mail you when a desk is free."))
    return _back(request)
