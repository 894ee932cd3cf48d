"""The confirm step every delete view shares: GET shows what goes, POST deletes and says how to undo."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fabriek.core.deletion import DeletionPlan, undo_days


def confirm_delete(
    request: HttpRequest,
    *,
    plan: DeletionPlan,
    delete: Callable[[], Any],
    title: str,
    cancel_url: str,
    done_url: str,
    notes: list[str] | None = None,
) -> HttpResponse:
    """The confirm page (GET) or the deletion itself (POST), then back to `done_url` with a message."""
    if request.method == "POST":
        try:
            delete()
        except ObjectDoesNotExist:
            raise Http404 from None  # deleted by someone else a moment ago
        messages.success(
            request,
            _("Deleted: %(what)s. You can undo this for %(days)s days on the page Deleted.")
            % {"what": title, "days": undo_days()},
        )
        return redirect(done_url)
    return render(
        request,
        "core/delete_confirm.html",
        {
            "title": title,
            "counts": plan.counts(),
            "notes": notes or [],
            "cancel_url": cancel_url,
            "undo_days": undo_days(),
        },
    )
