"""Importing the programme's spreadsheets: the one service every entry point calls, and the upload jobs.

`import_file` is what the command, the upload page and the API call. It is all or nothing: it reads and
checks the whole file, and writes only when there is no error at all, in one transaction together with
one audit entry (`imports.file.imported`) that carries the counts.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fabriek.core.audit import log_action
from fabriek.imports import progress as job_progress
from fabriek.imports.columns import Kind
from fabriek.imports.importers import IMPORTERS, Progress
from fabriek.imports.models import ImportJob
from fabriek.imports.reading import FileProblem, read_table
from fabriek.imports.results import ImportResult
from fabriek.programmes.figures import figures_changed
from fabriek.programmes.models import Programme

logger = logging.getLogger(__name__)

#: Files up to this size are checked and imported within the request; bigger ones by the background worker
#: (a task) while the page shows progress. Override with the setting IMPORTS_INLINE_MAX_BYTES.
INLINE_MAX_BYTES = 512 * 1024


def import_file(
    *,
    programme: Programme,
    kind: str,
    filename: str,
    content: bytes,
    actor: Any,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportResult:
    """Import one file of `kind` (companies, participations or observations) into `programme`.

    With `dry_run` nothing is written and the result says what would be created, updated or left
    unchanged. Otherwise the records are written only if the file has no error at all; `result.applied`
    tells whether they were. Errors and warnings are in the active language.
    """
    if kind not in IMPORTERS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(IMPORTERS)}")
    result = ImportResult(kind=kind, filename=filename, dry_run=dry_run)
    try:
        table = read_table(filename, content)
    except FileProblem as problem:
        result.error(problem.line, problem.column, "", problem.message)
        return result
    for note in table.notes:
        result.warn(table.header_line, "", "", note)
    if not table.rows:
        result.error(table.header_line, "", "", _("the file has a header but no rows below it"))
        return result
    importer = IMPORTERS[kind](programme=programme, table=table, result=result, progress=progress)
    if dry_run:
        importer.run(write=False)
        result.sort()
        return result
    try:
        # Checks and writes in one transaction, so the records cannot change between them.
        with transaction.atomic():
            importer.run(write=True)
            if result.ok:
                # The importers write in bulk, past the signals that keep the stored figures current. A
                # company may be in other programmes too, so a companies file tells every programme.
                figures_changed(programme_ids=None if kind == Kind.COMPANIES else [programme.pk])
                log_action(
                    actor=actor,
                    action="imports.file.imported",
                    obj=programme,
                    changes={
                        "kind": kind,
                        "file": filename,
                        "rows": result.rows,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                        "warnings": len(result.warnings),
                    },
                    programme_slug=programme.slug,
                )
                result.applied = True
    except IntegrityError as error:
        # The checks above mirror every database rule, so this means someone changed the records at the
        # same moment; the transaction is rolled back and the person can simply try again.
        logger.warning("import of %s into %s refused by the database: %s", filename, programme.slug, error)
        result.applied = False
        result.error(
            table.header_line,
            "",
            "",
            _("the database refused the import (%(reason)s); nothing was imported, please try again")
            % {"reason": error},
        )
    result.sort()
    return result


# -- upload jobs ------------------------------------------------------------------------------------------


@transaction.atomic
def import_job_create(*, programme: Programme, actor: Any, kind: str, filename: str, content: bytes) -> ImportJob:
    """Keep an uploaded file for checking; `import_job_start` then checks it (the preview)."""
    job = ImportJob(
        programme=programme,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        filename=filename,
        content=content,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        status=ImportJob.Status.CHECKING,
    )
    job.full_clean()
    job.save()
    return job


@transaction.atomic
def import_job_confirm(*, job: ImportJob, actor: Any) -> ImportJob:
    """Mark a checked, error-free job to be applied; `import_job_start` then applies it."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.CHECKED or job.result.get("errors"):
        raise ValueError("only a checked job without errors can be applied")
    job.status = ImportJob.Status.APPLYING
    job.applied_by = actor if getattr(actor, "is_authenticated", False) else None
    job.phase, job.rows_done, job.rows_total = "", 0, 0
    job.save(update_fields=["status", "applied_by", "phase", "rows_done", "rows_total", "updated_at"])
    return job


