"""The background task that runs batch jobs (django-tasks; Django 6's built-in framework, backported)."""

from django_tasks import task

from . import services


@task()
def run_batch_job(job_id: str) -> None:
    services.run_job(job_id)
