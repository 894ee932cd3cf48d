"""Staff's survey pages: response rates, the call list of non-responders, answers entered by phone, and
the outflow statuses founders proposed in their exit survey."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.core.forms import add_validation_errors
from fabriek.surveys import selectors, services
from fabriek.surveys.forms import StaffEntryForm
from fabriek.surveys.models import Channel, OutflowDecision, SurveyInvitation, SurveyResponse


@programme_view([Role.STAFF, Role.FUNDER])
def response_rates(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    proposals = []
    if request.membership.role == Role.STAFF:  # type: ignore[attr-defined]
        proposals = list(
            SurveyResponse.objects.filter(
                invitation__programme=programme, outflow_decision=OutflowDecision.PENDING
            ).select_related("invitation__company", "invitation__participation")
        )
    return render(
        request,
        "surveys/response_rates.html",
        {
            "by_round": selectors.response_rates_by_round(programme=programme),
            "by_cohort": selectors.response_rates_by_cohort(programme=programme),
            "explanation": selectors.RATE_EXPLANATION,
            "proposals": proposals,
        },
    )


@programme_view([Role.STAFF])
def call_list(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    rows = selectors.call_list(programme=programme)
    return render(
        request,
        "surveys/call_list.html",
        {"rows": rows, "days": selectors.CALL_LIST_DAYS, "today": timezone.localdate()},
    )


def _invitation(request: HttpRequest, pk: int) -> SurveyInvitation:
    try:
        return selectors.invitation_get_for_staff(membership=request.membership, pk=pk)  # type: ignore[attr-defined]
    except SurveyInvitation.DoesNotExist:
        raise Http404 from None


@programme_view([Role.STAFF])
def staff_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff enter the answers a founder gave by phone; they become figures with source `staff`."""
    programme = request.programme  # type: ignore[attr-defined]
    invitation = _invitation(request, pk)
    if invitation.answered_at is not None:
        messages.info(request, _("This survey has been answered already."))
        return redirect("survey-admin:call-list", programme=programme.slug)
    definition = services.definition_for(programme=programme, kind=invitation.kind)
    form = StaffEntryForm(request.POST or None, definition=definition)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        note = answers.pop("note", "")
        try:
            services.response_submit(
                invitation=invitation, answers=answers, actor=request.user, channel=Channel.PHONE, note=note
            )
        except services.SurveyUnavailable:
            messages.info(request, _("This survey has been answered already."))
            return redirect("survey-admin:call-list", programme=programme.slug)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The answers of %(company)s are saved.") % {"company": invitation.company.name})
            return redirect("survey-admin:call-list", programme=programme.slug)
    return render(
        request,
        "surveys/staff_entry.html",
        {"invitation": invitation, "definition": definition, "form": form},
        status=400 if form.errors else 200,
    )


@programme_view([Role.STAFF])
def outflow_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only; the response is looked up first, so another programme's is 404 whatever the method."""
    programme = request.programme  # type: ignore[attr-defined]
    response = (
        SurveyResponse.objects.select_related("invitation__participation", "invitation__company")
        .filter(invitation__programme=programme, pk=pk)
        .first()
    )
    if response is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    confirm = request.POST.get("decision") == "confirm"
    try:
        services.outflow_proposal_decide(actor=request.user, programme=programme, response=response, confirm=confirm)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Outflow status confirmed.") if confirm else _("Proposal set aside."))
    return redirect("survey-admin:response-rates", programme=programme.slug)
