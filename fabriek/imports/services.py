"""Importing the programme's spreadsheets: the one service every entry point calls, and the upload jobs.

`import_file` is what the command, the upload page and the API call. It is all or nothing: it reads and
checks the whole file, and writes only when there is no error at all, in one transaction together with
one audit entry (`imports.file.imported`) that carries the counts.
"""

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fabriek.core.audit import log_action
from fabriek.imports import progress as job_progress
from fabriek.imports.columns import Kind
from fabriek.imports.importers import IMPORTERS, Progress
from fabriek.imports.models import ImportJob
from fabriek.imports.reading import FileProblem, read_table
from fabriek.imports.results import ImportResult
from fabriek.programmes.models import Programme

logger = logging.getLogger(__name__)

#: Files up to this size are checked and imported within the request; bigger ones in a background thread
#: while the page shows progress. Override with the setting IMPORTS_INLINE_MAX_BYTES.
INLINE_MAX_BYTES = 512 * 1024
#: Save progress on the job row at most this often (rows), to keep the writes few.
SAVE_PROGRESS_EVERY = 5000


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


def import_job_start(*, job: ImportJob) -> None:
    """Run the job's next step: now for a small file, in a background thread for a big one."""
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
            _mark_failed(job.pk)
        finally:
            job_progress.forget(job.pk)
        return
    # Start after the job row is committed, so the thread's own connection sees it.
    transaction.on_commit(lambda: threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start())


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        import_job_run(job_id=job_id)
    except Exception:
        logger.exception("import job %s failed", job_id)
        _mark_failed(job_id)
    finally:
        job_progress.forget(job_id)
        connection.close()


def _mark_failed(job_id: int) -> None:
    """Record that the job's step stopped on an unexpected error, with a message in the job's language."""
    job = ImportJob.objects.get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        failed = ImportResult(kind=job.kind, filename=job.filename, dry_run=job.status != ImportJob.Status.APPLYING)
        failed.error(1, "", "", _("the import stopped on an unexpected error; nothing was imported"))
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FAILED, phase="", result=failed.as_dict(), updated_at=timezone.now()
    )


def import_job_run(*, job_id: int) -> ImportJob:
    """Check (status checking) or apply (status applying) a job, saving the result on it."""
    job = ImportJob.objects.select_related("programme", "applied_by").get(pk=job_id)
    applying = job.status == ImportJob.Status.APPLYING
    if job.status not in (ImportJob.Status.CHECKING, ImportJob.Status.APPLYING):
        return job
    saved = {"done": -SAVE_PROGRESS_EVERY}

    def progress(phase: str, done: int, total: int) -> None:
        job_progress.report(job_id, phase, done, total)
        # Applying runs inside the import's transaction, where a saved row would stay invisible to others
        # (and on SQLite wait for the import's lock): only the check, which writes nothing, saves progress.
        if not applying and (done - saved["done"] >= SAVE_PROGRESS_EVERY or done == total):
            saved["done"] = done
            ImportJob.objects.filter(pk=job_id).update(
                phase=phase, rows_done=done, rows_total=total, updated_at=timezone.now()
            )

    with translation.override(job.language or settings.LANGUAGE_CODE):
        result = import_file(
            programme=job.programme,
            kind=job.kind,
            filename=job.filename,
            content=bytes(job.content),
            actor=job.applied_by,
            dry_run=not applying,
            progress=progress,
        )
    job_progress.forget(job_id)
    job.result = result.as_dict()
    job.phase = ""
    if not applying:
        job.status = ImportJob.Status.CHECKED
    elif result.applied:
        job.status = ImportJob.Status.APPLIED
        job.content = b""  # imported: the records are in the database now, the copy is not needed
    else:
        job.status = ImportJob.Status.FAILED
    job.save(update_fields=["result", "phase", "status", "content", "updated_at"])
    return job


__all__ = ["Kind", "import_file", "import_job_confirm", "import_job_create", "import_job_run", "import_job_start"]
