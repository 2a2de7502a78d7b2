"""Pages of the yearly uprating of contributions (charging, issue 5 §4): finance officers only.

The job pages are checked against one finished uprating job made once per world (`job_id`), so
every page answers the finance officer with its real content (the report, the CSV, the letters page).
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import only

FINANCE_OFFICERS = {Role.FINANCE_OFFICER}


def job_id(world):
    """A finished uprating job to the shipped 2025-26 figures, with an empty change report."""
    if "uprating_job" not in world:
        from django.utils import timezone

        from firstperson.charging.services import uprating
        from firstperson.charging.services.parameters import load_default_parameters
        from firstperson.platform.jobs.models import BatchJob, JobStatus

        target = load_default_parameters() or uprating.uprating_targets()[0]
        world["uprating_job"] = BatchJob.objects.create(
            kind=uprating.KIND,
            key=uprating.job_key(target),
            description="Uprate contributions",
            status=JobStatus.FINISHED,
            parameters={"parameter_set": str(target.pk), "effective_from": target.year_start.isoformat()},
            summary={**uprating.change_report([]), "version": target.version, "skipped": 0, "skipped_reasons": {}},
            finished_at=timezone.now(),
        )
    return world["uprating_job"].pk


EXPECTATIONS = {
    "charging:uprating-home": only(FINANCE_OFFICERS),
    "charging:uprating-progress": only(FINANCE_OFFICERS),
    "charging:uprating-report": only(FINANCE_OFFICERS),
    "charging:uprating-download": only(FINANCE_OFFICERS),
    "charging:uprating-letters": only(FINANCE_OFFICERS),
}
