"""Carry on every batch job that stopped part way (run after a deploy or a crash)."""

from django.core.management.base import BaseCommand

from firstperson.platform.jobs.models import BatchJob, JobStatus
from firstperson.platform.jobs.services import needs_resuming, resume_job


class Command(BaseCommand):
    help = "Puts every interrupted or stalled batch job back on the queue."

    def handle(self, *args, **options):
        resumed = 0
        for job in BatchJob.objects.exclude(status__in=[JobStatus.FINISHED, JobStatus.FAILED]):
            if needs_resuming(job):
                resume_job(job)
                resumed += 1
        self.stdout.write(f"Resumed {resumed} job(s).")
