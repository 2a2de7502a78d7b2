"""The checks a support plan must pass before it is sent, each failure saying what to change.

Care Act 2014 s25 and REFERENCE.md §5.2 (what councils check before sign-off): within budget or
justified; every eligible outcome addressed; lawful, with no prohibited purchase and no payment from
a direct payment that the Care and Support (Direct Payments) Regulations 2014 reg 3 forbid
(REFERENCE.md §4.2); a contingency plan; every risk assessed. The practitioner's own checklist
(person-centred, lawful, outcome-based, sufficient, risk proportionate) comes after, by hand.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .costing import ZERO, ItemKind

RULE_VERSION = "planning-checks-2026.1"


class ManagedBy(StrEnum):
    DIRECT_PAYMENT = "direct_payment"
    COUNCIL_MANAGED = "council_managed"
    INDIVIDUAL_SERVICE_FUND = "individual_service_fund"


class PayeeRelationship(StrEnum):
    NOT_FAMILY = "not_family"
    SPOUSE_OR_PARTNER = "spouse_or_partner"
    CLOSE_RELATIVE = "close_relative"


@dataclass(frozen=True)
class ProhibitedPurchase:
    """One entry of the council's configurable list of things a budget may not pay for."""

    code: str
    label: str
    keywords: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ItemFacts:
    id: str
    description: str
    kind: ItemKind
    outcome_id: str | None
    weekly_cost: Decimal
    one_off_cost: Decimal
    managed_by: ManagedBy | None
    payee_relationship: PayeeRelationship = PayeeRelationship.NOT_FAMILY
    payee_lives_with_person: bool = False
    relative_exception_recorded: bool = False
    informal_agreement_recorded: bool = False


@dataclass(frozen=True)
class OutcomeFacts:
    id: str
    in_own_words: str
    eligible_outcome_code: str


@dataclass(frozen=True)
class RiskFacts:
    description: str
    likelihood: str
    reduced_by: str
    responsible: str


@dataclass(frozen=True)
class PlanFacts:
    weekly_budget: Decimal | None
    weekly_total: Decimal
    over_budget_justification: str
    #: {code: plain name} of the outcomes the eligibility determination found the person unable to achieve.
    eligible_outcomes: dict[str, str]
    outcomes: tuple[OutcomeFacts, ...]
    items: tuple[ItemFacts, ...]
    risks: tuple[RiskFacts, ...]
    contingency_plan: str
    management_method: str
    isf_provider: str
    prohibited: tuple[ProhibitedPurchase, ...] = field(default_factory=tuple)
    #: The person (or someone acting for them) has signed off the plan since it last changed.
    signed_off: bool = False


@dataclass(frozen=True)
class CheckResult:
    code: str
    title: str
    passed: bool
    #: When failed: what to change, in plain English, one sentence per problem.
    problems: tuple[str, ...] = ()


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def prohibited_matches(description: str, prohibited: tuple[ProhibitedPurchase, ...]) -> list[ProhibitedPurchase]:
    """Entries whose keywords (whole words or phrases, any case) appear in the description."""
    words = _words(description)
    return [
        entry
        for entry in prohibited
        if any(_words(keyword) in words for keyword in entry.keywords if _words(keyword).strip())
    ]


def _within_budget(facts: PlanFacts) -> CheckResult:
    title = "The plan is within the personal budget, or says why it needs more"
    if facts.weekly_budget is None:
        return CheckResult(
            "within_budget", title, False, ("There is no personal budget yet. Ask your practitioner to work it out.",)
        )
    over = facts.weekly_total - facts.weekly_budget
    if over > ZERO and not facts.over_budget_justification.strip():
        return CheckResult(
            "within_budget",
            title,
            False,
            (
                f"The plan costs £{over:,.2f} a week more than the budget. Take some cost out, or explain why the extra is needed.",
            ),
        )
    return CheckResult("within_budget", title, True)


def _outcomes_addressed(facts: PlanFacts) -> CheckResult:
    title = "Every eligible outcome is addressed"
    items_per_outcome: dict[str, int] = {}
    for item in facts.items:
        if item.outcome_id:
            items_per_outcome[item.outcome_id] = items_per_outcome.get(item.outcome_id, 0) + 1
    met_codes = {
        o.eligible_outcome_code for o in facts.outcomes if o.eligible_outcome_code and items_per_outcome.get(o.id)
    }
    problems = [
        f"Say how the plan helps with \u201c{name}\u201d: add an outcome linked to it, and how it will be met."
        for code, name in facts.eligible_outcomes.items()
        if code not in met_codes
    ]
    problems += [
        f"Add how \u201c{outcome.in_own_words}\u201d will be met, or remove it."
        for outcome in facts.outcomes
        if not items_per_outcome.get(outcome.id)
    ]
    if not facts.outcomes:
        problems.insert(0, "Add at least one outcome: what the person wants to achieve, in their own words.")
    return CheckResult("outcomes_addressed", title, not problems, tuple(problems))


def _lawful_purchases(facts: PlanFacts) -> CheckResult:
    title = "Nothing in the plan is a purchase the budget may not pay for"
    problems = []
    for item in facts.items:
        for entry in prohibited_matches(item.description, facts.prohibited):
            problems.append(
                f"\u201c{item.description}\u201d looks like {entry.label}: {entry.reason} Change or remove it."
            )
    return CheckResult("no_prohibited_items", title, not problems, tuple(problems))


