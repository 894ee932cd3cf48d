"""Reads of import jobs, always within the programme in the URL."""

from datetime import timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.imports import progress
from fabriek.imports.models import ImportJob
from fabriek.programmes.models import Programme

#: A running job whose row has not changed for this long is probably waiting for a worker (none running?).
STALLED_AFTER = timedelta(minutes=5)


def import_job_list(*, programme: Programme, limit: int = 20) -> QuerySet[ImportJob]:
    """The programme's latest uploads, without the files themselves."""
    return (
        ImportJob.objects.filter(programme=programme)
        .select_related("created_by", "applied_by")
        .defer("content", "result")
        .order_by("-created_at", "-id")[:limit]
    )


def import_job_get(*, programme: Programme, pk: int) -> ImportJob:
    """One of the programme's jobs (without its file), or 404; other programmes' jobs stay hidden."""
    job = (
        ImportJob.objects.filter(programme=programme, pk=pk)
        .select_related("created_by", "applied_by")
        .defer("content")
        .first()
    )
    if job is None:
        raise Http404
    return job


def import_job_progress(*, job: ImportJob) -> dict[str, object]:
    """The running step of a job: phase, rows done and total, and whether it seems to wait for a worker."""
    phase, done, total = progress.current(job.pk) or (job.phase, job.rows_done, job.rows_total)
    return {
        "phase": phase,
        "done": done,
        "total": total,
        "percent": int(done * 100 / total) if total else 0,
        "waiting": job.running
        and not done
        and timezone.now() - job.updated_at > STALLED_AFTER
        and progress.current(job.pk) is None,
    }
