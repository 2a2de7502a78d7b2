"""REFERENCE.md §2.10 through the models: the configuration built from rows reproduces the worked
example exactly, and equals the pure rule's own reference configuration."""

import dataclasses
from decimal import Decimal

import pytest

from firstperson.allocation import selectors, services
from firstperson.allocation.rules.ras import indicative_budget, reference_example

from ..fixtures import REFERENCE_ANSWERS, submitted_assessment

pytestmark = pytest.mark.django_db


def test_the_configuration_built_from_models_is_the_reference_configuration(configuration):
    built = selectors.ras_configuration_for(configuration)
    reference = reference_example().configuration
    assert dataclasses.replace(built, version=reference.version) == reference


def test_the_worked_example_gives_9534_20_a_year_and_183_35_a_week(configuration):
    result = services.indicative_budget_estimate(configuration=configuration, answers=REFERENCE_ANSWERS)
    assert result.annual_amount == Decimal("9534.20")
    assert result.weekly_amount == Decimal("183.35")
    assert result.total_points == Decimal("38.6")
    assert sum(step.amount for step in result.steps) == result.amount
    assert result == indicative_budget(selectors.ras_configuration_for(configuration), REFERENCE_ANSWERS)


def test_a_stored_budget_of_the_worked_example(configuration, person, practitioner):
    assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    budget = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    budget.refresh_from_db()
    assert (budget.annual_amount, budget.weekly_amount) == (Decimal("9534.20"), Decimal("183.35"))
    assert budget.total_points == Decimal("38.6")
    assert budget.period == "annual"
    assert budget.configuration == configuration
    assert budget.configuration_version == "ras-worked-example RAS v1"
    assert budget.answers == REFERENCE_ANSWERS
    assert {row["code"]: row["points"] for row in budget.domain_points} == {
        "personal_care": "12.0",
        "eating": "4.8",
        "routines": "4.8",
        "relationships": "2",
        "community": "4",
        "work": "0",
        "decisions": "3",
        "safety": "8",
        "circumstances": "0",
    }
    assert budget.steps[0] == {"description": "Personal care: 15 points × £247.00", "amount": "3705.00"}
    assert sum(Decimal(step["amount"]) for step in budget.steps) == budget.annual_amount
