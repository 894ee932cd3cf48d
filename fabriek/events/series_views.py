"""Pages of event series (the Starters Academy): the list with completion counts, one series with who
completed it, the form, and the fragment a company's page loads with its people's progress."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fabriek.accounts.access import ALL_ROLES, programme_view
from fabriek.accounts.models import Role
from fabriek.companies.selectors import company_get, company_people
from fabriek.core.forms import add_validation_errors
from fabriek.events import selectors
from fabriek.events import series as series_rules
from fabriek.events.forms import SeriesForm

#: who sees the people of a series (names): those who see attendees
PEOPLE_READERS = [Role.STAFF, Role.LOCATION_MANAGER]


@programme_view(ALL_ROLES)
def series_list(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    all_series = list(series_rules.series_list(programme=programme))
    completed = series_rules.completed_counts(series=all_series)
    rows = [(s, completed[s.pk]) for s in all_series]
    return render(
        request,
        "events/series_list.html",
        {"rows": rows, "can_edit": request.membership.role == Role.STAFF},  # type: ignore[attr-defined]
    )


@programme_view(PEOPLE_READERS)
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    series = series_rules.series_get(programme=programme, pk=pk)
    sessions = selectors.event_with_counts(programme=programme).filter(series=series).order_by("starts_at", "pk")
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "sessions": sessions,
            "progress": series_rules.progress(series=[series]),
            "can_edit": request.membership.role == Role.STAFF,  # type: ignore[attr-defined]
        },
    )


def _series_form(request: HttpRequest, series: object | None) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        try:
            if series is None:
                saved = series_rules.series_create(actor=request.user, programme=programme, **form.cleaned_data)
            else:
                saved = series_rules.series_update(
                    actor=request.user,
                    programme=programme,
                    series=series,  # type: ignore[arg-type]
                    **form.cleaned_data,
                )
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, _("Changes saved."))
            return redirect("events:series-detail", programme=programme.slug, pk=saved.pk)
    return render(request, "events/series_form.html", {"form": form, "series": series})


@programme_view([Role.STAFF])
def series_create(request: HttpRequest) -> HttpResponse:
    return _series_form(request, None)


@programme_view([Role.STAFF])
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _series_form(request, series_rules.series_get(programme=request.programme, pk=pk))  # type: ignore[attr-defined]


@programme_view([Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT])
def company_series(request: HttpRequest, company: int) -> HttpResponse:
    """htmx fragment for the company's page (companies sits below events, so it loads this rather than
    importing it): its people's progress in the programme's series. Scoped like the company page."""
    membership = request.membership  # type: ignore[attr-defined]
    the_company = company_get(membership=membership, pk=company)
    people = company_people(membership=membership, company=the_company)
    person_ids = sorted({role.person_id for role in people})
    progress = series_rules.programme_series_progress(programme=request.programme, person_ids=person_ids)  # type: ignore[attr-defined]
    return render(request, "events/series_progress.html", {"progress": progress, "for_company": True})
