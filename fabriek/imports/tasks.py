"""The import's background tasks: one step of an upload job, and the periodic recovery of lost steps."""

import logging

from django_tasks import task

from fabriek.imports import services

logger = logging.getLogger(__name__)


@task()
def run_import_job(job_id: int) -> str:
    """Check or apply one upload job; an unexpected error fails it (with a retry button), never leaves it running."""
    try:
        return str(services.import_job_run(job_id=job_id).status)
    except Exception:
        logger.exception("import job %s failed", job_id)
        services.import_job_fail(job_id=job_id)
        return "failed"


@task()
def recover_import_jobs() -> dict[str, int]:
    return services.import_jobs_recover()


@task()
def purge_import_files() -> int:
    """Uploaded files go once applied, or after FABRIEK_IMPORT_FILE_DAYS (GDPR: keep no copy longer than needed)."""
    return services.import_files_purge()
