"""The worked examples of REFERENCE §3.10 and §3.11 as rule inputs, shared by the rule tests."""

from dataclasses import replace
from decimal import Decimal as D

from firstperson.charging.rules.charging import (
    CapitalItem,
    CapitalType,
    ChargingInput,
    ChargingParameters,
    Household,
    IncomeItem,
    Person,
)
from firstperson.charging.rules.reference_2025_26 import parameters_2025_26


def figures(**policy) -> ChargingParameters:
    """The shipped 2025-26 figures, optionally under a changed local policy."""
    shipped = parameters_2025_26()
    return shipped.with_policy(**policy) if policy else shipped


def mr_b(**changes) -> ChargingInput:
    """§3.10: Mr B, 30, single, council tenant, savings £3,000, ESA support group, PIP enhanced both parts."""
    data = ChargingInput(
        person=Person(age=30, household=Household.SINGLE, disability_premium=True, enhanced_disability_premium=True),
        weekly_cost_of_care=D("540.00"),
        capital=(CapitalItem(CapitalType.SAVINGS, D("3000.00")),),
        income=(
            IncomeItem("esa", D("140.55")),
            IncomeItem("pip_daily_living_enhanced", D("110.40")),
            IncomeItem("pip_mobility_enhanced", D("77.05")),
        ),
        housing_costs_weekly=D("5.00"),
        dre_weekly=D("21.00"),
    )
    return replace(data, **changes)


def mrs_a(**changes) -> ChargingInput:
    """§3.11: Mrs A, 70, single owner-occupier, savings £18,300, AA higher, no night care, standard DRE."""
    data = ChargingInput(
        person=Person(age=70, household=Household.SINGLE),
        weekly_cost_of_care=D("336.00"),
        capital=(
            CapitalItem(CapitalType.MAIN_HOME, D("245000.00")),
            CapitalItem(CapitalType.SAVINGS, D("18300.00")),
        ),
        income=(
            IncomeItem("state_pension", D("230.25")),
            IncomeItem("occupational_pension", D("60.00")),
            IncomeItem("attendance_allowance_higher", D("110.40")),
        ),
        housing_costs_weekly=D("28.00"),
        dre_weekly=None,
        night_care_arranged=False,
    )
    return replace(data, **changes)
