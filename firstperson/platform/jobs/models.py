"""A long-running batch of work (a bulk recalculation, a yearly uprating) that shows progress,
runs at most once for the same key, and can carry on from where it stopped."""

import uuid

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    INTERRUPTED = "interrupted", "Stopped part way; can carry on"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"


class BatchJob(models.Model):
    """One run of a registered batch handler.

    `key` makes starting idempotent: asking for the same key again returns the existing job.
    `cursor` is the handler's own bookmark (for example the last primary key done); each chunk of
    work and its cursor are committed together, so a job that stops part way carries on from the
    last committed chunk and never does a row twice.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=60)
    key = models.CharField(max_length=200, unique=True)
    description = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    parameters = models.JSONField(default=dict)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    cursor = models.CharField(max_length=200, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    #: The technical detail of a failure, for the people who run the service (also in the log).
    error = models.TextField(blank=True)
    #: Why the job stopped, in plain English, for the people who use it: what they can do about it.
    stopped_reason = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "status"], name="job_kind_status")]

    def __str__(self) -> str:
        return f"{self.description} ({self.get_status_display()})"

    @property
    def percent_done(self) -> int:
        if not self.total:
            return 100 if self.status == JobStatus.FINISHED else 0
        return min(100, (self.processed * 100) // self.total)

    @property
    def has_stalled(self) -> bool:
        """Waiting or running, but nothing has moved for so long that its worker must have stopped
        (a worker killed, a deploy): it needs carrying on."""
        from .services import needs_resuming

        return self.status in {JobStatus.QUEUED, JobStatus.RUNNING} and needs_resuming(self)

    @property
    def needs_carrying_on(self) -> bool:
        """Stopped part way, failed, or stalled (its worker gone): someone can carry it on."""
        return self.status in {JobStatus.INTERRUPTED, JobStatus.FAILED} or self.has_stalled

    @property
    def is_open(self) -> bool:
        return self.status in {JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.INTERRUPTED}
