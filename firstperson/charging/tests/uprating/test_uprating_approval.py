"""Approving the uprating: refused before the job finishes; then calculations and the
contribution history switch over from 1 April, set-based, with one audit event."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from firstperson.charging.models import CalculationStatus, ChargingCalculation, Contribution
from firstperson.charging.services import calculations, uprating
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob

from .helpers import APRIL_2026, ASSESSED_ON, mr_b, mrs_a, publish_2026_27

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.FINANCE_OFFICER)


@pytest.fixture
def shipped():
    from firstperson.charging.services.parameters import load_default_parameters

    return load_default_parameters()


def test_approval_is_refused_while_the_job_is_unfinished(shipped, make_person, officer):
    for _ in range(3):
        mr_b(make_person, officer)
    target = publish_2026_27()
    job = BatchJob.objects.create(
        kind=uprating.KIND,
        key=uprating.job_key(target),
        description="Uprate",
        parameters={"parameter_set": str(target.pk), "effective_from": "2026-04-01", "chunk_size": 2},
    )
    job = jobs.run_job(job.pk, max_chunks=1)
    with pytest.raises(uprating.UpratingRefused, match="not finished"):
        uprating.uprating_approve(actor=officer, job=job)
    assert ChargingCalculation.objects.filter(status="current", batch_job__isnull=False).count() == 0
    assert not AuditEvent.objects.filter(verb=AuditVerb.CHARGING_UPRATING_APPROVED).exists()


def test_approval_switches_calculations_and_contributions_over_from_1_april(shipped, make_person, officer, make_user):
    b_assessment, b_before = mr_b(make_person, officer)
    a_assessment, a_before = mrs_a(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    approver = make_user(Role.FINANCE_OFFICER)

    approval = uprating.uprating_approve(actor=approver, job=job)

    assert approval["approved"] == 2 and approval["superseded"] == 2 and approval["out_of_date"] == 0
    assert approval["by"] == str(approver.pk) and approval["same_person_as_starter"] is False
    b_before.refresh_from_db()
    a_before.refresh_from_db()
    assert (a_before.status, b_before.status) == ("superseded", "superseded")
    current = ChargingCalculation.objects.filter(status=CalculationStatus.CURRENT)
    assert {c.assessment_id: c.weekly_contribution for c in current} == {
        b_assessment.pk: D("25.45"),
        a_assessment.pk: D("91.70"),
    }
    history = list(Contribution.objects.filter(person=b_assessment.person).order_by("effective_from"))
    assert [(c.effective_from, c.effective_to, c.weekly_amount, c.reason) for c in history] == [
        (ASSESSED_ON, datetime.date(2026, 3, 31), D("38.55"), "assessment"),
        (APRIL_2026, None, D("25.45"), "uprating"),
    ]
    assert history[1].created_by == approver and history[1].letter_issued_at is None
    events = AuditEvent.objects.filter(verb=AuditVerb.CHARGING_UPRATING_APPROVED)
    assert events.count() == 1
    assert events.get().payload["approved"] == 2 and events.get().payload["contributions_added"] == 2
    job.refresh_from_db()
    assert job.summary["approval"]["by_name"] == approver.display_name
    with pytest.raises(uprating.UpratingRefused, match="already been approved"):
        uprating.uprating_approve(actor=officer, job=job)


def test_approval_is_set_based(shipped, make_person, officer):
    """The number of statements does not grow with the number of people."""

    def statements(people):
        for _ in range(people):
            mr_b(make_person, officer)
        target = publish_2026_27()
        job = uprating.uprating_start(actor=officer, parameter_set=target)
        job.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            uprating.uprating_approve(actor=officer, job=job)
        # Leave the caseload approved and retire the set for the next round.
        ChargingCalculation.objects.all().update(status="superseded")
        Contribution.objects.filter(effective_to__isnull=True).update(effective_to=datetime.date(2026, 3, 31))
        target.status = "retired"
        target.year_start = datetime.date(2030 + people, 4, 1)
        target.save()
        return len(captured)

    assert statements(2) == statements(9)


def test_the_starter_may_approve_and_it_is_recorded(shipped, make_person, officer):
    mr_b(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    approval = uprating.uprating_approve(actor=officer, job=job)
    assert approval["same_person_as_starter"] is True
    assert approval["started_by"] == approval["approved_by"] == str(officer.pk)
    payload = AuditEvent.objects.get(verb=AuditVerb.CHARGING_UPRATING_APPROVED).payload
    assert payload["same_person_as_starter"] is True
    assert payload["started_by"] == payload["approved_by"] == str(officer.pk)


def test_a_second_officer_approving_is_recorded_as_such(shipped, make_person, officer, make_user):
    mr_b(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    approver = make_user(Role.FINANCE_OFFICER)
    uprating.uprating_approve(actor=approver, job=job)
    payload = AuditEvent.objects.get(verb=AuditVerb.CHARGING_UPRATING_APPROVED).payload
    assert (payload["started_by"], payload["approved_by"]) == (str(officer.pk), str(approver.pk))
    assert payload["same_person_as_starter"] is False


def test_a_person_already_paying_from_1_april_or_later_is_skipped_not_broken(shipped, make_person, officer):
    """Their open contribution starts on or after the new 1 April (a newer decision): approval keeps it,
    applies nobody's proposal twice and does not break the one-open-contribution-a-person rule."""
    later, calculation = mr_b(make_person, officer)
    steady, _ = mrs_a(make_person, officer)
    Contribution.objects.filter(person=later.person).update(effective_to=datetime.date(2026, 4, 30))
    kept = Contribution.objects.create(
        person=later.person,
        calculation=calculation,
        weekly_amount=D("12.34"),
        effective_from=datetime.date(2026, 5, 1),
        reason="assessment",
    )
    on_the_day, day_calculation = mr_b(make_person, officer)
    Contribution.objects.filter(person=on_the_day.person).update(effective_to=datetime.date(2026, 3, 31))
    Contribution.objects.create(
        person=on_the_day.person,
        calculation=day_calculation,
        weekly_amount=D("1.00"),
        effective_from=APRIL_2026,
        reason="assessment",
    )
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()

    approval = uprating.uprating_approve(actor=officer, job=job)

    assert (approval["approved"], approval["later_contribution"], approval["out_of_date"]) == (1, 2, 0)
    assert approval["contributions_added"] == 1
    for assessment in (later, on_the_day):
        assert not Contribution.objects.filter(person=assessment.person, reason="uprating").exists()
        assert ChargingCalculation.objects.get(assessment=assessment, status="current").batch_job_id is None
    assert Contribution.objects.get(person=later.person, effective_to__isnull=True) == kept
    assert Contribution.objects.get(person=steady.person, effective_to__isnull=True).reason == "uprating"
    payload = AuditEvent.objects.get(verb=AuditVerb.CHARGING_UPRATING_APPROVED).payload
    assert payload["later_contribution"] == 2


