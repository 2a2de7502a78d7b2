"""The batch job runner: progress, idempotent start, resume after an interruption, failure kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from firstperson.platform.jobs import services
from firstperson.platform.jobs.models import BatchJob, JobStatus
from firstperson.platform.jobs.services import BatchHandler, ChunkDone

pytestmark = pytest.mark.django_db

#: Rows 1..23 "processed" by the test handler; each chunk records what it did in the summary list.
ROWS = list(range(1, 24))
applied: list[int] = []


def _count(job):
    return len(ROWS)


def _chunk(job, cursor, size):
    after = int(cursor or 0)
    batch = [row for row in ROWS if row > after][:size]
    if not batch:
        return None
    applied.extend(batch)
    return ChunkDone(cursor=str(batch[-1]), rows=len(batch))


def _finish(job):
    return {"applied": len(applied)}


services.register(BatchHandler(kind="test.count", count=_count, run_chunk=_chunk, finish=_finish, chunk_size=5))


def _boom(job, cursor, size):
    raise ValueError("the data was not as expected")


services.register(BatchHandler(kind="test.fails", count=_count, run_chunk=_boom))


def _stops_after_the_first_chunk(job, cursor, size):
    if cursor:
        raise services.JobStopped("It stopped because the year's figures were withdrawn.")
    return _chunk(job, cursor, size)


services.register(BatchHandler(kind="test.stops", count=_count, run_chunk=_stops_after_the_first_chunk, chunk_size=5))


@pytest.fixture(autouse=True)
def _reset():
    applied.clear()


def test_a_job_runs_every_row_once_and_reports_progress():
    job = services.start_job(kind="test.count", key="k1", description="Count")
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED
    assert (job.total, job.processed, job.percent_done) == (23, 23, 100)
    assert applied == ROWS
    assert job.summary == {"applied": 23}


def test_starting_the_same_key_again_does_nothing_more():
    first = services.start_job(kind="test.count", key="k2", description="Count")
    second = services.start_job(kind="test.count", key="k2", description="Count")
    assert first.pk == second.pk
    assert applied == ROWS
    assert BatchJob.objects.filter(key="k2").count() == 1


def test_an_interrupted_job_carries_on_from_its_last_chunk():
    job = BatchJob.objects.create(kind="test.count", key="k3", description="Count")
    job = services.run_job(job.pk, max_chunks=2)
    assert job.status == JobStatus.INTERRUPTED
    assert (job.processed, job.cursor, job.percent_done) == (10, "10", 43)
    assert applied == ROWS[:10]
    services.resume_job(job)
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED
    assert applied == ROWS, "no row is done twice and none is missed"


def test_a_failure_is_kept_on_the_job_with_its_message():
    job = BatchJob.objects.create(kind="test.fails", key="k4", description="Fails")
    with pytest.raises(ValueError):
        services.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "ValueError: the data was not as expected"  # for the people who run the service
    assert job.stopped_reason == services.UNEXPECTED_STOP  # for the people who use it: no technical words
    assert "ValueError" not in job.stopped_reason


def test_a_handler_stops_its_job_with_a_reason_in_plain_english_and_keeps_what_was_done():
    job = BatchJob.objects.create(kind="test.stops", key="k6", description="Stops")
    job = services.run_job(job.pk)  # no exception: stopping is expected, not a fault
    assert job.status == JobStatus.FAILED
    assert (job.stopped_reason, job.error) == ("It stopped because the year's figures were withdrawn.", "")
    assert (job.cursor, job.processed, applied) == ("5", 5, ROWS[:5])
    services.resume_job(job)  # the test backend runs it at once: it stops again, keeping its place
    job.refresh_from_db()
    assert (job.status, job.cursor) == (JobStatus.FAILED, "5")


def test_a_job_whose_worker_stopped_answering_has_stalled():
    job = BatchJob.objects.create(kind="test.count", key="k7", description="Count", status=JobStatus.RUNNING)
    assert not job.has_stalled
    BatchJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - services.STALLED_AFTER - timedelta(minutes=1))
    job.refresh_from_db()
    assert job.has_stalled
    BatchJob.objects.filter(pk=job.pk).update(status=JobStatus.FINISHED)
    job.refresh_from_db()
    assert not job.has_stalled, "a finished job never stalls"


@pytest.mark.parametrize(
    ("status", "stalled", "expected"),
    [
        (JobStatus.QUEUED, False, False),
        (JobStatus.RUNNING, False, False),
        (JobStatus.RUNNING, True, True),
        (JobStatus.INTERRUPTED, False, True),
        (JobStatus.FAILED, False, True),
        (JobStatus.FINISHED, False, False),
        (JobStatus.FINISHED, True, False),
    ],
)
def test_a_job_needs_carrying_on_when_it_stopped_part_way_failed_or_stalled(status, stalled, expected):
    job = BatchJob.objects.create(kind="test.count", key="k8", description="Count", status=status)
    if stalled:
        BatchJob.objects.filter(pk=job.pk).update(
            updated_at=timezone.now() - services.STALLED_AFTER - timedelta(minutes=1)
        )
        job.refresh_from_db()
    assert job.needs_carrying_on is expected


def test_an_unknown_kind_is_refused():
    with pytest.raises(LookupError):
        services.start_job(kind="test.nothing", key="k5", description="Nothing")
