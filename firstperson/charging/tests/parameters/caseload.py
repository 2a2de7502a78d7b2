"""A small caseload for the modelling tests: Mr B (§3.10) and Mrs A (§3.11), each with a completed
financial assessment and a current calculation under the shipped 2025-26 figures."""

import datetime
from decimal import Decimal as D

from firstperson.charging.models import AssessmentStatus, CapitalHolding, FinancialAssessment, IncomeSource
from firstperson.charging.services import calculations

ASSESSED_ON = datetime.date(2025, 10, 1)


def assessment(person, officer, *, income, capital=(), housing="0", dre=None, cost="300.00", premiums=False):
    record = FinancialAssessment.objects.create(
        person=person,
        status=AssessmentStatus.COMPLETED,
        started_via="officer",
        started_by=officer,
        housing_costs_amount=D(housing),
        dre_itemised=dre is not None,
        dre_weekly=None if dre is None else D(dre),
        weekly_cost_of_care=D(cost),
        disability_premium=premiums,
        enhanced_disability_premium=premiums,
    )
    IncomeSource.objects.bulk_create(
        IncomeSource(assessment=record, code=code, amount=D(amount), period="weekly") for code, amount in income
    )
    CapitalHolding.objects.bulk_create(
        CapitalHolding(assessment=record, type=kind, value=D(value)) for kind, value in capital
    )
    return calculations.calculate_for_assessment(record, as_at=ASSESSED_ON, user=officer)


def mr_b_and_mrs_a(make_person, officer):
    mr_b = make_person(legal_given_name="Bilal", legal_family_name="Baxter", date_of_birth=datetime.date(1995, 5, 1))
    mrs_a = make_person(legal_given_name="Ada", legal_family_name="Ashworth", date_of_birth=datetime.date(1955, 3, 2))
    b = assessment(
        mr_b,
        officer,
        income=[("esa", "140.55"), ("pip_daily_living_enhanced", "110.40"), ("pip_mobility_enhanced", "77.05")],
        capital=[("savings", "3000.00")],
        housing="5.00",
        dre="21.00",
        cost="540.00",
        premiums=True,
    )
    a = assessment(
        mrs_a,
        officer,
        income=[
            ("state_pension", "230.25"),
            ("occupational_pension", "60.00"),
            ("attendance_allowance_higher", "110.40"),
        ],
        capital=[("main_home", "245000.00"), ("savings", "18300.00")],
        housing="28.00",
        cost="336.00",
    )
    assert (b.weekly_contribution, a.weekly_contribution) == (D("38.55"), D("100.55"))
    return b, a
