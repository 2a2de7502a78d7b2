"""What a job's progress page shares: updating itself only when the reader asks it to.

A page that reloads itself on a timer moves a screen reader back to the top every few seconds, and
WCAG 2.2.1 (timing adjustable) asks that the reader can turn such updates off. So a progress page
does not reload itself unless the reader chooses "Keep this page up to date" (`?follow=1`), and
then offers "Stop updating this page". Without JavaScript, the reload is an HTTP Refresh header.
"""

from django.http import HttpRequest, HttpResponse

from .models import BatchJob, JobStatus
from .services import STALLED_AFTER

#: Seconds between reloads while the reader follows a running job.
REFRESH_SECONDS = 5
FOLLOW_PARAMETER = "follow"


def is_working(job: BatchJob | None) -> bool:
    """Waiting or running, and not stalled: there is progress to follow."""
    return job is not None and job.status in {JobStatus.QUEUED, JobStatus.RUNNING} and not job.has_stalled


def follows(request: HttpRequest, job: BatchJob | None) -> bool:
    return is_working(job) and request.GET.get(FOLLOW_PARAMETER) == "1"


def with_updates(request: HttpRequest, job: BatchJob | None, response: HttpResponse) -> HttpResponse:
    """The response, reloading itself every few seconds if the reader chose to follow the job."""
    if follows(request, job):
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


def progress_context(request: HttpRequest, job: BatchJob | None) -> dict:
    """For jobs/_progress_updates.html."""
    return {
        "working": is_working(job),
        "following": follows(request, job),
        "stalled": job is not None and job.has_stalled,
        "stalled_minutes": int(STALLED_AFTER.total_seconds() // 60),
        "refresh_seconds": REFRESH_SECONDS,
        "page_url": request.path,
        "follow_url": f"{request.path}?{FOLLOW_PARAMETER}=1",
    }
