"""The personal budget agreement in plain English: on screen, and as a letter (PDF, WeasyPrint), from
one context so that they always say the same thing.

The letter is tagged (PDF/UA structure, with the document's language and title) so that screen
readers can read it, and comes in large print too: 18pt sans serif, left aligned, headings bigger
still (RNIB clear print guidance), for people such as Margaret who read their letters on paper.

What the plan says (its outcomes, how each is met, its risks and contingency plan) comes from the
snapshot of the version that was approved, never from the plan as it is now: the agreement is for
what was decided.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .models import BudgetAgreement, PlanDecision, PlanStatus
from .rules.costing import ZERO, pounds
from .rules.delegation import Decider

LETTER_TEMPLATE = "planning/letter_agreement.html"
WEEKS_IN_A_YEAR = 52

#: How the decider is described to the person: by role, as everywhere on resident pages.
DECIDED_AS = {
    Decider.PRACTITIONER: "a practitioner",
    Decider.TEAM_MANAGER: "a team manager",
    Decider.PANEL: "the funding panel",
}


def yearly(weekly_amount: Decimal) -> Decimal:
    return pounds(weekly_amount * WEEKS_IN_A_YEAR)


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else ZERO
    except ArithmeticError:
        return ZERO


def decider_description(decision: PlanDecision) -> str:
    """Who decided, by role (and team), the way resident pages name staff."""
    role = DECIDED_AS.get(decision.decided_as, "the council")
    team = getattr(decision.decided_by, "team", None)
    if decision.decided_as != Decider.PANEL and team is not None:
        return f"{role} in the {team.name}"
    return role


def direct_payment_paid(agreement: BudgetAgreement) -> dict[str, Any] | None:
    """What is paid into the direct payment and how often (Care Act s25(2)): its share of the budget
    less what the person pays towards their care, which comes off the direct payment first."""
    if not agreement.direct_payment_weekly_amount or agreement.direct_payment_weekly_amount <= 0:
        return None
    weeks = agreement.direct_payment_interval_weeks or 1
    net_weekly = pounds(agreement.direct_payment_net_weekly_amount)
    return {
        "share_weekly": pounds(agreement.direct_payment_weekly_amount),
        "net_weekly": net_weekly,
        "interval_weeks": weeks,
        "each_payment": pounds(net_weekly * weeks),
        "contribution_taken": pounds(agreement.direct_payment_weekly_amount - net_weekly),
    }


def interval_words(weeks: int) -> str:
    return "every week" if weeks == 1 else f"every {weeks} weeks"


def management_parts(agreement: BudgetAgreement) -> list[dict[str, Any]]:
    """Each way part of the weekly budget is managed, with its weekly and yearly amounts."""
    provider = agreement.isf_provider_name or "the provider you chose"
    parts = [
        (
            "direct_payment",
            agreement.direct_payment_weekly_amount,
            "Direct payment",
            "Paid to you, or to someone for you, so that you can arrange your support yourself.",
        ),
        (
            "council_managed",
            agreement.council_managed_weekly_amount,
            "Managed by the council",
            "The council pays for your support and arranges it the way you want.",
        ),
        (
            "individual_service_fund",
            agreement.isf_weekly_amount,
            "Individual Service Fund",
            f"Held by {provider}, who arranges your support with you.",
        ),
    ]
    return [
        {"key": key, "label": label, "explanation": explanation, "weekly": pounds(weekly), "yearly": yearly(weekly)}
        for key, weekly, label, explanation in parts
        if weekly and weekly > 0
    ]


def _item_cost(item: dict[str, Any]) -> str:
    weekly, one_off = _decimal(item.get("weekly_cost")), _decimal(item.get("one_off_cost"))
    costs = []
    if weekly > 0:
        costs.append(f"£{weekly:,.2f} a week")
    if one_off > 0:
        costs.append(f"£{one_off:,.2f} once")
    return " and ".join(costs) if costs else "No cost to your budget"


def plan_outcomes(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """The approved version's outcomes, each with the support that meets it."""
    items = snapshot.get("items", [])
    outcomes = []
    for outcome in snapshot.get("outcomes", []):
        label = outcome.get("label", "")
        outcomes.append(
            {
                "in_own_words": outcome.get("in_own_words", ""),
                "eligible_outcome": outcome.get("eligible_outcome", ""),
                "items": [
                    {
                        "description": item.get("description", ""),
                        "kind": item.get("kind", ""),
                        "provider_name": item.get("provider_name", ""),
                        "managed_by": item.get("managed_by", ""),
                        "cost": _item_cost(item),
                    }
                    for item in items
                    if item.get("outcome") == label
                ],
            }
        )
    return outcomes