#: How often a step is started in the background before a lost worker makes it fail (with a retry button).
MAX_ATTEMPTS = 2
#: A running job with no task (a step run within a request) that has not changed for this long was lost
#: with its web process.
LOST_AFTER = timedelta(minutes=15)


def import_job_start(*, job: ImportJob) -> None:
    """Run the job's next step: now for a small file, as a background task for a big one."""
    limit = getattr(settings, "IMPORTS_INLINE_MAX_BYTES", INLINE_MAX_BYTES)
    if len(job.content) <= limit:
        try:
            # A savepoint, so that a database error leaves the connection usable to record the failure,
            # also when the caller is inside a transaction.
            with transaction.atomic():
                import_job_run(job_id=job.pk)
        except Exception:
            # The job's page shows the failure; the job must not stay checking or applying for ever. The
            # import itself is one transaction, so nothing of it was written.
            logger.exception("import job %s failed", job.pk)
            import_job_fail(job_id=job.pk)
        finally:
            job_progress.forget(job.pk)
        return
    _enqueue(job.pk)


def _enqueue(job_id: int) -> None:
    """Start the job's step as a task, in the current transaction (the task row commits with the job's)."""
    from fabriek.imports.tasks import run_import_job

    task_result = run_import_job.enqueue(job_id=job_id)
    ImportJob.objects.filter(pk=job_id).update(
        task_id=str(task_result.id), attempts=F("attempts") + 1, updated_at=timezone.now()
    )


def import_job_fail(*, job_id: int, worker_lost: bool = False) -> None:
    """Record that the job's step stopped before it finished; the job keeps a way to try the step again."""
    job = ImportJob.objects.get(pk=job_id)
    if not job.running:
        return
    with translation.override(job.language or settings.LANGUAGE_CODE):
        failed = ImportResult(kind=job.kind, filename=job.filename, dry_run=job.status != ImportJob.Status.APPLYING)
        if worker_lost:
            reason = _("the import stopped because the background worker stopped; nothing was imported")
        else:
            reason = _("the import stopped on an unexpected error; nothing was imported")
        failed.error(1, "", "", reason)
    ImportJob.objects.filter(pk=job_id, status=job.status).update(
        status=ImportJob.Status.FAILED,
        retry_status=job.status,
        phase="",
        result=failed.as_dict(),
        updated_at=timezone.now(),
    )


@transaction.atomic
def import_job_retry(*, job: ImportJob, actor: Any) -> bool:
    """Run a step that stopped (worker lost, unexpected error) again; False if the job cannot be retried."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.FAILED or not job.retry_status:
        return False
    job.status, job.retry_status, job.attempts, job.task_id = job.retry_status, "", 0, ""
    job.phase, job.rows_done, job.rows_total = "", 0, 0
    if job.status == ImportJob.Status.APPLYING and getattr(actor, "is_authenticated", False):
        job.applied_by = actor
    job.save()
    import_job_start(job=job)
    return True


def import_jobs_recover(*, now: datetime | None = None) -> dict[str, int]:
    """Find running jobs whose step was lost (its task failed, or its worker died) and retry or fail them.

    The worker's housekeeping fails the tasks of dead workers; this (a periodic job) then starts such a
    job's step again, up to MAX_ATTEMPTS times, and after that marks it failed with a retry button. A step
    being applied was one transaction, so a lost one wrote nothing and may simply run again.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    counts = {"retried": 0, "failed": 0}
    running = list(
        ImportJob.objects.filter(status__in=[ImportJob.Status.CHECKING, ImportJob.Status.APPLYING]).only(
            "id", "status", "task_id", "attempts", "updated_at"
        )
    )
    task_ids = [job.task_id for job in running if job.task_id]
    states: dict[str, str] = {
        str(key): value for key, value in DBTaskResult.objects.filter(id__in=task_ids).values_list("id", "status")
    }
    for job in running:
        if job.task_id:
            if states.get(job.task_id) in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
                continue  # waiting for a worker, or running on a live one
        elif now - job.updated_at < LOST_AFTER:
            continue  # run within a request, which may still be busy
        with transaction.atomic():
            if job.attempts < MAX_ATTEMPTS:
                _enqueue(job.pk)
                counts["retried"] += 1
                logger.warning("import job %s lost its worker; started again", job.pk)
            else:
                import_job_fail(job_id=job.pk, worker_lost=True)
                counts["failed"] += 1
                logger.warning("import job %s lost its worker %s times; failed", job.pk, job.attempts)
    return counts


