"""Capital, tariff income and the full-cost threshold (REFERENCE §3.3), at the boundaries."""

from decimal import Decimal as D

import pytest

from firstperson.charging.rules.charging import CapitalItem, CapitalType, Outcome, calculate, tariff_income_weekly

from .examples import figures, mrs_a


def with_savings(amount, **changes):
    return mrs_a(capital=(CapitalItem(CapitalType.SAVINGS, D(amount)),), **changes)


# capital, tariff a week (None: full-cost payer) under the shipped "full cost above" policy,
# then under the "full cost at or above" setting.
BOUNDARIES = [
    ("0.00", "0.00", "0.00"),
    ("14250.00", "0.00", "0.00"),
    ("14250.01", "1.00", "1.00"),
    ("14500.00", "1.00", "1.00"),
    ("14500.01", "2.00", "2.00"),
    ("18250.00", "16.00", "16.00"),
    ("18300.00", "17.00", "17.00"),
    ("23249.99", "36.00", "36.00"),
    ("23250.00", "36.00", None),
    ("23250.01", None, None),
    ("1000000.00", None, None),
]


@pytest.mark.parametrize(("capital", "tariff", "tariff_at_or_above"), BOUNDARIES)
@pytest.mark.parametrize("at_or_above", [False, True], ids=["full cost above", "full cost at or above"])
def test_tariff_and_full_cost_at_the_boundaries(capital, tariff, tariff_at_or_above, at_or_above):
    expected = tariff_at_or_above if at_or_above else tariff
    result = calculate(with_savings(capital), figures(full_cost_at_upper_limit=at_or_above))
    if expected is None:
        assert result.outcome == Outcome.FULL_COST and result.full_cost_payer
        assert result.weekly_contribution == D("336.00")
        assert result.council_pays_weekly == D("0.00")
        limit = "at or above" if at_or_above else "above"
        assert any(f"is {limit} the upper limit of £23,250.00" in line.description for line in result.lines)
    else:
        assert result.outcome == Outcome.ASSESSED and not result.full_cost_payer
        assert result.tariff_income == D(expected)
        # Mrs A with no savings is assessed at 83.55; the tariff adds pound for pound.
        assert result.weekly_contribution == D("83.55") + D(expected)


@pytest.mark.parametrize(("capital", "tariff", "_"), [row for row in BOUNDARIES if row[1] is not None])
def test_tariff_function_alone(capital, tariff, _):
    assert tariff_income_weekly(D(capital), figures()) == D(tariff)


def test_the_main_home_is_not_counted_and_joint_capital_counts_at_the_share():
    data = mrs_a(
        capital=(
            CapitalItem(CapitalType.MAIN_HOME, D("500000.00")),
            CapitalItem(CapitalType.SAVINGS, D("20000.00"), share=D("0.5")),
            CapitalItem(CapitalType.INVESTMENTS, D("4300.00")),
        )
    )
    result = calculate(data, figures())
    assert result.capital == D("14300.00")
    assert result.tariff_income == D("1.00")
    assert any("your share: £10,000.00 of £20,000.00" in line.description for line in result.lines)


def test_higher_local_capital_limits_move_both_thresholds():
    policy = figures(lower_capital_limit=D("17000.00"), upper_capital_limit=D("30000.00"))
    assert calculate(with_savings("17000.00"), policy).tariff_income == D("0.00")
    assert calculate(with_savings("17000.01"), policy).tariff_income == D("1.00")
    assert calculate(with_savings("30000.00"), policy).tariff_income == D("52.00")
    assert calculate(with_savings("30000.01"), policy).full_cost_payer


def test_a_local_limit_below_the_statutory_one_is_never_used():
    policy = figures(lower_capital_limit=D("10000.00"), upper_capital_limit=D("20000.00"))
    assert calculate(with_savings("14250.00"), policy).tariff_income == D("0.00")
    assert calculate(with_savings("23250.00"), policy).tariff_income == D("36.00")
