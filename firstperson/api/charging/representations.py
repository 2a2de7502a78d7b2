"""The JSON shapes of the charging API. Money is a string with exactly two decimal places ("38.55"),
so that no client turns it into a binary fraction."""

import datetime
from decimal import Decimal
from typing import Any

from firstperson.charging.rules import charging as rules


def money_text(amount: Decimal) -> str:
    """ "38.55"; never "-0.00"."""
    amount = rules.money(amount)
    return f"{amount if amount else rules.ZERO:.2f}"


def calculation_body(
    result: rules.ChargingResult, *, as_at: datetime.date, financial_year: str, policy_changed: bool
) -> dict[str, Any]:
    return {
        "as_at": as_at.isoformat(),
        "financial_year": financial_year,
        "parameters_version": result.parameters_version,
        "rule_version": result.rule_version,
        "policy_modelled": policy_changed,
        "outcome": str(result.outcome),
        "full_cost_payer": result.full_cost_payer,
        "capital": money_text(result.capital),
        "tariff_income": money_text(result.tariff_income),
        "assessable_income": money_text(result.assessable_income),
        "mig": money_text(result.mig),
        "housing_costs": money_text(result.housing_costs),
        "dre": money_text(result.dre),
        "assessed_charge": money_text(result.assessed_charge),
        "weekly_cost_of_care": money_text(result.weekly_cost_of_care),
        "weekly_contribution": money_text(result.weekly_contribution),
        "council_pays_weekly": money_text(result.council_pays_weekly),
        "lines": [
            {"description": line.description, "amount": money_text(line.amount), "kind": line.kind}
            for line in result.lines
        ],
        "is_estimate": True,
    }
