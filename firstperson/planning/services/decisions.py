"""The plan's lifecycle: send, check, put forward, decide, ask for reconsideration.

Every move goes through `_move`, which asks the one table in rules/lifecycle.py whether the move is
allowed and whether the actor plays the part it needs, writes a status-change row and an audit event,
and tells the person and their representatives (email and in the service). A decision names the
revision it was made on: if the plan has changed since, it is refused.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from firstperson.people.choices import RelationshipKind
from firstperson.people.models import Relationship
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.notify.services import notification_send

from .. import permissions, selectors
from ..exceptions import (
    DecisionNotAllowed,
    PlanAlreadyOpen,
    PlanChangedSinceRead,
    PlanChecksFailed,
    TransitionRefused,
)
from ..models import (
    PlanDecision,
    PlanStatus,
    PlanStatusChange,
    PlanSubmission,
    PractitionerReview,
    Reconsideration,
    SupportPlan,
)
from ..rules import checks, delegation, lifecycle
from ..rules.lifecycle import Part
from .agreements import budget_agreement_make
from .plans import history_by

#: What the person is told at each move, in plain English.
NOTICES: dict[str, tuple[str, str]] = {
    PlanStatus.SUBMITTED: (
        "Your support plan has been sent",
        "Your support plan has been sent to the council. A practitioner will check it and tell you what happens next.",
    ),
    PlanStatus.IN_REVIEW: (
        "A practitioner is checking your support plan",
        "A practitioner has started checking your support plan.",
    ),
    PlanStatus.AWAITING_DECISION: (
        "Your support plan is waiting for a decision",
        "A practitioner has checked your support plan and sent it for a decision.",
    ),
    PlanStatus.RETURNED: (
        "Your support plan has been returned with comments",
        "Your support plan has been returned so that it can be changed. Read the comments, change the plan and send it again.",
    ),
    PlanStatus.APPROVED: (
        "Your support plan has been approved",
        "Your support plan has been approved. Your personal budget agreement is ready to read.",
    ),
    PlanStatus.APPROVED_WITH_CONDITIONS: (
        "Your support plan has been approved with conditions",
        "Your support plan has been approved with some conditions. Read them in your personal budget agreement.",
    ),
    PlanStatus.DECLINED: (
        "A decision has been made on your support plan",
        "Your support plan has not been approved. Read the reasons, and what you can do if you disagree.",
    ),
    PlanStatus.RECONSIDERATION_REQUESTED: (
        "Your request to look at the decision again has been received",
        "Someone who did not make the first decision will look at your support plan again.",
    ),
}


def _people_to_tell(plan: SupportPlan) -> list:
    """The person's own account and their current representatives' accounts."""
    today = timezone.localdate()
    accounts = []
    if plan.person.account_id:
        accounts.append(plan.person.account)
    representatives = (
        Relationship.objects.filter(person=plan.person, kind=RelationshipKind.REPRESENTATIVE, start_date__lte=today)
        .exclude(end_date__lt=today)
        .exclude(related_person__account__isnull=True)
        .select_related("related_person__account")
    )
    accounts += [relationship.related_person.account for relationship in representatives]
    return [account for account in accounts if account is not None and account.is_active]


def _tell(plan: SupportPlan, status: str) -> None:
    notice = NOTICES.get(status)
    if notice is None:
        return
    subject, body = notice
    url = reverse("plans:plan-detail", kwargs={"plan_id": plan.pk})
    for account in _people_to_tell(plan):
        notification_send(recipient=account, subject=subject, body=body, url=url)


def _move(
    plan: SupportPlan,
    to_status: str,
    *,
    actor,
    parts: frozenset[Part],
    reason: str = "",
    submission: PlanSubmission | None = None,
) -> SupportPlan:
    """Make one move on a locked plan."""
    from_status = plan.status
    try:
        lifecycle.check_transition(lifecycle.PlanStatus(from_status), lifecycle.PlanStatus(to_status), parts)
    except lifecycle.TransitionNotAllowed as refusal:
        raise TransitionRefused(str(refusal)) from refusal
    now = timezone.now()
    plan.status = to_status
    if to_status in lifecycle.WAITING_ON_COUNCIL:
        if from_status not in lifecycle.WAITING_ON_COUNCIL or to_status == PlanStatus.RECONSIDERATION_REQUESTED:
            plan.waiting_since = now
    else:
        plan.waiting_since = None
    plan.updated_by = actor
    # A move changes the plan too: a page opened before it (a decision form, say) is now stale.
    plan.revision += 1
    history_by(actor, plan).save()
    PlanStatusChange.objects.create(
        plan=plan,
        submission=submission,
        from_status=from_status,
        to_status=to_status,
        changed_by=actor,
        changed_at=now,
        reason=reason,
        revision=plan.revision,
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.SUPPORT_PLAN_STATUS_CHANGED,
        object_type="planning.supportplan",
        object_id=plan.pk,
        person_id=plan.person_id,
        payload={"from": from_status, "to": to_status, "revision": plan.revision},
    )
    _tell(plan, to_status)
    return plan


def _locked(plan: SupportPlan) -> SupportPlan:
    # Only the plan row: PostgreSQL cannot lock the nullable side of the outer join to the account.
    return (
        SupportPlan.objects.select_for_update(of=("self",)).select_related("person", "person__account").get(pk=plan.pk)
    )


def _latest_submission(plan: SupportPlan) -> PlanSubmission | None:
    return plan.submissions.order_by("-number").first()


def _submitted_version(plan: SupportPlan) -> PlanSubmission:
    """The version being checked or decided: the latest one sent."""
    submission = _latest_submission(plan)
    if submission is None:
        raise TransitionRefused("This plan has not been sent yet.")
    return submission


def support_plan_submit(*, plan: SupportPlan, revision: int, actor) -> PlanSubmission:
    """Send the plan: every automatic check must pass; a snapshot of it is kept as a new version."""
    with transaction.atomic():
        locked = _locked(plan)
        if locked.revision != revision:
            raise PlanChangedSinceRead(
                "Someone else changed this plan since you looked at it. Check it again before you send it."
            )
        parts = permissions.parts_for(actor, locked)
        try:
            lifecycle.check_transition(lifecycle.PlanStatus(locked.status), lifecycle.PlanStatus.SUBMITTED, parts)
        except lifecycle.TransitionNotAllowed as refusal:
            raise TransitionRefused(str(refusal)) from refusal
        results = selectors.plan_check_results(plan=locked)
        if not checks.all_passed(results):
            raise PlanChecksFailed(results)
        submission = PlanSubmission.objects.create(
            plan=locked,
            number=locked.submissions.count() + 1,
            revision=locked.revision,
            snapshot=selectors.plan_snapshot(plan=locked),
            checks=[
                {"code": r.code, "title": r.title, "passed": r.passed, "problems": list(r.problems)} for r in results
            ],
            checks_rule_version=checks.RULE_VERSION,
            weekly_total=locked.weekly_total,
            one_off_total=locked.one_off_total,
            weekly_budget_amount=locked.weekly_budget_amount,
            submitted_by=actor,
            submitted_at=timezone.now(),
        )
        _move(locked, PlanStatus.SUBMITTED, actor=actor, parts=parts, submission=submission)
    return submission


def support_plan_start_review(*, plan: SupportPlan, actor) -> SupportPlan:
    with transaction.atomic():
        locked = _locked(plan)
        return _move(
            locked,
            PlanStatus.IN_REVIEW,
            actor=actor,
            parts=permissions.parts_for(actor, locked),
            submission=_latest_submission(locked),
        )


def support_plan_review(
    *, plan: SupportPlan, revision: int, actor, checklist: dict[str, bool], comments: str, put_forward: bool
) -> PractitionerReview:
    """The practitioner's check. Put forward for a decision only with every checklist item ticked;
    return with comments otherwise. Putting forward routes the plan by financial delegation."""
    codes = [code for code, _ in checks.PRACTITIONER_CHECKLIST]
    ticked = {code: bool(checklist.get(code)) for code in codes}
    if put_forward and not all(ticked.values()):
        raise TransitionRefused(
            "Tick every item of the checklist to send the plan for a decision, or return it with comments."
        )
    if not put_forward and not comments.strip():
        raise TransitionRefused("Write comments that say what needs to change.")
    with transaction.atomic():
        locked = _locked(plan)
        if locked.revision != revision:
            raise PlanChangedSinceRead("This plan has changed since you opened it. Check it again.")
        policy = selectors.decision_policy_in_force()
        if put_forward and policy is None:
            raise TransitionRefused("No financial delegation policy is in force. Ask an administrator to set one.")
        submission = _submitted_version(locked)
        parts = permissions.parts_for(actor, locked)
        review = PractitionerReview.objects.create(
            submission=submission,
            reviewer=actor,
            checklist=ticked,
            comments=comments.strip(),
            put_forward=put_forward,
            completed_at=timezone.now(),
        )
        if put_forward:
            assert policy is not None  # refused above when there is none
            amount = delegation.decision_amount(locked.weekly_total, locked.weekly_budget_amount)
            locked.decision_route = delegation.decided_by_tier(amount, policy.limits())
            _move(
                locked, PlanStatus.AWAITING_DECISION, actor=actor, parts=parts, reason=comments, submission=submission
            )
        else:
            _move(locked, PlanStatus.RETURNED, actor=actor, parts=parts, reason=comments, submission=submission)
        audit_record(
            actor=actor,
            verb=AuditVerb.SUPPORT_PLAN_REVIEWED,
            object_type="planning.supportplan",
            object_id=locked.pk,
            person_id=locked.person_id,
            payload={"put_forward": put_forward, "checklist": ticked},
        )
    return review


def _check_decider(actor, plan: SupportPlan, amount, policy) -> str:
    """The tier the actor decides as; refused if their delegation does not cover the amount."""
    if Part.DECIDER not in permissions.parts_for(actor, plan):
        raise DecisionNotAllowed(lifecycle.PART_REFUSALS[Part.DECIDER])
    role = str(actor.role)
    if not delegation.may_decide(role, amount, policy.limits()):
        raise DecisionNotAllowed(
            f"This plan costs £{amount:,.2f} a week, which is above what you can approve. It needs the funding panel."
        )
    return role


def support_plan_decide(
    *,
    plan: SupportPlan,
    revision: int,
    actor,
    outcome: str,
    reasons: str,
    conditions: str = "",
    start_date: datetime.date | None = None,
) -> PlanDecision:
    """Decide a plan waiting for a decision, or being looked at again.

    Refused when the plan has changed since the decider read it, when the actor's delegation does not
    cover its weekly cost, or, for a reconsideration, when the actor made the decision being looked at.
    Approval makes the personal budget agreement and supersedes any earlier approved plan.
    """
    if outcome not in lifecycle.DECISIONS:
        raise TransitionRefused("Choose a decision.")
    if not reasons.strip():
        raise TransitionRefused("Write the reasons for the decision.")
    if outcome == PlanStatus.APPROVED_WITH_CONDITIONS and not conditions.strip():
        raise TransitionRefused("Write the conditions of the approval.")
    with transaction.atomic():
        locked = _locked(plan)
        if locked.revision != revision:
            raise PlanChangedSinceRead(
                "This plan has changed since you opened it, so your decision has not been recorded. "
                "Read the plan as it is now and decide again."
            )
        if locked.status not in {PlanStatus.AWAITING_DECISION, PlanStatus.RECONSIDERATION_REQUESTED}:
            raise TransitionRefused("This plan is not waiting for a decision.")
        policy = selectors.decision_policy_in_force()
        if policy is None:
            raise TransitionRefused("No financial delegation policy is in force. Ask an administrator to set one.")
        amount = delegation.decision_amount(locked.weekly_total, locked.weekly_budget_amount)
        decided_as = _check_decider(actor, locked, amount, policy)
        reconsideration = None
        if locked.status == PlanStatus.RECONSIDERATION_REQUESTED:
            reconsideration = (
                locked.reconsiderations.select_related("original_decision").order_by("-requested_at").first()
            )
            if reconsideration is not None and reconsideration.original_decision.decided_by_id == actor.pk:
                raise DecisionNotAllowed(
                    "You made the decision that is being looked at again. Someone else must decide this time."
                )
        submission = _submitted_version(locked)
        decision = PlanDecision.objects.create(
            plan=locked,
            submission=submission,
            outcome=outcome,
            reasons=reasons.strip(),
            conditions=conditions.strip(),
            decided_by=actor,
            decided_as=decided_as,
            decided_at=timezone.now(),
            weekly_amount=amount,
            policy=policy,
            reconsideration=reconsideration,
        )
        _move(locked, outcome, actor=actor, parts=frozenset({Part.DECIDER}), reason=reasons, submission=submission)
        audit_record(
            actor=actor,
            verb=AuditVerb.SUPPORT_PLAN_DECIDED,
            object_type="planning.supportplan",
            object_id=locked.pk,
            person_id=locked.person_id,
            payload={
                "outcome": outcome,
                "decided_as": decided_as,
                "weekly_amount": str(amount),
                "policy": policy.version,
            },
        )
        if outcome in lifecycle.APPROVALS:
            _supersede_earlier(locked, actor)
            budget_agreement_make(plan=locked, decision=decision, actor=actor, start_date=start_date)
    return decision


def _supersede_earlier(plan: SupportPlan, actor) -> None:
    earlier = (
        SupportPlan.objects.select_for_update()
        .filter(person=plan.person_id, status__in=sorted(lifecycle.APPROVALS))
        .exclude(pk=plan.pk)
    )
    for old in earlier:
        _move(
            old, PlanStatus.SUPERSEDED, actor=actor, parts=frozenset({Part.SYSTEM}), reason="A newer plan was approved."
        )


def support_plan_request_reconsideration(*, plan: SupportPlan, actor, reasons: str) -> Reconsideration:
    """The person or their representative asks for the latest decision to be looked at again."""
    if not reasons.strip():
        raise TransitionRefused("Say why you think the decision should be looked at again.")
    with transaction.atomic():
        locked = _locked(plan)
        parts = permissions.parts_for(actor, locked)
        decision = selectors.plan_latest_decision(plan=locked)
        latest = _latest_submission(locked)
        if decision is None or latest is None or decision.submission_id != latest.pk:
            # Returned by the practitioner's check, which is not a decision (an earlier decision was
            # on an earlier version of the plan).
            raise TransitionRefused("There is no decision on this plan to look at again.")
        newer = selectors.plan_open_for(person=locked.person)
        if newer is not None and newer.pk != locked.pk:
            raise PlanAlreadyOpen(
                "There is a newer plan being written or decided for this person. Ask about that plan instead, "
                "or stop it first."
            )
        previous = locked.status
        _move(locked, PlanStatus.RECONSIDERATION_REQUESTED, actor=actor, parts=parts, reason=reasons)
        if previous == PlanStatus.RETURNED and not locked.decision_route:
            locked.decision_route = delegation.Decider.TEAM_MANAGER
            locked.save(update_fields=["decision_route"])
        reconsideration = Reconsideration.objects.create(
            plan=locked,
            original_decision=decision,
            reasons=reasons.strip(),
            requested_by=actor,
            requested_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.SUPPORT_PLAN_RECONSIDERATION_REQUESTED,
            object_type="planning.supportplan",
            object_id=locked.pk,
            person_id=locked.person_id,
            payload={"decision": str(decision.pk)},
        )
    return reconsideration
