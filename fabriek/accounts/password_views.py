"""Change the password (logged in) and reset it by e-mail: Django's views with our templates, audited.

The reset mail goes through `EMAIL_BACKEND` with Django's normal sending, so it lands in the outbox where one
is configured. The reset page answers the same whether or not the address belongs to someone.
"""

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

from fabriek.accounts.access import authenticated_view, public_view
from fabriek.accounts.lockout import client_ip
from fabriek.core.audit import log_event


def _log_password_change(user: Any, request: Any, how: str) -> None:
    log_event(
        actor=user,
        action="accounts.user.password_changed",
        object_type="accounts.user",
        object_id=str(user.pk),
        object_repr=str(user),
        changes={"how": how, "ip": client_ip(request)},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        _log_password_change(form.user, self.request, "change")
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        _log_password_change(form.user, self.request, "reset")
        return response


password_change = authenticated_view(PasswordChangeView.as_view())
password_change_done = authenticated_view(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
password_reset = public_view(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public_view(PasswordResetConfirmView.as_view())
password_reset_complete = public_view(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
