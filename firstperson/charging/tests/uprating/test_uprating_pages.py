"""The uprating pages: finance officers only; start, progress, report and approval, the CSV, letters."""

import pytest
from django.urls import reverse

from firstperson.charging.models import ChargingCalculation, Contribution
from firstperson.charging.services import uprating
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob, JobStatus

from .helpers import mr_b, mrs_a, publish_2026_27

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.FINANCE_OFFICER)


@pytest.fixture
def caseload(make_person, officer):
    from firstperson.charging.services.parameters import load_default_parameters

    load_default_parameters()
    mr_b(make_person, officer)
    mrs_a(make_person, officer)
    return publish_2026_27()


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.ADMINISTRATOR, Role.RESIDENT, Role.COMMISSIONER])
def test_only_finance_officers_open_the_pages(role, make_user, sign_in_client, caseload, officer):
    job = uprating.uprating_start(actor=officer, parameter_set=caseload)
    http = sign_in_client(make_user(role))
    for name in ("uprating-progress", "uprating-report", "uprating-download", "uprating-letters"):
        assert http.get(reverse(f"charging:{name}", args=[job.pk])).status_code == 404
        assert http.post(reverse(f"charging:{name}", args=[job.pk])).status_code == 404
    assert http.get(reverse("charging:uprating-home")).status_code == 404
    assert http.post(reverse("charging:uprating-home"), {"parameter_set": caseload.pk}).status_code == 404
    assert not ChargingCalculation.objects.filter(status="current", batch_job=job).exists()


def test_an_officer_starts_reads_the_report_approves_and_records_the_letters(sign_in_client, caseload, officer):
    http = sign_in_client(officer)
    home = http.get(reverse("charging:uprating-home"))
    assert home.status_code == 200
    assert "2026-27 v1, from 1 April 2026" in home.content.decode()

    response = http.post(reverse("charging:uprating-home"), {"parameter_set": caseload.pk})
    job = BatchJob.objects.get(kind=uprating.KIND)
    assert response.status_code == 302 and response["Location"] == reverse("charging:uprating-progress", args=[job.pk])
    progress = http.get(response["Location"])
    assert "100% (2 of 2 contributions)" in progress.content.decode()
    assert "Refresh" not in progress  # finished: no more refreshing

    report = http.get(reverse("charging:uprating-report", args=[job.pk])).content.decode()
    assert 'Pay less</dt><dd class="govuk-summary-list__value">2' in report
    assert "-£21.95 a week, -£1,141.40 a year" in report
    assert "Person1" not in report and "Person2" not in report, "the report names nobody"
    assert "You started this uprating. If you can, ask another finance officer" in report

    csv_response = http.get(reverse("charging:uprating-download", args=[job.pk]))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "Person1 Example" in csv_response.content.decode()
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED, object_id=str(job.pk)).exists()

    approved = http.post(reverse("charging:uprating-report", args=[job.pk]))
    assert approved.status_code == 302
    assert Contribution.objects.filter(reason="uprating").count() == 2
    after = http.get(reverse("charging:uprating-report", args=[job.pk])).content.decode()
    assert f"Approved by {officer.display_name}" in after
    assert "The same person started and approved this uprating." in after

    http.post(reverse("charging:uprating-letters", args=[job.pk]))
    assert Contribution.objects.filter(reason="uprating", letter_issued_at__isnull=False).count() == 2


def test_starting_with_no_choice_shows_the_error_summary(sign_in_client, caseload, officer):
    response = sign_in_client(officer).post(reverse("charging:uprating-home"), {})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Choose the year" in response.content.decode()
    assert not BatchJob.objects.exists()


def test_a_running_job_updates_when_asked_and_cannot_be_approved_from_the_page(sign_in_client, caseload, officer):
    job = BatchJob.objects.create(
        kind=uprating.KIND,
        key=uprating.job_key(caseload),
        description="Uprate",
        parameters={"parameter_set": str(caseload.pk), "effective_from": "2026-04-01", "chunk_size": 1},
        started_by=officer,
    )
    http = sign_in_client(officer)
    queued = http.get(reverse("charging:uprating-progress", args=[job.pk]))
    assert "Refresh" not in queued, "it reloads itself only when the reader asks (WCAG 2.2.1)"
    assert "keep this page up to date" in queued.content.decode()
    following = http.get(reverse("charging:uprating-progress", args=[job.pk]) + "?follow=1")
    assert following["Refresh"] == "5"
    assert "Stop updating this page" in following.content.decode()
    job = jobs.run_job(job.pk, max_chunks=1)
    assert job.status == JobStatus.INTERRUPTED
    report = http.post(reverse("charging:uprating-report", args=[job.pk]))
    assert report.status_code == 200
    assert "has not finished yet" in report.content.decode()
    assert not ChargingCalculation.objects.filter(status="current", batch_job=job).exists()
    assert http.get(reverse("charging:uprating-download", args=[job.pk])).status_code == 404

    page = http.get(reverse("charging:uprating-progress", args=[job.pk])).content.decode()
    assert "Carry on" in page and "50% (1 of 2 contributions)" in page
    http.post(reverse("charging:uprating-progress", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED


def test_another_officer_sees_no_warning_about_approving_their_own_uprating(
    sign_in_client, caseload, officer, make_user
):
    job = uprating.uprating_start(actor=officer, parameter_set=caseload)
    other = sign_in_client(make_user(Role.FINANCE_OFFICER))
    report = other.get(reverse("charging:uprating-report", args=[job.pk])).content.decode()
    assert "Approve the uprating" in report
    assert "You started this uprating" not in report
