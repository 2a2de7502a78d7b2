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

from firstperson.people.selectors import accounts_to_tell
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
from ..rules.reviews import first_review_date
from .agreements import budget_agreement_end, budget_agreement_make
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
    PlanStatus.SUPERSEDED: (
        "Your earlier support plan has been replaced",
        "A newer support plan has been approved, so your earlier plan has been replaced by it.",
    ),
    PlanStatus.RECONSIDERATION_REQUESTED: (
        "Your request to look at the decision again has been received",
        "The funding panel will look at your support plan again. Nobody who made the decision will decide it again.",
    ),
}


def _for_representative(text: str) -> str:
    """The same news for someone acting for the person: "a support plan you help with", no name."""
    return (
        text.replace("Your support plan", "A support plan you help with")
        .replace("your support plan", "a support plan you help with")
        .replace("Your personal budget agreement", "The personal budget agreement")
        .replace("your personal budget agreement", "the personal budget agreement")
    )


def _tell(plan: SupportPlan, status: str) -> None:
    notice = NOTICES.get(status)
    if notice is None:
        return
    subject, body = notice
    url = reverse("plans:plan-detail", kwargs={"plan_id": plan.pk})
    # The person, and the representatives who may see the plan (planning/permissions.py).
    for account, is_the_person in accounts_to_tell(person=plan.person, authorities=permissions.SEEING_AUTHORITIES):
        if is_the_person:
            notification_send(recipient=account, subject=subject, body=body, url=url)
        else:
            notification_send(
                recipient=account, subject=_for_representative(subject), body=_for_representative(body), url=url
            )


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
            weekly_by_management={
                key: str(amount)
                for key, amount in selectors.plan_weekly_by_management(plan=locked)[0].items()
                if amount
            },
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
            amount = delegation.decision_amount(submission.weekly_total, submission.weekly_budget_amount)
            locked.decision_route = delegation.decided_by_tier(amount, policy.limits(), submission.one_off_total)
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


def _check_decider(actor, plan: SupportPlan, submission: PlanSubmission, amount, policy) -> str:
    """The tier the actor decides as. Refused when their delegation does not cover the version's
    weekly or one-off costs, or when they checked this version and sent it for a decision themselves
    (someone else decides: two pairs of eyes on every plan)."""
    if Part.DECIDER not in permissions.parts_for(actor, plan):
        raise DecisionNotAllowed(lifecycle.PART_REFUSALS[Part.DECIDER])
    role = str(actor.role)
    if plan.decision_route == delegation.Decider.PANEL and role != delegation.Decider.PANEL:
        # Sent to the panel (above a limit, referred, or being looked at again): only the panel decides.
        raise DecisionNotAllowed("This plan has been sent to the funding panel. Only the panel can decide it.")
    if not delegation.may_decide(role, amount, policy.limits(), submission.one_off_total):
        one_off = f" and £{submission.one_off_total:,.2f} in one-off costs" if submission.one_off_total else ""
        raise DecisionNotAllowed(
            f"This plan costs £{amount:,.2f} a week{one_off}, which is more than you can approve. "
            "Refer it to the funding panel."
        )
    if submission.reviews.filter(reviewer=actor, put_forward=True).exists():
        raise DecisionNotAllowed("You checked this plan and sent it for a decision, so someone else must decide it.")
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

    Refused when the plan has changed since the decider read it; when the actor's delegation does not
    cover the version's weekly or one-off costs; when the plan was sent to the funding panel and the
    actor is not on it; when the actor put this version forward; or, for a reconsideration, when the
    actor already decided this version. Approval makes the personal budget agreement and supersedes
    any earlier approved plan; a reconsideration that does not approve ends the agreement it questioned.
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
        # The decision is on the version sent, and its figures are that version's.
        submission = _submitted_version(locked)
        amount = delegation.decision_amount(submission.weekly_total, submission.weekly_budget_amount)
        decided_as = _check_decider(actor, locked, submission, amount, policy)
        reconsideration = None
        if locked.status == PlanStatus.RECONSIDERATION_REQUESTED:
            reconsideration = locked.reconsiderations.order_by("-requested_at").first()
            if submission.decisions.filter(decided_by=actor).exists():
                raise DecisionNotAllowed(
                    "You have already decided on this version of the plan. Someone else must look at it again."
                )
        start = start_date or timezone.localdate()
        if (
            outcome in lifecycle.APPROVALS
            and first_review_date(start, policy.first_review_weeks) < timezone.localdate()
        ):
            raise TransitionRefused(
                "The start date is too far in the past: the first review would already be overdue. "
                "Give a more recent start date.",
                field="start_date",
            )
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
            budget_agreement_make(plan=locked, decision=decision, actor=actor, start_date=start)
        elif reconsideration is not None:
            # Looked at again and not approved this time: the agreement made on the first
            # decision ends now. Until this decision it stood, so support did not stop meanwhile.
            budget_agreement_end(
                plan=locked,
                actor=actor,
                reason=f"{lifecycle.LABELS[lifecycle.PlanStatus(outcome)]} when the decision was looked at again.",
            )
    return decision


