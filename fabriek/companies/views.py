import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.companies import selectors, services
from fabriek.companies.forms import CompanyFilterForm, CompanyForm, CompanyPersonForm
from fabriek.core.deletion_views import confirm_delete
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import render_list

READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]
EDITORS = READERS  # each within what they may see: the selector scopes the object first


@programme_view(READERS)
def company_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    locations = selectors.company_filter_locations(membership=membership)
    form = CompanyFilterForm(request.GET or None, locations=locations)
    search, location_id = "", None
    if form.is_valid():
        search, location_id = form.cleaned_data["q"], form.cleaned_data["location"]
    return render_list(
        request,
        "companies/company_list.html",
        selectors.company_list(membership=membership, search=search, location_id=location_id),
        form=form,
        can_create=membership.role in (Role.STAFF, Role.LOCATION_MANAGER),
    )


@programme_view(READERS)
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.company_get(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    participations = selectors.company_participations(membership=request.membership, company=company)  # type: ignore[attr-defined]
    # a company shared with another programme: only the figures this programme recorded
    observations = company.observations.filter(programme=request.programme).order_by("-observed_on", "source")  # type: ignore[attr-defined]
    people = selectors.company_people(membership=request.membership, company=company)  # type: ignore[attr-defined]
    return render(
        request,
        "companies/company_detail.html",
        {"company": company, "participations": participations, "observations": observations, "people": people},
    )


@programme_view([Role.STAFF, Role.LOCATION_MANAGER])
def company_create(request: HttpRequest) -> HttpResponse:
    if request.membership.role == Role.LOCATION_MANAGER:  # type: ignore[attr-defined]
        # A location manager's new company always comes with a stay at their location: the starter form.
        return redirect("participation:starter-create", programme=request.programme.slug)  # type: ignore[attr-defined]
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(actor=request.user, programme=request.programme, **form.cleaned_data)  # type: ignore[attr-defined]
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Company %(name)s added.") % {"name": company.name})
            return redirect("companies:company-detail", programme=request.programme.slug, pk=company.pk)  # type: ignore[attr-defined]
    return render(request, "companies/company_form.html", {"form": form, "company": None})


@programme_view(EDITORS)
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.company_get(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    # The form validates a copy, so the service still sees the stored values and can log old -> new.
    form = CompanyForm(request.POST or None, instance=copy.copy(company))
    allowed = services.company_editable_fields(role=request.membership.role)  # type: ignore[attr-defined]
    for name in form.fields.keys() - set(allowed):
        form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            programme = request.programme  # type: ignore[attr-defined]
            services.company_update(
                actor=request.user, programme=programme, company=company, allowed_fields=allowed, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("companies:company-detail", programme=request.programme.slug, pk=company.pk)  # type: ignore[attr-defined]
    return render(request, "companies/company_form.html", {"form": form, "company": company})


@programme_view([Role.STAFF])
def company_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a company entered by mistake with what goes with it (staff only)."""
    programme = request.programme  # type: ignore[attr-defined]
    company = selectors.company_get(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    return confirm_delete(
        request,
        plan=services.company_delete_plan(programme=programme, company=company),
        delete=lambda: services.company_delete(actor=request.user, programme=programme, company=company),
        title=company.name,
        cancel_url=reverse("companies:company-detail", kwargs={"programme": programme.slug, "pk": company.pk}),
        done_url=reverse("companies:company-list", kwargs={"programme": programme.slug}),
        notes=[_("The people of the company stay: they may have attended events or hold other roles.")],
    )


@programme_view([Role.STAFF])
def company_person_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    company = selectors.company_get(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    form = CompanyPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company_role = services.company_person_add(
                actor=request.user, programme=programme, company=company, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s added as %(role)s.")
                % {"name": company_role.person.name, "role": company_role.get_role_display().lower()},
            )
            return redirect("companies:company-detail", programme=programme.slug, pk=company.pk)
    return render(request, "companies/company_person_form.html", {"form": form, "company": company})


@programme_view([Role.STAFF])
def company_person_remove(request: HttpRequest, pk: int, role: int) -> HttpResponse:
    """POST only. The records are looked up first, so another programme's are 404 whatever the method."""
    programme = request.programme  # type: ignore[attr-defined]
    company = selectors.company_get(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    company_role = get_object_or_404(
        selectors.company_people(membership=request.membership, company=company),  # type: ignore[attr-defined]
        pk=role,
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.company_person_remove(actor=request.user, programme=programme, company_role=company_role)
    messages.success(
        request,
        _("%(name)s is no longer %(role)s of %(company)s.")
        % {"name": company_role.person.name, "role": company_role.get_role_display().lower(), "company": company.name},
    )
    return redirect("companies:company-detail", programme=programme.slug, pk=company.pk)
