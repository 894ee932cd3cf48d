from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.core.audit import log_personal_data_view
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import render_list
from fabriek.mentoring import selectors, services
from fabriek.mentoring.forms import MentorFilterForm, MentorForm, MentorMatchEndForm, MentorMatchForm

# A mentor member reads only their own record (the selector finds it by e-mail).
READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.MENTOR]
EDITORS = [Role.STAFF]


@programme_view(READERS)
def mentor_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    tags = selectors.expertise_tags(membership=membership, user=request.user)
    form = MentorFilterForm(request.GET or None, tags=tags)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "search": form.cleaned_data["q"],
            "active_on": form.cleaned_data["active_on"],
            "expertise": form.cleaned_data["expertise"],
        }
    return render_list(
        request,
        "mentoring/mentor_list.html",
        selectors.mentor_list(membership=membership, user=request.user, **filters),
        form=form,
        can_create=membership.role in EDITORS,
    )


@programme_view(READERS)
def mentor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    mentor = selectors.mentor_get(membership=membership, user=request.user, pk=pk)
    log_personal_data_view(request, mentor)
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "mentor": mentor,
            "can_edit": membership.role in EDITORS,
            "matches": selectors.mentor_matches(mentor=mentor),
            "today": timezone.localdate(),
        },
    )


@programme_view(EDITORS)
def mentor_create(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = MentorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mentor = services.mentor_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Mentor %(name)s added.") % {"name": mentor.person.name})
            return redirect("mentoring:mentor-detail", programme=programme.slug, pk=mentor.pk)
    return render(request, "mentoring/mentor_form.html", {"form": form, "mentor": None})


@programme_view(EDITORS)
def mentor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    mentor = selectors.mentor_get(membership=membership, user=request.user, pk=pk)
    form = MentorForm(request.POST or None, initial=MentorForm.initial_for(mentor))
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_update(actor=request.user, programme=programme, mentor=mentor, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("mentoring:mentor-detail", programme=programme.slug, pk=mentor.pk)
    return render(request, "mentoring/mentor_form.html", {"form": form, "mentor": mentor})


@programme_view(EDITORS)
def mentor_match_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    mentor = selectors.mentor_get(membership=membership, user=request.user, pk=pk)
    companies = programme.companies.order_by("name", "pk")
    form = MentorMatchForm(request.POST or None, companies=companies, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            match = services.mentor_match_create(
                actor=request.user, programme=programme, mentor=mentor, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("%(company)s is now a mentee of %(mentor)s.")
                % {"company": match.company.name, "mentor": mentor.person.name},
            )
            return redirect("mentoring:mentor-detail", programme=programme.slug, pk=mentor.pk)
    return render(request, "mentoring/mentor_match_form.html", {"form": form, "mentor": mentor})


@programme_view(EDITORS)
def mentor_match_end(request: HttpRequest, pk: int, match: int) -> HttpResponse:
    """POST only. The records are looked up first, so another programme's are 404 whatever the method."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    mentor = selectors.mentor_get(membership=membership, user=request.user, pk=pk)
    mentor_match = selectors.mentor_match_get(mentor=mentor, pk=match)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MentorMatchEndForm(request.POST)
    if form.is_valid():
        try:
            services.mentor_match_end(actor=request.user, programme=programme, match=mentor_match, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Mentorship of %(company)s ended.") % {"company": mentor_match.company.name})
    else:
        messages.error(request, _("Give the date the mentorship ended."))
    return redirect("mentoring:mentor-detail", programme=programme.slug, pk=mentor.pk)
