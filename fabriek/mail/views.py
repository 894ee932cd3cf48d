"""The outbox page: every message the programme's work sent or is sending, with its state (staff only)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.core.pagination import render_list
from fabriek.mail import selectors, services
from fabriek.mail.forms import OutboxFilterForm

OUTBOX_ROLES = [Role.STAFF]


@programme_view(OUTBOX_ROLES)
def outbox_list(request: HttpRequest) -> HttpResponse:
    form = OutboxFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    return render_list(
        request,
        "mail/outbox_list.html",
        selectors.outbox_list(programme=request.programme, state=state),  # type: ignore[attr-defined]
        form=form,
        can_create=False,
    )


@programme_view(OUTBOX_ROLES)
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    message = selectors.outbox_get(programme=programme, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if services.outbox_retry(message=message):
        messages.success(request, _("The message to %(to)s will be sent again.") % {"to": message.to_display})
    else:
        messages.error(request, _("Only a failed message can be sent again."))
    return redirect("mail:outbox-list", programme=programme.slug)
