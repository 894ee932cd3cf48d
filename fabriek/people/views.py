import copy
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.i18n import set_language

from fabriek.accounts.access import PERSONAL_DATA_ROLES, authenticated_view, programme_view, public_view
from fabriek.accounts.homes import home_url_name
from fabriek.accounts.invitations import email_has_account
from fabriek.accounts.models import Role
from fabriek.companies import services as company_services
from fabriek.companies.models import CompanyRole
from fabriek.core.audit import log_personal_data_view
from fabriek.core.forms import add_validation_errors
from fabriek.core.pagination import render_list
from fabriek.events.series import programme_series_progress as series_progress
from fabriek.people import selectors, services
from fabriek.people.forms import PersonFilterForm, PersonForm, ProfileForm

#: The list is for those who work with many people; everyone else with personal data reaches their own page.
LIST_READERS = [Role.STAFF, Role.LOCATION_MANAGER, Role.PARTICIPANT]
#: The funder never sees personal data.
READERS = sorted(PERSONAL_DATA_ROLES)


@programme_view(LIST_READERS)
def person_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form = PersonFilterForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    return render_list(
        request,
        "people/person_list.html",
        selectors.person_list(membership=membership, user=request.user, search=search).order_by("name", "pk"),
        form=form,
        can_create=False,  # people come with a company, an event or a mentorship
    )


def _invite_url(membership: Any, person: Any) -> str:
    """For staff: the invitation form filled in for this person (a founder as participant of their company),
    when they have an e-mail address and no account yet; empty otherwise."""
    if membership.role != Role.STAFF or not person.email or person.user_id or email_has_account(person.email):
        return ""
    first, _space, last = person.name.partition(" ")
    query = {"email": person.email, "first_name": first, "last_name": last, "language": person.language}
    founded = selectors.person_company_roles(membership=membership, person=person)
    companies = {r.company_id for r in founded if r.role == CompanyRole.Role.FOUNDER}
    if len(companies) == 1:
        query.update(role=Role.PARTICIPANT, company=str(companies.pop()))
    url = reverse("invitations:invitation-list", kwargs={"programme": membership.programme.slug})
    return f"{url}?{urlencode(query)}#invite"


@programme_view(READERS)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    person = selectors.person_get(membership=membership, user=request.user, pk=pk)
    log_personal_data_view(request, person)  # ASVS V16: who looked at whose personal data
    context = {
        "person": person,
        "is_self": selectors.person_is_self(person=person, user=request.user),
        "can_edit": selectors.person_can_edit(membership=membership, user=request.user, person=person),
        "company_roles": selectors.person_company_roles(membership=membership, person=person),
        "attendances": selectors.person_attendances(membership=membership, user=request.user, person=person),
        "mentorships": selectors.person_mentorships(membership=membership, user=request.user, person=person),
        # who attends events is seen by the same roles as the events section (and the person themselves)
        "series_progress": series_progress(programme=membership.programme, person_ids=[person.pk])
        if selectors.person_attendances(membership=membership, user=request.user, person=person).exists()
        else [],
        "shows_activity": membership.role in (Role.STAFF, Role.LOCATION_MANAGER)
        or selectors.person_is_self(person=person, user=request.user),
        "invite_url": _invite_url(membership, person),
    }
    return render(request, "people/person_detail.html", context)


@programme_view(READERS)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme, membership = request.programme, request.membership  # type: ignore[attr-defined]
    person = selectors.person_get(membership=membership, user=request.user, pk=pk)
    if not selectors.person_can_edit(membership=membership, user=request.user, person=person):
        raise PermissionDenied
    # The form validates a copy, so the service still sees the stored values and can log old -> new.
    form = PersonForm(request.POST or None, instance=copy.copy(person))
    if request.method == "POST" and form.is_valid():
        try:
            company_services.person_update(actor=request.user, programme=programme, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:person-detail", programme=programme.slug, pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@authenticated_view
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own name, e-mail and language; the language applies from the next page on."""
    user = request.user
    initial = {
        "first_name": user.first_name,  # type: ignore[union-attr]
        "last_name": user.last_name,  # type: ignore[union-attr]
        "email": user.email,  # type: ignore[union-attr]
        "language": user.language or translation.get_language(),  # type: ignore[union-attr]
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=user, user=user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            translation.activate(form.cleaned_data["language"])  # the confirmation in the chosen language
            messages.success(request, _("Your profile is saved."))
            response = redirect("profile")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"], samesite="Lax")
            return response
    memberships = list(user.memberships.select_related("programme").order_by("programme__name"))  # type: ignore[union-attr]
    for m in memberships:
        m.home_url = reverse(home_url_name(m.role), kwargs={"programme": m.programme.slug})  # type: ignore[attr-defined]
    person = getattr(user, "person", None)
    return render(request, "people/profile.html", {"form": form, "memberships": memberships, "person": person})


@public_view
def language_set(request: HttpRequest) -> HttpResponse:
    """The footer's language switch: Django's `set_language` (a cookie), and for a logged-in user also their
    stored preference, so the choice follows them to other devices."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_language_set(user=request.user, language=language)  # type: ignore[arg-type]
    return response
