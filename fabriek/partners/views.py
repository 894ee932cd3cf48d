from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.companies.selectors import COMPANY_SEARCH_LOOKUPS
from fabriek.core.forms import add_validation_errors, searched_options
from fabriek.core.pagination import paginate, query_without_page, render_list
from fabriek.partners import selectors, services
from fabriek.partners.forms import AgreementForm, PartnerFilterForm, PartnerForm, ReferralForm, ReferralOutcomeForm
from fabriek.partners.models import Referral

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


# --- referrals out: the programme sends a participant to a partner; the partner reports the outcome ---------

REFERRAL_READERS = [Role.STAFF, Role.PARTNER]


@programme_view(REFERRAL_READERS)
def referral_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    outcome = request.GET.get("outcome", "")
    referrals = selectors.referral_list(
        membership=membership, outcome=outcome if outcome in Referral.Outcome.values else ""
    )
    page = paginate(request, referrals)
    return render(
        request,
        "partners/referral_list.html",
        {"page": page, "query": query_without_page(request), "can_create": membership.role in EDITORS},
    )


def _referral_form(request: HttpRequest) -> ReferralForm:
    programme = request.programme  # type: ignore[attr-defined]
    form = ReferralForm(request.POST or None, programme=programme)
    # A programme has hundreds of companies: a search box above the list narrows it (includes/form.html).
    url = reverse("partners:referral-company-options", kwargs={"programme": programme.slug})
    form.fields["company"].search_url = url  # type: ignore[attr-defined]
    return form


@programme_view(EDITORS)
def referral_company_options(request: HttpRequest) -> HttpResponse:
    """The company select's options matching ?q=, for the search box above it on the referral form."""
    field = _referral_form(request).fields["company"]
    return searched_options(request, field.queryset, field, COMPANY_SEARCH_LOOKUPS)  # type: ignore[attr-defined]


@programme_view(EDITORS)
def referral_create(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = _referral_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Referral recorded."))
            return redirect("partners:referral-list", programme=programme.slug)
    return render(request, "partners/referral_form.html", {"form": form})


@programme_view(REFERRAL_READERS)
def referral_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner (or staff) reports what came of a referral."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    referral = selectors.referral_get(membership=membership, pk=pk)
    initial = {
        "outcome": referral.outcome,
        "outcome_on": referral.outcome_on,
        "amount": None if referral.amount_cents is None else referral.amount_cents / 100,
        "outcome_note": referral.outcome_note,
    }
    form = ReferralOutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_report_outcome(
                actor=request.user,
                programme=programme,
                referral=referral,
                outcome=form.cleaned_data["outcome"],
                outcome_on=form.cleaned_data["outcome_on"],
                amount_cents=form.amount_cents(),
                outcome_note=form.cleaned_data["outcome_note"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "amount_cents" in error.error_dict:
                error.error_dict["amount"] = error.error_dict.pop("amount_cents")
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Outcome saved."))
            return redirect("partners:referral-list", programme=programme.slug)
    return render(request, "partners/referral_outcome.html", {"form": form, "referral": referral})
