from .models import BatchJob


def jobs_of_kind(kind: str):
    return BatchJob.objects.filter(kind=kind).select_related("started_by").order_by("-created_at")


def latest_job_for_key(key: str) -> BatchJob | None:
    return BatchJob.objects.filter(key=key).first()
