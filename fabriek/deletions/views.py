from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.core.deletion import RestoreConflict, deletion_undo, undo_days
from fabriek.core.pagination import paginate
from fabriek.deletions import selectors

# Deleting and undoing is for programme staff only: the figures reported to the funder change with it.
STAFF = [Role.STAFF]


@programme_view(STAFF)
def deletion_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.deletion_list(programme=request.programme))  # type: ignore[attr-defined]
    return render(
        request,
        "deletions/deletion_list.html",
        {"page": page, "rows": selectors.deletion_rows(list(page)), "undo_days": undo_days(), "query": ""},
    )


@programme_view(STAFF)
def deletion_undo_view(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only: restore what a deletion took, or say why not. The entry is looked up first, so another
    programme's deletion is 404 whatever the method."""
    programme = request.programme  # type: ignore[attr-defined]
    entry = selectors.deletion_get(programme=programme, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        deletion_undo(actor=request.user, entry=entry)
    except RestoreConflict as conflict:
        messages.error(
            request, _("%(what)s cannot be restored: %(reason)s") % {"what": entry.object_repr, "reason": conflict}
        )
    else:
        messages.success(request, _("%(what)s restored.") % {"what": entry.object_repr})
    return redirect("deletions:deletion-list", programme=programme.slug)
