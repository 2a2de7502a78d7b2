"""The Minimum Income Guarantee for every household, age band, premium and children combination
(REFERENCE §3.5, 2025-26 figures)."""

import itertools
from decimal import Decimal as D

import pytest

from firstperson.charging.rules.charging import Household, Person, minimum_income_guarantee

from .examples import figures

# Written out from REFERENCE §3.5, not read from the shipped table, so a wrong figure there fails here.
BASE = {
    (Household.SINGLE, "18-24"): "89.15",
    (Household.SINGLE, "25-pension"): "112.50",
    (Household.SINGLE, "pension"): "232.60",
    (Household.LONE_PARENT, "18-24"): "112.50",
    (Household.LONE_PARENT, "25-pension"): "112.50",
    (Household.LONE_PARENT, "pension"): "232.60",
    (Household.COUPLE, "18-24"): "88.50",
    (Household.COUPLE, "25-pension"): "88.50",
    (Household.COUPLE, "pension"): "177.65",
}
AGES = {18: "18-24", 24: "18-24", 25: "25-pension", 65: "25-pension", 66: "pension", 90: "pension"}
DISABILITY = {Household.SINGLE: "49.65", Household.LONE_PARENT: "49.65", Household.COUPLE: "35.40"}
ENHANCED = {Household.SINGLE: "24.25", Household.LONE_PARENT: "24.25", Household.COUPLE: "24.25"}
CARER = "53.25"
PER_CHILD = "102.95"

COMBINATIONS = list(
    itertools.product(list(Household), sorted(AGES), [False, True], [False, True], [False, True], [0, 1, 3])
)


@pytest.mark.parametrize(("household", "age", "disability", "enhanced", "carer", "children"), COMBINATIONS)
def test_mig_for_every_combination(household, age, disability, enhanced, carer, children):
    person = Person(
        age=age,
        household=household,
        disability_premium=disability,
        enhanced_disability_premium=enhanced,
        carer_premium=carer,
        dependent_children=children,
    )
    # The disability premiums are for people under Pension Credit age (REFERENCE §3.5); at that age
    # a note line says they are not added.
    working_age = AGES[age] != "pension"
    expected = D(BASE[(household, AGES[age])])
    expected += D(DISABILITY[household]) if disability and working_age else 0
    expected += D(ENHANCED[household]) if enhanced and working_age else 0
    expected += D(CARER) if carer else 0
    expected += D(PER_CHILD) * children
    total, parts = minimum_income_guarantee(person, figures())
    assert total == expected
    assert sum(part.amount for part in parts) == expected
    premium_lines = (disability + enhanced) if working_age else int(disability or enhanced)
    assert len(parts) == 1 + premium_lines + carer + (children > 0)


def test_the_pension_credit_age_is_a_parameter_not_a_constant():
    later = figures().__class__(**{**figures().__dict__, "pension_credit_qualifying_age": 67})
    assert minimum_income_guarantee(Person(age=66), later)[0] == D("112.50")
    assert minimum_income_guarantee(Person(age=67), later)[0] == D("232.60")


def test_the_parts_are_named_for_the_letter():
    person = Person(age=40, household=Household.COUPLE, carer_premium=True, dependent_children=2)
    _, parts = minimum_income_guarantee(person, figures())
    assert [part.description for part in parts] == [
        "Basic amount (member of a couple, under Pension Credit age)",
        "Carer premium",
        "For 2 dependent children",
    ]
