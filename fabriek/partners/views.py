from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import render_list
from fabriek.partners import selectors, services
from fabriek.partners.forms import AgreementForm, PartnerFilterForm, PartnerForm

# Partners are organisations: the funder may read them; a partner member reads only their own (the
# selector scopes that).
READERS = [Role.STAFF, Role.FUNDER, Role.PARTNER]
EDITORS = [Role.STAFF]


@programme_view(READERS)
def partner_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form = PartnerFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "search": form.cleaned_data["q"],
            "kind": form.cleaned_data["kind"],
            "active_on": form.cleaned_data["active_on"],
        }
    return render_list(
        request,
        "partners/partner_list.html",
        selectors.partner_list(membership=membership, **filters),
        form=form,
        can_create=membership.role in EDITORS,
    )


@programme_view(READERS)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    partner = selectors.partner_get(membership=membership, pk=pk)
    agreements = selectors.agreement_list(programme=programme, partner=partner)
    return render(
        request,
        "partners/partner_detail.html",
        {"partner": partner, "agreements": agreements, "can_edit": membership.role in EDITORS},
    )


@programme_view(EDITORS)
def partner_create(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Partner %(name)s added.") % {"name": partner.name})
            return redirect("partners:partner-detail", programme=programme.slug, pk=partner.pk)
    return render(request, "partners/partner_form.html", {"form": form, "partner": None})


@programme_view(EDITORS)
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    partner = selectors.partner_get(membership=membership, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(actor=request.user, programme=programme, partner=partner, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Changes saved."))
            return redirect("partners:partner-detail", programme=programme.slug, pk=partner.pk)
    return render(request, "partners/partner_form.html", {"form": form, "partner": partner})


@programme_view(EDITORS)
def agreement_create(request: HttpRequest, partner: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    partner_obj = selectors.partner_get(membership=membership, pk=partner)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(actor=request.user, programme=programme, partner=partner_obj, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Agreement added."))
            return redirect("partners:partner-detail", programme=programme.slug, pk=partner_obj.pk)
    return render(request, "partners/agreement_form.html", {"form": form, "partner": partner_obj, "agreement": None})


@programme_view(EDITORS)
def agreement_edit(request: HttpRequest, partner: int, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    partner_obj = selectors.partner_get(membership=membership, pk=partner)
    agreement = selectors.agreement_get(programme=programme, partner=partner_obj, pk=pk)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(actor=request.user, programme=programme, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)  # type: ignore[arg-type]  # a ModelForm is a BaseForm
        else:
            messages.success(request, _("Changes saved."))
            return redirect("partners:partner-detail", programme=programme.slug, pk=partner_obj.pk)
    return render(
        request, "partners/agreement_form.html", {"form": form, "partner": partner_obj, "agreement": agreement}
    )
