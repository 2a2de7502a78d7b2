"""The JSON shapes of the allocation API. Money is a string with two decimal places ("9534.20"),
so that no client turns it into a binary fraction; points, weights and factors are JSON numbers."""

from decimal import Decimal
from typing import Any

from firstperson.allocation.models import MoneyMethod, RasConfiguration
from firstperson.allocation.rules import ras


def money_text(amount: Decimal) -> str:
    return f"{ras.money(amount):.2f}"


def number(value: Decimal) -> int | float:
    """A JSON number: whole numbers as integers (38.6 -> 38.6, 44.00 -> 44)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def estimate_body(configuration: RasConfiguration, result: ras.RasResult) -> dict[str, Any]:
    return {
        "configuration": str(configuration.pk),
        "version": result.version,
        "period": str(result.period),
        "total_points": number(result.total_points),
        "weekly_amount": money_text(result.weekly_amount),
        "annual_amount": money_text(result.annual_amount),
        "domains": [{"code": d.code, "name": d.name, "points": number(d.points)} for d in result.domains],
        "steps": [{"description": s.description, "amount": money_text(s.amount)} for s in result.steps],
        "is_estimate": True,
    }


def _money_function(configuration: RasConfiguration) -> dict[str, Any]:
    if configuration.money_method == MoneyMethod.BANDS:
        return {
            "method": MoneyMethod.BANDS.value,
            "bands": [
                {"name": b.name, "min_points": number(b.min_points), "amount": money_text(b.amount)}
                for b in configuration.bands.all()
            ],
        }
    if configuration.money_method == MoneyMethod.PIECEWISE_LINEAR:
        return {
            "method": MoneyMethod.PIECEWISE_LINEAR.value,
            "rows": [{"points": number(r.points), "amount": money_text(r.amount)} for r in configuration.corners.all()],
        }
    price = configuration.price_per_point
    return {
        "method": MoneyMethod.PRICE_PER_POINT.value,
        "price_per_point": None if price is None else money_text(price),
    }


def configuration_full(configuration: RasConfiguration, sections: list) -> dict[str, Any]:
    """Everything needed to work a figure out by hand: questions and answers with their points,
    weights and caps, the points-to-money function, adjustments, minimum, maximum and rounding."""
    settings = {s.section_code: s for s in configuration.domain_settings.all()}
    domains = []
    for section in sections:
        setting = settings.get(section.code)
        domains.append(
            {
                "code": section.code,
                "name": section.title,
                "weight": number(setting.weight) if setting else 1,
                "cap_points": number(setting.cap_points) if setting and setting.cap_points is not None else None,
                "questions": [
                    {
                        "code": question.code,
                        "text": question.text,
                        "help_text": question.help_text,
                        "required": question.required,
                        "options": [
                            {"code": option.code, "text": option.text, "points": number(option.points)}
                            for option in question.options.all()
                        ],
                    }
                    for question in section.questions.all()
                ],
            }
        )
    version = configuration.questionnaire_version
    return {
        "id": str(configuration.pk),
        "version": configuration.version_label,
        "status": configuration.status,
        "effective_from": configuration.effective_from.isoformat() if configuration.effective_from else None,
        "effective_to": configuration.effective_to.isoformat() if configuration.effective_to else None,
        "questionnaire": {
            "code": configuration.questionnaire.code,
            "name": configuration.questionnaire.name,
            "version": version.number,
        },
        "currency": "GBP",
        "period": configuration.period,
        "weeks_per_year": number(ras.WEEKS_PER_YEAR),
        "rounding": configuration.rounding,
        "minimum": money_text(configuration.minimum),
        "maximum": None if configuration.maximum is None else money_text(configuration.maximum),
        "moderation_tolerance_percent": number(configuration.tolerance_percent),
        "money": _money_function(configuration),
        "domains": domains,
        "adjustments": [
            {
                "description": a.description,
                "question": a.question_code,
                "options": list(a.option_codes),
                "domains": list(a.domain_codes),
                "factor": number(a.factor),
            }
            for a in configuration.adjustments.all()
        ],
    }
