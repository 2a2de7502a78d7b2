"""The 2025-26 charging figures FirstPerson ships, each with its source and how sure we are of it.

Figures and marks are from ../shared/domain/REFERENCE.md §3 (its marks: V verified against a
primary or council source, P probable, D derived by calculation, U unverified, I invented for an
example). Figures marked D or U are shown to finance administrators as "to confirm" until someone
checks them against the Local Authority Circular and confirms them. These are data to load once
into the database (see services/parameters.py), never constants the rule reads.
"""

from datetime import date
from decimal import Decimal as D

from .charging import ChargingParameters, IncomeRule, LocalPolicy, MinimumIncomeGuarantee, Treatment

VERIFIED, PROBABLE, DERIVED, UNVERIFIED = "V", "P", "D", "U"
NEEDS_CONFIRMING = frozenset({DERIVED, UNVERIFIED})

LAC = "Local Authority Circular on social care charging (DHSC)"

#: field -> (mark, source). Fields are ChargingParameters / MIG / LocalPolicy attribute names.
FIGURE_SOURCES: dict[str, tuple[str, str]] = {
    "lower_capital_limit": (VERIFIED, f"{LAC} 2024-25; unchanged for 2025-26 (REFERENCE §3.3)"),
    "upper_capital_limit": (VERIFIED, f"{LAC} 2024-25; unchanged since 2010-11 (REFERENCE §3.3)"),
    "tariff_step": (PROBABLE, "SI 2014/2672 reg. 25: £1 for every £250 or part of £250 (REFERENCE §3.3)"),
    "tariff_per_step_weekly": (VERIFIED, f"{LAC} 2024-25 (REFERENCE §3.3)"),
    "pension_credit_qualifying_age": (PROBABLE, "Equals State Pension age, 66 (Age UK factsheet 48)"),
    "night_element_weekly": (
        VERIFIED,
        "Attendance Allowance higher £110.40 less lower £73.90, gov.uk benefit rates 2025-26 (REFERENCE §3.4)",
    ),
    "mig.single_18_to_24": (VERIFIED, "ruils.co.uk 2025-26 MIG rates (REFERENCE §3.5)"),
    "mig.single_25_to_pension_age": (VERIFIED, "ruils.co.uk 2025-26 MIG rates (REFERENCE §3.5)"),
    "mig.single_pension_age": (PROBABLE, "DHSC figure quoted in 2026 news; agrees with 2023 SI x 1.067 x 1.017"),
    "mig.lone_parent": (DERIVED, "Same as single 25+ in SI 2023/277 (REFERENCE §3.5)"),
    "mig.couple_working_age": (UNVERIFIED, "Chained upratings from the 2015 regulation values (REFERENCE §3.5)"),
    "mig.couple_pension_age": (UNVERIFIED, "Chained upratings from the 2015 regulation values (REFERENCE §3.5)"),
    "mig.disability_premium_single": (VERIFIED, "ruils.co.uk 2025-26 MIG rates (REFERENCE §3.5)"),
    "mig.disability_premium_couple": (UNVERIFIED, "Chained upratings (REFERENCE §3.5)"),
    "mig.enhanced_disability_premium_single": (VERIFIED, "ruils.co.uk 2025-26 MIG rates (REFERENCE §3.5)"),
    "mig.enhanced_disability_premium_couple": (
        UNVERIFIED,
        "No couple figure found: the single amount is used until confirmed from the circular",
    ),
    "mig.carer_premium": (DERIVED, "Reading 2024-25 £52.35 x 1.017 (REFERENCE §3.5)"),
    "mig.per_dependent_child": (DERIVED, "Reading 2024-25 £101.25 x 1.017, to the nearest 5p (REFERENCE §3.5)"),
    "income.pension_credit_savings": (
        UNVERIFIED,
        "Savings credit disregard £6.95 single / £10.40 couple are the 2024-25 figures (REFERENCE §3.4)",
    ),
    "policy.standard_dre_weekly": (VERIFIED, "FirstPerson shipped default: £20.00 a week (issue 5)"),
    "policy.minimum_charge_weekly": (VERIFIED, "FirstPerson shipped default: no minimum charge (issue 5)"),
    "policy.maximum_charge_weekly": (VERIFIED, "FirstPerson shipped default: no maximum weekly charge (issue 5)"),
    "policy.night_element": (
        VERIFIED,
        "FirstPerson shipped default: night element disregarded for AA and DLA care, not PIP (REFERENCE §3.4)",
    ),
}

_C, _X, _P = Treatment.COUNTED, Treatment.DISREGARDED, Treatment.PARTLY_DISREGARDED

