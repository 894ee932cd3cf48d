from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.companies import selectors as company_selectors
from fabriek.companies.models import Company
from fabriek.core.audit import log_personal_data_view
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import render_list
from fabriek.mentoring import selectors, services
from fabriek.mentoring.forms import (
    HoursPeriodForm,
    MatchProposeForm,
    MatchRespondForm,
    MentorFilterForm,
    MentorForm,
    MentorMatchEndForm,
    MentorMatchForm,
    NeedsForm,
    SessionForm,
)
from fabriek.mentoring.models import MatchStatus

# A mentor member reads only their own record (the selector finds it by e-mail).
READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.MENTOR]
EDITORS = [Role.STAFF]


@programme_view(READERS)
def mentor_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form = MentorFilterForm(request.GET or None)
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


# -- matching ----------------------------------------------------------------------------------------------

#: Who sees a mentorship's page and its sessions: staff, the mentor (their own), the company's participants.
MATCH_READERS = [Role.STAFF, Role.MENTOR, Role.PARTICIPANT]
SESSION_WRITERS = [Role.STAFF, Role.MENTOR]


def _participating_companies(programme: Any) -> Any:
    """The companies with a stay in the programme going on today: the ones to find a mentor for."""
    today = timezone.localdate()
    return (
        Company.objects.filter(participations__programme=programme, participations__started_on__lte=today)
        .filter(Q(participations__ended_on__isnull=True) | Q(participations__ended_on__gte=today))
        .distinct()
        .order_by("name", "pk")
    )


@programme_view(EDITORS)
def match_suggest(request: HttpRequest) -> HttpResponse:
    """Find a mentor for a company: its needs beside the mentors with room, best fit first; propose one."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    companies = _participating_companies(programme)
    company = None
    raw = request.GET.get("company", "")
    if raw:
        if not raw.isdigit() or len(raw) > 18:
            raise Http404
        company = company_selectors.company_get(membership=membership, pk=int(raw))
    today = timezone.localdate()
    form = MatchProposeForm(request.POST or None, initial={"started_on": today})
    if company is not None and request.method == "POST" and form.is_valid():
        mentor = selectors.mentor_get(membership=membership, user=request.user, pk=form.cleaned_data["mentor"])
        try:
            match = services.mentor_match_create(
                actor=request.user,
                programme=programme,
                mentor=mentor,
                company=company,
                started_on=form.cleaned_data["started_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(mentor)s has been asked to mentor %(company)s; they accept or decline on their home page.")
                % {"mentor": mentor.person.name, "company": company.name},
            )
            return redirect("mentoring:match-detail", programme=programme.slug, pk=match.pk)
    needs = selectors.company_needs(programme=programme, company=company) if company else None
    return render(
        request,
        "mentoring/match_suggest.html",
        {
            "companies": companies,
            "company": company,
            "needs": needs,
            "form": form,
            "suggestions": selectors.mentor_suggestions(
                programme=programme, needs=needs.needs if needs else [], on=today
            )
            if company
            else [],
            "current": selectors.company_matches(membership=membership, user=request.user, company=company)
            if company
            else [],
        },
    )


@programme_view(MATCH_READERS)
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    match = selectors.match_get(membership=membership, user=request.user, pk=pk)
    role = membership.role
    return render(
        request,
        "mentoring/match_detail.html",
        {
            "match": match,
            "sessions": selectors.session_list(membership=membership, user=request.user, match=match.pk),
            "can_log": role in SESSION_WRITERS and match.status == MatchStatus.ACCEPTED,
            "can_answer": role in (Role.STAFF, Role.MENTOR) and match.status == MatchStatus.PROPOSED,
            "respond_form": MatchRespondForm(),
        },
    )


@programme_view([Role.STAFF, Role.MENTOR])
def match_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only: the mentor accepts or declines a proposal made to them (staff may record the answer the
    mentor gave them by phone)."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    match = selectors.match_get(membership=membership, user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MatchRespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline, and keep the reason under 500 characters."))
        return redirect("mentoring:match-detail", programme=programme.slug, pk=match.pk)
    accept = form.cleaned_data["answer"] == "accept"
    try:
        services.mentor_match_respond(
            actor=request.user, programme=programme, match=match, accept=accept, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        names = {"company": match.company.name, "mentor": match.mentor.person.name}
        if membership.role != Role.MENTOR:
            messages.success(request, _("The answer of %(mentor)s is recorded.") % names)
        elif accept:
            messages.success(request, _("You now mentor %(company)s.") % names)
        else:
            messages.success(request, _("You declined %(company)s.") % names)
    return redirect("mentoring:match-detail", programme=programme.slug, pk=match.pk)


@programme_view(SESSION_WRITERS)
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    match = selectors.match_for_logging(membership=membership, user=request.user, pk=pk)
    form = SessionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentoring_session_create(actor=request.user, programme=programme, match=match, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Session logged."))
            return redirect("mentoring:match-detail", programme=programme.slug, pk=match.pk)
    return render(request, "mentoring/session_form.html", {"form": form, "match": match})


@programme_view(MATCH_READERS)
def session_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only: mark a session's follow-up done (`done=0`: open again). Back to where the button was."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    session = selectors.session_get(membership=membership, user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.mentoring_session_follow_up_done(
            actor=request.user, programme=programme, session=session, done=request.POST.get("done") != "0"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Follow-up updated."))
    if request.POST.get("next") == "home":
        return redirect("homes:home", programme=programme.slug)
    return redirect("mentoring:match-detail", programme=programme.slug, pk=session.match_id)


@programme_view([Role.STAFF, Role.PARTICIPANT])
def needs_edit(request: HttpRequest, company: int) -> HttpResponse:
    """What a company wants help with: staff for any company, a participant for their own."""
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    record = company_selectors.company_get(membership=membership, pk=company)
    needs = selectors.company_needs(programme=programme, company=record)
    initial = {"needs": needs.needs, "note": needs.note} if needs else {}
    form = NeedsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentoring_needs_set(actor=request.user, programme=programme, company=record, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("companies:company-detail", programme=programme.slug, pk=record.pk)
    return render(request, "mentoring/needs_form.html", {"form": form, "company": record})


@programme_view(EDITORS)
def mentor_hours(request: HttpRequest) -> HttpResponse:
    """Per mentor: hours, sessions and mentees in a period (default: this year so far)."""
    programme = request.programme  # type: ignore[attr-defined]
    today = timezone.localdate()
    data = request.GET if request.GET.get("from") or request.GET.get("to") else None
    form = HoursPeriodForm(data, initial={"from": today.replace(month=1, day=1), "to": today})
    period = form.period() if data is not None else (today.replace(month=1, day=1), today)
    rows = list(selectors.mentor_hours(programme=programme, start=period[0], end=period[1])) if period else []
    for row in rows:
        row.hours = Decimal(row.minutes) / 60  # type: ignore[attr-defined]
    return render(
        request,
        "mentoring/mentor_hours.html",
        {
            "form": form,
            "period": period,
            "rows": rows,
            "total_hours": Decimal(sum(r.minutes for r in rows)) / 60,  # type: ignore[attr-defined]
            "total_sessions": sum(r.session_count for r in rows),  # type: ignore[attr-defined]
        },
    )
