"""Pages of the second factor: pass it after logging in, set it up (scan, confirm), renew recovery codes, remove.

Secrets and recovery codes are shown on the answer that makes them only (pages are no-store) and are never put
in a message or the session.
"""

from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fabriek.accounts import two_factor
from fabriek.accounts.access import authenticated_view


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )
    # where to go afterwards; checked again (same host) when used, see _next_url
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@authenticated_view
def verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified() or not two_factor.has_second_factor(request.user):  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None, initial={"next": _next_url(request)})
    status = 200
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request=request, code=form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", _("That code is not right (or was used already). Try the newest code of your app."))
    if form.errors:
        status = 422
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context, status=status)


def _qr_svg(device: Any) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111", light="#fff", title="QR")


@authenticated_view
def setup(request: HttpRequest) -> HttpResponse:
    """Scan the code, type what the app shows; a user who already has a factor must pass it first (middleware)."""
    user = request.user
    if two_factor.has_second_factor(user) and not user.is_verified():  # type: ignore[union-attr]
        return redirect("accounts:two-factor-verify")
    device = two_factor.pending_app_device(user)
    if request.method != "POST" or device is None:
        device = two_factor.app_device_start(user=user)
        form = CodeForm(initial={"next": _next_url(request)})
    else:
        form = CodeForm(request.POST)
        if form.is_valid():
            codes = two_factor.app_device_confirm(request=request, device=device, code=form.cleaned_data["code"])
            if codes is not None:
                return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next_url(request)})
            form.add_error("code", _("That code is not right. Check the time on your phone and try the newest code."))
    context = {
        "form": form,
        "qr": _qr_svg(device),
        "secret": _base32(device.bin_key),
        "required": two_factor.second_factor_required(user),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=422 if form.errors else 200)


def _base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@authenticated_view
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not two_factor.has_second_factor(request.user):
        return redirect("accounts:security")
    codes = two_factor.recovery_codes_renew(user=request.user)
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": "/accounts/security/"})


@authenticated_view
def remove(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.second_factor_required(user):
        messages.error(request, _("Your role requires a second factor. Set up a new phone instead of removing it."))
        return redirect("accounts:security")
    form = PasswordConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        two_factor.second_factor_remove(user=user, actor=user)
        two_factor.forget_what_is_owed(request)
        messages.success(request, _("Your second factor is removed. You log in with your password only."))
        return redirect("accounts:security")
    return render(request, "accounts/two_factor_remove.html", {"form": form}, status=422 if form.errors else 200)