#: code -> (label, treatment, disregard single, disregard couple, night switch). REFERENCE §3.4.
INCOME_TYPES: dict[str, tuple[str, Treatment, D, D, str]] = {
    "earnings": ("Earnings from work", _X, D(0), D(0), ""),
    "state_pension": ("State Pension", _C, D(0), D(0), ""),
    "occupational_pension": ("Pension from a former employer", _C, D(0), D(0), ""),
    "private_pension": ("Private pension", _C, D(0), D(0), ""),
    "pension_credit_guarantee": ("Pension Credit (guarantee credit)", _C, D(0), D(0), ""),
    "pension_credit_savings": ("Pension Credit (savings credit)", _P, D("6.95"), D("10.40"), ""),
    "esa": ("Employment and Support Allowance", _C, D(0), D(0), ""),
    "universal_credit": ("Universal Credit", _C, D(0), D(0), ""),
    "income_support": ("Income Support", _C, D(0), D(0), ""),
    "jsa": ("Jobseeker's Allowance", _C, D(0), D(0), ""),
    "carers_allowance": ("Carer's Allowance", _C, D(0), D(0), ""),
    "attendance_allowance_higher": (
        "Attendance Allowance (higher rate)",
        _C,
        D(0),
        D(0),
        "disregard_night_element_attendance_allowance",
    ),
    "attendance_allowance_lower": ("Attendance Allowance (lower rate)", _C, D(0), D(0), ""),
    "dla_care_highest": (
        "Disability Living Allowance care (highest rate)",
        _C,
        D(0),
        D(0),
        "disregard_night_element_dla_care",
    ),
    "dla_care_middle": ("Disability Living Allowance care (middle rate)", _C, D(0), D(0), ""),
    "dla_care_lowest": ("Disability Living Allowance care (lowest rate)", _C, D(0), D(0), ""),
    "dla_mobility_higher": ("Disability Living Allowance mobility (higher rate)", _X, D(0), D(0), ""),
    "dla_mobility_lower": ("Disability Living Allowance mobility (lower rate)", _X, D(0), D(0), ""),
    "pip_daily_living_enhanced": (
        "Personal Independence Payment daily living (enhanced rate)",
        _C,
        D(0),
        D(0),
        "disregard_night_element_pip_daily_living",
    ),
    "pip_daily_living_standard": ("Personal Independence Payment daily living (standard rate)", _C, D(0), D(0), ""),
    "pip_mobility_enhanced": ("Personal Independence Payment mobility (enhanced rate)", _X, D(0), D(0), ""),
    "pip_mobility_standard": ("Personal Independence Payment mobility (standard rate)", _X, D(0), D(0), ""),
    "war_pension": ("War Pension", _X, D(0), D(0), ""),
    "armed_forces_gip": ("Armed Forces Guaranteed Income Payment", _X, D(0), D(0), ""),
    "child_benefit": ("Child Benefit", _X, D(0), D(0), ""),
    "child_tax_credit": ("Child Tax Credit", _X, D(0), D(0), ""),
    "housing_benefit": ("Housing Benefit (your housing costs are allowed for instead)", _X, D(0), D(0), ""),
    "other_counted": ("Other income we count", _C, D(0), D(0), ""),
    "other_disregarded": ("Other income we do not count", _X, D(0), D(0), ""),
}


def income_rules() -> dict[str, IncomeRule]:
    return {
        code: IncomeRule(code, label, treatment, single, couple, switch)
        for code, (label, treatment, single, couple, switch) in INCOME_TYPES.items()
    }


def parameters_2025_26(version: str = "2025-26 v1") -> ChargingParameters:
    return ChargingParameters(
        version=version,
        year_start=date(2025, 4, 1),
        lower_capital_limit=D("14250.00"),
        upper_capital_limit=D("23250.00"),
        tariff_step=D("250.00"),
        tariff_per_step_weekly=D("1.00"),
        pension_credit_qualifying_age=66,
        mig=MinimumIncomeGuarantee(
            single_18_to_24=D("89.15"),
            single_25_to_pension_age=D("112.50"),
            single_pension_age=D("232.60"),
            lone_parent=D("112.50"),
            couple_working_age=D("88.50"),
            couple_pension_age=D("177.65"),
            disability_premium_single=D("49.65"),
            disability_premium_couple=D("35.40"),
            enhanced_disability_premium_single=D("24.25"),
            enhanced_disability_premium_couple=D("24.25"),
            carer_premium=D("53.25"),
            per_dependent_child=D("102.95"),
        ),
        night_element_weekly=D("36.50"),
        income_rules=income_rules(),
        policy=LocalPolicy(),
    )
