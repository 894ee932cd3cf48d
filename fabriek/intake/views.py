"""The team's intake pages: leads and their pipeline, applications, reviews and decisions.

Partners use the lead pages for their own referrals (status only); mentors see the applications they were
asked to review. The public application form lives in `public_views.py`.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import paginate, query_without_page
from fabriek.intake import scoring, selectors, services
from fabriek.intake.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    AssignReviewerForm,
    DecisionForm,
    LeadFilterForm,
    LeadForm,
    PartnerLeadForm,
    ReviewForm,
    YearForm,
)
from fabriek.intake.models import ApplicationStatus, LeadStatus

LEAD_READERS = [Role.STAFF, Role.PARTNER]
STAFF = [Role.STAFF]
REVIEWERS = [Role.STAFF, Role.MENTOR]


def _list(request: HttpRequest, template: str, queryset: Any, form: Any, **context: Any) -> HttpResponse:
    page = paginate(request, queryset)
    if getattr(request, "htmx", False):
        template += "#results"
    return render(request, template, {"form": form, "page": page, "query": query_without_page(request), **context})


# --- leads ------------------------------------------------------------------------------------------------


@programme_view(LEAD_READERS)
def lead_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form = LeadFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {"search": form.cleaned_data["q"], "status": form.cleaned_data["status"]}
        filters["source"] = form.cleaned_data["source"]
    is_staff = membership.role == Role.STAFF
    by_source, by_location = selectors.lead_pipeline(membership=membership) if is_staff else ([], [])
    return _list(
        request,
        "intake/lead_list.html",
        selectors.lead_list(membership=membership, **filters),
        form,
        is_staff=is_staff,
        statuses=LeadStatus.choices,
        by_source=by_source,
        by_location=by_location,
    )


@programme_view(LEAD_READERS)
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    lead = selectors.lead_get(membership=membership, pk=pk)
    application = getattr(lead, "application", None) if membership.role == Role.STAFF else None
    return render(
        request,
        "intake/lead_detail.html",
        {"lead": lead, "is_staff": membership.role == Role.STAFF, "application": application},
    )


@programme_view(LEAD_READERS)
def lead_create(request: HttpRequest) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    is_partner = membership.role == Role.PARTNER
    form: Any = (
        PartnerLeadForm(request.POST or None) if is_partner else LeadForm(request.POST or None, programme=programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if is_partner:
                lead = services.lead_create_by_partner(actor=request.user, membership=membership, **form.cleaned_data)
            else:
                lead = services.lead_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Lead %(name)s added.") % {"name": lead.name})
            return redirect("intake:lead-detail", programme=programme.slug, pk=lead.pk)
    return render(request, "intake/lead_form.html", {"form": form, "lead": None})


@programme_view(STAFF)
def lead_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    lead = selectors.lead_get(membership=membership, pk=pk)
    form = LeadForm(request.POST or None, instance=lead, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.lead_update(actor=request.user, programme=programme, lead=lead, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("intake:lead-detail", programme=programme.slug, pk=lead.pk)
    return render(request, "intake/lead_form.html", {"form": form, "lead": lead})


# --- applications -----------------------------------------------------------------------------------------


@programme_view(REVIEWERS)
def application_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form = ApplicationFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {"search": form.cleaned_data["q"], "status": form.cleaned_data["status"]}
    return _list(
        request,
        "intake/application_list.html",
        selectors.application_list(membership=membership, **filters),
        form,
        is_staff=membership.role == Role.STAFF,
    )


@programme_view(STAFF)
def application_create(request: HttpRequest) -> HttpResponse:
    """The team enters an application, for a lead (`?lead=ID`, prefilled) or on its own."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    lead_id = request.GET.get("lead", "")
    lead = selectors.lead_get(membership=membership, pk=int(lead_id)) if lead_id.isdigit() else None
    initial = {}
    if lead is not None:
        initial = {
            "company_name": lead.company_name,
            "kvk_number": lead.kvk_number,
            "founder_name": lead.name,
            "founder_email": lead.email,
            "founder_phone": lead.phone,
            "wanted_location": lead.location_id,
        }
    form = ApplicationForm(request.POST or None, programme=programme, initial=initial)
    for name in ("activity", "ambition", "business_model", "support_need"):
        form.fields[name].required = False  # the team may fill the answers in after a talk
    form.fields.pop("website")
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                actor=request.user, programme=programme, lead=lead, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Application of %(name)s added.") % {"name": application.company_name})
            return redirect("intake:application-detail", programme=programme.slug, pk=application.pk)
    return render(request, "intake/application_form.html", {"form": form, "lead": lead})


