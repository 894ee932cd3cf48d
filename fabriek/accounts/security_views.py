"""The user's own security page: password, second factor and API tokens (list, make, revoke)."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fabriek.accounts import two_factor
from fabriek.accounts.access import authenticated_view
from fabriek.accounts.models import ApiToken
from fabriek.accounts.tokens import api_token_create, api_token_revoke, tokens_of

VALIDITY_CHOICES = [(30, gettext_lazy("30 days")), (90, gettext_lazy("90 days")), (365, gettext_lazy("1 year"))]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What is it for?"),
        max_length=100,
        help_text=gettext_lazy("For example: province dashboard, weekly export script."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("May it change records?"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    days = forms.TypedChoiceField(label=gettext_lazy("Valid for"), choices=VALIDITY_CHOICES, coerce=int, initial=90)

    def clean_days(self) -> int:
        days = int(self.cleaned_data["days"])
        if days > settings.API_TOKEN_MAX_DAYS:
            raise forms.ValidationError(
                _("At most %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}, code="too_long"
            )
        return days


def _page(request: HttpRequest, form: TokenForm, new_key: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "form": form,
        "tokens": tokens_of(user),  # type: ignore[arg-type]
        "new_key": new_key,
        "has_second_factor": two_factor.has_second_factor(user),
        "second_factor_required": two_factor.second_factor_required(user),
        "recovery_codes_left": two_factor.recovery_codes_left(user),
    }
    return render(request, "accounts/security.html", context, status=status)


@authenticated_view
def security(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _token, raw = api_token_create(
                actor=request.user,
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            )
            # Shown once, on this answer only (no-store); not kept in the session or a message.
            return _page(request, TokenForm(), new_key=raw)
        return _page(request, form, status=422)
    return _page(request, TokenForm())


@authenticated_view
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(user=request.user, pk=pk).select_related("user").first()  # type: ignore[misc]
    if token is None:
        raise Http404
    name = token.name
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked; it no longer works.") % {"name": name})
    return redirect("accounts:security")
