"""Staff invite people to accounts; the invited person opens the link and chooses a password."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts import invitations
from fabriek.accounts.access import programme_view, public_view
from fabriek.accounts.invitation_forms import AcceptInvitationForm, InvitationForm
from fabriek.accounts.models import Invitation, Role
from fabriek.core.pagination import paginate

SESSION_KEY = "invitation_token"
PREFILLED = {"email", "first_name", "last_name", "role", "company", "language"}


@programme_view([Role.STAFF])
def invitation_list(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    # A person's page links here with the form filled in from what the programme knows about them.
    initial = {name: value[:200] for name, value in request.GET.items() if name in PREFILLED}
    form = InvitationForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        invitations.invitation_create(programme=programme, actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("The invitation to %(email)s is on its way; the link works for %(days)s days.")
            % {"email": form.cleaned_data["email"], "days": invitations.INVITATION_DAYS},
        )
        return redirect("invitations:invitation-list", programme=programme.slug)
    sent = (
        Invitation.objects.filter(programme=programme)
        .select_related("invited_by", "location", "company", "partner")
        .order_by("-created_at", "-id")
    )
    page = paginate(request, sent)
    now = timezone.now()
    rows = [(invitation, invitation.state(now)) for invitation in page]
    return render(
        request,
        "accounts/invitation_list.html",
        {"form": form, "page": page, "rows": rows},
        status=400 if form.errors else 200,
    )


@public_view
def invitation_accept(request: HttpRequest) -> HttpResponse:
    """Open an invitation: the link's token moves into the session (and out of the address bar), then the
    person chooses a password, gets their account and is logged in."""
    token = request.GET.get("token")
    if token is not None:
        request.session[SESSION_KEY] = token
        response = redirect("accounts:invitation-accept")
        response["Referrer-Policy"] = "no-referrer"  # the address with the token goes nowhere
        return response
    invitation = invitations.invitation_for_token(request.session.get(SESSION_KEY, ""))
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.invitation_accept(invitation=invitation, password=form.cleaned_data["password1"])
        except invitations.InvitationUnavailable:
            request.session.pop(SESSION_KEY, None)
            return render(request, "accounts/invitation_invalid.html", status=404)
        request.session.pop(SESSION_KEY, None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome! Your account is ready; you log in with %(email)s.") % {"email": user.email}
        )
        return redirect("home")
    page = render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})
    # not no-referrer: browsers then send "Origin: null" with the form, which the CSRF check refuses
    page["Referrer-Policy"] = "same-origin"
    return page
