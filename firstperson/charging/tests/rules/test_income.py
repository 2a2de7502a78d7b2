"""Each of the 29 income codes of issue 5 and its treatment (REFERENCE §3.4), and the conversion
of every period to weekly, each item rounded half-up to the penny (§3.7 step 2)."""

from decimal import Decimal as D

import pytest

from firstperson.charging.rules.charging import (
    ChargingInputError,
    Household,
    IncomeItem,
    IncomePeriod,
    Person,
    Treatment,
    calculate,
    weekly,
)
from firstperson.charging.rules.reference_2025_26 import INCOME_TYPES

from .examples import figures, mrs_a

COUNTED = {
    "state_pension", "occupational_pension", "private_pension", "pension_credit_guarantee", "esa",
    "universal_credit", "income_support", "jsa", "carers_allowance", "attendance_allowance_higher",
    "attendance_allowance_lower", "dla_care_highest", "dla_care_middle", "dla_care_lowest",
    "pip_daily_living_enhanced", "pip_daily_living_standard", "other_counted",
}  # fmt: skip
DISREGARDED = {
    "earnings", "dla_mobility_higher", "dla_mobility_lower", "pip_mobility_enhanced", "pip_mobility_standard",
    "war_pension", "armed_forces_gip", "child_benefit", "child_tax_credit", "housing_benefit", "other_disregarded",
}  # fmt: skip
#: code -> (weekly amount not counted for a single person, for a member of a couple)
PARTLY_DISREGARDED = {"pension_credit_savings": (D("6.95"), D("10.40"))}
#: code -> the council switch that disregards its night element
NIGHT_ELEMENT = {
    "attendance_allowance_higher": "disregard_night_element_attendance_allowance",
    "dla_care_highest": "disregard_night_element_dla_care",
    "pip_daily_living_enhanced": "disregard_night_element_pip_daily_living",
}
ALL_CODES = COUNTED | DISREGARDED | set(PARTLY_DISREGARDED)
NO_SWITCHES = dict.fromkeys(NIGHT_ELEMENT.values(), False)


def test_there_are_29_codes_and_the_shipped_table_has_exactly_them():
    assert len(ALL_CODES) == 29
    assert set(INCOME_TYPES) == ALL_CODES
    assert set(figures().income_rules) == ALL_CODES


def counted_extra(code, amount="100.00", household=Household.SINGLE, night_care=False, **policy):
    """How much adding `amount` a week of `code` raises Mrs A's counted income."""
    person = Person(age=70, household=household)
    base = mrs_a(person=person, night_care_arranged=night_care)
    more = mrs_a(person=person, night_care_arranged=night_care, income=(*base.income, IncomeItem(code, D(amount))))
    parameters = figures(**policy)
    return calculate(more, parameters).assessable_income - calculate(base, parameters).assessable_income


@pytest.mark.parametrize("code", sorted(COUNTED))
def test_counted_income_counts_in_full_when_no_night_element_applies(code):
    assert figures().income_rules[code].treatment == Treatment.COUNTED
    assert counted_extra(code, **NO_SWITCHES) == D("100.00")
    assert counted_extra(code, night_care=True) == D("100.00")


@pytest.mark.parametrize("code", sorted(DISREGARDED))
@pytest.mark.parametrize("household", list(Household))
def test_disregarded_income_is_not_counted_and_says_so(code, household):
    assert figures().income_rules[code].treatment == Treatment.DISREGARDED
    assert counted_extra(code, household=household) == D("0.00")
    data = mrs_a(income=(IncomeItem(code, D("100.00")),))
    assert any(line.description.endswith(": not counted") for line in calculate(data, figures()).lines)


@pytest.mark.parametrize(
    ("household", "amount", "counted"),
    [
        (Household.SINGLE, "100.00", "93.05"),
        (Household.LONE_PARENT, "100.00", "93.05"),
        (Household.COUPLE, "100.00", "89.60"),
        (Household.SINGLE, "5.00", "0.00"),
        (Household.COUPLE, "10.40", "0.00"),
        (Household.COUPLE, "10.41", "0.01"),
    ],
)
def test_savings_credit_is_disregarded_up_to_the_single_or_couple_amount(household, amount, counted):
    single, couple = PARTLY_DISREGARDED["pension_credit_savings"]
    rule = figures().income_rules["pension_credit_savings"]
    assert rule.treatment == Treatment.PARTLY_DISREGARDED
    assert (rule.disregard_weekly_single, rule.disregard_weekly_couple) == (single, couple)
    assert counted_extra("pension_credit_savings", amount, household=household) == D(counted)


