"""A small caseload for the uprating tests: completed financial assessments with a current
calculation under the shipped 2025-26 figures, and a made-up 2026-27 set to uprate them to."""

import datetime
from dataclasses import replace
from decimal import Decimal as D

import firstperson.charging.uprating_jobs  # noqa: F401  registers "charging.uprate" (also done by apps.py)
from firstperson.charging.models import (
    AssessmentStatus,
    CapitalHolding,
    Contribution,
    ContributionReason,
    FinancialAssessment,
    IncomeSource,
    ParameterStatus,
)
from firstperson.charging.rules.reference_2025_26 import FIGURE_SOURCES, parameters_2025_26
from firstperson.charging.services import calculations, parameters

ASSESSED_ON = datetime.date(2025, 10, 1)
APRIL_2026 = datetime.date(2026, 4, 1)


def made_up_2026_27():
    """2025-26 with working-age MIG amounts up 7% and the pension-age amount £241.45 (REFERENCE §3.5)."""
    shipped = parameters_2025_26()
    mig = replace(
        shipped.mig,
        single_25_to_pension_age=D("120.40"),
        single_pension_age=D("241.45"),
        disability_premium_single=D("53.15"),
        enhanced_disability_premium_single=D("25.95"),
    )
    return replace(shipped, version="2026-27 v1", year_start=APRIL_2026, mig=mig)


def publish_2026_27(user=None, status=ParameterStatus.PUBLISHED):
    return parameters.create_parameter_set(made_up_2026_27(), sources=FIGURE_SOURCES, status=status, user=user)


def completed_assessment(
    person,
    officer,
    *,
    income=(),
    capital=(),
    housing=D("0.00"),
    dre=None,
    cost=D("300.00"),
    premiums=(),
    kind="full",
    contribution=True,
):
    """A completed assessment worked out on 1 October 2025, with its contribution from that day."""
    assessment = FinancialAssessment.objects.create(
        person=person,
        status=AssessmentStatus.COMPLETED,
        started_via="officer",
        started_by=officer,
        kind=kind,
        housing_costs_amount=housing,
        dre_itemised=dre is not None,
        dre_weekly=dre,
        weekly_cost_of_care=cost,
        disability_premium="disability" in premiums,
        enhanced_disability_premium="enhanced" in premiums,
    )
    for code, amount in income:
        IncomeSource.objects.create(assessment=assessment, code=code, amount=D(amount), period="weekly")
    for kind_, value in capital:
        CapitalHolding.objects.create(assessment=assessment, type=kind_, value=D(value))
    calculation = calculations.calculate_for_assessment(assessment, as_at=ASSESSED_ON, user=officer)
    if contribution:
        Contribution.objects.create(
            person=person,
            calculation=calculation,
            weekly_amount=calculation.weekly_contribution,
            effective_from=ASSESSED_ON,
            reason=ContributionReason.ASSESSMENT,
        )
    return assessment, calculation


def mr_b(make_person, officer, **details):
    """REFERENCE §3.10: 30, single, ESA support group, PIP enhanced both parts, £5 housing, £21 DRE."""
    person = make_person(date_of_birth=details.pop("date_of_birth", datetime.date(1995, 6, 1)), **details)
    return completed_assessment(
        person,
        officer,
        income=[("esa", "140.55"), ("pip_daily_living_enhanced", "110.40"), ("pip_mobility_enhanced", "77.05")],
        capital=[("savings", "3000.00")],
        housing=D("5.00"),
        dre=D("21.00"),
        cost=D("540.00"),
        premiums=("disability", "enhanced"),
    )


def mrs_a(make_person, officer):
    """REFERENCE §3.11: 70, single owner-occupier, savings £18,300, AA higher, £28 council tax."""
    person = make_person(date_of_birth=datetime.date(1955, 3, 2))
    return completed_assessment(
        person,
        officer,
        income=[
            ("state_pension", "230.25"),
            ("occupational_pension", "60.00"),
            ("attendance_allowance_higher", "110.40"),
        ],
        capital=[("main_home", "245000.00"), ("savings", "18300.00")],
        housing=D("28.00"),
        cost=D("336.00"),
    )
