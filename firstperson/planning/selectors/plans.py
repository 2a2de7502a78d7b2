"""Reads of the planning app about plans: a plan for an actor (404 otherwise), its facts for the checks, its
snapshot and versions, the queues, the policy in force and the current agreement."""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from firstperson.assessment.models import DeterminationKind, EligibilityDetermination
from firstperson.assessment.rules.eligibility import ADULT_OUTCOMES, CARER_OUTCOMES
from firstperson.charging.selectors import contribution_current
from firstperson.people.models import Person
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role

from .. import permissions
from ..models import (
    BudgetAgreement,
    DecisionPolicy,
    ManagedBy,
    PlanDecision,
    PlanItem,
    PlanStatus,
    PlanSubmission,
    ProhibitedPurchase,
    SupportPlan,
)
from ..rules import checks, lifecycle, versions
from ..rules.delegation import Decider

# --- One plan ----------------------------------------------------------------------------------


def plan_get_for_actor(*, actor, plan_id: uuid.UUID) -> SupportPlan:
    """The plan, if the actor may see it; otherwise 404, whether or not it exists."""
    plan = (
        permissions.plans_visible_to(actor)
        .select_related("person", "person__allocated_team", "broker", "indicative_budget", "eligibility")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404("No plan here.")
    return plan


def plan_outcomes_with_items(*, plan: SupportPlan) -> list:
    items = PlanItem.objects.select_related("directory_service").order_by("order", "id")
    return list(plan.outcomes.prefetch_related(Prefetch("items", queryset=items)).order_by("order", "id"))


def outcome_names(kind: str) -> dict[str, str]:
    return CARER_OUTCOMES if kind == DeterminationKind.CARER else ADULT_OUTCOMES


def eligible_outcomes(*, plan: SupportPlan) -> dict[str, str]:
    """{code: name} of the outcomes the eligibility determination found the person unable to achieve."""
    determination = plan.eligibility
    if determination is None or not determination.eligible:
        return {}
    names = outcome_names(determination.kind)
    return {code: names.get(code, code) for code in determination.outcomes_unable}


def eligibility_latest_for(*, person: Person) -> EligibilityDetermination | None:
    return EligibilityDetermination.objects.filter(person=person).order_by("-decided_at").first()


def prohibited_purchases() -> tuple[checks.ProhibitedPurchase, ...]:
    return tuple(
        checks.ProhibitedPurchase(code=row.code, label=row.label, keywords=row.keyword_list(), reason=row.reason)
        for row in ProhibitedPurchase.objects.filter(active=True).order_by("code")
    )


def plan_facts(*, plan: SupportPlan) -> checks.PlanFacts:
    outcomes = list(plan.outcomes.all())
    items = list(plan.items.all())
    return checks.PlanFacts(
        weekly_budget=plan.weekly_budget_amount,
        weekly_total=plan.weekly_total,
        over_budget_justification=plan.over_budget_justification,
        eligible_outcomes=eligible_outcomes(plan=plan),
        outcomes=tuple(
            checks.OutcomeFacts(
                id=str(o.pk), in_own_words=o.in_own_words, eligible_outcome_code=o.eligible_outcome_code
            )
            for o in outcomes
        ),
        items=tuple(
            checks.ItemFacts(
                id=str(i.pk),
                description=i.description,
                kind=checks.ItemKind(i.kind),
                outcome_id=str(i.outcome_id) if i.outcome_id else None,
                weekly_cost=i.weekly_cost,
                one_off_cost=i.one_off_cost,
                managed_by=checks.ManagedBy(i.managed_by) if i.managed_by else None,
                payee_relationship=checks.PayeeRelationship(i.payee_relationship),
                payee_lives_with_person=i.payee_lives_with_person,
                relative_exception_recorded=bool(i.relative_exception_basis and i.relative_exception_recorded_at),
                informal_agreement_recorded=i.informal_agreement_recorded,
            )
            for i in items
        ),
        risks=tuple(
            checks.RiskFacts(
                description=r.description, likelihood=r.likelihood, reduced_by=r.reduced_by, responsible=r.responsible
            )
            for r in plan.risks.all()
        ),
        contingency_plan=plan.contingency_plan,
        management_method=plan.management_method,
        isf_provider=plan.isf_provider_name,
        prohibited=prohibited_purchases(),
        signed_off=plan.signed_off_at is not None,
    )


def plan_check_results(*, plan: SupportPlan) -> list[checks.CheckResult]:
    return checks.plan_checks(plan_facts(plan=plan))


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


#: Plain names of the snapshot's keys, for "what changed" pages.
SNAPSHOT_FIELD_NAMES = {
    "weekly_budget_amount": "Weekly personal budget (£)",
    "weekly_total": "Weekly cost (£)",
    "one_off_total": "One-off costs (£)",
    "management_method": "How the budget is managed",
    "direct_payment_recipient": "Who receives the direct payment",
    "isf_provider_name": "Provider holding the Individual Service Fund",
    "over_budget_justification": "Why more than the budget is needed",
    "contingency_plan": "Contingency plan",
    "helped_by": "Who helped write the plan",
    "signed_off_name": "Signed off by",
    "in_own_words": "In the person's words",
    "eligible_outcome": "Eligible outcome it meets",
    "outcome": "Outcome it meets",
    "kind": "Kind of support",
    "description": "What it is",
    "provider_name": "Who provides it",
    "hours_per_week": "Hours a week",
    "hourly_rate": "Hourly rate (£)",
    "employer_costs_weekly": "Employer's costs a week (£)",
    "weekly_cost": "Weekly cost (£)",
    "one_off_cost": "One-off cost (£)",
    "managed_by": "Paid for by",
    "payee": "Who is paid",
    "relative_exception": "Exception recorded",
    "informal_agreement": "They agree to give this help",
    "likelihood": "How likely",
    "reduced_by": "What reduces it",
    "responsible": "Who is responsible",
    "persons_view": "The person's view",
}


def plan_snapshot(*, plan: SupportPlan) -> dict[str, Any]:
    """Everything in the plan as plain values, for a submitted version and for comparing versions."""
    names = outcome_names(plan.eligibility.kind) if plan.eligibility else ADULT_OUTCOMES
    outcomes = list(plan.outcomes.all().order_by("order", "id"))
    outcome_text = {o.pk: o.in_own_words for o in outcomes}
    return {
        "weekly_budget_amount": _money(plan.weekly_budget_amount),
        "weekly_total": _money(plan.weekly_total),
        "one_off_total": _money(plan.one_off_total),
        "management_method": plan.get_management_method_display() if plan.management_method else "",
        "direct_payment_recipient": plan.get_direct_payment_recipient_display()
        if plan.direct_payment_recipient
        else "",
        "isf_provider_name": plan.isf_provider_name,
        "over_budget_justification": plan.over_budget_justification,
        "contingency_plan": plan.contingency_plan,
        "helped_by": plan.helped_by,
        "signed_off_name": plan.signed_off_name,
        "outcomes": [
            {
                "id": str(o.pk),
                "label": o.in_own_words[:80],
                "in_own_words": o.in_own_words,
                "eligible_outcome": names.get(o.eligible_outcome_code, o.eligible_outcome_code),
            }
            for o in outcomes
        ],
        "items": [
            {
                "id": str(i.pk),
                "label": i.description,
                "outcome": outcome_text.get(i.outcome_id, "")[:80],
                "kind": i.get_kind_display(),
                "description": i.description,
                "provider_name": i.provider_name,
                "hours_per_week": "" if i.hours_per_week is None else f"{i.hours_per_week.normalize():f}",
                "hourly_rate": _money(i.hourly_rate),
                "employer_costs_weekly": _money(i.employer_costs_weekly),
                "weekly_cost": _money(i.weekly_cost),
                "one_off_cost": _money(i.one_off_cost),
                "managed_by": i.get_managed_by_display() if i.managed_by else "",
                "payee": i.get_payee_relationship_display()
                + (", living with the person" if i.payee_lives_with_person else ""),
                "relative_exception": i.get_relative_exception_basis_display() if i.relative_exception_basis else "",
                "informal_agreement": i.informal_agreement_recorded if i.kind == "informal" else "",
            }
            for i in plan.items.all().order_by("order", "id")
        ],
        "risks": [
            {
                "id": str(r.pk),
                "label": r.description[:80],
                "description": r.description,
                "likelihood": r.get_likelihood_display() if r.likelihood else "",
                "reduced_by": r.reduced_by,
                "responsible": r.responsible,
                "persons_view": r.persons_view,
            }
            for r in plan.risks.all().order_by("order", "id")
        ],
    }


def plan_submissions(*, plan: SupportPlan) -> QuerySet[PlanSubmission]:
    return plan.submissions.select_related("submitted_by__team").order_by("-number")


def submission_changes(*, before: PlanSubmission, after: PlanSubmission) -> list[versions.Change]:
    return versions.plan_changes(before.snapshot, after.snapshot, SNAPSHOT_FIELD_NAMES)


def plan_status_history(*, plan: SupportPlan):
    return plan.status_changes.select_related("changed_by__team").order_by("changed_at", "id")


def plan_decisions(*, plan: SupportPlan) -> QuerySet[PlanDecision]:
    return plan.decisions.select_related("decided_by", "submission", "reconsideration").order_by("-decided_at")


def plan_latest_decision(*, plan: SupportPlan) -> PlanDecision | None:
    return plan.decisions.select_related("decided_by").order_by("-decided_at").first()


def plan_open_for(*, person: Person) -> SupportPlan | None:
    return SupportPlan.objects.filter(person=person, status__in=sorted(lifecycle.OPEN)).first()


# --- Policy -------------------------------------------------------------------------------------


def decision_policy_in_force(*, on: datetime.date | None = None) -> DecisionPolicy | None:
    on = on or timezone.localdate()
    return DecisionPolicy.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


# --- Queues (a fixed number of queries whatever their length) -----------------------------------


def _queue_rows(queryset: QuerySet[SupportPlan]) -> QuerySet[SupportPlan]:
    return queryset.select_related("person", "person__allocated_team", "broker").only(
        "id",
        "status",
        "revision",
        "weekly_total",
        "weekly_budget_amount",
        "decision_route",
        "waiting_since",
        "person__id",
        "person__legal_given_name",
        "person__legal_family_name",
        "person__preferred_name",
        "person__date_of_birth",
        "person__allocated_team__name",
        "broker__id",
        "broker__first_name",
        "broker__last_name",
    )


def decision_queue_for(*, actor) -> QuerySet[SupportPlan]:
    """Plans waiting for a decision on the actor's route, longest waiting first."""
    routes = permissions.decider_roles_for_queue(actor)
    statuses = [PlanStatus.AWAITING_DECISION, PlanStatus.RECONSIDERATION_REQUESTED]
    rows = permissions.plans_visible_to(actor).filter(status__in=statuses, decision_route__in=sorted(routes))
    return _queue_rows(rows).order_by("waiting_since", "id")


def review_queue_for(*, actor) -> QuerySet[SupportPlan]:
    """Plans sent or being checked in the actor's team, longest waiting first."""
    rows = permissions.plans_visible_to(actor).filter(status__in=[PlanStatus.SUBMITTED, PlanStatus.IN_REVIEW])
    return _queue_rows(rows).order_by("waiting_since", "id")


def caseload_plans_for(*, actor) -> QuerySet[SupportPlan]:
    """Every open plan the actor may see, most recently changed first."""
    rows = permissions.plans_visible_to(actor).filter(status__in=sorted(lifecycle.OPEN))
    return _queue_rows(rows).order_by("-updated_at", "id")


def days_waiting(plan: SupportPlan, now: datetime.datetime | None = None) -> int:
    """Whole days since the plan began to wait, counted in the council's own time zone."""
    if plan.waiting_since is None:
        return 0
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    return max(0, (today - timezone.localdate(plan.waiting_since)).days)


def panel_queue_summary(*, actor, target_days: int | None) -> dict:
    """How many plans wait for the panel, how many are past the target, the median and the longest
    wait in days: four small queries, whatever the length of the queue."""
    rows = panel_queue_for(actor=actor).select_related(None).order_by("waiting_since", "id")
    now = timezone.now()
    figures = rows.aggregate(waiting=Count("id"), earliest=Min("waiting_since"))
    waiting = figures["waiting"]
    if not waiting:
        return {"waiting_count": 0, "overdue_count": 0, "median_days": None, "longest_days": None}
    overdue = 0
    if target_days is not None:
        # More than `target_days` whole days: began waiting before the start of that day, locally.
        first_overdue_day = timezone.localdate(now) - datetime.timedelta(days=target_days)
        cutoff = timezone.make_aware(datetime.datetime.combine(first_overdue_day, datetime.time.min))
        overdue = rows.filter(waiting_since__lt=cutoff).count()
    ordered = list(rows.values_list("waiting_since", flat=True)[(waiting - 1) // 2 : waiting // 2 + 1])
    middle = [(timezone.localdate(now) - timezone.localdate(since)).days for since in ordered]
    return {
        "waiting_count": waiting,
        "overdue_count": overdue,
        "median_days": sum(middle) / len(middle),
        "longest_days": (timezone.localdate(now) - timezone.localdate(figures["earliest"])).days,
    }


def queue_counts(*, actor) -> dict[str, int]:
    return dict(
        permissions.plans_visible_to(actor)
        .filter(status__in=sorted(lifecycle.WAITING_ON_COUNCIL))
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )


# --- Agreements ---------------------------------------------------------------------------------


def agreement_current_for(*, person: Person) -> BudgetAgreement | None:
    return (
        BudgetAgreement.objects.filter(person=person, is_current=True)
        .select_related("plan", "decision", "decision__decided_by", "policy", "contribution")
        .first()
    )


def agreement_get_for_actor(*, actor, agreement_id: uuid.UUID) -> BudgetAgreement:
    agreement = (
        BudgetAgreement.objects.filter(pk=agreement_id, plan__in=permissions.plans_visible_to(actor).values("pk"))
        .select_related("plan", "person", "decision", "decision__decided_by", "policy", "contribution")
        .first()
    )
    if agreement is None:
        raise Http404("No agreement here.")
    return agreement


def panel_queue_for(*, actor) -> QuerySet[SupportPlan]:
    """Plans waiting for the funding panel (above every delegation), longest waiting first."""
    rows = permissions.plans_visible_to(actor).filter(
        status__in=[PlanStatus.AWAITING_DECISION, PlanStatus.RECONSIDERATION_REQUESTED],
        decision_route=Decider.PANEL,
    )
    return _queue_rows(rows).order_by("waiting_since", "id")


def plan_contribution_weekly(*, plan: SupportPlan) -> Decimal | None:
    """What the person pays each week towards the plan's cost under their financial assessment in
    force today, never more than that cost (REFERENCE.md §3.7); None with no contribution on record."""
    contribution = contribution_current(person=plan.person)
    if contribution is None:
        return None
    return min(contribution.weekly_amount, plan.weekly_total)


def plan_weekly_by_management(*, plan: SupportPlan) -> tuple[dict[str, Decimal], Decimal]:
    """What the plan's support costs each week by how each part is paid for, and the weekly cost of
    paid items not yet given a way of paying."""
    totals = dict.fromkeys(ManagedBy.values, Decimal("0.00"))
    unassigned = Decimal("0.00")
    for item in plan.items.all():
        if item.managed_by:
            totals[item.managed_by] += item.weekly_cost
        else:
            unassigned += item.weekly_cost
    return totals, unassigned


def active_brokers() -> QuerySet[User]:
    """The brokers a person may choose from."""
    return User.objects.filter(role=Role.BROKER, is_active=True).order_by("last_name", "first_name", "pk")


def decision_policy_list() -> QuerySet[DecisionPolicy]:
    return DecisionPolicy.objects.select_related("created_by").order_by("-effective_from")


def prohibited_purchase_list() -> QuerySet[ProhibitedPurchase]:
    return ProhibitedPurchase.objects.order_by("-active", "label")


def prohibited_purchase_get(*, code: str) -> ProhibitedPurchase:
    entry = ProhibitedPurchase.objects.filter(code=code).first()
    if entry is None:
        raise Http404("No entry here.")
    return entry
