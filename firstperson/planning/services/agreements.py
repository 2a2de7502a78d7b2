"""The personal budget agreement, made when a plan is approved.

Gross budget: the weekly cost of the approved plan (the RAS figure was only a starting point; the
personal budget is what meeting the needs costs: REFERENCE.md §2.1, §12 rule 2). The person's
contribution is their financial assessment's weekly contribution on the start date, never more than
the cost of their care (§3.7); the council's net amount is the rest. Each part is shown by how it is
managed. The first review is six to eight weeks after the start (the policy says which), then yearly.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from firstperson.charging.selectors import contribution_current
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import selectors
from ..models import BudgetAgreement, ManagedBy, PlanDecision, SupportPlan
from ..rules import reviews
from ..rules.costing import ZERO, pounds


def budget_agreement_make(
    *, plan: SupportPlan, decision: PlanDecision, actor, start_date: datetime.date | None = None
) -> BudgetAgreement:
    start = start_date or timezone.localdate()
    policy = decision.policy
    gross = pounds(plan.weekly_total)
    contribution = contribution_current(person=plan.person, today=start)
    paid_by_person = min(contribution.weekly_amount, gross) if contribution is not None else ZERO
    split, _ = selectors.plan_weekly_by_management(plan=plan)
    with transaction.atomic():
        BudgetAgreement.objects.filter(person=plan.person, is_current=True).update(is_current=False)
        agreement = BudgetAgreement.objects.create(
            person=plan.person,
            plan=plan,
            decision=decision,
            gross_weekly_amount=gross,
            contribution_weekly_amount=paid_by_person,
            net_weekly_amount=pounds(gross - paid_by_person),
            contribution=contribution,
            direct_payment_weekly_amount=split[ManagedBy.DIRECT_PAYMENT],
            council_managed_weekly_amount=split[ManagedBy.COUNCIL_MANAGED],
            isf_weekly_amount=split[ManagedBy.INDIVIDUAL_SERVICE_FUND],
            one_off_total=plan.one_off_total,
            isf_provider_name=plan.isf_provider_name,
            start_date=start,
            first_review_date=reviews.first_review_date(start, policy.first_review_weeks),
            annual_review_date=reviews.annual_review_date(start),
            policy=policy,
            created_at=timezone.now(),
            is_current=True,
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.BUDGET_AGREEMENT_MADE,
            object_type="planning.budgetagreement",
            object_id=agreement.pk,
            person_id=plan.person_id,
            payload={"gross_weekly": str(gross), "contribution_weekly": str(paid_by_person), "plan": str(plan.pk)},
        )
    return agreement
