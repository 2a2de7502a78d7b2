"""Effective-dating: the configuration in force on a day is the published one that took effect most
recently, on or before that day, and has not ended. Retired and draft ones are never in force."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from firstperson.allocation import selectors, services

from ..fixtures import draft_copy

pytestmark = pytest.mark.django_db


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def versions(configuration, administrator):
    """v1 from today; v2 from day 10 to day 19; v3 from day 30; v4 a draft from day 5."""
    v2 = draft_copy(configuration, actor=administrator, effective_from=day(10), effective_to=day(19))
    v2 = services.configuration_publish(actor=administrator, configuration=v2)
    v3 = services.configuration_publish(
        actor=administrator, configuration=draft_copy(configuration, actor=administrator, effective_from=day(30))
    )
    v4 = draft_copy(configuration, actor=administrator, effective_from=day(5))
    return {1: configuration, 2: v2, 3: v3, 4: v4}


@pytest.mark.parametrize(
    ("offset", "number"),
    [
        (-1, None),  # before anything took effect
        (0, 1),
        (5, 1),  # the draft from day 5 is not in force
        (9, 1),
        (10, 2),
        (19, 2),  # the last day is included
        (20, 1),  # after v2 ended, v1 is in force again
        (29, 1),
        (30, 3),
        (3650, 3),
    ],
)
def test_the_configuration_in_force_on_a_day(versions, offset, number):
    questionnaire_id = versions[1].questionnaire_id
    found = selectors.configuration_in_force(questionnaire_id=questionnaire_id, on=day(offset))
    assert (found.number if found else None) == number
    current = selectors.configuration_current(on=day(offset))
    assert (current.number if current else None) == number


def test_a_retired_configuration_is_never_in_force(versions, administrator):
    services.configuration_retire(actor=administrator, configuration=versions[2])
    questionnaire_id = versions[1].questionnaire_id
    assert selectors.configuration_in_force(questionnaire_id=questionnaire_id, on=day(12)).number == 1
    services.configuration_retire(actor=administrator, configuration=versions[1])
    assert selectors.configuration_in_force(questionnaire_id=questionnaire_id, on=day(12)) is None


def test_each_questionnaire_has_its_own_configuration_in_force(configuration, administrator):
    from firstperson.allocation.default_configuration import default_configuration_load

    default, created = default_configuration_load(actor=administrator, questionnaire_code="self-assessment")
    assert created
    assert selectors.configuration_in_force(questionnaire_id=default.questionnaire_id) == default
    assert selectors.configuration_in_force(questionnaire_id=configuration.questionnaire_id) == configuration
    assert default.price_per_point == Decimal(247)


def test_every_self_assessment_with_a_configuration_in_force_is_listed_the_current_one_first(versions, administrator):
    from firstperson.allocation.default_configuration import default_configuration_load

    assert selectors.self_assessment_configurations_in_force(on=day(12)) == [versions[2]]
    default, _ = default_configuration_load(actor=administrator, questionnaire_code="self-assessment")
    in_force = selectors.self_assessment_configurations_in_force(on=day(12))

    assert in_force[0] == selectors.configuration_current(on=day(12))
    assert sorted(c.pk for c in in_force) == sorted([versions[2].pk, default.pk])
    # One per questionnaire: v1 of the first is not listed beside its v2, which took over on day 10.
    assert versions[1] not in in_force
