from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.companies.selectors import COMPANY_SEARCH_LOOKUPS
from fabriek.core.deletion_views import confirm_delete
from fabriek.core.forms import add_validation_errors, searched_options
from fabriek.core.models import AuditEntry
from fabriek.core.pagination import render_list
from fabriek.participation import selectors, services
from fabriek.participation.forms import FIELDS, ParticipationFilterForm, ParticipationForm, StarterForm
from fabriek.participation.models import OutflowStatus, Participation

READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]
# A location manager edits only at their own location: the selector hides other locations' stays and the
# form offers only their location.
EDITORS = [Role.STAFF, Role.LOCATION_MANAGER]


@programme_view(READERS)
def participation_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form = ParticipationFilterForm(
        request.GET or None,
        locations=selectors.participation_location_choices(membership=membership),
        years=selectors.participation_years(membership=membership),
    )
    filters: dict = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"search": data["q"], "location_id": data["location"], "status": data["status"], "year": data["year"]}
    return render_list(
        request,
        "participation/participation_list.html",
        selectors.participation_list(membership=membership, **filters),
        form=form,
        can_create=membership.role in EDITORS,
    )


@programme_view(READERS)
def participation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    participation = selectors.participation_get(membership=membership, pk=pk)
    can_edit = membership.role in EDITORS
    # The history names who changed what; participants see their stay, not the team's bookkeeping.
    history = _history_rows(selectors.participation_history(participation=participation)) if can_edit else None
    return render(
        request,
        "participation/participation_detail.html",
        {
            "participation": participation,
            "can_edit": can_edit,
            "history": history,
            "long_stay": services.is_long_stay(participation),
        },
    )


def _history_rows(entries: Iterable[AuditEntry]) -> list[dict[str, Any]]:
    """Audit entries with field names as labels and outflow codes as words, for people to read."""
    statuses = dict(OutflowStatus.choices)

    def shown(field: str, value: Any) -> Any:
        if field == "outflow_status":
            return statuses.get(value, value)
        if field in ("started_on", "ended_on") and isinstance(value, str):
            # the audit log keeps dates as ISO text; people read them the way the rest of the page shows dates
            return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        return value

    rows = []
    for entry in entries:
        changes = [
            {
                "label": capfirst(getattr(Participation._meta.get_field(field), "verbose_name", field)),
                "old": shown(field, values[0]),
                "new": shown(field, values[1]),
            }
            for field, values in entry.changes.items()
            if field in FIELDS
        ]
        rows.append({"entry": entry, "changes": changes})
    return rows


def _form(request: HttpRequest, *, creating: bool, initial: dict | None = None) -> ParticipationForm:
    membership = request.membership  # type: ignore[attr-defined]
    form = ParticipationForm(
        request.POST or None,
        initial=initial,
        companies=selectors.participation_company_choices(membership=membership) if creating else None,
        locations=selectors.participation_location_choices(membership=membership),
        packages=request.programme.packages.order_by("monthly_price_cents", "name"),  # type: ignore[attr-defined]
    )
    if creating:
        # A programme has hundreds of companies: a search box above the list narrows it (includes/form.html).
        form.fields["company"].search_url = reverse(  # type: ignore[attr-defined]
            "participation:company-options",
            kwargs={"programme": request.programme.slug},  # type: ignore[attr-defined]
        )
    return form


@programme_view(EDITORS)
def company_options(request: HttpRequest) -> HttpResponse:
    """The company select's options matching ?q= (part of the name or the KvK number), for the search box
    above it on the add-a-stay form: the same companies the form accepts."""
    companies = selectors.participation_company_choices(membership=request.membership)  # type: ignore[attr-defined]
    return searched_options(request, companies, _form(request, creating=True).fields["company"], COMPANY_SEARCH_LOOKUPS)


@programme_view(EDITORS)
def participation_create(request: HttpRequest) -> HttpResponse:
    # ?company=<pk> preselects the company, for an "add a stay" link on a company's page.
    form = _form(request, creating=True, initial={"company": request.GET.get("company")})
    if request.method == "POST" and form.is_valid():
        try:
            participation = services.participation_create(
                actor=request.user,
                programme=request.programme,  # type: ignore[attr-defined]
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Participation of %(name)s saved.") % {"name": participation.company.name})
            return redirect(
                "participation:participation-detail",
                programme=request.programme.slug,  # type: ignore[attr-defined]
                pk=participation.pk,
            )
    return render(request, "participation/participation_form.html", {"form": form, "participation": None})


@programme_view(EDITORS)
def participation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participation = selectors.participation_get(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    form = _form(request, creating=False, initial=model_to_dict(participation, fields=FIELDS))
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_update(
                actor=request.user,
                programme=request.programme,  # type: ignore[attr-defined]
                participation=participation,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(
                "participation:participation-detail",
                programme=request.programme.slug,  # type: ignore[attr-defined]
                pk=participation.pk,
            )
    return render(request, "participation/participation_form.html", {"form": form, "participation": participation})


@programme_view([Role.STAFF])
def participation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a stay entered by mistake (staff only; the company and its figures stay)."""
    programme = request.programme  # type: ignore[attr-defined]
    participation = selectors.participation_get(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    period = formats.date_format(participation.started_on, "SHORT_DATE_FORMAT")
    return confirm_delete(
        request,
        plan=services.participation_delete_plan(participation=participation),
        delete=lambda: services.participation_delete(
            actor=request.user, programme=programme, participation=participation
        ),
        title=_("the stay of %(name)s from %(date)s") % {"name": participation.company.name, "date": period},
        cancel_url=reverse("participation:participation-detail", kwargs={"programme": programme.slug, "pk": pk}),
        done_url=reverse(
            "companies:company-detail", kwargs={"programme": programme.slug, "pk": participation.company_id}
        ),
    )


@programme_view(EDITORS)
def starter_create(request: HttpRequest) -> HttpResponse:
    """A new participant in one step: company, stay and founder (a location manager: at their location)."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    form = StarterForm(
        request.POST or None,
        initial={"started_on": timezone.localdate()},
        locations=selectors.participation_location_choices(membership=membership),
        packages=programme.packages.order_by("monthly_price_cents", "name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            participation, created = services.starter_add(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            company = participation.company
            if created:
                notice = _("%(name)s added, with a stay at %(location)s from %(start)s.")
            else:
                notice = _(
                    "%(name)s was already known to the programme; its stay at %(location)s from %(start)s is added."
                )
            messages.success(
                request,
                notice
                % {
                    "name": company.name,
                    "location": participation.location.name,
                    "start": formats.date_format(participation.started_on, "SHORT_DATE_FORMAT"),
                },
            )
            return redirect("companies:company-detail", programme=programme.slug, pk=company.pk)
    return render(request, "participation/starter_form.html", {"form": form})
