"""Properties of the charging rule that hold for any person, any money and any local policy."""

from dataclasses import replace
from decimal import Decimal as D

from hypothesis import example, given
from hypothesis import strategies as st

from firstperson.charging.rules.charging import (
    FREE_SERVICES,
    AssessmentKind,
    CapitalItem,
    CapitalType,
    ChargingInput,
    Household,
    IncomeItem,
    IncomePeriod,
    Person,
    Service,
    calculate,
)
from firstperson.charging.rules.reference_2025_26 import parameters_2025_26

from .examples import mrs_a

SHIPPED = parameters_2025_26()
RULES = SHIPPED.income_rules
DISREGARDED_CODES = sorted(code for code, rule in RULES.items() if rule.treatment == "disregarded")
#: Counted income without a night element or partial disregard: each extra penny counts.
PLAIN_COUNTED = sorted(
    code for code, rule in RULES.items() if rule.treatment == "counted" and not rule.night_element_switch
)
CHARGED_SERVICES = sorted(set(Service) - set(FREE_SERVICES))


def pennies(low="0", high="2000"):
    return st.decimals(min_value=D(low), max_value=D(high), places=2, allow_nan=False, allow_infinity=False)


people = st.builds(
    Person,
    age=st.integers(18, 105),
    household=st.sampled_from(list(Household)),
    disability_premium=st.booleans(),
    enhanced_disability_premium=st.booleans(),
    carer_premium=st.booleans(),
    dependent_children=st.integers(0, 4),
)
capital_items = st.builds(
    CapitalItem,
    type=st.sampled_from(list(CapitalType)),
    value=pennies("0", "40000"),
    share=st.sampled_from([D(1), D("0.5"), D("0.25"), D("0.3333")]),
)
income_items = st.builds(
    IncomeItem,
    code=st.sampled_from(sorted(RULES)),
    amount=pennies("0", "1500"),
    period=st.sampled_from(list(IncomePeriod)),
)
inputs = st.builds(
    ChargingInput,
    person=people,
    weekly_cost_of_care=pennies("0", "2500"),
    service=st.sampled_from(CHARGED_SERVICES),
    capital=st.lists(capital_items, max_size=4).map(tuple),
    income=st.lists(income_items, max_size=6).map(tuple),
    housing_costs_weekly=pennies("0", "300"),
    dre_weekly=st.none() | pennies("0", "150"),
    night_care_arranged=st.booleans(),
    kind=st.sampled_from(list(AssessmentKind)),
)
#: A full financial assessment: the light-touch and declined kinds give a fixed answer (the full cost,
#: or nothing) whatever the money, so a "never falls" property over them would test nothing.
full_inputs = inputs.map(lambda data: replace(data, kind=AssessmentKind.FULL))
policies = st.fixed_dictionaries(
    {
        "standard_dre_weekly": pennies("0", "60"),
        "minimum_charge_weekly": st.none() | pennies("0", "10"),
        "maximum_charge_weekly": st.none() | pennies("0", "1500"),
        "disregard_night_element_attendance_allowance": st.booleans(),
        "disregard_night_element_dla_care": st.booleans(),
        "disregard_night_element_pip_daily_living": st.booleans(),
        "lower_capital_limit": st.none() | pennies("14250", "20000"),
        "upper_capital_limit": st.none() | pennies("23250", "30000"),
        "full_cost_at_upper_limit": st.booleans(),
    }
)


def parameters(policy):
    return SHIPPED.with_policy(**policy)


@given(inputs, policies)
@example(mrs_a(), {})
def test_contribution_is_never_negative_nor_above_the_cost_or_the_maximum(data, policy):
    result = calculate(data, parameters(policy))
    assert result.weekly_contribution >= 0
    assert result.weekly_contribution <= result.weekly_cost_of_care
    if policy.get("maximum_charge_weekly") is not None:
        assert result.weekly_contribution <= policy["maximum_charge_weekly"]
    assert result.weekly_contribution == result.weekly_contribution.quantize(D("0.01"))
    assert result.council_pays_weekly == result.weekly_cost_of_care - result.weekly_contribution


@given(
    full_inputs, policies, st.sampled_from(PLAIN_COUNTED), pennies("0.01", "500"), st.sampled_from(list(IncomePeriod))
)
def test_more_counted_income_never_lowers_the_contribution(data, policy, code, extra, period):
    figures = parameters(policy)
    more = replace(data, income=(*data.income, IncomeItem(code, extra, period)))
    assert calculate(more, figures).weekly_contribution >= calculate(data, figures).weekly_contribution


@given(full_inputs, policies, st.integers(0, 5), pennies("0.01", "500"))
def test_raising_an_existing_income_never_lowers_the_contribution(data, policy, index, extra):
    if not data.income:
        return
    index %= len(data.income)
    items = list(data.income)
    items[index] = replace(items[index], amount=items[index].amount + extra)
    figures = parameters(policy)
    assert calculate(replace(data, income=tuple(items)), figures).weekly_contribution >= (
        calculate(data, figures).weekly_contribution
    )


@given(full_inputs, policies, pennies("0", "23250"), pennies("0.01", "9000"))
def test_more_capital_never_lowers_the_contribution(data, policy, savings, extra):
    figures = parameters(policy)
    upper = figures.effective_upper_capital_limit
    savings = min(savings, upper)
    higher = min(savings + extra, upper)
    base = replace(data, capital=(CapitalItem(CapitalType.SAVINGS, savings),))
    more = replace(data, capital=(CapitalItem(CapitalType.SAVINGS, higher),))
    assert calculate(more, figures).weekly_contribution >= calculate(base, figures).weekly_contribution


@given(
    full_inputs, policies, st.sampled_from(DISREGARDED_CODES), pennies("0", "2000"), st.sampled_from(list(IncomePeriod))
)
def test_a_disregarded_income_never_changes_the_contribution(data, policy, code, amount, period):
    figures = parameters(policy)
    more = replace(data, income=(*data.income, IncomeItem(code, amount, period)))
    before, after = calculate(data, figures), calculate(more, figures)
    assert after.weekly_contribution == before.weekly_contribution
    assert after.assessable_income == before.assessable_income


@given(inputs, policies, st.sampled_from(sorted(FREE_SERVICES)))
def test_a_free_service_always_gives_zero(data, policy, service):
    result = calculate(replace(data, service=service), parameters(policy))
    assert result.weekly_contribution == 0
    assert result.council_pays_weekly == result.weekly_cost_of_care


@given(inputs, policies)
def test_the_result_line_is_the_contribution(data, policy):
    result = calculate(data, parameters(policy))
    results = [line for line in result.lines if line.kind == "result"]
    assert results and results[-1].amount == result.weekly_contribution