@programme_view(REVIEWERS)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    application = selectors.application_get(membership=membership, pk=pk)
    assessment = selectors.application_assessment(membership=membership, application=application)
    is_staff = membership.role == Role.STAFF
    open_for_decision = application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED)
    return render(
        request,
        "intake/application_detail.html",
        {
            "application": application,
            "assessment": assessment,
            "definition": scoring.DEFINITION,
            "too_old": selectors.is_older_than_the_intake_allows(application),
            "is_staff": is_staff,
            # a reviewing mentor sees where the application came from, not the lead's page
            "links_lead": membership.role in LEAD_READERS,
            "assign_form": AssignReviewerForm(
                candidates=selectors.reviewer_candidates(membership=membership, application=application)
            )
            if is_staff and open_for_decision
            else None,
            "decision_form": DecisionForm(
                programme=programme,
                initial={"location": application.wanted_location_id, "package": application.wanted_package_id},
            )
            if is_staff and open_for_decision
            else None,
            "decisions": application.decisions.select_related("location", "package", "decided_by"),
        },
    )


@programme_view(STAFF)
def reviewer_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only. The application is looked up first, so another programme's is 404 whatever the method."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    application = selectors.application_get(membership=membership, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AssignReviewerForm(
        request.POST, candidates=selectors.reviewer_candidates(membership=membership, application=application)
    )
    if form.is_valid():
        try:
            services.reviewer_assign(
                actor=request.user, programme=programme, application=application, reviewer=form.cleaned_data["reviewer"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Reviewer asked."))
    else:
        messages.error(request, _("Choose a reviewer from the list."))
    return redirect("intake:application-detail", programme=programme.slug, pk=application.pk)


@programme_view(REVIEWERS)
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The caller's own review: scores 1-5 per criterion, blind to the others until submitted."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    application = selectors.application_get(membership=membership, pk=pk)
    review = selectors.review_get(membership=membership, application=application)
    if review.submitted_at is not None:
        messages.info(request, _("You have submitted your review; it cannot change any more."))
        return redirect("intake:application-detail", programme=programme.slug, pk=application.pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(
                actor=request.user,
                programme=programme,
                review=review,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Review submitted. You now see the other reviewers' scores."))
            return redirect("intake:application-detail", programme=programme.slug, pk=application.pk)
    return render(
        request, "intake/review_form.html", {"form": form, "application": application, "definition": scoring.DEFINITION}
    )


@programme_view(STAFF)
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    application = selectors.application_get(membership=membership, pk=pk)
    form = DecisionForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=request.user, programme=programme, application=application, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("intake:application-detail", programme=programme.slug, pk=application.pk)
    return render(request, "intake/decision_form.html", {"form": form, "application": application})


@programme_view([Role.STAFF, Role.FUNDER, Role.PARTNER])
def partner_scorecard(request: HttpRequest) -> HttpResponse:
    """What each partner fed into the programme in a year, and what came of the programme's referrals to it."""
    membership = request.membership  # type: ignore[attr-defined]
    year = timezone.localdate().year
    form = YearForm(request.GET or None, initial={"year": year})
    status = 200
    if form.is_bound:
        if form.is_valid():
            year = form.cleaned_data["year"] or year
        else:
            status = 400
    rows = selectors.partner_scorecard(membership=membership, year=year)
    return render(
        request,
        "intake/partner_scorecard.html",
        {"form": form, "year": year, "rows": rows, "definition": selectors.SCORECARD_DEFINITION},
        status=status,
    )
