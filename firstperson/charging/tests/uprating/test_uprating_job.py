"""The uprating job: the right figures from 1 April, ages moving on, idempotent, resumable, and
its change report."""

import datetime
from decimal import Decimal as D

import pytest

from firstperson.charging.models import CalculationStatus, ChargingCalculation, Contribution
from firstperson.charging.services import uprating
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob, JobStatus

from .helpers import APRIL_2026, completed_assessment, mr_b, mrs_a, publish_2026_27

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.FINANCE_OFFICER)


@pytest.fixture
def shipped():
    from firstperson.charging.services.parameters import load_default_parameters

    return load_default_parameters()


def proposals(job):
    return ChargingCalculation.objects.filter(batch_job=job, status=CalculationStatus.PROPOSED)


def test_the_worked_examples_are_uprated_to_the_new_figures_from_1_april(shipped, make_person, officer):
    b_assessment, b_before = mr_b(make_person, officer)
    a_assessment, a_before = mrs_a(make_person, officer)
    assert (b_before.weekly_contribution, a_before.weekly_contribution) == (D("38.55"), D("100.55"))
    target = publish_2026_27()

    job = uprating.uprating_start(actor=officer, parameter_set=target)
    job.refresh_from_db()

    assert job.status == JobStatus.FINISHED
    b_new = proposals(job).get(assessment=b_assessment)
    a_new = proposals(job).get(assessment=a_assessment)
    # Mr B: 250.95 - MIG (120.40 + 53.15 + 25.95 = 199.50) - 5.00 - 21.00 = 25.45
    assert (b_new.mig, b_new.weekly_contribution) == (D("199.50"), D("25.45"))
    # Mrs A: 381.15 - 241.45 - 28.00 - 20.00 = 91.70
    assert (a_new.mig, a_new.weekly_contribution) == (D("241.45"), D("91.70"))
    for new in (a_new, b_new):
        assert new.effective_from == APRIL_2026
        assert new.parameter_set == target and new.parameters_version == "2026-27 v1"
        assert new.computed_by == officer
    # Nothing anybody pays changes until the report is approved.
    assert set(ChargingCalculation.objects.filter(status="current")) == {a_before, b_before}
    assert Contribution.objects.filter(reason="uprating").count() == 0
    started = AuditEvent.objects.filter(verb=AuditVerb.CHARGING_UPRATING_STARTED)
    assert started.count() == 1 and started.get().payload["current_calculations"] == 2


def test_ages_move_on_at_1_april(shipped, make_person, officer):
    # 24 on 1 October 2025 (the 18 to 24 amount); 25 on 1 April 2026 (the 25 and over amount).
    young, before = mr_b(make_person, officer, date_of_birth=datetime.date(2001, 4, 1))
    # 65 in October 2025; 66, Pension Credit age, on 1 April 2026.
    nearly, nearly_before = mr_b(make_person, officer, date_of_birth=datetime.date(1960, 3, 31))
    assert before.inputs["person"]["age"] == 24 and before.mig == D("89.15") + D("49.65") + D("24.25")
    assert nearly_before.inputs["person"]["age"] == 65

    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())

    new = proposals(job).get(assessment=young)
    assert new.inputs["person"]["age"] == 25
    assert new.mig == D("120.40") + D("53.15") + D("25.95")
    older = proposals(job).get(assessment=nearly)
    assert older.inputs["person"]["age"] == 66
    # At Pension Credit age the disability premiums are no longer added (REFERENCE §3.5): the basic amount only.
    assert older.mig == D("241.45")
    mig_lines = [line["description"] for line in older.lines if line["description"].startswith("Minimum")]
    assert "Pension Credit age or over" in mig_lines[0]


def test_starting_twice_is_harmless(shipped, make_person, officer):
    mr_b(make_person, officer)
    target = publish_2026_27()
    first = uprating.uprating_start(actor=officer, parameter_set=target)
    second = uprating.uprating_start(actor=officer, parameter_set=target)
    assert first.pk == second.pk
    assert BatchJob.objects.filter(kind=uprating.KIND).count() == 1
    assert proposals(first).count() == 1
    assert AuditEvent.objects.filter(verb=AuditVerb.CHARGING_UPRATING_STARTED).count() == 1


