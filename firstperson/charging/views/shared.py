"""What the resident's and the officer's pages of a financial assessment show alike."""

from __future__ import annotations

from ..forms.assessments import CAPITAL_WORDS, PERIOD_CHOICES, income_label
from ..rules import charging as rules
from ..rules.charging import pounds

PERIODS = dict(PERIOD_CHOICES)
HOUSEHOLDS = {
    "single": "On my own, or with people who are not my partner",
    "couple": "With a husband, wife or partner",
    "lone_parent": "With children, without a partner",
}


def item_rows(items, remove_url=None) -> list[dict]:
    """Capital and income items in plain words."""
    rows = []
    for item in items:
        if hasattr(item, "share"):
            words = CAPITAL_WORDS.get(rules.CapitalType(item.type), item.type)
            value = pounds(item.value)
            if item.share != 1:
                value += f" (your share: {item.share * 100:.0f}%)"
        else:
            words = income_label(item.code)
            value = f"{pounds(item.amount)} {PERIODS.get(item.period, item.period).lower()}"
        rows.append(
            {
                "item": item,
                "kind": "capital" if hasattr(item, "share") else "income",
                "label": words + (f": {item.description}" if item.description else ""),
                "value": value,
                "remove_url": remove_url(item) if remove_url else "",
                "check_status": item.get_check_status_display(),
                "check_code": item.check_status,
            }
        )
    return rows


def answer_rows(assessment, change_url) -> list[dict]:
    """The answers to the one-question pages, for "check your answers"."""
    declined = assessment.kind == rules.AssessmentKind.DECLINED
    done = set(assessment.completed_steps or [])
    rows = [
        {
            "label": "Tell us about your money",
            "value": "No: pay the full cost of care" if declined else ("Yes" if "full-assessment" in done else ""),
            "url": change_url("full-assessment"),
        }
    ]
    if declined:
        return rows
    premiums = [
        words
        for name, words in (
            ("disability_premium", "Disability benefits, or registered blind"),
            ("enhanced_disability_premium", "Enhanced rate of PIP daily living, or highest rate of DLA care"),
            ("carer_premium", "Carer's Allowance"),
        )
        if getattr(assessment, name)
    ]
    if assessment.dre_itemised:
        dre = f"{pounds(assessment.dre_weekly or 0)} a week" + (
            f": {assessment.dre_details}" if assessment.dre_details else ""
        )
    else:
        dre = "The standard allowance"
    values = {
        "household": ("Who you live with", HOUSEHOLDS.get(assessment.household, assessment.household)),
        "children": ("Children who depend on you", str(assessment.dependent_children)),
        "premiums": ("Benefits that mean you keep more", "; ".join(premiums) or "None of these"),
        "housing": (
            "Housing costs",
            f"{pounds(assessment.housing_costs_amount)} {PERIODS.get(assessment.housing_costs_period, '').lower()}",
        ),
        "disability-costs": ("Extra costs of disability", dre),
    }
    for step, (label, value) in values.items():
        rows.append({"label": label, "value": value if step in done else "", "url": change_url(step)})
    return rows
