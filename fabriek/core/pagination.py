from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fabriek.core.errors import BadParameter
from fabriek.core.forms import error_summary

PAGE_SIZE = 25
#: No list has this many pages; longer numbers are typos or probes (and overflow the database's integers).
MAX_PAGE = 1_000_000


def page_number(request: HttpRequest) -> int:
    """The page asked for (?page=N, default 1): a whole number from 1 to MAX_PAGE, else a 400."""
    raw = request.GET.get("page", "") or "1"
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        raise BadParameter(
            _("Page %(page)s does not exist: a page number is a whole number from 1 upwards.") % {"page": raw[:30]}
        )
    return int(raw)


def paginate(request: HttpRequest, queryset: QuerySet | Sequence[Any], per_page: int = PAGE_SIZE) -> Page:
    """The page the request asks for (?page=N) of a queryset or of a list already in order; a number past the
    last page gives the last page (the list shrank since the link was made), anything that is not a page
    number is a 400."""
    return Paginator(queryset, per_page).get_page(page_number(request))


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def render_list(
    request: HttpRequest, template: str, queryset: QuerySet, *, form: Any, can_create: bool
) -> HttpResponse:
    """A list page: the requested page of `queryset` under its filter form. An htmx request (the filters
    changed) gets only the template's `results` partial, so the form keeps its focus while typing. A filter
    value the form refuses is a 400 naming the field."""
    if form is not None and form.is_bound and not form.is_valid():
        # A filter value no field accepts (a hand-edited link): say which, rather than silently show all.
        raise BadParameter(" ".join(error_summary(form)))
    page = paginate(request, queryset)
    if getattr(request, "htmx", False):
        template += "#results"
    context = {"form": form, "page": page, "query": query_without_page(request), "can_create": can_create}
    return render(request, template, context)
