"""Sending a self-assessment works out its indicative budget at once when a RAS configuration is in
force for the questionnaire (assessment sends a signal once the submission is committed; allocation
receives it), and does nothing, without failing, when none is."""

from decimal import Decimal

import pytest

from firstperson.allocation import services
from firstperson.allocation.models import IndicativeBudget
from firstperson.assessment.models import AssessmentStatus
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..fixtures import REFERENCE_ANSWERS, reference_configuration, submitted_assessment

pytestmark = pytest.mark.django_db


def test_sending_works_out_the_budget_when_a_configuration_is_in_force(
    configuration, person, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    budget = IndicativeBudget.objects.get(assessment=assessment)
    assert budget.is_current
    assert budget.configuration == configuration
    assert (budget.annual_amount, budget.weekly_amount) == (Decimal("9534.20"), Decimal("183.35"))
    assert budget.computed_by is None, "worked out by the system, not by the person who sent it"
    event = AuditEvent.objects.get(verb=AuditVerb.ALLOCATION_INDICATIVE_BUDGET_CALCULATED)
    assert (event.actor, event.person_id, event.object_id) == (None, person.pk, str(budget.pk))
    assert event.payload["annual_amount"] == "9534.20"


def test_the_practitioner_can_still_work_it_out_again(
    configuration, person, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    first = IndicativeBudget.objects.get(assessment=assessment)
    again = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    first.refresh_from_db()
    assert (first.is_current, again.is_current, again.computed_by) == (False, True, practitioner)


def test_sending_with_no_configuration_in_force_does_nothing_and_does_not_fail(
    administrator, person, practitioner, django_capture_on_commit_callbacks
):
    configuration = reference_configuration(actor=administrator)
    services.configuration_retire(actor=administrator, configuration=configuration)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    assert len(callbacks) == 1, "the signal was sent"
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert not IndicativeBudget.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_INDICATIVE_BUDGET_CALCULATED).exists()


def test_answers_that_do_not_fit_leave_the_submission_standing(
    configuration, person, practitioner, django_capture_on_commit_callbacks
):
    """The receiver is robust: answers the configuration cannot score give no budget, no error."""
    from firstperson.allocation.services.recalculation import indicative_budget_on_submission

    assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    assessment.answers.filter(question__code="safety").delete()
    assert indicative_budget_on_submission(None, assessment=assessment, actor=practitioner) is None
    assert not IndicativeBudget.objects.exists()


def test_nothing_is_worked_out_before_the_submission_is_committed(configuration, person, practitioner):
    """Inside the submitting transaction nothing happens yet (the test's transaction never commits)."""
    submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    assert not IndicativeBudget.objects.exists()
