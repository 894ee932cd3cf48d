from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The page the request asks for (?page=N); out-of-range or junk numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def render_list(
    request: HttpRequest, template: str, queryset: QuerySet, *, form: Any, can_create: bool
) -> HttpResponse:
    """A list page: the requested page of `queryset` under its filter form. An htmx request (the filters
    changed) gets only the template's `results` partial, so the form keeps its focus while typing."""
    page = paginate(request, queryset)
    if getattr(request, "htmx", False):
        template += "#results"
    context = {"form": form, "page": page, "query": query_without_page(request), "can_create": can_create}
    return render(request, template, context)
