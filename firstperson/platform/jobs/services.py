"""Start, run and resume batch jobs.

A domain app registers a handler for its kind of job::

    register(BatchHandler(kind="allocation.recalculate", count=..., run_chunk=..., finish=...))

and starts a job with `start_job`. The runner calls `run_chunk(job, cursor, size)` repeatedly, each
call in its own transaction together with the job's new cursor and count, until it returns None.
So a job stopped part way (a worker killed, a deploy) carries on from the last committed chunk,
and a chunk is never applied twice. Handlers do set-based work inside a chunk (one UPDATE or one
bulk INSERT per chunk), never one ORM save per row. A handler may also commit work on connections of
its own while the runner's transaction is open, if it keeps what the runner needs to carry on
correctly (the bulk recalculation's lanes, ADR 0014); the runner's lock on the job's row
lets their rows refer to the job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .models import BatchJob, JobStatus

logger = logging.getLogger(__name__)

#: A running job whose progress has not moved for this long is treated as interrupted.
STALLED_AFTER = timedelta(minutes=10)


#: What the people using a job read when it failed for a reason nobody foresaw.
UNEXPECTED_STOP = (
    "Something went wrong on our side. The work finished so far is kept. Ask the team that runs "
    "the service to look at what went wrong, then carry on from where it stopped."
)


class JobStopped(Exception):
    """Raised by a handler to stop its job for a reason the people using it can act on, said in
    plain English (for example: the configuration has been retired). The job is marked failed with
    that reason, and nothing of the chunk it was in is kept."""


@dataclass(frozen=True)
class ChunkDone:
    cursor: str
    rows: int


@dataclass(frozen=True)
class BatchHandler:
    kind: str
    #: How many rows the whole job will touch (shown as progress).
    count: Callable[[BatchJob], int]
    #: Do the next chunk after `cursor`; return where it got to, or None when nothing is left.
    run_chunk: Callable[[BatchJob, str, int], ChunkDone | None]
    #: After the last chunk: return a summary to keep on the job (a change report, totals).
    finish: Callable[[BatchJob], dict] | None = None
    chunk_size: int = 5_000


_handlers: dict[str, BatchHandler] = {}


def register(handler: BatchHandler) -> BatchHandler:
    _handlers[handler.kind] = handler
    return handler


def handler_for(kind: str) -> BatchHandler:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No batch handler is registered for {kind!r}") from None


def start_job(*, kind: str, key: str, description: str, parameters: dict | None = None, user=None) -> BatchJob:
    """Start the job for `key`, or return the one already started for it (finished or not).

    An open job that has stalled is put back on the queue; a finished one is returned as it is,
    which is what makes starting twice harmless.
    """
    handler_for(kind)
    job, created = BatchJob.objects.get_or_create(
        key=key,
        defaults={"kind": kind, "description": description, "parameters": parameters or {}, "started_by": user},
    )
    if created or needs_resuming(job):
        enqueue(job)
    return job


def needs_resuming(job: BatchJob) -> bool:
    if job.status == JobStatus.INTERRUPTED:
        return True
    if job.status in {JobStatus.QUEUED, JobStatus.RUNNING}:
        return job.updated_at is not None and timezone.now() - job.updated_at > STALLED_AFTER
    return False


def resume_job(job: BatchJob) -> BatchJob:
    """Put an unfinished job back on the queue; it carries on from its cursor."""
    if job.status == JobStatus.FINISHED:
        return job
    BatchJob.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED, error="", stopped_reason="", updated_at=timezone.now()
    )
    job.refresh_from_db()
    enqueue(job)
    return job


def enqueue(job: BatchJob) -> None:
    from .tasks import run_batch_job

    run_batch_job.enqueue(str(job.pk))


def _locked(job_id) -> BatchJob:
    """The job's row, locked against another runner until this transaction ends. On PostgreSQL
    the lock is FOR NO KEY UPDATE: it still keeps other runners out, but lets a chunk committed on a
    second connection meanwhile refer to the job (a foreign key's check takes a KEY SHARE lock,
    which FOR UPDATE would make wait for this transaction, and so wait for ever)."""
    no_key = connection.features.has_select_for_no_key_update
    return BatchJob.objects.select_for_update(no_key=no_key).get(pk=job_id)


def run_job(job_id, *, max_chunks: int | None = None) -> BatchJob:
    """Run (or carry on) a job until it is finished.

    `max_chunks` stops after that many chunks and leaves the job interrupted: it is how an
    operator runs a slice of work at a quiet time, and how the tests prove a job resumes.
    """
    job = BatchJob.objects.get(pk=job_id)
    if job.status == JobStatus.FINISHED:
        return job
    handler = handler_for(job.kind)
    with transaction.atomic():
        job = _locked(job_id)
        job.status = JobStatus.RUNNING
        job.error = ""
        job.stopped_reason = ""
        if job.started_at is None:
            job.started_at = timezone.now()
            job.total = handler.count(job)
        job.save(update_fields=["status", "error", "stopped_reason", "started_at", "total", "updated_at"])
    chunks = 0
    try:
        while True:
            if max_chunks is not None and chunks >= max_chunks:
                BatchJob.objects.filter(pk=job_id).update(status=JobStatus.INTERRUPTED, updated_at=timezone.now())
                job.refresh_from_db()
                return job
            with transaction.atomic():
                job = _locked(job_id)
                done = handler.run_chunk(job, job.cursor, handler.chunk_size)
                if done is None:
                    break
                job.cursor = done.cursor
                job.processed += done.rows
                job.save(update_fields=["cursor", "processed", "updated_at"])
            chunks += 1
        with transaction.atomic():
            job = _locked(job_id)
            job.summary = handler.finish(job) if handler.finish else {}
            job.status = JobStatus.FINISHED
            job.finished_at = timezone.now()
            job.processed = max(job.processed, job.total) if job.total else job.processed
            job.save(update_fields=["summary", "status", "finished_at", "processed", "updated_at"])
    except JobStopped as stop:
        logger.info("Batch job %s stopped: %s", job_id, stop)
        BatchJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error="", stopped_reason=str(stop), updated_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    except Exception as error:
        logger.exception("Batch job %s failed", job_id)
        BatchJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            stopped_reason=UNEXPECTED_STOP,
            updated_at=timezone.now(),
        )
        raise
    return job
