"""Answering a survey: through the mail's link (no login) or, logged in, from the participant's home."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from fabriek.accounts.access import programme_view, public_view
from fabriek.accounts.lockout import count_token_failure, token_guessing_blocked
from fabriek.accounts.models import Role
from fabriek.core.forms import add_validation_errors
from fabriek.surveys import selectors, services
from fabriek.surveys.forms import SurveyForm
from fabriek.surveys.models import Channel, SurveyInvitation

SESSION_KEY = "survey_token"


@public_view
def survey_open(request: HttpRequest, token: str) -> HttpResponse:
    """The mail's link: the token moves into the session and out of the address bar. An unknown, used or
    expired token is a plain 404, and too many of them from one address are refused for a while."""
    if token_guessing_blocked(request):
        return render(request, "surveys/too_many.html", status=429)
    invitation = services.invitation_for_token(token)
    if invitation is None:
        count_token_failure(request)
        raise Http404
    services.invitation_mark_opened(invitation=invitation)
    request.session[SESSION_KEY] = token
    response = redirect("surveys:answer")
    response["Referrer-Policy"] = "no-referrer"  # the address with the token goes nowhere
    return response


@public_view
def survey_answer(request: HttpRequest) -> HttpResponse:
    invitation = services.invitation_for_token(request.session.get(SESSION_KEY, ""))
    if invitation is None:
        raise Http404
    response = _answer(request, invitation, channel=Channel.LINK)
    if invitation.answered_at is not None:
        request.session.pop(SESSION_KEY, None)
    # not no-referrer: browsers then send "Origin: null" with the form, which the CSRF check refuses
    response["Referrer-Policy"] = "same-origin"
    return response


@programme_view([Role.PARTICIPANT, Role.STAFF])
def participant_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A logged-in participant answers an open survey of their own company from their home page; staff
    following the same address are sent on to entering the answers on the founder's behalf."""
    membership = request.membership  # type: ignore[attr-defined]
    if membership.role == Role.STAFF:
        invitation = get_object_or_404(SurveyInvitation, programme=membership.programme, pk=pk)
        return redirect("survey-admin:staff-entry", programme=membership.programme.slug, pk=invitation.pk)
    invitation = get_object_or_404(selectors.invitation_open_for_participant(membership=membership), pk=pk)
    return _answer(request, invitation, channel=Channel.HOME, user=request.user)


def _answer(request: HttpRequest, invitation: SurveyInvitation, *, channel: str, user: object = None) -> HttpResponse:
    definition = services.definition_for(programme=invitation.programme, kind=invitation.kind)
    form = SurveyForm(request.POST or None, definition=definition)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(invitation=invitation, answers=form.answers(), actor=user, channel=channel)
        except services.SurveyUnavailable:
            raise Http404 from None
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return render(request, "surveys/thanks.html", {"invitation": invitation, "definition": definition})
    return render(
        request,
        "surveys/answer.html",
        {"invitation": invitation, "definition": definition, "form": form, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )
