"""The financial delegation policy: one-off limits beside the weekly ones, and how often a direct
payment is paid."""

import datetime
from decimal import Decimal

import pytest

from firstperson.planning import selectors, services
from firstperson.planning.exceptions import TransitionRefused
from firstperson.planning.models import DecisionPolicy
from firstperson.planning.rules.delegation import DelegationLimits

D = Decimal


def create(**overrides):
    values = {
        "actor": None,
        "version": "April 2024",
        "effective_from": datetime.date(2024, 4, 1),
        "practitioner_weekly_limit": D("100.00"),
        "team_manager_weekly_limit": D("250.00"),
        "panel_target_days": 10,
        "first_review_weeks": 6,
    }
    values.update(overrides)
    return services.decision_policy_create(**values)


def test_a_policy_keeps_its_one_off_limits_and_direct_payment_interval(db):
    policy = create(
        practitioner_one_off_limit=D("300.00"), team_manager_one_off_limit=D("2000.00"), direct_payment_interval_weeks=2
    )
    policy.refresh_from_db()
    assert (policy.practitioner_one_off_limit, policy.team_manager_one_off_limit) == (D("300.00"), D("2000.00"))
    assert policy.direct_payment_interval_weeks == 2
    assert policy.limits() == DelegationLimits(D("100.00"), D("250.00"), D("300.00"), D("2000.00"))
    assert selectors.decision_policy_in_force() == policy


def test_without_one_off_limits_and_interval_a_policy_has_none_and_pays_every_four_weeks(db):
    policy = create()
    assert policy.limits().practitioner_one_off_limit is None and policy.limits().team_manager_one_off_limit is None
    assert policy.direct_payment_interval_weeks == 4


@pytest.mark.parametrize("weeks", [1, 13])
def test_a_direct_payment_may_be_paid_every_1_to_13_weeks(db, weeks):
    assert create(direct_payment_interval_weeks=weeks).direct_payment_interval_weeks == weeks


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"direct_payment_interval_weeks": 0}, "direct_payment_interval_weeks"),
        ({"direct_payment_interval_weeks": 14}, "direct_payment_interval_weeks"),
        ({"practitioner_one_off_limit": D("-0.01")}, "practitioner_one_off_limit"),
        ({"team_manager_one_off_limit": D("-1")}, "team_manager_one_off_limit"),
        (
            {"practitioner_one_off_limit": D("500.01"), "team_manager_one_off_limit": D("500.00")},
            "practitioner_one_off_limit",
        ),
        # No team manager one-off limit means none above £0: a practitioner's cannot be more.
        ({"practitioner_one_off_limit": D("1.00")}, "practitioner_one_off_limit"),
    ],
)
def test_a_policy_with_impossible_limits_or_interval_is_refused(db, overrides, field):
    with pytest.raises(TransitionRefused) as refusal:
        create(**overrides)
    assert refusal.value.field == field
    assert not DecisionPolicy.objects.exists()


def test_equal_one_off_limits_are_allowed(db):
    policy = create(practitioner_one_off_limit=D("500.00"), team_manager_one_off_limit=D("500.00"))
    assert policy.practitioner_one_off_limit == policy.team_manager_one_off_limit == D("500.00")
