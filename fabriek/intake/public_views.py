"""The public application form at /p/<programme>/apply/: no login, Dutch with an English switch.

Spam protection without third parties: a honeypot field (filled in: we thank the robot and store nothing)
and a limit of applications per client address per hour. The KvK button fills the company's details from
the KvK register (rate limited per address too, so the form cannot be used to drain the programme's quota).
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fabriek.accounts.access import public_view
from fabriek.companies import kvk
from fabriek.companies import services as company_services
from fabriek.core.forms import add_validation_errors
from fabriek.intake import services
from fabriek.intake.forms import ApplicationForm
from fabriek.programmes.models import Programme

KVK_LOOKUPS_PER_ADDRESS_PER_HOUR = 30


def _programme(slug: str) -> Programme:
    return get_object_or_404(Programme, slug=slug)


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


@public_view
def apply(request: HttpRequest, programme: str) -> HttpResponse:
    the_programme = _programme(programme)
    form = ApplicationForm(request.POST or None, programme=the_programme)
    status = 200
    if request.method == "POST":
        recent = services.recent_applications_from(
            programme=the_programme, client_address=_address(request), within=timedelta(hours=1)
        )
        if recent >= settings.INTAKE_APPLICATIONS_PER_ADDRESS_PER_HOUR:
            form.add_error(None, _("Many applications came from your address in the last hour. Try again later."))
            status = 429
        elif form.is_valid():
            if form.is_spam():
                return redirect("intake:apply-done", programme=the_programme.slug)
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            try:
                services.application_submit(
                    actor=None,
                    programme=the_programme,
                    language=get_language() or "nl",
                    client_address=_address(request),
                    **data,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return redirect("intake:apply-done", programme=the_programme.slug)
        if status == 200 and form.errors:
            status = 400
    return render(
        request,
        "intake/apply.html",
        {"form": form, "the_programme": the_programme, "kvk_enabled": bool(settings.KVK_API_KEY)},
        status=status,
    )


@public_view
def apply_done(request: HttpRequest, programme: str) -> HttpResponse:
    return render(request, "intake/apply_done.html", {"the_programme": _programme(programme)})


@public_view
def apply_kvk(request: HttpRequest, programme: str) -> HttpResponse:
    """htmx: the company fields of the form, filled from the KvK register; the other fields keep what the
    applicant typed. A message above them says what happened."""
    the_programme = _programme(programme)
    values = {name: request.GET.get(name, "") for name in ApplicationForm.Meta.fields}
    message, level = "", "info"
    key = f"intake-kvk:{services.client_hash(_address(request))}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > KVK_LOOKUPS_PER_ADDRESS_PER_HOUR:
        message, level = _("Too many look-ups from your address; type the details yourself."), "error"
    else:
        try:
            found = company_services.kvk_lookup(kvk_number=values["kvk_number"])
        except kvk.KvkError as error:
            message, level = str(error.message), "error"
        else:
            values.update(
                {
                    "kvk_number": found.kvk_number,
                    "company_name": found.name or values["company_name"],
                    "founded_on": found.founded_on.isoformat() if found.founded_on else values["founded_on"],
                    "street": found.street or values["street"],
                    "postcode": found.postcode or values["postcode"],
                    "city": found.city or values["city"],
                    "sbi_code": found.sbi_code or values["sbi_code"],
                }
            )
            message = _("Filled in from the KvK register. Check the details before you send the form.")
            if found.deregistered:
                message, level = _("The KvK register says this company has been deregistered."), "error"
    form = ApplicationForm(initial=values, programme=the_programme)
    return render(
        request,
        "intake/apply.html#company-fields",
        {"form": form, "the_programme": the_programme, "kvk_message": message, "kvk_level": level, "kvk_enabled": True},
    )
