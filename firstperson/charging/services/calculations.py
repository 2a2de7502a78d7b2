"""Run the charging rule for a financial assessment and keep the result with everything it used.

`inputs` on a calculation is the rule's input as plain JSON (exact decimal strings): reading it
back with `input_from_json` and the same parameter set gives the same figure, line for line.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..models import CalculationStatus, ChargingCalculation, ChargingParameterSet, FinancialAssessment
from ..rules import charging as rules
from . import parameters as parameter_service


def input_to_json(data: rules.ChargingInput, *, date_of_birth: datetime.date | None = None) -> dict:
    person = data.person
    person_snapshot: dict = {
        "age": person.age,
        "household": str(person.household),
        "disability_premium": person.disability_premium,
        "enhanced_disability_premium": person.enhanced_disability_premium,
        "carer_premium": person.carer_premium,
        "dependent_children": person.dependent_children,
    }
    if date_of_birth is not None:
        # Kept so that a later year's uprating can work out the age on its own 1 April.
        person_snapshot["date_of_birth"] = date_of_birth.isoformat()
    return {
        "person": person_snapshot,
        "weekly_cost_of_care": str(data.weekly_cost_of_care),
        "service": str(data.service),
        "capital": [{"type": str(c.type), "value": str(c.value), "share": str(c.share)} for c in data.capital],
        "income": [{"code": i.code, "amount": str(i.amount), "period": str(i.period)} for i in data.income],
        "housing_costs_weekly": str(data.housing_costs_weekly),
        "dre_weekly": None if data.dre_weekly is None else str(data.dre_weekly),
        "night_care_arranged": data.night_care_arranged,
        "kind": str(data.kind),
    }


def input_from_json(snapshot: dict, *, as_at: datetime.date | None = None) -> rules.ChargingInput:
    """The rule's input from a snapshot. With `as_at`, the age is worked out again on that day."""
    person = snapshot["person"]
    age = person["age"]
    if as_at is not None and person.get("date_of_birth"):
        age = rules.age_on(datetime.date.fromisoformat(person["date_of_birth"]), as_at)
    dre = snapshot.get("dre_weekly")
    return rules.ChargingInput(
        person=rules.Person(
            age=age,
            household=rules.Household(person["household"]),
            disability_premium=person["disability_premium"],
            enhanced_disability_premium=person["enhanced_disability_premium"],
            carer_premium=person["carer_premium"],
            dependent_children=person["dependent_children"],
        ),
        weekly_cost_of_care=Decimal(snapshot["weekly_cost_of_care"]),
        service=rules.Service(snapshot["service"]),
        capital=tuple(
            rules.CapitalItem(rules.CapitalType(c["type"]), Decimal(c["value"]), Decimal(c["share"]))
            for c in snapshot["capital"]
        ),
        income=tuple(
            rules.IncomeItem(i["code"], Decimal(i["amount"]), rules.IncomePeriod(i["period"]))
            for i in snapshot["income"]
        ),
        housing_costs_weekly=Decimal(snapshot["housing_costs_weekly"]),
        dre_weekly=None if dre is None else Decimal(dre),
        night_care_arranged=snapshot["night_care_arranged"],
        kind=rules.AssessmentKind(snapshot["kind"]),
    )


def input_from_assessment(assessment: FinancialAssessment, as_at: datetime.date) -> rules.ChargingInput:
    """The rule's input from what is recorded on an assessment (its capital and income rows too)."""
    person = assessment.person
    return rules.ChargingInput(
        person=rules.Person(
            age=rules.age_on(person.date_of_birth, as_at),
            household=rules.Household(assessment.household),
            disability_premium=assessment.disability_premium,
            enhanced_disability_premium=assessment.enhanced_disability_premium,
            carer_premium=assessment.carer_premium,
            dependent_children=assessment.dependent_children,
        ),
        weekly_cost_of_care=assessment.weekly_cost_of_care or Decimal("0.00"),
        service=rules.Service(assessment.service),
        capital=tuple(rules.CapitalItem(rules.CapitalType(c.type), c.value, c.share) for c in assessment.capital.all()),
        income=tuple(rules.IncomeItem(i.code, i.amount, rules.IncomePeriod(i.period)) for i in assessment.income.all()),
        housing_costs_weekly=rules.weekly(assessment.housing_costs_amount, assessment.housing_costs_period),
        dre_weekly=assessment.dre_weekly if assessment.dre_itemised else None,
        night_care_arranged=assessment.night_care_arranged,
        kind=rules.AssessmentKind(assessment.kind),
    )


def lines_to_json(lines) -> list[dict]:
    return [{"description": line.description, "amount": str(line.amount), "kind": line.kind} for line in lines]


def result_fields(result: rules.ChargingResult) -> dict:
    """Model fields of a ChargingCalculation for a rule result."""
    return {
        "parameters_version": result.parameters_version,
        "rule_version": result.rule_version,
        "outcome": str(result.outcome),
        "full_cost_payer": result.full_cost_payer,
        "capital": result.capital,
        "tariff_income": result.tariff_income,
        "assessable_income": result.assessable_income,
        "mig": result.mig,
        "housing_costs": result.housing_costs,
        "dre": result.dre,
        "assessed_charge": result.assessed_charge,
        "weekly_cost_of_care": result.weekly_cost_of_care,
        "weekly_contribution": result.weekly_contribution,
        "lines": lines_to_json(result.lines),
    }


@transaction.atomic
def calculate_for_assessment(
    assessment: FinancialAssessment,
    *,
    as_at: datetime.date,
    user=None,
    status: str = CalculationStatus.CURRENT,
    parameter_set: ChargingParameterSet | None = None,
) -> ChargingCalculation:
    """Work out the contribution on `as_at` and store it; a new current one replaces the old."""
    parameter_set = parameter_set or parameter_service.parameters_in_force(as_at)
    data = input_from_assessment(assessment, as_at)
    result = rules.calculate(data, parameter_service.to_rules(parameter_set))
    if status == CalculationStatus.CURRENT:
        ChargingCalculation.objects.filter(assessment=assessment, status=CalculationStatus.CURRENT).update(
            status=CalculationStatus.SUPERSEDED
        )
    return ChargingCalculation.objects.create(
        assessment=assessment,
        person=assessment.person,
        parameter_set=parameter_set,
        status=status,
        effective_from=as_at,
        inputs=input_to_json(data, date_of_birth=assessment.person.date_of_birth),
        computed_at=timezone.now(),
        computed_by=user,
        **result_fields(result),
    )


def reproduce(calculation: ChargingCalculation) -> rules.ChargingResult:
    """Work a stored calculation out again from its own inputs and parameter set."""
    return rules.calculate(input_from_json(calculation.inputs), parameter_service.to_rules(calculation.parameter_set))