def _lawful_payees(facts: PlanFacts) -> CheckResult:
    """Care and Support (Direct Payments) Regulations 2014 reg 3 (REFERENCE.md §4.2, §12 rule 7): a
    direct payment may not pay the person's spouse, civil partner or partner (wherever they live),
    nor a close relative who lives in the same household, unless the council has recorded that it is
    necessary: to meet the person's care needs, or for administration and management support."""
    title = "The direct payment does not pay a partner, or a relative at home, without an agreed exception"
    problems = []
    for item in facts.items:
        if item.managed_by != ManagedBy.DIRECT_PAYMENT or item.kind in {ItemKind.INFORMAL}:
            continue
        if item.relative_exception_recorded:
            continue
        if item.payee_relationship == PayeeRelationship.SPOUSE_OR_PARTNER:
            problems.append(
                f"\u201c{item.description}\u201d pays a husband, wife, civil partner or partner. A direct payment "
                "can do this only if the council agrees it is necessary. Ask the practitioner to record why, "
                "choose someone else, or record their help as unpaid support."
            )
        elif item.payee_relationship == PayeeRelationship.CLOSE_RELATIVE and item.payee_lives_with_person:
            problems.append(
                f"\u201c{item.description}\u201d pays a close relative who lives with the person. Ask the practitioner "
                "to record why this is necessary, or choose someone else."
            )
    return CheckResult("no_prohibited_payees", title, not problems, tuple(problems))


def _informal_support_agreed(facts: PlanFacts) -> CheckResult:
    title = "Unpaid help from family and friends is recorded with their agreement"
    problems = [
        f"Check that the person giving \u201c{item.description}\u201d agrees to it, and tick that they do."
        for item in facts.items
        if item.kind == ItemKind.INFORMAL and not item.informal_agreement_recorded
    ]
    return CheckResult("informal_support_agreed", title, not problems, tuple(problems))


def _contingency(facts: PlanFacts) -> CheckResult:
    title = "There is a plan for when support lets the person down"
    if facts.contingency_plan.strip():
        return CheckResult("contingency_plan", title, True)
    return CheckResult(
        "contingency_plan",
        title,
        False,
        ("Say what will happen if support fails: for example, if a personal assistant is ill or a provider stops.",),
    )


def _risks_assessed(facts: PlanFacts) -> CheckResult:
    title = "Every risk says how likely it is, what reduces it and who is responsible"
    problems = []
    for risk in facts.risks:
        missing = [
            name
            for name, value in (
                ("how likely it is", risk.likelihood),
                ("what reduces it", risk.reduced_by),
                ("who is responsible", risk.responsible),
            )
            if not value.strip()
        ]
        if missing:
            problems.append(f"For the risk \u201c{risk.description}\u201d, say {' and '.join(missing)}.")
    return CheckResult("risks_assessed", title, not problems, tuple(problems))


def _management(facts: PlanFacts) -> CheckResult:
    title = "It is clear how each part of the budget will be managed"
    problems = []
    if not facts.management_method:
        problems.append("Choose how the budget will be managed: a direct payment, by the council, or by a provider.")
    paid = [
        item for item in facts.items if item.kind not in {ItemKind.INFORMAL} and (item.weekly_cost or item.one_off_cost)
    ]
    for item in paid:
        if item.managed_by is None:
            problems.append(f"Say how \u201c{item.description}\u201d will be paid for.")
    uses_isf = facts.management_method == ManagedBy.INDIVIDUAL_SERVICE_FUND or any(
        item.managed_by == ManagedBy.INDIVIDUAL_SERVICE_FUND for item in paid
    )
    if uses_isf and not facts.isf_provider.strip():
        problems.append("Name the provider who will hold the Individual Service Fund.")
    return CheckResult("management_clear", title, not problems, tuple(problems))


def _signed_off(facts: PlanFacts) -> CheckResult:
    title = "The person has read and agreed the plan"
    if facts.signed_off:
        return CheckResult("signed_off", title, True)
    return CheckResult(
        "signed_off",
        title,
        False,
        (
            "Ask the person (or someone acting for them) to read the plan and sign it off. A change to the plan needs a new sign-off.",
        ),
    )


CHECKS = (
    _within_budget,
    _outcomes_addressed,
    _lawful_purchases,
    _lawful_payees,
    _informal_support_agreed,
    _contingency,
    _risks_assessed,
    _management,
    _signed_off,
)


def plan_checks(facts: PlanFacts) -> list[CheckResult]:
    """Every automatic check, in order, passed or not."""
    return [check(facts) for check in CHECKS]


def all_passed(results: list[CheckResult]) -> bool:
    return all(result.passed for result in results)


#: The practitioner's checklist (REFERENCE.md §5.2 sign-off criteria), ticked by hand.
PRACTITIONER_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("person_centred", "The plan is the person's own: their words, their choices, and the people they asked to help"),
    ("lawful", "The plan is lawful: nothing in it is prohibited, and any exception is recorded"),
    ("outcome_based", "Each item is there because it meets an outcome, not because it is on a menu"),
    ("sufficient", "The plan meets the person's eligible needs, and the money is enough to do so"),
    ("risk_proportionate", "Risks are managed in proportion, respecting the risks the person chooses to take"),
)
