"""Staff answer a person's request about their data: find them by e-mail address, download everything the
programme holds about them, or erase them (with a confirm step and a reason)."""

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.privacy import selectors, services
from fabriek.privacy.forms import EraseForm, PersonSearchForm

# Only the programme's staff handle requests about personal data: they see all of the programme's records.
STAFF = [Role.STAFF]


@programme_view(STAFF)
def person_search(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = PersonSearchForm(request.GET or None)
    people, accounts = None, None
    if form.is_valid():
        email = form.cleaned_data["email"]
        people = selectors.people_with_email(programme=programme, email=email)
        accounts = selectors.accounts_with_email(programme=programme, email=email)
    return render(request, "privacy/person_search.html", {"form": form, "people": people, "accounts": accounts})


@programme_view(STAFF)
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the programme holds about the person (and their other records with the same address)."""
    programme = request.programme  # type: ignore[attr-defined]
    person = selectors.person_get(programme=programme, pk=pk)
    leads, applications = selectors.intake_with_email(programme=programme, email=person.email)
    document = services.person_export(
        actor=request.user,
        programme=programme,
        people=selectors.subject_people(programme=programme, person=person),
        accounts=selectors.accounts_with_email(programme=programme, email=person.email),
        leads=leads,
        applications=applications,
    )
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-{programme.slug}.json"'
    return response


@programme_view(STAFF)
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    person = selectors.person_get(programme=programme, pk=pk)
    people = selectors.subject_people(programme=programme, person=person)
    accounts = selectors.accounts_with_email(programme=programme, email=person.email)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        leads, applications = selectors.intake_with_email(programme=programme, email=person.email)
        services.person_erase(
            actor=request.user,
            programme=programme,
            people=people,
            accounts=accounts,
            leads=leads,
            applications=applications,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The person's name, e-mail address and phone number have been erased."))
        return redirect("privacy:person-search", programme=programme.slug)
    return render(
        request,
        "privacy/person_erase.html",
        {"form": form, "person": person, "people": people, "accounts": accounts},
    )
