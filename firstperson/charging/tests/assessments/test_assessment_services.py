"""Financial assessment services: completion makes the contribution history, a reassessment
supersedes, evidence checks refuse bad files and store nothing."""

import datetime
from decimal import Decimal as D

import pytest
from django.test import override_settings

from firstperson.charging import selectors
from firstperson.charging.models import (
    AssessmentStatus,
    CalculationStatus,
    CapitalHolding,
    Contribution,
    ContributionReason,
    Evidence,
    FinancialAssessment,
    ScanStatus,
)
from firstperson.charging.services import assessments as services
from firstperson.charging.services import evidence as evidence_service
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .builders import JPG, PDF, PNG, all_steps_done, confirm_all, fill_worked_example_2, upload

OCT = datetime.date(2025, 10, 6)


def test_starting_again_returns_the_assessment_in_progress(online, resident, person):
    again = services.assessment_start(actor=resident, person=person, via="online")
    assert again.pk == online.pk
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_STARTED).count() == 1


def test_the_open_assessment_is_the_persons_own_being_filled_in_or_sent(parameters, officer, person, make_person):
    """What the record and budget panels say "already started or sent" about, and nothing else."""
    assert selectors.financial_assessment_open(person=person) is None
    services.assessment_start(actor=officer, person=make_person(), via="officer")
    assert selectors.financial_assessment_open(person=person) is None, "another person's is not theirs"
    filling = services.assessment_start(actor=officer, person=person, via="officer")
    assert selectors.financial_assessment_open(person=person) == filling
    FinancialAssessment.objects.filter(pk=filling.pk).update(status=AssessmentStatus.SUBMITTED)
    assert selectors.financial_assessment_open(person=person) == filling
    for decided in (AssessmentStatus.COMPLETED, AssessmentStatus.SUPERSEDED, AssessmentStatus.WITHDRAWN):
        FinancialAssessment.objects.filter(pk=filling.pk).update(status=decided)
        assert selectors.financial_assessment_open(person=person) is None, decided
    FinancialAssessment.objects.filter(pk=filling.pk).update(status=AssessmentStatus.SUBMITTED)
    later = services.assessment_start(actor=officer, person=person, via="officer")
    FinancialAssessment.objects.filter(pk=later.pk).update(started_at=filling.started_at + datetime.timedelta(days=1))
    assert selectors.financial_assessment_open(person=person) == later, "the latest started of two"


def test_sending_needs_every_step_and_the_declaration(online, resident):
    with pytest.raises(services.FinancialAssessmentError, match="Answer every question"):
        services.assessment_submit(actor=resident, assessment=online, declaration=True)
    online = all_steps_done(resident, online)
    with pytest.raises(services.FinancialAssessmentError) as error:
        services.assessment_submit(actor=resident, assessment=online, declaration=False)
    assert error.value.field == "declaration"
    services.assessment_submit(actor=resident, assessment=online, declaration=True)
    online.refresh_from_db()
    assert online.status == AssessmentStatus.SUBMITTED and online.declaration_made_by == resident


def test_a_declined_assessment_needs_only_its_first_answer(online, resident):
    services.assessment_update(actor=resident, assessment=online, values={"kind": "declined"}, step="full-assessment")
    online.refresh_from_db()
    assert services.steps_missing(online) == []


def test_an_estimate_is_stored_and_marked_when_the_cost_of_care_is_known(online, resident, officer):
    fill_worked_example_2(resident, online)
    services.assessment_update(
        actor=officer, assessment=online, values={"weekly_cost_of_care": D("336.00")}, officer=True
    )
    online = all_steps_done(resident, FinancialAssessment.objects.get(pk=online.pk))
    services.assessment_submit(actor=resident, assessment=online, declaration=True)
    estimate = online.calculations.get()
    assert estimate.status == CalculationStatus.ESTIMATE
    assert estimate.weekly_contribution > 0
    assert not Contribution.objects.exists()


def test_no_estimate_without_a_cost_of_care(online, resident):
    online = all_steps_done(resident, online)
    services.assessment_submit(actor=resident, assessment=online, declaration=True)
    assert not online.calculations.exists()


def test_completing_needs_every_item_confirmed_and_a_cost(online, resident, officer):
    fill_worked_example_2(resident, online)
    online = all_steps_done(resident, FinancialAssessment.objects.get(pk=online.pk))
    services.assessment_submit(actor=resident, assessment=online, declaration=True)
    with pytest.raises(services.FinancialAssessmentError, match="weekly cost of care"):
        services.assessment_complete(actor=officer, assessment=online, effective_from=OCT)
    services.assessment_update(
        actor=officer, assessment=online, values={"weekly_cost_of_care": D("336.00")}, officer=True
    )
    with pytest.raises(services.FinancialAssessmentError, match="5 not confirmed"):
        services.assessment_complete(actor=officer, assessment=online, effective_from=OCT)
    item = online.income.first()
    services.item_check(actor=officer, item=item, status="queried", note="Which pension is this?")
    confirm_all(officer, online)
    contribution = services.assessment_complete(actor=officer, assessment=online, effective_from=OCT)
    assert contribution.weekly_amount == D("100.55")  # REFERENCE §3.11 to the penny
    assert contribution.effective_from == OCT and contribution.effective_to is None
    assert contribution.reason == ContributionReason.ASSESSMENT
    assert contribution.calculation.status == CalculationStatus.CURRENT
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_ITEM_CHECKED).count() == 6
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_COMPLETED, person_id=online.person_id).exists()


def test_a_query_needs_a_note(online, resident, officer):
    fill_worked_example_2(resident, online)
    with pytest.raises(services.FinancialAssessmentError) as error:
        services.item_check(actor=officer, item=online.income.first(), status="queried", note="")
    assert error.value.field == "note"


