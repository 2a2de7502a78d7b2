"""Working out and storing the indicative budget of a submitted self-assessment, under the
configuration in force, with every step; a second calculation becomes the current one."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from firstperson.allocation import services
from firstperson.allocation.exceptions import AnswersDoNotFit, BudgetNotCalculable
from firstperson.allocation.models import IndicativeBudget, ModerationStatus
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..fixtures import NO_FAMILY_HELP, NO_NEEDS, REFERENCE_ANSWERS, draft_copy, in_progress_assessment
from ..fixtures import submitted_assessment as submit

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.mark.parametrize(
    ("answers", "annual", "weekly", "points", "last_step"),
    [
        (REFERENCE_ANSWERS, "9534.20", "183.35", "38.6", "Help from family or friends: Daily routines and household"),
        ({**REFERENCE_ANSWERS, "family_support": "some"}, "10868.00", "209.00", "44", "Staying safe: 8 points"),
        (NO_FAMILY_HELP, "10868.00", "209.00", "44", "Staying safe: 8 points × £247.00"),
        (NO_NEEDS, "1000.00", "19.23", "0", "Raised to the minimum budget of £1,000.00"),
        (
            {**NO_NEEDS, "personal_care": "level_1"},
            "1235.00",
            "23.75",
            "5",
            "Personal care: 5 points × £247.00",
        ),
    ],
)
def test_budgets_are_stored_with_every_step(
    configuration, person, practitioner, answers, annual, weekly, points, last_step
):
    assessment = submit(person=person, actor=practitioner, answers=answers)
    budget = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    budget.refresh_from_db()
    assert (budget.annual_amount, budget.weekly_amount, budget.total_points) == (D(annual), D(weekly), D(points))
    assert budget.steps[-1]["description"].startswith(last_step)
    assert sum(D(step["amount"]) for step in budget.steps) == budget.annual_amount
    assert budget.is_current
    assert budget.person == person
    assert budget.computed_by == practitioner
    assert budget.rule_version == services.RAS_RULE_VERSION


def test_the_calculation_is_audited(configuration, person, practitioner):
    budget = services.indicative_budget_calculate(
        actor=practitioner, assessment=submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    )
    event = AuditEvent.objects.get(verb=AuditVerb.ALLOCATION_INDICATIVE_BUDGET_CALCULATED)
    assert (event.actor, event.person_id, event.object_id) == (practitioner, person.pk, str(budget.pk))
    assert event.payload["annual_amount"] == "9534.20"
    assert event.payload["configuration_version"] == "ras-worked-example RAS v1"


def test_an_assessment_not_yet_sent_is_refused(configuration, person, practitioner):
    assessment = in_progress_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    with pytest.raises(BudgetNotCalculable) as refused:
        services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    assert refused.value.message == "The self-assessment has not been submitted yet."
    assert not IndicativeBudget.objects.exists()


def test_without_a_configuration_in_force(configuration, administrator, person, practitioner):
    assessment = submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    services.configuration_retire(actor=administrator, configuration=configuration)
    with pytest.raises(BudgetNotCalculable) as refused:
        services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    assert refused.value.message.startswith("No RAS configuration is in force on ")
    assert not IndicativeBudget.objects.exists()


def test_answers_that_no_longer_fit_are_refused(configuration, administrator, person, practitioner):
    """A required answer missing from the stored answers: refused, naming the question, nothing stored."""
    assessment = submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    assessment.answers.filter(question__code="safety").delete()
    with pytest.raises(AnswersDoNotFit) as refused:
        services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    assert refused.value.problems == {"safety": "This question needs an answer."}
    assert not IndicativeBudget.objects.exists()


def test_a_new_calculation_becomes_current_and_keeps_the_old_one(configuration, administrator, person, practitioner):
    assessment = submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    first = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    pending = services.budget_moderate(
        actor=practitioner, budget=first, amount=D(15000), period="annual", reason="Night support is needed"
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    dearer = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=tomorrow)
    services.configuration_publish(actor=administrator, configuration=dearer)
    second = services.indicative_budget_calculate(actor=practitioner, assessment=assessment, on=tomorrow)
    first.refresh_from_db()
    pending.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    assert second.configuration == dearer
    assert second.annual_amount == D("10036.00")  # 38.6 points × £260
    assert first.annual_amount == D("9534.20")
    assert pending.status == ModerationStatus.WITHDRAWN
    event = AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_INDICATIVE_BUDGET_CALCULATED).last()
    assert event.payload["replaces"] == [str(first.pk)]
    assert event.payload["withdrawn_changes"] == 1