class _AppliedElsewhere(Exception):
    """Another run of the same job recorded its outcome first: this run's writes must be rolled back."""


def import_job_run(*, job_id: int) -> ImportJob:
    """Check (status checking) or apply (status applying) a job, saving the result on it.

    Applying is one transaction that writes the records and records the outcome on the job: both commit
    together, and a worker that dies halfway leaves neither. The outcome is saved only if the job is still
    applying, so a second run of the same job (a retry racing a worker thought dead) waits for the first
    one's commit on that row, then finds it done and rolls its own writes back. (The job's row is not locked
    earlier: the progress of the running import is written to it from a second connection.)
    """
    job = ImportJob.objects.select_related("programme", "applied_by").get(pk=job_id)
    if job.status == ImportJob.Status.APPLYING:
        try:
            with transaction.atomic():
                return _run_step(job, applying=True)
        except _AppliedElsewhere:
            logger.warning("import job %s was applied by another run; this run is rolled back", job_id)
            return ImportJob.objects.get(pk=job_id)
    if job.status == ImportJob.Status.CHECKING:
        return _run_step(job, applying=False)
    return job


def _run_step(job: ImportJob, *, applying: bool) -> ImportJob:
    reporter = job_progress.Reporter(job.pk, in_transaction=applying)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            result = import_file(
                programme=job.programme,
                kind=job.kind,
                filename=job.filename,
                content=bytes(job.content),
                actor=job.applied_by,
                dry_run=not applying,
                progress=reporter,
            )
    finally:
        reporter.close()
    job.result = result.as_dict()
    job.phase = ""
    if not applying:
        job.status = ImportJob.Status.CHECKED
    elif result.applied:
        job.status = ImportJob.Status.APPLIED
        job.content = b""  # imported: the records are in the database now, the copy is not needed
    else:
        job.status = ImportJob.Status.FAILED
    job.updated_at = timezone.now()
    saved = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.APPLYING if applying else ImportJob.Status.CHECKING
    ).update(result=job.result, phase="", status=job.status, content=job.content, updated_at=job.updated_at)
    if applying and not saved:
        raise _AppliedElsewhere
    return job


def import_files_purge(*, now: datetime | None = None) -> int:
    """Remove uploaded files the programme no longer needs: every file of an applied job, and any file
    uploaded more than FABRIEK_IMPORT_FILE_DAYS days ago (an import never confirmed, or one that failed).

    A job whose file goes before it was applied is marked failed with a message to upload it again. Safe to
    run twice or concurrently (a periodic job): it only ever empties files and each update stands alone.
    Returns how many files were removed."""
    now = now or timezone.now()
    too_old = now - timedelta(days=int(getattr(settings, "FABRIEK_IMPORT_FILE_DAYS", 30)))
    with_file = ImportJob.objects.exclude(content=b"")
    removed = with_file.filter(status=ImportJob.Status.APPLIED).update(content=b"", updated_at=now)
    # A job still being checked or applied keeps its file, however old: its worker is reading it.
    stale = with_file.filter(created_at__lt=too_old).exclude(
        status__in=[ImportJob.Status.CHECKING, ImportJob.Status.APPLYING, ImportJob.Status.APPLIED]
    )
    for job in stale.only("pk", "kind", "filename", "language", "result"):
        with translation.override(job.language or settings.LANGUAGE_CODE):
            expired = ImportResult(kind=job.kind, filename=job.filename, dry_run=True)
            expired.error(
                1,
                "",
                "",
                _("the uploaded file was removed after %(days)s days, as files are kept no longer; upload it again")
                % {"days": (now - too_old).days},
            )
        removed += (
            ImportJob.objects.filter(pk=job.pk)
            .exclude(content=b"")
            .update(content=b"", status=ImportJob.Status.FAILED, result=expired.as_dict(), updated_at=now)
        )
    return removed


__all__ = [
    "Kind",
    "import_file",
    "import_files_purge",
    "import_job_confirm",
    "import_job_create",
    "import_job_fail",
    "import_job_retry",
    "import_job_run",
    "import_job_start",
    "import_jobs_recover",
]
