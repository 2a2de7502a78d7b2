"""Financial delegation: who may decide a plan of a given weekly cost and total of one-off costs."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.planning.rules.delegation import (
    TIERS,
    Decider,
    DelegationLimits,
    decided_by_tier,
    decision_amount,
    may_decide,
)

D = Decimal
LIMITS = DelegationLimits(practitioner_weekly_limit=D("100.00"), team_manager_weekly_limit=D("250.00"))
P, TM, PANEL = Decider.PRACTITIONER, Decider.TEAM_MANAGER, Decider.PANEL


@pytest.mark.parametrize(
    ("amount", "practitioner", "team_manager", "tier"),
    [
        ("0.00", True, True, P),
        ("99.99", True, True, P),
        ("100.00", True, True, P),  # at the limit: within it
        ("100.01", False, True, TM),
        ("249.99", False, True, TM),
        ("250.00", False, True, TM),
        ("250.01", False, False, PANEL),
        ("10000.00", False, False, PANEL),
    ],
)
def test_limits_at_below_and_above(amount, practitioner, team_manager, tier):
    amount = D(amount)
    assert may_decide(P, amount, LIMITS) is practitioner
    assert may_decide(TM, amount, LIMITS) is team_manager
    assert may_decide(PANEL, amount, LIMITS) is True
    assert decided_by_tier(amount, LIMITS) == tier


def test_no_limit_means_the_role_may_not_decide_at_all():
    limits = DelegationLimits(practitioner_weekly_limit=None, team_manager_weekly_limit=D("250"))
    assert not may_decide(P, D("0"), limits)
    assert decided_by_tier(D("0"), limits) == TM
    nobody = DelegationLimits(None, None)
    assert not may_decide(TM, D("0"), nobody)
    assert decided_by_tier(D("0"), nobody) == PANEL


def test_a_zero_limit_covers_only_plans_that_cost_nothing():
    limits = DelegationLimits(practitioner_weekly_limit=D("0.00"), team_manager_weekly_limit=D("250"))
    assert may_decide(P, D("0.00"), limits)
    assert not may_decide(P, D("0.01"), limits)


@pytest.mark.parametrize("role", ["resident", "finance_officer", "administrator", "broker", ""])
def test_other_roles_never_decide(role):
    assert not may_decide(role, D("0"), LIMITS)


def test_roles_may_be_given_as_stored_strings():
    assert may_decide("team_manager", D("250"), LIMITS) and may_decide("panel_member", D("1e6"), LIMITS)
    assert TIERS[-1] == PANEL


@pytest.mark.parametrize(
    ("total", "budget", "amount"),
    [("155.00", "183.35", "183.35"), ("300.00", "183.35", "300.00"), ("80.00", None, "80.00")],
)
def test_the_amount_decided_is_the_larger_of_cost_and_budget(total, budget, amount):
    assert decision_amount(D(total), None if budget is None else D(budget)) == D(amount)


ONE_OFF_LIMITS = DelegationLimits(
    practitioner_weekly_limit=D("100.00"),
    team_manager_weekly_limit=D("250.00"),
    practitioner_one_off_limit=D("500.00"),
    team_manager_one_off_limit=D("2000.00"),
)


@pytest.mark.parametrize(
    ("weekly", "one_off", "practitioner", "team_manager", "tier"),
    [
        ("50.00", "0.00", True, True, P),
        ("50.00", "500.00", True, True, P),  # at the practitioner's one-off limit: within it
        ("50.00", "500.01", False, True, TM),
        ("50.00", "2000.00", False, True, TM),
        ("50.00", "2000.01", False, False, PANEL),  # a cheap week does not carry a large one-off past the limit
        ("100.01", "0.00", False, True, TM),  # the weekly limit still applies on its own
        ("250.01", "0.00", False, False, PANEL),
    ],
)
def test_one_off_costs_have_their_own_limits(weekly, one_off, practitioner, team_manager, tier):
    weekly, one_off = D(weekly), D(one_off)
    assert may_decide(P, weekly, ONE_OFF_LIMITS, one_off) is practitioner
    assert may_decide(TM, weekly, ONE_OFF_LIMITS, one_off) is team_manager
    assert may_decide(PANEL, weekly, ONE_OFF_LIMITS, one_off) is True
    assert decided_by_tier(weekly, ONE_OFF_LIMITS, one_off) == tier


def test_no_one_off_limit_means_no_one_off_costs_above_nothing():
    assert LIMITS.practitioner_one_off_limit is None and LIMITS.team_manager_one_off_limit is None
    assert may_decide(TM, D("100.00"), LIMITS, D("0.00"))
    assert not may_decide(TM, D("100.00"), LIMITS, D("0.01"))
    assert decided_by_tier(D("50.00"), LIMITS, D("0.01")) == PANEL


def test_a_one_off_limit_does_not_let_a_role_without_a_weekly_limit_decide():
    limits = DelegationLimits(None, D("250"), practitioner_one_off_limit=D("1000"), team_manager_one_off_limit=None)
    assert not may_decide(P, D("0"), limits, D("0"))
    assert decided_by_tier(D("0"), limits, D("10")) == PANEL


money = st.decimals(min_value=0, max_value=10000, places=2, allow_nan=False, allow_infinity=False)
optional_money = st.one_of(st.none(), money)
limits_strategy = st.builds(DelegationLimits, optional_money, optional_money, optional_money, optional_money)


@given(money, limits_strategy)
def test_the_tier_is_the_lowest_that_may_decide(amount, limits):
    tier = decided_by_tier(amount, limits)
    assert may_decide(tier, amount, limits)
    assert not any(may_decide(lower, amount, limits) for lower in TIERS[: TIERS.index(tier)])


@given(money, money, limits_strategy)
def test_a_larger_amount_never_goes_to_a_lower_tier(a, b, limits):
    low, high = sorted((a, b))
    assert TIERS.index(decided_by_tier(low, limits)) <= TIERS.index(decided_by_tier(high, limits))


@given(money, money, st.sampled_from([P, TM]), limits_strategy)
def test_whoever_may_decide_an_amount_may_decide_any_smaller_one(a, b, role, limits):
    low, high = sorted((a, b))
    if may_decide(role, high, limits):
        assert may_decide(role, low, limits)


@given(money, money, money, money, st.sampled_from([P, TM, PANEL]), limits_strategy)
def test_may_decide_is_monotonic_in_both_amounts(weekly_a, weekly_b, one_off_a, one_off_b, role, limits):
    """Whoever may decide a plan may decide any plan that costs no more each week and no more once."""
    weekly_low, weekly_high = sorted((weekly_a, weekly_b))
    one_off_low, one_off_high = sorted((one_off_a, one_off_b))
    if may_decide(role, weekly_high, limits, one_off_high):
        assert may_decide(role, weekly_low, limits, one_off_low)
        assert may_decide(role, weekly_high, limits, one_off_low)
        assert may_decide(role, weekly_low, limits, one_off_high)


@given(money, money, money, money, limits_strategy)
def test_larger_amounts_never_go_to_a_lower_tier(weekly_a, weekly_b, one_off_a, one_off_b, limits):
    weekly_low, weekly_high = sorted((weekly_a, weekly_b))
    one_off_low, one_off_high = sorted((one_off_a, one_off_b))
    low = decided_by_tier(weekly_low, limits, one_off_low)
    high = decided_by_tier(weekly_high, limits, one_off_high)
    assert TIERS.index(low) <= TIERS.index(high)


@given(money, money, limits_strategy)
def test_the_tier_with_one_off_costs_is_the_lowest_that_may_decide_both(weekly, one_off, limits):
    tier = decided_by_tier(weekly, limits, one_off)
    assert may_decide(tier, weekly, limits, one_off)
    assert not any(may_decide(lower, weekly, limits, one_off) for lower in TIERS[: TIERS.index(tier)])
    # A role within both limits is within each alone.
    if tier != PANEL:
        assert may_decide(tier, weekly, limits) and decided_by_tier(weekly, limits) in TIERS[: TIERS.index(tier) + 1]