def support_plan_refer_to_panel(*, plan: SupportPlan, revision: int, actor, reason: str) -> SupportPlan:
    """A team manager (or a practitioner with a limit) sends a plan waiting for them to the funding
    panel instead of deciding it: above their delegation now, or a case the panel should see."""
    if not reason.strip():
        raise TransitionRefused("Say why the funding panel should decide this plan.")
    with transaction.atomic():
        locked = _locked(plan)
        if locked.revision != revision:
            raise PlanChangedSinceRead("This plan has changed since you opened it. Read it again.")
        if locked.status not in {PlanStatus.AWAITING_DECISION, PlanStatus.RECONSIDERATION_REQUESTED}:
            raise TransitionRefused("This plan is not waiting for a decision.")
        if locked.decision_route == delegation.Decider.PANEL:
            raise TransitionRefused("This plan is already with the funding panel.")
        if Part.DECIDER not in permissions.parts_for(actor, locked) or str(actor.role) != locked.decision_route:
            raise DecisionNotAllowed(lifecycle.PART_REFUSALS[Part.DECIDER])
        locked.decision_route = delegation.Decider.PANEL
        locked.revision += 1
        history_by(actor, locked).save()
        audit_record(
            actor=actor,
            verb=AuditVerb.SUPPORT_PLAN_REFERRED_TO_PANEL,
            object_type="planning.supportplan",
            object_id=locked.pk,
            person_id=locked.person_id,
            payload={"reason": reason.strip()},
        )
    return locked


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


def support_plan_request_reconsideration(
    *, plan: SupportPlan, actor, reasons: str, revision: int | None = None
) -> Reconsideration:
    """The person or their representative asks for the latest decision to be looked at again.

    It goes to the funding panel, so that someone other than the first decider looks at it, and a
    team with one manager is never stuck. A returned plan that has been changed since cannot be
    looked at again as it was: the changed plan is sent instead (its checks and sign-off apply).
    """
    if not reasons.strip():
        raise TransitionRefused("Say why you think the decision should be looked at again.")
    with transaction.atomic():
        locked = _locked(plan)
        if revision is not None and locked.revision != revision:
            raise PlanChangedSinceRead("This plan has changed since you opened the page. Read it again.")
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
        if locked.status == PlanStatus.RETURNED:
            returned = (
                locked.status_changes.filter(to_status=PlanStatus.RETURNED).order_by("-changed_at", "-id").first()
            )
            if returned is not None and returned.revision != locked.revision:
                raise TransitionRefused(
                    "The plan has been changed since it was returned, so the decision cannot be looked at again "
                    "as it was. Send the changed plan instead."
                )
        locked.decision_route = delegation.Decider.PANEL
        _move(locked, PlanStatus.RECONSIDERATION_REQUESTED, actor=actor, parts=parts, reason=reasons)
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
