"""What each item costs and the plan's totals against the budget (REFERENCE.md §4.6, §5.2)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.planning.rules.costing import (
    ZERO,
    ItemCost,
    ItemKind,
    item_one_off_cost,
    item_weekly_cost,
    plan_totals,
)

D = Decimal


@pytest.mark.parametrize(
    ("cost", "weekly", "one_off"),
    [
        # A personal assistant: 10 hours x £13.50 + £12.00 employer's costs.
        (ItemCost(ItemKind.PERSONAL_ASSISTANT, D("10"), D("13.50"), D("12.00")), "147.00", "0.00"),
        (ItemCost(ItemKind.PERSONAL_ASSISTANT, D("7.5"), D("12.21")), "91.58", "0.00"),  # 91.575 rounds half up
        # An agency: hours x rate; employer's costs are the agency's, not the person's.
        (ItemCost(ItemKind.AGENCY, D("14"), D("24.50"), D("30.00")), "343.00", "0.00"),
        # Hourly kinds ignore a weekly or one-off amount typed in as well.
        (ItemCost(ItemKind.AGENCY, D("1"), D("20"), weekly_amount=D("99"), one_off_amount=D("50")), "20.00", "0.00"),
        (ItemCost(ItemKind.PERSONAL_ASSISTANT), "0.00", "0.00"),  # nothing entered yet
        # Unpaid help costs nothing, whatever is typed.
        (ItemCost(ItemKind.INFORMAL, D("20"), D("10"), D("5"), D("40"), D("100")), "0.00", "0.00"),
        # A one-off purchase.
        (ItemCost(ItemKind.ONE_OFF, one_off_amount=D("249.99")), "0.00", "249.99"),
        (ItemCost(ItemKind.EQUIPMENT, weekly_amount=D("3.50"), one_off_amount=D("120")), "3.50", "120.00"),
        (ItemCost(ItemKind.DAY_OPPORTUNITY, weekly_amount=D("45")), "45.00", "0.00"),
        (ItemCost(ItemKind.COMMUNITY), "0.00", "0.00"),
        (ItemCost(ItemKind.OTHER, weekly_amount=D("10.005")), "10.01", "0.00"),
    ],
)
def test_worked_examples(cost, weekly, one_off):
    assert item_weekly_cost(cost) == D(weekly)
    assert str(item_weekly_cost(cost)) == weekly
    assert str(item_one_off_cost(cost)) == one_off


def test_kinds_may_be_given_as_their_stored_strings():
    assert item_weekly_cost(ItemCost("personal_assistant", D("10"), D("13.50"), D("12.00"))) == D("147.00")


def test_totals_and_headroom_of_a_plan():
    items = [
        ItemCost(ItemKind.PERSONAL_ASSISTANT, D("10"), D("13.50"), D("12.00")),
        ItemCost(ItemKind.DAY_OPPORTUNITY, weekly_amount=D("8.00")),
        ItemCost(ItemKind.INFORMAL),
        ItemCost(ItemKind.ONE_OFF, one_off_amount=D("80")),
    ]
    totals = plan_totals(items, D("183.35"))
    assert (totals.weekly_total, totals.one_off_total, totals.weekly_headroom) == (D("155.00"), D("80.00"), D("28.35"))
    assert not totals.over_budget
    over = plan_totals(items, D("150.00"))
    assert over.weekly_headroom == D("-5.00") and over.over_budget
    exact = plan_totals(items, D("155.00"))
    assert exact.weekly_headroom == ZERO and not exact.over_budget


def test_no_budget_means_no_headroom_and_not_over():
    totals = plan_totals([ItemCost(ItemKind.OTHER, weekly_amount=D("10"))], None)
    assert totals.weekly_headroom is None and not totals.over_budget
    assert str(plan_totals([], None).weekly_total) == "0.00"


money = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
hours = st.decimals(min_value=0, max_value=168, places=2, allow_nan=False, allow_infinity=False)
maybe_money = st.one_of(st.none(), money)
costs = st.builds(
    ItemCost,
    kind=st.sampled_from(list(ItemKind)),
    hours_per_week=st.one_of(st.none(), hours),
    hourly_rate=maybe_money,
    employer_costs_weekly=maybe_money,
    weekly_amount=maybe_money,
    one_off_amount=maybe_money,
)


def two_places(value: Decimal) -> bool:
    return value.as_tuple().exponent == -2


@given(costs)
def test_costs_are_never_negative_and_always_in_pounds_and_pence(cost):
    for value in (item_weekly_cost(cost), item_one_off_cost(cost)):
        assert value >= 0
        assert two_places(value)


@given(st.lists(costs, max_size=8), st.one_of(st.none(), money))
def test_totals_are_the_sums_and_headroom_is_budget_less_total(items, budget):
    totals = plan_totals(items, budget)
    assert totals.weekly_total == sum(item_weekly_cost(i) for i in items)
    assert totals.one_off_total == sum(item_one_off_cost(i) for i in items)
    assert two_places(totals.weekly_total) and two_places(totals.one_off_total)
    if budget is None:
        assert totals.weekly_headroom is None
    else:
        assert totals.weekly_headroom == budget - totals.weekly_total
        assert two_places(totals.weekly_headroom)
        assert totals.over_budget is (totals.weekly_total > budget)
