"""The upload page: choose a file, see what it would change (the preview), then confirm.

Only programme staff may import. A small file is checked within the request; a big one in the background
while the page polls a progress partial (htmx), which asks the browser to reload once the step is done.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh

from fabriek.accounts.access import programme_view
from fabriek.accounts.models import Role
from fabriek.imports import selectors, services
from fabriek.imports.columns import COLUMNS, Kind
from fabriek.imports.forms import ImportUploadForm
from fabriek.imports.models import ImportJob
from fabriek.imports.results import ImportResult

IMPORTERS_ROLES = [Role.STAFF]
#: The page lists at most this many errors; all of them are in the plain-text download.
SHOWN_MESSAGES = 500


@programme_view(IMPORTERS_ROLES)
def import_upload(request: HttpRequest) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # One transaction: the job exists with its check done (small file) or queued (big file), or not at all.
        with transaction.atomic():
            job = services.import_job_create(
                programme=programme,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                content=upload.read(),
            )
            services.import_job_start(job=job)
        return redirect("imports:import-detail", programme=programme.slug, pk=job.pk)
    formats = [(Kind(kind).label, columns) for kind, columns in COLUMNS.items()]
    return render(
        request,
        "imports/import_upload.html",
        {"form": form, "jobs": selectors.import_job_list(programme=programme), "formats": formats},
    )


@programme_view(IMPORTERS_ROLES)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(programme=request.programme, pk=pk)  # type: ignore[attr-defined]
    result = ImportResult.from_dict(job.result) if job.result and not job.running else None
    return render(
        request,
        "imports/import_detail.html",
        {
            "job": job,
            "result": result,
            "errors": result.errors[:SHOWN_MESSAGES] if result else [],
            "warnings": result.warnings[:SHOWN_MESSAGES] if result else [],
            "hidden_errors": max(0, len(result.errors) - SHOWN_MESSAGES) if result else 0,
            "hidden_warnings": max(0, len(result.warnings) - SHOWN_MESSAGES) if result else 0,
            "progress": selectors.import_job_progress(job=job),
        },
    )


@programme_view(IMPORTERS_ROLES)
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    job = selectors.import_job_get(programme=programme, pk=pk)
    if not job.running:
        # Done: reload the whole page, which then shows the preview or the result.
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponseClientRefresh()
        return redirect("imports:import-detail", programme=programme.slug, pk=job.pk)
    return render(
        request,
        "imports/import_detail.html#progress",
        {"job": job, "progress": selectors.import_job_progress(job=job)},
    )


@programme_view(IMPORTERS_ROLES)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    programme = request.programme  # type: ignore[attr-defined]
    # Look the job up first: another programme's job is a 404 whatever the method.
    job = selectors.import_job_get(programme=programme, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if job.status in (ImportJob.Status.APPLYING, ImportJob.Status.APPLIED):
        # confirmed twice (a double click, the back button): the first confirmation is running or done
        return redirect("imports:import-detail", programme=programme.slug, pk=job.pk)
    try:
        # The job is marked applying and its import done (small file) or queued (big file) together.
        with transaction.atomic():
            job = services.import_job_confirm(job=job, actor=request.user)
            services.import_job_start(job=job)
    except ValueError:
        messages.error(request, _("This file cannot be imported (any more); upload it again to check it anew."))
    return redirect("imports:import-detail", programme=programme.slug, pk=job.pk)


@programme_view(IMPORTERS_ROLES)
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a step that stopped before it finished (its worker was lost, or an unexpected error) again."""
    programme = request.programme  # type: ignore[attr-defined]
    job = selectors.import_job_get(programme=programme, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not services.import_job_retry(job=job, actor=request.user):
        messages.error(request, _("This import cannot be tried again; upload the file again."))
    return redirect("imports:import-detail", programme=programme.slug, pk=job.pk)


@programme_view(IMPORTERS_ROLES)
def import_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """Every error and warning of the job's latest step as plain text, one `file:line:column: message` a line."""
    job = selectors.import_job_get(programme=request.programme, pk=pk)  # type: ignore[attr-defined]
    result = ImportResult.from_dict(job.result) if job.result else None
    lines: list[str] = []
    if result:
        lines += [str(m) for m in result.errors]
        lines += [_("warning: %(message)s") % {"message": m} for m in result.warnings]
    response = HttpResponse("\n".join(lines) + ("\n" if lines else ""), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-messages.txt"'
    return response
