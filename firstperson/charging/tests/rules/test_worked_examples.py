"""REFERENCE §3.10, §3.11 and §3.11a to the penny, with and without the night-element disregard."""

from decimal import Decimal as D

import pytest

from firstperson.charging.rules.charging import Outcome, calculate

from .examples import figures, mr_b, mrs_a

# name, input, policy, assessable income, MIG, housing, DRE, tariff, assessed charge, contribution, council pays
CASES = [
    # §3.10: the shipped policy leaves PIP's night element counted.
    ("3.10 Mr B, shipped policy", mr_b(), {}, "250.95", "186.40", "5.00", "21.00", "0.00", "38.55", "38.55", "501.45"),
    # §3.11a: a Knowsley/Coventry-style policy also disregards PIP's night element.
    (
        "3.11a Mr B, PIP night element disregarded",
        mr_b(),
        {"disregard_night_element_pip_daily_living": True},
        "214.45", "186.40", "5.00", "21.00", "0.00", "2.05", "2.05", "537.95",
    ),
    # ...unless the council arranges night care.
    (
        "3.11a Mr B, PIP switch on but night care arranged",
        mr_b(night_care_arranged=True),
        {"disregard_night_element_pip_daily_living": True},
        "250.95", "186.40", "5.00", "21.00", "0.00", "38.55", "38.55", "501.45",
    ),
    ("3.11 Mrs A, shipped policy", mrs_a(), {}, "381.15", "232.60", "28.00", "20.00", "17.00", "100.55", "100.55", "235.45"),
    (
        "3.11 Mrs A, without the night-element disregard",
        mrs_a(),
        {"disregard_night_element_attendance_allowance": False},
        "417.65", "232.60", "28.00", "20.00", "17.00", "137.05", "137.05", "198.95",
    ),
    (
        "3.11 Mrs A, night care arranged",
        mrs_a(night_care_arranged=True),
        {},
        "417.65", "232.60", "28.00", "20.00", "17.00", "137.05", "137.05", "198.95",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "policy", "income", "mig", "housing", "dre", "tariff", "assessed", "pays", "council"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_worked_examples_to_the_penny(data, policy, income, mig, housing, dre, tariff, assessed, pays, council):
    result = calculate(data, figures(**policy))
    assert result.outcome == Outcome.ASSESSED
    assert not result.full_cost_payer
    assert (
        result.assessable_income, result.mig, result.housing_costs, result.dre, result.tariff_income,
        result.assessed_charge, result.weekly_contribution, result.council_pays_weekly,
    ) == (D(income), D(mig), D(housing), D(dre), D(tariff), D(assessed), D(pays), D(council))  # fmt: skip


def test_mrs_a_lines_explain_every_step_in_order():
    lines = calculate(mrs_a(), figures()).lines
    described = [(line.description, line.amount) for line in lines]
    assert described[0] == ("Your home: not counted while you get care at home", D("0.00"))
    assert ("Savings", D("18300.00")) in described
    assert ("Capital we count", D("18300.00")) in described
    amounts = [amount for _, amount in described]
    # Tariff, the three incomes, the total; then the allowances as negatives; then the result.
    order = [D("17.00"), D("230.25"), D("60.00"), D("73.90"), D("381.15"), D("-232.60"), D("-28.00"), D("-20.00")]
    positions = [amounts.index(amount) for amount in order]
    assert positions == sorted(positions)
    attendance = next(text for text, _ in described if text.startswith("Attendance Allowance"))
    assert "the night part, £36.50, is not counted" in attendance
    assert described[-2] == ("You pay each week (the smaller of the two)", D("100.55"))
    assert described[-1] == ("The council pays each week", D("235.45"))


def test_mr_b_mig_is_the_sum_of_its_verified_parts():
    lines = [line for line in calculate(mr_b(), figures()).lines if line.kind == "allowance"]
    assert [line.amount for line in lines] == [D("-112.50"), D("-49.65"), D("-24.25"), D("-5.00"), D("-21.00")]


def test_mrs_a_ticking_the_disability_premiums_still_pays_the_same_at_pension_age():
    """Attendance Allowance is a pension-age benefit: the working-age premiums are never added to
    the pension-age basic amount, so ticking them online cannot lower her charge (REFERENCE §3.5)."""
    from dataclasses import replace

    from firstperson.charging.rules.reference_2025_26 import parameters_2025_26

    data = mrs_a()
    ticked = replace(data, person=replace(data.person, disability_premium=True, enhanced_disability_premium=True))
    assert calculate(ticked, parameters_2025_26()).weekly_contribution == D("100.55")