def agreement_letter_context(
    agreement: BudgetAgreement, *, large_print: bool = False, show_contribution: bool = True
) -> dict[str, Any]:
    """Everything the agreement page and letter say, worked out once.

    `show_contribution` is permissions.can_see_contribution for whoever reads it: when False (a broker,
    a panel member, a representative without authority over money), what the person pays, what the
    council pays after it, and the direct payment after it are left out: the budget and how it is
    managed are shown without them.
    """
    decision = agreement.decision
    submission = decision.submission
    snapshot = submission.snapshot or {}
    contribution = agreement.contribution
    calculation = contribution.calculation if contribution is not None else None
    gross = agreement.gross_weekly_amount
    paid_by_person = agreement.contribution_weekly_amount
    net = agreement.net_weekly_amount
    return {
        "council_name": settings.COUNCIL_NAME,
        "council_phone": getattr(settings, "COUNCIL_PHONE", "0300 000 0000"),
        "site_url": settings.SITE_URL,
        "large_print": large_print,
        "agreement": agreement,
        "person": agreement.person,
        "plan": agreement.plan,
        "decision": decision,
        "submission": submission,
        "dated": timezone.localdate(agreement.created_at),
        "with_conditions": decision.outcome == PlanStatus.APPROVED_WITH_CONDITIONS,
        "conditions": decision.conditions,
        "decided_by": decider_description(decision),
        "decided_on": timezone.localdate(decision.decided_at),
        "gross_weekly": gross,
        "gross_yearly": yearly(gross),
        "contribution_known": contribution is not None,
        "contribution_weekly": paid_by_person,
        "contribution_yearly": yearly(paid_by_person),
        "contribution_capped": contribution is not None and contribution.weekly_amount > paid_by_person,
        "net_weekly": net,
        "net_yearly": yearly(net),
        "parts": management_parts(agreement),
        "show_contribution": show_contribution,
        "direct_payment": direct_payment_paid(agreement),
        "direct_payment_every": interval_words(agreement.direct_payment_interval_weeks or 1),
        "being_looked_at_again": agreement.plan.status == PlanStatus.RECONSIDERATION_REQUESTED,
        "ended": not agreement.is_current and agreement.ended_at is not None,
        "one_off_total": agreement.one_off_total,
        "outcomes": plan_outcomes(snapshot),
        "risks": snapshot.get("risks", []),
        "contingency_plan": snapshot.get("contingency_plan", ""),
        "helped_by": snapshot.get("helped_by", ""),
        "calculation": calculation,
        "policy_version": decision.policy.version,
        "checks_rule_version": submission.checks_rule_version,
    }


def agreement_letter_html(
    agreement: BudgetAgreement, large_print: bool = False, *, show_contribution: bool = True
) -> str:
    context = agreement_letter_context(agreement, large_print=large_print, show_contribution=show_contribution)
    return render_to_string(LETTER_TEMPLATE, context)


def agreement_letter_document(
    agreement: BudgetAgreement, large_print: bool = False, *, show_contribution: bool = True
) -> weasyprint.Document:
    html = agreement_letter_html(agreement, large_print=large_print, show_contribution=show_contribution)
    return weasyprint.HTML(string=html, base_url=settings.SITE_URL).render(pdf_tags=True)


def agreement_letter_pdf(
    agreement: BudgetAgreement, large_print: bool = False, *, show_contribution: bool = True
) -> bytes:
    document = agreement_letter_document(agreement, large_print=large_print, show_contribution=show_contribution)
    return document.write_pdf(pdf_tags=True)


def agreement_letter_filename(agreement: BudgetAgreement, large_print: bool = False) -> str:
    size = "-large-print" if large_print else ""
    return f"personal-budget-agreement{size}-{agreement.start_date:%Y-%m-%d}.pdf"
