"""Any stored budget can be reproduced exactly from what was stored: its configuration version and
its answers give the same figure and the same steps, even after later configurations take effect."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from firstperson.allocation import selectors, services
from firstperson.allocation.models import Period
from firstperson.assessment.models import AnswerOption

from ..fixtures import NO_FAMILY_HELP, NO_NEEDS, REFERENCE_ANSWERS, draft_copy
from ..fixtures import submitted_assessment as submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("answers", [REFERENCE_ANSWERS, NO_FAMILY_HELP, NO_NEEDS])
def test_a_stored_budget_reproduces_exactly(configuration, person, practitioner, answers):
    budget = services.indicative_budget_calculate(
        actor=practitioner, assessment=submit(person=person, actor=practitioner, answers=answers)
    )
    budget.refresh_from_db()
    reproduction = selectors.indicative_budget_reproduce(budget=budget)
    assert reproduction.matches, reproduction.differences
    assert selectors.stored_steps(reproduction.result) == budget.steps
    assert reproduction.result.annual_amount == budget.annual_amount
    assert reproduction.result.weekly_amount == budget.weekly_amount


def test_it_still_reproduces_after_a_new_configuration_takes_effect(configuration, administrator, person, practitioner):
    budget = services.indicative_budget_calculate(
        actor=practitioner, assessment=submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.configuration_publish(
        actor=administrator,
        configuration=draft_copy(configuration, actor=administrator, price_per_point="300", effective_from=tomorrow),
    )
    services.configuration_retire(actor=administrator, configuration=configuration)
    budget.refresh_from_db()
    reproduction = selectors.indicative_budget_reproduce(budget=budget)
    assert reproduction.matches, reproduction.differences
    assert reproduction.result.annual_amount == Decimal("9534.20")


def test_a_weekly_configuration_reproduces_too(configuration, administrator, person, practitioner):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    weekly = draft_copy(
        configuration,
        actor=administrator,
        price_per_point="4.75",
        effective_from=tomorrow,
        period=Period.WEEKLY,
        minimum="19.25",
        maximum=Decimal("770.00"),
    )
    weekly = services.configuration_publish(actor=administrator, configuration=weekly)
    assessment = submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    budget = services.indicative_budget_calculate(actor=practitioner, assessment=assessment, on=tomorrow)
    budget.refresh_from_db()
    assert (budget.period, budget.weekly_amount, budget.annual_amount) == (
        "weekly",
        Decimal("183.35"),
        Decimal("9534.20"),
    )
    assert sum(Decimal(step["amount"]) for step in budget.steps) == budget.weekly_amount
    assert selectors.indicative_budget_reproduce(budget=budget).matches


def test_a_change_to_the_points_behind_it_is_found(configuration, person, practitioner):
    """Published rows never change through the services; if one is changed behind their back, the
    reproduction says so rather than giving a different figure silently."""
    budget = services.indicative_budget_calculate(
        actor=practitioner, assessment=submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    )
    AnswerOption.objects.filter(
        question__section__version=configuration.questionnaire_version, question__code="safety", code="level_2"
    ).update(points=9)
    budget.refresh_from_db()
    reproduction = selectors.indicative_budget_reproduce(budget=budget)
    assert not reproduction.matches
    assert reproduction.differences == [
        "The configuration's rows have changed since the budget was worked out.",
        "Total points 39.6, stored 38.6000.",
        "The points per domain differ.",
        "The steps differ.",
        "Weekly amount 188.10, stored 183.35.",
        "Annual amount 9781.20, stored 9534.20.",
    ]


def test_the_same_answers_and_version_always_give_the_same_figure_and_steps(configuration, person, practitioner):
    assessment = submit(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    first = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    second = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    first.refresh_from_db()
    second.refresh_from_db()
    fields = ["configuration_version", "configuration_fingerprint", "answers", "total_points", "domain_points", "steps"]
    assert [getattr(first, f) for f in fields] == [getattr(second, f) for f in fields]
    assert dataclasses.astuple(selectors.indicative_budget_reproduce(budget=first).result) == dataclasses.astuple(
        selectors.indicative_budget_reproduce(budget=second).result
    )
