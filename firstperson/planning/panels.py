"""What planning adds to pages of other apps, through the people app's documented hooks:

- the person's budget page (people/budget_panels.py): "Your personal budget agreement", the agreed
  weekly budget, what the council pays, the next review and a link to the agreement. It deducts
  nothing: the charging panel already takes the person's contribution off;
- the staff record page (people/record_panels.py): "Support plan", the open plan's status and its
  weekly cost against the budget, and the current agreement.

Each panel scopes what it shows to the viewer (permissions.plans_visible_to) and returns None
otherwise.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from firstperson.people.budget_panels import BudgetPanel, register_budget_panel
from firstperson.people.record_panels import RecordPanel, register_record_panel
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES

from . import permissions, selectors
from .models import BudgetAgreement
from .rules import lifecycle


def _next_review(agreement: BudgetAgreement):
    today = timezone.localdate()
    if agreement.first_review_date >= today:
        return agreement.first_review_date
    return agreement.annual_review_date


def _visible_agreement(actor, person) -> BudgetAgreement | None:
    agreement = selectors.agreement_current_for(person=person)
    if agreement is None or not permissions.plans_visible_to(actor).filter(pk=agreement.plan_id).exists():
        return None
    return agreement


def agreement_budget_panel(actor, person) -> BudgetPanel | None:
    """For the person and their representatives, on their budget page."""
    if not getattr(actor, "is_authenticated", False) or actor.role not in RESIDENT_FACE_ROLES:
        return None
    agreement = _visible_agreement(actor, person)
    if agreement is None:
        return None
    is_own = person.account_id == actor.pk
    return BudgetPanel(
        title="Your personal budget agreement" if is_own else "Their personal budget agreement",
        template_name="planning/panel_budget_agreement.html",
        context={
            "agreement": agreement,
            "next_review": _next_review(agreement),
            "url": reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk}),
        },
        weekly_deduction=None,
        weekly_personal_budget=agreement.gross_weekly_amount,
        explanation_url=reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk}),
    )


def support_plan_record_panel(actor, person) -> RecordPanel | None:
    """For staff on the person's record: the plan being written or decided, and the agreement."""
    if not getattr(actor, "is_authenticated", False) or actor.role in RESIDENT_FACE_ROLES:
        return None
    visible = permissions.plans_visible_to(actor).filter(person=person)
    open_plan = visible.filter(status__in=sorted(lifecycle.OPEN)).order_by("-created_at").first()
    agreement = _visible_agreement(actor, person)
    plan = open_plan or (agreement.plan if agreement else None)
    can_start = open_plan is None and permissions.can_start_plan(actor, person)
    if plan is None and not can_start:
        return None
    return RecordPanel(
        title="Support plan",
        template_name="planning/panel_record_plan.html",
        context={
            "plan": plan,
            "plan_url": reverse("plans:plan-detail", kwargs={"plan_id": plan.pk}) if plan else "",
            "over_budget": bool(
                plan and plan.weekly_budget_amount is not None and plan.weekly_total > plan.weekly_budget_amount
            ),
            "agreement": agreement,
            "agreement_url": reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk})
            if agreement
            else "",
            "next_review": _next_review(agreement) if agreement else None,
            "start_url": reverse("plans:plan-start", kwargs={"person_id": person.pk}) if can_start else "",
        },
    )


def register() -> None:
    register_budget_panel(agreement_budget_panel)
    register_record_panel(support_plan_record_panel)