def test_an_interrupted_job_carries_on_with_no_duplicates_and_none_missed(shipped, make_person, officer):
    made = [mr_b(make_person, officer)[0] for _ in range(7)]
    target = publish_2026_27()
    job = BatchJob.objects.create(
        kind=uprating.KIND,
        key=uprating.job_key(target),
        description="Uprate",
        parameters={"parameter_set": str(target.pk), "effective_from": "2026-04-01", "chunk_size": 3},
        started_by=officer,
    )
    job = jobs.run_job(job.pk, max_chunks=1)
    assert job.status == JobStatus.INTERRUPTED
    assert (job.processed, job.total) == (3, 7)
    assert proposals(job).count() == 3

    uprating.uprating_resume(actor=officer, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED
    assert proposals(job).count() == 7
    assert set(proposals(job).values_list("assessment_id", flat=True)) == {a.pk for a in made}
    assert AuditEvent.objects.filter(verb=AuditVerb.BATCH_JOB_RESUMED).count() == 1


def test_a_chunk_done_again_adds_nothing(shipped, make_person, officer):
    """The chunk skips assessments this job has already proposed for (belt and braces with the
    partial unique constraint one_proposal_per_assessment_per_uprating)."""
    for _ in range(4):
        mr_b(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    assert proposals(job).count() == 4
    done = uprating.uprate_chunk(job, "", 100)
    assert done is not None and done.rows == 4
    assert proposals(job).count() == 4


def test_calculations_already_under_the_new_year_and_unfinished_assessments_are_left_alone(
    shipped, make_person, officer
):
    from firstperson.charging.services import calculations

    kept, _ = mr_b(make_person, officer)
    target = publish_2026_27()
    later, _ = mr_b(make_person, officer)
    calculations.calculate_for_assessment(later, as_at=datetime.date(2026, 4, 10), user=officer)
    unfinished, _ = mr_b(make_person, officer)
    unfinished.status = "submitted"
    unfinished.save()

    job = uprating.uprating_start(actor=officer, parameter_set=target)
    assert set(proposals(job).values_list("assessment_id", flat=True)) == {kept.pk}


def test_the_change_report_counts_and_totals(shipped, make_person, officer):
    mr_b(make_person, officer)  # 38.55 -> 25.45: pays 13.10 less
    mrs_a(make_person, officer)  # 100.55 -> 91.70: pays 8.85 less
    # Pays nothing before and after: income far below the MIG.
    completed_assessment(make_person(), officer, income=[("state_pension", "100.00")])
    # A full-cost payer: capital above the limit, pays the cost of care both years.
    completed_assessment(make_person(), officer, capital=[("savings", "40000.00")], cost=D("250.00"))
    # Aged 40 with a working-age income: the cost of care is the limit both years.
    completed_assessment(
        make_person(date_of_birth=datetime.date(1985, 1, 1)),
        officer,
        income=[("other_counted", "400.00")],
        cost=D("50.00"),
    )
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    report = job.summary
    assert (report["uprated"], report["pay_more"], report["pay_less"], report["pay_same"]) == (5, 0, 2, 3)
    assert D(report["weekly_change_total"]) == D("-21.95")
    assert D(report["annual_change_total"]) == D("-21.95") * 52
    assert D(report["weekly_before_total"]) == D("38.55") + D("100.55") + D("250.00") + D("50.00")
    bands = {band["label"]: band["count"] for band in report["bands"]}
    assert bands["Pay £10.00 to £19.99 a week less"] == 1
    assert bands["Pay £5.00 to £9.99 a week less"] == 1
    assert bands["Pay the same"] == 3
    assert sum(bands.values()) == 5
    assert report["largest_increases"] == []
    assert report["skipped"] == 0
    assert "Person" not in str(report), "no names in the summary"


def test_the_change_report_bands_and_largest_increases():
    pairs = [(D("10.00"), D("10.00")), (D("10.00"), D("12.00")), (None, D("30.00")), (D("5.00"), D("4.99"))]
    report = uprating.change_report(pairs)
    assert (report["pay_more"], report["pay_less"], report["pay_same"]) == (2, 1, 1)
    assert report["weekly_change_total"] == "31.99"
    assert report["annual_change_total"] == "1663.48"
    assert [i["change"] for i in report["largest_increases"]] == ["30.00", "2.00"]
    counts = [band["count"] for band in report["bands"]]
    assert counts == [0, 0, 0, 1, 1, 1, 0, 0, 1]


@pytest.mark.parametrize(
    ("change", "band"),
    [("-20.00", 0), ("-19.99", 1), ("-10.00", 1), ("-9.99", 2), ("-5.00", 2), ("-4.99", 3), ("-0.01", 3),
     ("0.00", 4), ("0.01", 5), ("4.99", 5), ("5.00", 6), ("9.99", 6), ("10.00", 7), ("19.99", 7), ("20.00", 8)],
)  # fmt: skip
def test_band_boundaries(change, band):
    """The report's bands are the shared summary's (rules.modelling), with the uprating's edges."""
    report = uprating.change_report([(D("50.00"), D("50.00") + D(change))])
    assert [b["count"] for b in report["bands"]].index(1) == band


def test_a_snapshot_the_new_figures_cannot_charge_is_counted_not_proposed(shipped, make_person, officer):
    _, calculation = mr_b(make_person, officer)
    broken = dict(calculation.inputs)
    broken["income"] = [*broken["income"], {"code": "lottery_win", "amount": "5.00", "period": "weekly"}]
    ChargingCalculation.objects.filter(pk=calculation.pk).update(inputs=broken)
    mr_b(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    job.refresh_from_db()
    assert proposals(job).count() == 1
    assert job.summary["skipped"] == 1
    assert "lottery_win" in next(iter(job.summary["skipped_reasons"]))


def test_an_unpublished_set_cannot_be_uprated_to(shipped, officer):
    draft = publish_2026_27(status="draft")
    with pytest.raises(uprating.UpratingRefused, match="not published"):
        uprating.uprating_start(actor=officer, parameter_set=draft)


def test_the_bulk_insert_names_every_column_of_a_calculation():
    columns = {field.column for field in ChargingCalculation._meta.concrete_fields}
    assert set(uprating.PROPOSAL_COLUMNS) == columns


def test_a_proposal_reads_back_exactly_as_the_rule_gave_it(shipped, make_person, officer):
    from firstperson.charging.services.calculations import reproduce

    mr_b(make_person, officer)
    job = uprating.uprating_start(actor=officer, parameter_set=publish_2026_27())
    proposal = proposals(job).get()
    again = reproduce(proposal)
    assert again.weekly_contribution == proposal.weekly_contribution
    assert [
        {"description": x.description, "amount": str(x.amount), "kind": x.kind} for x in again.lines
    ] == proposal.lines
    assert proposal.computed_at is not None and proposal.outcome == "assessed"
