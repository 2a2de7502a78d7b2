"""Every move of a plan through the services: what each writes, who may make it, what is refused."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from firstperson.people.choices import AuthorityScope
from firstperson.planning import selectors, services
from firstperson.planning.exceptions import (
    DecisionNotAllowed,
    PlanAlreadyOpen,
    PlanChangedSinceRead,
    PlanChecksFailed,
    PlanNotEditable,
    TransitionRefused,
)
from firstperson.planning.models import (
    BudgetAgreement,
    PlanDecision,
    PlanStatus,
    PlanStatusChange,
    PlanSubmission,
    PractitionerReview,
    Reconsideration,
    SupportPlan,
)
from firstperson.planning.tests import fixtures
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.notify.models import Notification

from .conftest import make_representative
from .flow import ALL_TICKED, decide, fresh, put_forward, submit, to_review

D = Decimal


def statuses(plan):
    return [
        (c.from_status, c.to_status) for c in PlanStatusChange.objects.filter(plan=plan).order_by("changed_at", "id")
    ]


def over_budget_plan(plan, resident, hours="20"):
    """£290 a week against a £183.35 budget, justified, signed off: goes to the funding panel."""
    fixtures.write_complete_plan(plan=plan, actor=resident, weekly_hours=hours)
    plan = fresh(plan)
    services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, over_budget_justification="Two people are needed to lift."
    )
    plan = fresh(plan)
    return services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")


# --- send -----------------------------------------------------------------------------------------


def test_a_plan_failing_its_checks_is_not_sent_and_nothing_changes(plan, resident):
    revision = fresh(plan).revision
    told_before = set(Notification.objects.values_list("pk", flat=True))  # the eligibility decision's
    with pytest.raises(PlanChecksFailed) as refusal:
        submit(plan, resident)
    failed = [r.code for r in refusal.value.results if not r.passed]
    assert "outcomes_addressed" in failed and "contingency_plan" in failed and "signed_off" in failed
    plan = fresh(plan)
    assert plan.status == PlanStatus.DRAFT and plan.revision == revision and plan.waiting_since is None
    assert not PlanSubmission.objects.filter(plan=plan).exists()
    assert not PlanStatusChange.objects.filter(plan=plan).exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_STATUS_CHANGED).exists()
    assert set(Notification.objects.values_list("pk", flat=True)) == told_before


def test_a_change_after_sign_off_needs_a_new_sign_off_before_sending(complete_plan, resident):
    plan = services.support_plan_update(
        plan=complete_plan, revision=complete_plan.revision, actor=resident, helped_by="Sam and Grace"
    )
    assert plan.signed_off_at is None
    with pytest.raises(PlanChecksFailed) as refusal:
        submit(plan, resident)
    assert [r.code for r in refusal.value.results if not r.passed] == ["signed_off"]


def test_sending_keeps_a_version_and_writes_who_when_from_to(complete_plan, resident):
    sent_at_revision = fresh(complete_plan).revision
    submission = submit(complete_plan, resident)
    plan = fresh(complete_plan)
    assert plan.status == PlanStatus.SUBMITTED and plan.waiting_since is not None
    assert (submission.number, submission.revision, submission.submitted_by) == (1, sent_at_revision, resident)
    # The move itself changes the plan: any page opened before it is now stale.
    assert plan.revision == sent_at_revision + 1
    assert submission.weekly_total == D("155.00") and submission.weekly_budget_amount == D("183.35")
    assert submission.snapshot == selectors.plan_snapshot(plan=plan)
    assert all(check["passed"] for check in submission.checks) and len(submission.checks) == 9
    change = PlanStatusChange.objects.get(plan=plan)
    assert (change.from_status, change.to_status, change.changed_by, change.submission) == (
        "draft",
        "submitted",
        resident,
        submission,
    )
    assert change.changed_at is not None and change.revision == plan.revision
    event = AuditEvent.objects.get(verb=AuditVerb.SUPPORT_PLAN_STATUS_CHANGED)
    assert (event.actor, event.object_id, event.person_id) == (resident, str(plan.pk), plan.person_id)
    assert event.payload == {"from": "draft", "to": "submitted", "revision": plan.revision}


def test_a_sent_plan_cannot_be_changed_or_sent_again(complete_plan, resident):
    submit(complete_plan, resident)
    plan = fresh(complete_plan)
    with pytest.raises(PlanNotEditable):
        services.support_plan_update(plan=plan, revision=plan.revision, actor=resident, helped_by="x")
    with pytest.raises(TransitionRefused, match="cannot become sent for checking"):
        submit(plan, resident)
    assert PlanSubmission.objects.filter(plan=plan).count() == 1


def test_only_an_author_can_send(complete_plan, panel_member, make_user, other_team):
    from firstperson.platform.accounts.roles import Role

    for outsider in (panel_member, make_user(Role.PRACTITIONER, team=other_team)):
        with pytest.raises(TransitionRefused):
            submit(complete_plan, outsider)
    assert fresh(complete_plan).status == PlanStatus.DRAFT
    assert not PlanSubmission.objects.exists()


# --- check ----------------------------------------------------------------------------------------


def test_only_a_practitioner_in_the_team_starts_the_check(complete_plan, resident, broker, practitioner):
    submit(complete_plan, resident)
    waiting_since = fresh(complete_plan).waiting_since
    for not_reviewer in (resident, broker):
        with pytest.raises(TransitionRefused, match="Only a practitioner in the person's team can check the plan"):
            services.support_plan_start_review(plan=complete_plan, actor=not_reviewer)
    services.support_plan_start_review(plan=complete_plan, actor=practitioner)
    plan = fresh(complete_plan)
    assert plan.status == PlanStatus.IN_REVIEW
    assert plan.waiting_since == waiting_since, "still waiting on the council since it was sent"
    assert statuses(plan)[-1] == ("submitted", "in_review")


def test_putting_forward_needs_every_checklist_item_and_returning_needs_comments(complete_plan, resident, practitioner):
    plan = to_review(complete_plan, resident, practitioner)
    with pytest.raises(TransitionRefused, match="Tick every item"):
        services.support_plan_review(
            plan=plan, revision=plan.revision, actor=practitioner, checklist={**ALL_TICKED, "lawful": False},
            comments="", put_forward=True,
        )  # fmt: skip
    with pytest.raises(TransitionRefused, match="Write comments"):
        services.support_plan_review(
            plan=plan, revision=plan.revision, actor=practitioner, checklist={}, comments=" ", put_forward=False
        )
    assert fresh(plan).status == PlanStatus.IN_REVIEW
    assert not PractitionerReview.objects.exists()


def test_the_practitioner_returns_a_plan_with_comments_and_it_can_be_changed_and_sent_again(
    complete_plan, resident, practitioner
):
    plan = to_review(complete_plan, resident, practitioner)
    review = services.support_plan_review(
        plan=plan, revision=plan.revision, actor=practitioner, checklist={"lawful": True},
        comments="Say who covers at weekends.", put_forward=False,
    )  # fmt: skip
    assert review.checklist == {**dict.fromkeys(ALL_TICKED, False), "lawful": True}
    assert not review.put_forward
    plan = fresh(plan)
    assert plan.status == PlanStatus.RETURNED and plan.editable and plan.waiting_since is None
    change = PlanStatusChange.objects.filter(plan=plan).last()
    assert (change.to_status, change.reason, change.changed_by) == (
        "returned",
        "Say who covers at weekends.",
        practitioner,
    )
    assert AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_REVIEWED, payload__put_forward=False).exists()
    # Changed and sent again: a second version, and what changed between them.
    plan = services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, contingency_plan="Mum covers at weekends."
    )
    plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    second = submit(plan, resident)
    assert second.number == 2
    first = PlanSubmission.objects.get(plan=plan, number=1)
    changes = selectors.submission_changes(before=first, after=second)
    assert [(c.field, c.after) for c in changes] == [("Contingency plan", "Mum covers at weekends.")]
    assert statuses(plan)[-2:] == [("in_review", "returned"), ("returned", "submitted")]


def test_a_review_needs_the_review_started(complete_plan, resident, practitioner):
    submit(complete_plan, resident)
    plan = fresh(complete_plan)
    with pytest.raises(TransitionRefused):
        services.support_plan_review(
            plan=plan, revision=plan.revision, actor=practitioner, checklist=ALL_TICKED, comments="", put_forward=True
        )
    assert fresh(plan).status == PlanStatus.SUBMITTED
    assert not PractitionerReview.objects.exists()


@pytest.mark.parametrize(
    ("practitioner_limit", "hours", "route"),
    [
        ("0.00", "10", "team_manager"),  # £183.35 (the budget) is within the team manager's £250
        ("200.00", "10", "practitioner"),  # within the practitioner's own limit
        (None, "10", "team_manager"),
        ("0.00", "20", "panel_member"),  # £290 a week is above every limit
    ],
)
def test_putting_forward_routes_by_delegation(assessed, resident, practitioner, practitioner_limit, hours, route):
    fixtures.decision_policy(practitioner_limit=practitioner_limit, effective_from=datetime.date(2024, 1, 1))
    plan = services.support_plan_start(person=assessed, started_by=resident)
    over_budget_plan(plan, resident, hours=hours)
    plan = put_forward(plan, resident, practitioner)
    assert plan.status == PlanStatus.AWAITING_DECISION
    assert plan.decision_route == route


# --- decide ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["approved", "approved_with_conditions", "returned", "declined"])
def test_each_decision(complete_plan, resident, practitioner, team_manager, outcome):
    plan = put_forward(complete_plan, resident, practitioner)
    decision = decide(plan, team_manager, outcome)
    plan = fresh(plan)
    assert plan.status == outcome and plan.waiting_since is None
    assert (decision.outcome, decision.decided_by, decision.decided_as) == (outcome, team_manager, "team_manager")
    assert decision.weekly_amount == D("183.35") and decision.policy == selectors.decision_policy_in_force()
    assert decision.submission == PlanSubmission.objects.get(plan=plan)
    assert decision.conditions == ("Keep receipts for the gym." if outcome == "approved_with_conditions" else "")
    assert statuses(plan)[-1] == ("awaiting_decision", outcome)
    assert PlanStatusChange.objects.filter(plan=plan).last().reason == "It meets Sam's outcomes safely."
    event = AuditEvent.objects.get(verb=AuditVerb.SUPPORT_PLAN_DECIDED)
    assert event.payload["outcome"] == outcome and event.actor == team_manager
    made = BudgetAgreement.objects.filter(plan=plan).exists()
    assert made is (outcome in ("approved", "approved_with_conditions"))
    assert AuditEvent.objects.filter(verb=AuditVerb.BUDGET_AGREEMENT_MADE).exists() is made
    assert plan.editable is (outcome == "returned")


@pytest.mark.parametrize(
    ("outcome", "reasons", "conditions", "message"),
    [
        ("maybe", "Because", "", "Choose a decision"),
        ("submitted", "Because", "", "Choose a decision"),
        ("approved", "  ", "", "Write the reasons"),
        ("approved_with_conditions", "Because", "", "Write the conditions"),
    ],
)
def test_a_decision_needs_an_outcome_reasons_and_any_conditions(
    complete_plan, resident, practitioner, team_manager, outcome, reasons, conditions, message
):
    plan = put_forward(complete_plan, resident, practitioner)
    with pytest.raises(TransitionRefused, match=message):
        decide(plan, team_manager, outcome, reasons=reasons, conditions=conditions)
    assert fresh(plan).status == PlanStatus.AWAITING_DECISION
    assert not PlanDecision.objects.exists()


def test_a_plan_not_waiting_for_a_decision_cannot_be_decided(complete_plan, resident, practitioner, team_manager):
    plan = to_review(complete_plan, resident, practitioner)
    with pytest.raises(TransitionRefused, match="not waiting for a decision"):
        decide(plan, team_manager)
    assert not PlanDecision.objects.exists()


def test_a_team_manager_decides_within_their_limit_and_not_above_it(
    assessed, resident, practitioner, team_manager, panel_member
):
    plan = services.support_plan_start(person=assessed, started_by=resident)
    plan = put_forward(over_budget_plan(plan, resident), resident, practitioner)
    assert plan.decision_route == "panel_member"
    with pytest.raises(DecisionNotAllowed, match="sent to the funding panel"):
        decide(plan, team_manager)
    assert fresh(plan).status == PlanStatus.AWAITING_DECISION and not PlanDecision.objects.exists()
    decision = decide(plan, panel_member)
    assert (decision.decided_as, decision.weekly_amount) == ("panel_member", D("290.00"))


def test_a_plan_routed_to_a_team_manager_is_refused_if_a_new_policy_puts_it_above_their_limit(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    assert plan.decision_route == "team_manager"
    fixtures.decision_policy(team_manager_limit="150.00", effective_from=timezone.localdate())
    with pytest.raises(DecisionNotAllowed, match="£183.35 a week, which is more than you can approve. Refer it"):
        decide(plan, team_manager)
    assert not PlanDecision.objects.exists()


def test_the_panel_sees_and_decides_only_plans_sent_to_it(complete_plan, resident, practitioner, panel_member):
    plan = put_forward(complete_plan, resident, practitioner)
    assert plan.decision_route == "team_manager"
    with pytest.raises(DecisionNotAllowed):
        decide(plan, panel_member)
    assert fresh(plan).status == PlanStatus.AWAITING_DECISION


def test_a_practitioner_decides_only_within_their_own_limit(assessed, resident, practitioner, second_practitioner):
    fixtures.decision_policy(practitioner_limit="200.00", effective_from=datetime.date(2024, 1, 1))
    plan = services.support_plan_start(person=assessed, started_by=resident)
    fixtures.write_complete_plan(plan=plan, actor=resident, signer=resident)
    # Checked and put forward by one practitioner, decided by another (two pairs of eyes).
    plan = put_forward(plan, resident, second_practitioner)
    assert decide(plan, practitioner).decided_as == "practitioner"
    other = services.support_plan_start(person=assessed, started_by=resident)
    other = put_forward(over_budget_plan(other, resident, hours="14"), resident, second_practitioner)  # £209 a week
    assert other.decision_route == "team_manager"
    with pytest.raises(DecisionNotAllowed, match="more than you can approve"):
        decide(other, practitioner)


def test_whoever_put_the_plan_forward_may_not_decide_it(
    complete_plan, resident, practitioner, second_practitioner, team_manager, second_team_manager
):
    fixtures.decision_policy(practitioner_limit="200.00", effective_from=datetime.date(2024, 1, 1))
    plan = put_forward(complete_plan, resident, practitioner)
    assert plan.decision_route == "practitioner"
    with pytest.raises(DecisionNotAllowed, match="You checked this plan and sent it for a decision"):
        decide(plan, practitioner)
    assert fresh(plan).status == PlanStatus.AWAITING_DECISION and not PlanDecision.objects.exists()
    assert decide(plan, second_practitioner).decided_by == second_practitioner


def test_a_team_manager_who_checked_the_plan_may_not_decide_it(
    complete_plan, resident, team_manager, second_team_manager
):
    plan = put_forward(complete_plan, resident, team_manager)
    assert plan.decision_route == "team_manager"
    with pytest.raises(DecisionNotAllowed, match="someone else must decide it"):
        decide(plan, team_manager)
    assert decide(plan, second_team_manager).decided_by == second_team_manager


@pytest.mark.parametrize(("one_off", "route"), [("500.00", "team_manager"), ("500.01", "panel_member")])
def test_one_off_costs_above_the_team_managers_one_off_limit_go_to_the_panel(
    assessed, resident, practitioner, team_manager, panel_member, one_off, route
):
    services.decision_policy_create(
        actor=None, version="With one-off limits", effective_from=datetime.date(2024, 1, 1),
        practitioner_weekly_limit=None, team_manager_weekly_limit=D("250.00"), panel_target_days=10,
        first_review_weeks=6, team_manager_one_off_limit=D("500.00"),
    )  # fmt: skip
    plan = services.support_plan_start(person=assessed, started_by=resident)
    fixtures.write_complete_plan(plan=plan, actor=resident)
    plan = fresh(plan)
    services.item_add(
        outcome=plan.outcomes.first(), revision=plan.revision, actor=resident,
        values={"kind": "equipment", "description": "Hoist", "one_off_amount": D(one_off),
                "managed_by": "council_managed"},
    )  # fmt: skip
    plan = fresh(plan)
    plan = services.support_plan_update(plan=plan, revision=plan.revision, actor=resident, management_method="mixed")
    services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    plan = put_forward(plan, resident, practitioner)
    assert plan.weekly_total == D("155.00") and plan.one_off_total == D(one_off)  # well within £250 a week
    assert plan.decision_route == route
    if route == "panel_member":
        with pytest.raises(DecisionNotAllowed):
            decide(plan, team_manager)
        assert decide(plan, panel_member).decided_as == "panel_member"
    else:
        assert decide(plan, team_manager).decided_as == "team_manager"


def test_a_practitioner_with_no_limit_cannot_decide(complete_plan, resident, practitioner):
    fixtures.decision_policy(practitioner_limit=None, effective_from=datetime.date(2024, 1, 1))
    plan = put_forward(complete_plan, resident, practitioner)
    with pytest.raises(DecisionNotAllowed):
        decide(plan, practitioner)


def test_residents_brokers_and_representatives_never_decide(
    complete_plan, resident, practitioner, broker, representative
):
    plan = fresh(complete_plan)
    services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=broker)
    plan = put_forward(plan, resident, practitioner)
    for not_decider in (resident, broker, representative):
        with pytest.raises(DecisionNotAllowed):
            decide(plan, not_decider)
    assert not PlanDecision.objects.exists()


# --- reconsideration ------------------------------------------------------------------------------


@pytest.mark.parametrize("first_outcome", ["declined", "returned", "approved_with_conditions"])
def test_reconsideration_goes_to_the_panel_and_not_to_the_first_decider(
    complete_plan, resident, practitioner, team_manager, second_team_manager, panel_member, first_outcome
):
    plan = put_forward(complete_plan, resident, practitioner)
    first = decide(plan, team_manager, first_outcome)
    request = services.support_plan_request_reconsideration(
        plan=fresh(plan), actor=resident, reasons="The gym is how I stay well."
    )
    plan = fresh(plan)
    assert plan.status == PlanStatus.RECONSIDERATION_REQUESTED and plan.waiting_since is not None
    assert plan.decision_route == "panel_member"
    assert list(selectors.decision_queue_for(actor=panel_member)) == [plan]
    assert list(selectors.decision_queue_for(actor=second_team_manager)) == []
    assert (request.original_decision, request.requested_by) == (first, resident)
    assert statuses(plan)[-1] == (first_outcome, "reconsideration_requested")
    assert AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_RECONSIDERATION_REQUESTED).count() == 1
    for not_panel in (team_manager, second_team_manager):
        with pytest.raises(DecisionNotAllowed):
            decide(plan, not_panel, "approved")
    assert fresh(plan).status == PlanStatus.RECONSIDERATION_REQUESTED
    second = decide(plan, panel_member, "approved")
    assert second.reconsideration == request and second.decided_by == panel_member
    assert fresh(plan).status == PlanStatus.APPROVED
    agreement = BudgetAgreement.objects.get(person=plan.person, is_current=True)
    assert agreement.decision == second


def test_a_second_reconsideration_cannot_go_back_to_anyone_who_decided_before(
    complete_plan, resident, practitioner, team_manager, panel_member, second_panel_member
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "approved_with_conditions")
    services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="No conditions.")
    decide(plan, panel_member, "approved_with_conditions", conditions="Keep receipts.")
    services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="Still no conditions.")
    with pytest.raises(DecisionNotAllowed, match="already decided on this version"):
        decide(plan, panel_member, "approved")
    assert fresh(plan).status == PlanStatus.RECONSIDERATION_REQUESTED
    assert PlanDecision.objects.filter(plan=plan).count() == 2
    last = decide(plan, second_panel_member, "approved")
    assert last.decided_by == second_panel_member and fresh(plan).status == PlanStatus.APPROVED


def test_a_returned_plan_changed_since_it_was_returned_cannot_be_reconsidered(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "returned", reasons="Say who covers at weekends.")
    plan = fresh(plan)
    services.support_plan_update(plan=plan, revision=plan.revision, actor=resident, contingency_plan="Mum covers.")
    plan = fresh(plan)
    with pytest.raises(TransitionRefused, match="Send the changed plan instead"):
        services.support_plan_request_reconsideration(
            plan=plan, revision=plan.revision, actor=resident, reasons="It was fine as it was."
        )
    plan = fresh(plan)
    assert plan.status == PlanStatus.RETURNED and plan.contingency_plan == "Mum covers."
    assert not Reconsideration.objects.exists()


def test_a_returned_plan_not_changed_since_can_be_reconsidered_by_the_panel(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "returned", reasons="Say who covers at weekends.")
    plan = fresh(plan)
    request = services.support_plan_request_reconsideration(
        plan=plan, revision=plan.revision, actor=resident, reasons="It was fine as it was."
    )
    plan = fresh(plan)
    assert request.plan == plan and plan.status == PlanStatus.RECONSIDERATION_REQUESTED
    assert plan.decision_route == "panel_member"


def test_a_reconsideration_request_read_at_an_old_revision_is_refused(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    read_at = plan.revision
    decide(plan, team_manager, "declined")
    with pytest.raises(PlanChangedSinceRead):
        services.support_plan_request_reconsideration(
            plan=fresh(plan), revision=read_at, actor=resident, reasons="Please."
        )
    assert fresh(plan).status == PlanStatus.DECLINED and not Reconsideration.objects.exists()


# --- referring to the panel -----------------------------------------------------------------------


def test_a_team_manager_refers_a_plan_on_their_route_to_the_panel(
    complete_plan, resident, practitioner, team_manager, panel_member
):
    plan = put_forward(complete_plan, resident, practitioner)
    assert plan.decision_route == "team_manager"
    referred = services.support_plan_refer_to_panel(
        plan=plan, revision=plan.revision, actor=team_manager, reason="  A complex case the panel should see.  "
    )
    plan = fresh(plan)
    assert referred.pk == plan.pk and plan.decision_route == "panel_member"
    assert plan.status == PlanStatus.AWAITING_DECISION and plan.revision == referred.revision
    event = AuditEvent.objects.get(verb=AuditVerb.SUPPORT_PLAN_REFERRED_TO_PANEL)
    assert (event.actor, event.object_id, event.person_id) == (team_manager, str(plan.pk), plan.person_id)
    assert event.payload == {"reason": "A complex case the panel should see."}
    assert list(selectors.decision_queue_for(actor=panel_member)) == [plan]
    assert list(selectors.decision_queue_for(actor=team_manager)) == []
    with pytest.raises(DecisionNotAllowed):
        decide(plan, team_manager)
    assert decide(plan, panel_member).decided_as == "panel_member"


def test_a_referral_form_opened_before_a_change_is_stale(
    complete_plan, resident, practitioner, team_manager, panel_member
):
    plan = put_forward(complete_plan, resident, practitioner)
    services.support_plan_refer_to_panel(plan=plan, revision=plan.revision, actor=team_manager, reason="Complex.")
    with pytest.raises(PlanChangedSinceRead):
        services.support_plan_decide(  # the decision form was read before the referral
            plan=plan, revision=plan.revision, actor=panel_member, outcome="approved", reasons="Fine."
        )
    with pytest.raises(PlanChangedSinceRead):
        services.support_plan_refer_to_panel(plan=plan, revision=plan.revision, actor=team_manager, reason="Again.")
    assert AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_REFERRED_TO_PANEL).count() == 1


def test_referring_to_the_panel_is_refused_plainly(
    complete_plan, resident, practitioner, second_practitioner, team_manager, panel_member
):
    fixtures.decision_policy(practitioner_limit="0.00", effective_from=datetime.date(2024, 1, 1))
    plan = to_review(complete_plan, resident, practitioner)

    def refer(actor, reason="A complex case."):
        plan.refresh_from_db()
        return services.support_plan_refer_to_panel(plan=plan, revision=plan.revision, actor=actor, reason=reason)

    with pytest.raises(TransitionRefused, match="not waiting for a decision"):
        refer(team_manager)
    services.support_plan_review(
        plan=fresh(plan), revision=fresh(plan).revision, actor=practitioner, checklist=ALL_TICKED, comments="",
        put_forward=True,
    )  # fmt: skip
    assert fresh(plan).decision_route == "team_manager"
    with pytest.raises(TransitionRefused, match="Say why"):
        refer(team_manager, reason="  ")
    # Not on the plan's route, or no decider at all.
    for not_on_route in (second_practitioner, resident, panel_member):
        with pytest.raises((DecisionNotAllowed, TransitionRefused)):
            refer(not_on_route)
    assert fresh(plan).decision_route == "team_manager"
    refer(team_manager)
    with pytest.raises(TransitionRefused, match="already with the funding panel"):
        refer(team_manager)
    with pytest.raises(TransitionRefused, match="already with the funding panel"):
        refer(panel_member)
    assert AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_REFERRED_TO_PANEL).count() == 1


def test_a_representative_with_planning_authority_may_ask_for_reconsideration(
    complete_plan, resident, practitioner, team_manager, representative, broker
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "declined")
    for not_requester in (practitioner, broker):
        with pytest.raises(TransitionRefused):
            services.support_plan_request_reconsideration(plan=fresh(plan), actor=not_requester, reasons="Please.")
    with pytest.raises(TransitionRefused, match="Say why"):
        services.support_plan_request_reconsideration(plan=fresh(plan), actor=representative, reasons=" ")
    request = services.support_plan_request_reconsideration(plan=fresh(plan), actor=representative, reasons="Please.")
    assert request.requested_by == representative


def test_an_unconditional_approval_cannot_be_reconsidered(complete_plan, resident, practitioner, team_manager):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "approved")
    with pytest.raises(TransitionRefused, match="cannot become being looked at again"):
        services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="More please.")
    assert not Reconsideration.objects.exists()


def test_a_plan_returned_by_the_practitioners_check_has_no_decision_to_reconsider(
    complete_plan, resident, practitioner, team_manager
):
    plan = to_review(complete_plan, resident, practitioner)
    services.support_plan_review(
        plan=plan, revision=plan.revision, actor=practitioner, checklist={}, comments="Add weekends.", put_forward=False
    )
    with pytest.raises(TransitionRefused, match="no decision"):
        services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="It is fine.")
    assert fresh(plan).status == PlanStatus.RETURNED


def test_an_earlier_decision_is_not_reconsidered_when_the_practitioner_returned_the_new_version(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "returned")
    plan = fresh(plan)
    plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam K")
    plan = to_review(plan, resident, practitioner)
    services.support_plan_review(
        plan=plan, revision=plan.revision, actor=practitioner, checklist={}, comments="Add weekends.", put_forward=False
    )
    with pytest.raises(TransitionRefused, match="no decision"):
        services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="It is fine.")
    assert fresh(plan).status == PlanStatus.RETURNED and not Reconsideration.objects.exists()


def test_reconsidering_an_approval_while_a_newer_plan_is_open_is_refused_plainly(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "approved_with_conditions")
    services.support_plan_start(person=plan.person, started_by=resident)
    with pytest.raises(PlanAlreadyOpen):
        services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="No conditions.")
    assert fresh(plan).status == PlanStatus.APPROVED_WITH_CONDITIONS


# --- one open plan; superseding --------------------------------------------------------------------


def test_one_open_plan_per_person(plan, resident, practitioner):
    for starter in (resident, practitioner):
        with pytest.raises(PlanAlreadyOpen):
            services.support_plan_start(person=plan.person, started_by=starter)
    assert SupportPlan.objects.filter(person=plan.person).count() == 1


def test_a_new_plan_can_be_started_once_the_last_is_decided(complete_plan, resident, practitioner, team_manager):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "declined")
    new = services.support_plan_start(person=plan.person, started_by=resident)
    assert new.status == PlanStatus.DRAFT and new.weekly_budget_amount == D("183.35")


def test_approving_a_new_plan_supersedes_the_earlier_approved_one(complete_plan, resident, practitioner, team_manager):
    first = put_forward(complete_plan, resident, practitioner)
    decide(first, team_manager, "approved")
    first_agreement = BudgetAgreement.objects.get(plan=first)
    second = services.support_plan_start(person=first.person, started_by=resident)
    fixtures.write_complete_plan(plan=second, actor=resident, signer=resident, weekly_hours="11")
    second = put_forward(second, resident, practitioner)
    decide(second, team_manager, "approved")
    first = fresh(first)
    assert first.status == PlanStatus.SUPERSEDED
    change = PlanStatusChange.objects.filter(plan=first).last()
    assert (change.from_status, change.to_status, change.reason) == (
        "approved",
        "superseded",
        "A newer plan was approved.",
    )
    first_agreement.refresh_from_db()
    assert not first_agreement.is_current
    current = selectors.agreement_current_for(person=first.person)
    assert current.plan == second and current.gross_weekly_amount == D("168.50")
    # The person is told that the earlier plan was replaced, too.
    assert Notification.objects.filter(
        recipient=resident, subject="Your earlier support plan has been replaced"
    ).exists()
    with pytest.raises(TransitionRefused):
        services.support_plan_request_reconsideration(plan=first, actor=resident, reasons="Bring it back.")


# --- telling people -------------------------------------------------------------------------------


def test_every_move_is_told_to_the_person_and_the_representatives_who_may_see_the_plan(
    complete_plan, resident, practitioner, team_manager, make_user, make_person, person
):
    viewer = make_representative(make_user, make_person, person, AuthorityScope.VIEW_ONLINE)
    planner = make_representative(make_user, make_person, person, AuthorityScope.ASSESSMENT_AND_PLANNING)
    money_only = make_representative(make_user, make_person, person, AuthorityScope.MONEY)
    welfare_only = make_representative(make_user, make_person, person, AuthorityScope.HEALTH_AND_WELFARE)
    ended = make_representative(
        make_user, make_person, person, AuthorityScope.ASSESSMENT_AND_PLANNING, end=datetime.date(2025, 6, 1)
    )
    mail.outbox.clear()
    told_before = list(Notification.objects.values_list("pk", flat=True))  # the eligibility decision's
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "approved")
    to_the_person = [
        "Your support plan has been approved",
        "Your support plan is waiting for a decision",
        "A practitioner is checking your support plan",
        "Your support plan has been sent",
    ]
    to_a_representative = [
        "A support plan you help with has been approved",
        "A support plan you help with is waiting for a decision",
        "A practitioner is checking a support plan you help with",
        "A support plan you help with has been sent",
    ]
    for account, expected in ((resident, to_the_person), (viewer, to_a_representative), (planner, to_a_representative)):
        notes = Notification.objects.filter(recipient=account).exclude(pk__in=told_before)
        assert sorted(n.subject for n in notes) == sorted(expected), account
        assert all(str(plan.pk) in n.url for n in notes)
    approved = Notification.objects.get(recipient=viewer, subject="A support plan you help with has been approved")
    assert approved.body == (
        "A support plan you help with has been approved. The personal budget agreement is ready to read."
    )
    assert not any("Your" in n.subject + n.body for n in Notification.objects.filter(recipient=planner))
    nobody_else = [money_only, welfare_only, ended, practitioner, team_manager]
    assert not Notification.objects.filter(recipient__in=nobody_else).exists()


def test_notifications_are_emailed_only_when_the_move_is_saved(
    complete_plan, resident, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(complete_plan, resident)
    assert [m.subject for m in mail.outbox] == ["Your support plan has been sent"]
    assert mail.outbox[0].to == [resident.email]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        submit(complete_plan, resident)
    assert len(mail.outbox) == 1
