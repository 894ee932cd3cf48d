from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fabriek.accounts.access import ALL_ROLES, programme_view
from fabriek.accounts.models import Role
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import render_list
from fabriek.programmes import selectors, services
from fabriek.programmes.forms import LocationFilterForm, LocationForm

# Locations hold no personal data: every member may read them, the funder included.
READERS = ALL_ROLES
EDITORS = [Role.STAFF]


@programme_view(READERS)
def location_list(request: HttpRequest) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    form = LocationFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "search": form.cleaned_data["q"],
            "kind": form.cleaned_data["kind"],
            "status": form.cleaned_data["status"],
        }
    return render_list(
        request,
        "programmes/location_list.html",
        selectors.location_list(programme=programme, **filters),
        form=form,
        can_create=membership.role in EDITORS,
    )


@programme_view(READERS)
def location_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    location = selectors.location_get(programme=programme, pk=pk)
    return render(
        request, "programmes/location_detail.html", {"location": location, "can_edit": membership.role in EDITORS}
    )


@programme_view(EDITORS)
def location_create(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            location = services.location_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Location %(name)s added.") % {"name": location.name})
            return redirect("programmes:location-detail", programme=programme.slug, pk=location.pk)
    return render(request, "programmes/location_form.html", {"form": form, "location": None})


@programme_view(EDITORS)
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    location = selectors.location_get(programme=programme, pk=pk)
    # The form only reads the input (it never changes `location`); the service validates and logs old -> new.
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST" and form.is_valid():
        try:
            services.location_update(actor=request.user, programme=programme, location=location, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Changes saved."))
            return redirect("programmes:location-detail", programme=programme.slug, pk=location.pk)
    return render(request, "programmes/location_form.html", {"form": form, "location": location})
