"""The programme's audit log for its staff: read-only, filtered by person, record and actor."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Membership, Role
from fabriek.core.models import AuditEntry
from fabriek.core.pagination import paginate, query_without_page


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Person or text"),
        required=False,
        max_length=100,
        help_text=_("A name, e-mail address or other text in the entry."),
    )
    actor = forms.CharField(label=_("Done by"), required=False, max_length=150)
    object_type = forms.CharField(label=_("Kind of record"), required=False, max_length=100, widget=forms.HiddenInput)
    object_id = forms.CharField(label=_("Record"), required=False, max_length=64, widget=forms.HiddenInput)


def entries_for(programme: Any) -> QuerySet[AuditEntry]:
    """What a programme's staff may read: the entries of their programme, and the account events (logins,
    password changes, tokens) of the programme's own members, never those about another programme."""
    members = Membership.objects.filter(programme=programme).values("user_id")
    member_ids = [str(pk) for pk in Membership.objects.filter(programme=programme).values_list("user_id", flat=True)]
    own_accounts = Q(programme_slug="") & (
        Q(actor_id__in=members) | Q(object_type__in=["accounts.user"], object_id__in=member_ids)
    )
    return AuditEntry.objects.filter(Q(programme_slug=programme.slug) | own_accounts).select_related("actor")  # type: ignore[attr-defined]


@programme_view([Role.STAFF])
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = entries_for(request.programme)  # type: ignore[attr-defined]
    form = AuditFilterForm(request.GET or None)
    record = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["person"]:
            entries = entries.annotate(changes_text=Cast("changes", TextField())).filter(
                Q(object_repr__icontains=data["person"]) | Q(changes_text__icontains=data["person"])
            )
        if data["actor"]:
            entries = entries.filter(
                Q(actor__username__icontains=data["actor"])
                | Q(actor__first_name__icontains=data["actor"])
                | Q(actor__last_name__icontains=data["actor"])
            )
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
            record = data["object_type"]
        if data["object_id"]:
            entries = entries.filter(object_id=data["object_id"])
            record = f"{record} #{data['object_id']}"
    page = paginate(request, entries.order_by("-created_at", "-id"), per_page=50)
    return render(
        request,
        "accounts/audit_log.html",
        {"form": form, "page": page, "query": query_without_page(request), "record": record},
    )
