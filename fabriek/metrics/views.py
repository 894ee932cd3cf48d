from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.companies.selectors import company_get
from fabriek.core.deletion_views import confirm_delete
from fabriek.core.forms import add_validation_errors
from fabriek.metrics import selectors, services
from fabriek.metrics.forms import ObservationForm
from fabriek.metrics.models import Observation, Source

# Each within the companies they may see: company_get scopes the company first (a participant sees only
# their own). Participants report their own figures, always as a self-report.
WRITERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]


def _initial(observation: Observation) -> dict[str, Any]:
    cents = observation.revenue_cents
    return {
        "observed_on": observation.observed_on,
        "employees": observation.employees,
        "interns": observation.interns,
        "fte": observation.fte,
        "revenue": None if cents is None else (Decimal(cents) / 100).quantize(Decimal("0.01")),
        "source": observation.source,
    }


def _company_detail(request: HttpRequest, company_pk: int) -> HttpResponse:
    return redirect("companies:company-detail", programme=request.programme.slug, pk=company_pk)  # type: ignore[attr-defined]


@programme_view(WRITERS)
def observation_create(request: HttpRequest, company: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    company_obj = company_get(membership=membership, pk=company)
    is_participant = membership.role == Role.PARTICIPANT
    form = ObservationForm(request.POST or None, choose_source=not is_participant)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if is_participant:
            data["source"] = Source.SELF_REPORT
        try:
            services.observation_create(
                actor=request.user,
                programme=request.programme,  # type: ignore[attr-defined]
                company=company_obj,
                **data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Figures of %(name)s saved.") % {"name": company_obj.name})
            return _company_detail(request, company_obj.pk)
    return render(
        request,
        "metrics/observation_form.html",
        {"form": form, "company": company_obj, "observation": None, "choose_source": not is_participant},
    )


@programme_view(WRITERS)
def observation_edit(request: HttpRequest, company: int, pk: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    company_obj = company_get(membership=membership, pk=company)
    observation = selectors.observation_get(programme=request.programme, company=company_obj, pk=pk)  # type: ignore[attr-defined]
    is_participant = membership.role == Role.PARTICIPANT
    if is_participant and observation.source != Source.SELF_REPORT:
        # Participants correct what they reported themselves, not the figures of the team or a survey.
        raise PermissionDenied
    form = ObservationForm(request.POST or None, initial=_initial(observation), choose_source=not is_participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.observation_update(
                actor=request.user,
                programme=request.programme,  # type: ignore[attr-defined]
                observation=observation,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return _company_detail(request, company_obj.pk)
    return render(
        request,
        "metrics/observation_form.html",
        {
            "form": form,
            "company": company_obj,
            "observation": observation,
            "choose_source": not is_participant,
        },
    )


@programme_view([Role.STAFF])
def observation_delete(request: HttpRequest, company: int, pk: int) -> HttpResponse:
    """Confirm, then delete figures entered by mistake (staff only: see docs/architecture.md)."""
    programme = request.programme  # type: ignore[attr-defined]
    company_obj = company_get(membership=request.membership, pk=company)  # type: ignore[attr-defined]
    observation = selectors.observation_get(programme=request.programme, company=company_obj, pk=pk)  # type: ignore[attr-defined]
    detail_url = reverse("companies:company-detail", kwargs={"programme": programme.slug, "pk": company_obj.pk})
    return confirm_delete(
        request,
        plan=services.observation_delete_plan(observation=observation),
        delete=lambda: services.observation_delete(actor=request.user, programme=programme, observation=observation),
        title=_("the figures of %(name)s on %(date)s")
        % {"name": company_obj.name, "date": formats.date_format(observation.observed_on, "SHORT_DATE_FORMAT")},
        cancel_url=detail_url,
        done_url=detail_url,
    )