SHIPPED_SWITCHES = {
    "disregard_night_element_attendance_allowance": True,
    "disregard_night_element_dla_care": True,
    "disregard_night_element_pip_daily_living": False,
}


@pytest.mark.parametrize("code", sorted(NIGHT_ELEMENT))
@pytest.mark.parametrize("switch_on", [True, False])
@pytest.mark.parametrize("night_care", [False, True])
def test_night_element_switches(code, switch_on, night_care):
    switch = NIGHT_ELEMENT[code]
    assert figures().income_rules[code].night_element_switch == switch
    counted = counted_extra(code, "110.40", night_care=night_care, **{switch: switch_on})
    assert counted == (D("73.90") if switch_on and not night_care else D("110.40"))


@pytest.mark.parametrize("code", sorted(NIGHT_ELEMENT))
def test_shipped_switches_are_aa_and_dla_on_pip_off(code):
    shipped_on = SHIPPED_SWITCHES[NIGHT_ELEMENT[code]]
    assert getattr(figures().policy, NIGHT_ELEMENT[code]) is shipped_on
    assert counted_extra(code, "110.40") == (D("73.90") if shipped_on else D("110.40"))


def test_one_switch_touches_only_its_own_benefit():
    only_pip = {**NO_SWITCHES, "disregard_night_element_pip_daily_living": True}
    assert counted_extra("attendance_allowance_higher", "110.40", **only_pip) == D("110.40")
    assert counted_extra("dla_care_highest", "110.40", **only_pip) == D("110.40")
    assert counted_extra("pip_daily_living_enhanced", "110.40", **only_pip) == D("73.90")


def test_a_night_element_larger_than_the_amount_leaves_nothing_counted_never_less():
    assert counted_extra("attendance_allowance_higher", "20.00") == D("0.00")


def test_an_unknown_income_code_is_refused_in_plain_english():
    with pytest.raises(ChargingInputError, match="'lottery' is not a kind of income these rules know"):
        calculate(mrs_a(income=(IncomeItem("lottery", D("1.00")),)), figures())


# amount, period, weekly: monthly x 12 / 52, four-weekly / 4, fortnightly / 2, annual / 52, half-up.
PERIODS = [
    ("100.00", IncomePeriod.WEEKLY, "100.00"),
    ("0.005", IncomePeriod.WEEKLY, "0.01"),
    ("1000.00", IncomePeriod.MONTHLY, "230.77"),
    ("1.30", IncomePeriod.MONTHLY, "0.30"),
    ("997.75", IncomePeriod.MONTHLY, "230.25"),
    ("433.33", IncomePeriod.MONTHLY, "100.00"),
    ("921.00", IncomePeriod.FOUR_WEEKLY, "230.25"),
    ("0.10", IncomePeriod.FOUR_WEEKLY, "0.03"),
    ("0.02", IncomePeriod.FOUR_WEEKLY, "0.01"),
    ("460.50", IncomePeriod.FORTNIGHTLY, "230.25"),
    ("0.01", IncomePeriod.FORTNIGHTLY, "0.01"),
    ("0.03", IncomePeriod.FORTNIGHTLY, "0.02"),
    ("11973.00", IncomePeriod.ANNUAL, "230.25"),
    ("0.26", IncomePeriod.ANNUAL, "0.01"),
    ("0.25", IncomePeriod.ANNUAL, "0.00"),
    ("1000.00", IncomePeriod.ANNUAL, "19.23"),
]


@pytest.mark.parametrize(("amount", "period", "expected"), PERIODS)
def test_period_conversion_rounds_half_up_to_the_penny(amount, period, expected):
    assert weekly(D(amount), period) == D(expected)


def test_each_item_is_rounded_before_adding():
    # Two items of 10p every four weeks are 2.5p a week each: 3p each after rounding, 6p together.
    base = mrs_a(income=())
    two = mrs_a(income=(IncomeItem("other_counted", D("0.10"), "four_weekly"),) * 2)
    difference = calculate(two, figures()).assessable_income - calculate(base, figures()).assessable_income
    assert difference == D("0.06")


def test_a_line_shows_the_amount_as_given_and_as_weekly():
    data = mrs_a(income=(IncomeItem("occupational_pension", D("1000.00"), IncomePeriod.MONTHLY),))
    lines = [line for line in calculate(data, figures()).lines if line.description.startswith("Pension from")]
    assert lines[0].description == "Pension from a former employer, £1,000.00 a month (£230.77 a week)"
    assert lines[0].amount == D("230.77")