def test_a_proposal_made_out_of_date_by_a_reassessment_is_not_applied(shipped, make_person, officer):
    changed, _ = mr_b(make_person, officer)
    steady, _ = mrs_a(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    # After the job ran, the officer works Mr B's figure out again (a change of circumstances).
    newer = calculations.calculate_for_assessment(changed, as_at=datetime.date(2026, 2, 1), user=officer)

    approval = uprating.uprating_approve(actor=officer, job=job)

    assert (approval["approved"], approval["out_of_date"]) == (1, 1)
    newer.refresh_from_db()
    assert newer.status == "current"
    assert ChargingCalculation.objects.get(assessment=steady, status="current").batch_job_id == job.pk


def test_letters_are_marked_sent_only_after_approval(shipped, make_person, officer):
    mr_b(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    with pytest.raises(uprating.UpratingRefused, match="Approve"):
        uprating.uprating_mark_letters_sent(actor=officer, job=job)
    uprating.uprating_approve(actor=officer, job=job)
    job.refresh_from_db()
    assert uprating.uprating_mark_letters_sent(actor=officer, job=job) == 1
    assert Contribution.objects.get(reason="uprating").letter_issued_at is not None
    job.refresh_from_db()
    with pytest.raises(uprating.UpratingRefused, match="already"):
        uprating.uprating_mark_letters_sent(actor=officer, job=job)


def test_the_per_person_csv_names_people_and_is_audited(shipped, make_person, officer):
    import io

    mr_b(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    out = io.StringIO()
    assert uprating.write_change_csv(out, actor=officer, job=job) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Name,")
    assert '38.55,25.45,-13.10,"Proposed' in lines[1] or "38.55,25.45,-13.10,Proposed" in lines[1]
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED, object_id=str(job.pk)).count() == 1
    uprating.uprating_approve(actor=officer, job=job)
    job.refresh_from_db()
    out = io.StringIO()
    uprating.write_change_csv(out, actor=officer, job=job)
    assert '38.55,25.45,-13.10,"Approved, from 2026-04-01"' in out.getvalue()
