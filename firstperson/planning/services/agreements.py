"""The personal budget agreement, made when a plan is approved.

Everything comes from the version that was decided (`decision.submission`), never from the live plan:
the agreement says what was approved.

Gross budget: the weekly cost of the approved version (the RAS figure was only a starting point; the
personal budget is what meeting the needs costs: REFERENCE.md §2.1, §12 rule 2). The person's
contribution is their financial assessment's weekly contribution on the start date, never more than
the cost of their care (§3.7); the council's net amount is the rest. Each part is shown by how it is
managed. The contribution is taken from the direct payment first (the person pays their share into
the direct payment account, REFERENCE.md §4.5), so the direct payment paid is its share less the
contribution, at the policy's interval (s25(2): the amount and frequency of direct payments). The
first review is six to eight weeks after the start (the policy says which), then yearly.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from firstperson.charging.selectors import contribution_current
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..models import BudgetAgreement, ManagedBy, PlanDecision, SupportPlan
from ..rules import reviews
from ..rules.costing import ZERO, pounds


def _share(submission, managed_by: str) -> Decimal:
    return pounds(Decimal(submission.weekly_by_management.get(managed_by, "0")))


def budget_agreement_make(
    *, plan: SupportPlan, decision: PlanDecision, actor, start_date: datetime.date | None = None
) -> BudgetAgreement:
    start = start_date or timezone.localdate()
    policy = decision.policy
    submission = decision.submission
    gross = pounds(submission.weekly_total)
    contribution = contribution_current(person=plan.person, today=start)
    paid_by_person = min(contribution.weekly_amount, gross) if contribution is not None else ZERO
    direct_payment = _share(submission, ManagedBy.DIRECT_PAYMENT)
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
            direct_payment_weekly_amount=direct_payment,
            direct_payment_net_weekly_amount=max(ZERO, direct_payment - paid_by_person),
            direct_payment_interval_weeks=policy.direct_payment_interval_weeks,
            council_managed_weekly_amount=_share(submission, ManagedBy.COUNCIL_MANAGED),
            isf_weekly_amount=_share(submission, ManagedBy.INDIVIDUAL_SERVICE_FUND),
            one_off_total=submission.one_off_total,
            isf_provider_name=submission.snapshot.get("isf_provider_name", ""),
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
            payload={
                "gross_weekly": str(gross),
                "contribution_weekly": str(paid_by_person),
                "plan": str(plan.pk),
                "submission": submission.number,
            },
        )
    return agreement


def budget_agreement_end(*, plan: SupportPlan, actor, reason: str) -> BudgetAgreement | None:
    """End the plan's current agreement (when its approval is not upheld on reconsideration)."""
    agreement = BudgetAgreement.objects.select_for_update().filter(plan=plan, is_current=True).first()
    if agreement is None:
        return None
    agreement.is_current = False
    agreement.ended_at = timezone.now()
    agreement.end_reason = reason
    agreement.save(update_fields=["is_current", "ended_at", "end_reason"])
    audit_record(
        actor=actor,
        verb=AuditVerb.BUDGET_AGREEMENT_ENDED,
        object_type="planning.budgetagreement",
        object_id=agreement.pk,
        person_id=plan.person_id,
        payload={"reason": reason},
    )
    return agreement