def _completed(officer, person, *, effective_from=OCT):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    fill_worked_example_2(officer, assessment, officer=True)
    services.assessment_update(
        actor=officer, assessment=assessment, values={"weekly_cost_of_care": D("336.00")}, officer=True
    )
    confirm_all(officer, assessment)
    services.assessment_complete(actor=officer, assessment=assessment, effective_from=effective_from)
    assessment.refresh_from_db()
    return assessment


def test_a_reassessment_copies_supersedes_and_continues_the_contribution_history(parameters, officer, person):
    first = _completed(officer, person)
    with pytest.raises(services.FinancialAssessmentError) as error:
        services.reassessment_start(actor=officer, assessment=first, reason="changed")
    assert error.value.field == "change_of_circumstances"
    second = services.reassessment_start(
        actor=officer, assessment=first, reason="Her Attendance Allowance stopped in January."
    )
    assert second.replaces == first and second.status == AssessmentStatus.IN_PROGRESS
    assert second.capital.count() == 2 and second.income.count() == 3
    assert {i.check_status for i in second.income.all()} == {"not_checked"}
    first.refresh_from_db()
    assert first.status == AssessmentStatus.COMPLETED  # still in force until the new one completes
    services.item_remove(actor=officer, item=second.income.get(code="attendance_allowance_higher"), officer=True)
    confirm_all(officer, second)
    with pytest.raises(services.FinancialAssessmentError, match="must start after"):
        services.assessment_complete(actor=officer, assessment=second, effective_from=OCT)
    new = services.assessment_complete(actor=officer, assessment=second, effective_from=datetime.date(2026, 1, 5))
    first.refresh_from_db()
    assert first.status == AssessmentStatus.SUPERSEDED
    assert not first.calculations.filter(status=CalculationStatus.CURRENT).exists()
    old = Contribution.objects.get(calculation__assessment=first)
    assert old.effective_to == datetime.date(2026, 1, 4)  # closed the day before
    assert new.reason == ContributionReason.REASSESSMENT and new.effective_to is None
    assert new.weekly_amount == D("26.65")  # 100.55 less AA counted at £73.90
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_REASSESSMENT_STARTED).count() == 1


def test_no_figures_for_the_year_is_a_plain_error_and_saves_nothing(parameters, officer, person):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    services.assessment_update(
        actor=officer, assessment=assessment, values={"weekly_cost_of_care": D("100")}, officer=True
    )
    with pytest.raises(services.FinancialAssessmentError, match="no published charging figures for 2019-20"):
        services.assessment_complete(actor=officer, assessment=assessment, effective_from=datetime.date(2019, 6, 1))
    assert not Contribution.objects.exists()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS


def test_the_letter_is_recorded_as_issued(parameters, officer, person):
    assessment = _completed(officer, person)
    contribution = Contribution.objects.get(calculation__assessment=assessment)
    services.letter_issue(actor=officer, contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.letter_issued_at is not None
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED).count() == 1


def test_a_sent_assessment_cannot_be_changed_online(online, resident):
    online = all_steps_done(resident, online)
    services.assessment_submit(actor=resident, assessment=online, declaration=True)
    with pytest.raises(services.FinancialAssessmentError, match="cannot be changed online"):
        services.assessment_update(actor=resident, assessment=online, values={"household": "couple"}, step="household")
    with pytest.raises(services.FinancialAssessmentError):
        services.capital_add(actor=resident, assessment=online, type="savings", value=D("1"))
    assert not CapitalHolding.objects.exists()


# --- evidence ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "expected_type"),
    [(PDF, "letter.pdf", "application/pdf"), (PNG, "photo.png", "image/png"), (JPG, "photo.jpg", "image/jpeg")],
)
def test_pdf_jpg_and_png_are_accepted_by_their_first_bytes(online, resident, content, name, expected_type):
    evidence = evidence_service.evidence_add(actor=resident, assessment=online, uploaded_file=upload(content, name))
    assert evidence.content_type == expected_type and evidence.scan_status == ScanStatus.CLEAN
    assert evidence.original_name == name
    assert name not in evidence.file.name  # stored under a name of ours
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_EVIDENCE_ADDED).count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 not really a pdf", "letter.pdf", "must be a PDF, JPG or PNG"),  # a program renamed .pdf
        (b"<html><script>", "statement.png", "must be a PDF, JPG or PNG"),
        (b"", "empty.pdf", "is empty"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_saved(online, resident, content, name, message):
    with pytest.raises(evidence_service.EvidenceRefused, match=message) as error:
        evidence_service.evidence_add(actor=resident, assessment=online, uploaded_file=upload(content, name))
    assert error.value.field == "file"
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_EVIDENCE_ADDED).exists()


@override_settings(CHARGING_EVIDENCE_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused(online, resident):
    with pytest.raises(evidence_service.EvidenceRefused, match="smaller than 1 KB"):
        evidence_service.evidence_add(actor=resident, assessment=online, uploaded_file=upload(PDF + b"x" * 1024))
    assert not Evidence.objects.exists()


def reject_everything(uploaded_file):
    assert uploaded_file.read(5) == b"%PDF-"  # the scanner gets the file itself
    return "rejected"


@override_settings(
    CHARGING_EVIDENCE_SCANNER="firstperson.charging.tests.assessments.test_assessment_services.reject_everything"
)
def test_a_file_the_scanner_rejects_is_refused(online, resident):
    with pytest.raises(evidence_service.EvidenceRefused, match="virus check"):
        evidence_service.evidence_add(actor=resident, assessment=online, uploaded_file=upload())
    assert not Evidence.objects.exists()
