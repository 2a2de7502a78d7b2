"""The personal budget agreement made on approval: gross, the person's contribution (from charging,
never more than the cost), the council's net amount, how each part is managed, what the direct payment
pays and how often, and review dates; all from the version decided, never the live plan. An agreement
whose approval is not upheld on reconsideration ends."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from firstperson.planning import selectors, services
from firstperson.planning.exceptions import TransitionRefused
from firstperson.planning.models import BudgetAgreement, DecisionPolicy, ManagedBy, PlanItem, PlanStatus, SupportPlan
from firstperson.planning.tests import fixtures
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .flow import ALL_TICKED, decide, fresh, put_forward, to_review

D = Decimal
#: A week ago: recent enough that the first review is not yet due (an older start is refused).
START = timezone.localdate() - datetime.timedelta(days=7)


@pytest.mark.parametrize(
    ("cost_of_care", "contribution", "direct_payment_paid"),
    [("100.00", "100.00", "55.00"), ("500.00", "155.00", "0.00")],
)
def test_the_contribution_comes_from_charging_and_never_exceeds_the_gross(
    complete_plan,
    resident,
    practitioner,
    team_manager,
    make_contribution,
    cost_of_care,
    contribution,
    direct_payment_paid,
):
    charged = make_contribution(complete_plan.person, weekly_cost_of_care=D(cost_of_care), effective_from=START)
    assert charged.weekly_amount == D(cost_of_care)
    plan = put_forward(complete_plan, resident, practitioner)
    decision = decide(plan, team_manager, start_date=START)
    agreement = BudgetAgreement.objects.get(decision=decision)
    assert agreement.gross_weekly_amount == D("155.00") == fresh(plan).weekly_total
    assert agreement.contribution == charged
    assert agreement.contribution_weekly_amount == D(contribution)
    assert agreement.net_weekly_amount == D("155.00") - D(contribution)
    # The whole plan is paid by direct payment; the person pays their contribution into it first.
    assert agreement.direct_payment_weekly_amount == D("155.00")
    assert agreement.direct_payment_net_weekly_amount == D(direct_payment_paid)


def test_a_contribution_starting_after_the_plan_is_not_used(
    complete_plan, resident, practitioner, team_manager, make_contribution
):
    make_contribution(complete_plan.person, weekly_cost_of_care=D("50.00"), effective_from=START)
    plan = put_forward(complete_plan, resident, practitioner)
    agreement = BudgetAgreement.objects.get(
        decision=decide(plan, team_manager, start_date=START - datetime.timedelta(days=1))
    )
    assert agreement.contribution is None
    assert (agreement.contribution_weekly_amount, agreement.net_weekly_amount) == (D("0.00"), D("155.00"))


def test_the_gross_is_the_plans_cost_not_the_indicative_budget(complete_plan, resident, practitioner, team_manager):
    plan = put_forward(complete_plan, resident, practitioner)
    agreement = BudgetAgreement.objects.get(decision=decide(plan, team_manager, start_date=START))
    assert agreement.gross_weekly_amount == D("155.00") != plan.weekly_budget_amount
    assert agreement.contribution is None and agreement.net_weekly_amount == D("155.00")
    assert agreement.is_current and agreement.person == plan.person


def a_year_on(day: datetime.date) -> datetime.date:
    return day.replace(year=day.year + 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year + 1)


@pytest.mark.parametrize("weeks", [6, 8])
def test_review_dates_come_from_the_policy(complete_plan, resident, practitioner, team_manager, weeks):
    policy = services.decision_policy_create(
        actor=None, version=f"{weeks} weeks", effective_from=datetime.date(2024, 1, 1),
        practitioner_weekly_limit=None, team_manager_weekly_limit=D("250"), panel_target_days=10,
        first_review_weeks=weeks,
    )  # fmt: skip
    plan = put_forward(complete_plan, resident, practitioner)
    agreement = BudgetAgreement.objects.get(decision=decide(plan, team_manager, start_date=START))
    assert agreement.policy == policy
    assert agreement.start_date == START
    assert agreement.first_review_date == START + datetime.timedelta(weeks=weeks)
    assert agreement.annual_review_date == a_year_on(START)


@pytest.mark.parametrize(("days_back", "allowed"), [(0, True), (42, True), (43, False), (400, False)])
def test_an_approval_may_not_start_so_long_ago_that_the_first_review_is_overdue(
    complete_plan, resident, practitioner, team_manager, days_back, allowed
):
    plan = put_forward(complete_plan, resident, practitioner)  # the policy's first review is at six weeks
    start = timezone.localdate() - datetime.timedelta(days=days_back)
    if allowed:
        agreement = BudgetAgreement.objects.get(decision=decide(plan, team_manager, start_date=start))
        assert agreement.start_date == start and agreement.first_review_date >= timezone.localdate()
        return
    with pytest.raises(TransitionRefused, match="first review would already be overdue") as refusal:
        decide(plan, team_manager, start_date=start)
    assert refusal.value.field == "start_date"
    assert fresh(plan).status == PlanStatus.AWAITING_DECISION
    assert not BudgetAgreement.objects.exists() and not plan.decisions.exists()


def test_a_decision_that_approves_nothing_takes_no_notice_of_the_start_date(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "declined", start_date=timezone.localdate() - datetime.timedelta(days=400))
    assert fresh(plan).status == PlanStatus.DECLINED and not BudgetAgreement.objects.exists()


def test_the_direct_payment_is_paid_at_the_policys_interval(complete_plan, resident, practitioner, team_manager):
    services.decision_policy_create(
        actor=None, version="Fortnightly", effective_from=datetime.date(2024, 1, 1),
        practitioner_weekly_limit=None, team_manager_weekly_limit=D("250"), panel_target_days=10,
        first_review_weeks=6, direct_payment_interval_weeks=2,
    )  # fmt: skip
    plan = put_forward(complete_plan, resident, practitioner)
    agreement = BudgetAgreement.objects.get(decision=decide(plan, team_manager, start_date=START))
    assert agreement.direct_payment_interval_weeks == 2


def test_each_part_is_shown_by_how_it_is_managed(complete_plan, resident, practitioner, panel_member):
    plan = fresh(complete_plan)
    gym = plan.items.get(description="Gym membership")
    services.item_update(
        item=gym, revision=plan.revision, actor=resident, values={"managed_by": ManagedBy.INDIVIDUAL_SERVICE_FUND}
    )
    plan = fresh(plan)
    outcome = plan.outcomes.first()
    services.item_add(
        outcome=outcome, revision=plan.revision, actor=resident,
        values={"kind": "equipment", "description": "Shower chair", "one_off_amount": D("80.00"),
                "weekly_amount": D("2.00"), "managed_by": ManagedBy.COUNCIL_MANAGED},
    )  # fmt: skip
    plan = fresh(plan)
    plan = services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, management_method="mixed", isf_provider_name="Hillside Ltd"
    )
    services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    plan = put_forward(plan, resident, practitioner)
    # The £80 one-off is above the team manager's one-off limit (none): the panel decides.
    assert plan.decision_route == "panel_member"
    agreement = BudgetAgreement.objects.get(decision=decide(plan, panel_member, start_date=START))
    assert agreement.gross_weekly_amount == D("157.00")
    assert (
        agreement.direct_payment_weekly_amount,
        agreement.isf_weekly_amount,
        agreement.council_managed_weekly_amount,
    ) == (
        D("147.00"),
        D("8.00"),
        D("2.00"),
    )
    assert agreement.one_off_total == D("80.00") and agreement.isf_provider_name == "Hillside Ltd"
    assert agreement.direct_payment_net_weekly_amount == D("147.00")  # no contribution to take off


def test_the_contribution_comes_off_the_direct_payment_and_never_below_nothing(
    complete_plan, resident, practitioner, team_manager, make_contribution
):
    """£147 by direct payment and £8 through a fund; the person pays £150 of the £155: the direct
    payment pays nothing (not -£3)."""
    make_contribution(complete_plan.person, weekly_cost_of_care=D("150.00"), effective_from=START)
    plan = fresh(complete_plan)
    gym = plan.items.get(description="Gym membership")
    services.item_update(
        item=gym, revision=plan.revision, actor=resident, values={"managed_by": ManagedBy.INDIVIDUAL_SERVICE_FUND}
    )
    plan = fresh(plan)
    plan = services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, management_method="mixed", isf_provider_name="Hillside Ltd"
    )
    services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    plan = put_forward(plan, resident, practitioner)
    agreement = BudgetAgreement.objects.get(decision=decide(plan, team_manager, start_date=START))
    assert (agreement.gross_weekly_amount, agreement.contribution_weekly_amount) == (D("155.00"), D("150.00"))
    assert (agreement.direct_payment_weekly_amount, agreement.isf_weekly_amount) == (D("147.00"), D("8.00"))
    assert agreement.direct_payment_net_weekly_amount == D("0.00")


def test_the_agreement_says_what_was_sent_even_if_the_live_plan_differs(
    complete_plan, resident, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    submission = plan.submissions.get()
    # The live plan drifts after it was sent (nothing in the service lets this happen; a data fix or a
    # bug elsewhere might): the decision and the agreement must still be on the figures sent.
    SupportPlan.objects.filter(pk=plan.pk).update(
        weekly_total=D("999.00"), one_off_total=D("5000.00"), weekly_budget_amount=D("10.00"),
        isf_provider_name="Somebody Else Ltd",
    )  # fmt: skip
    PlanItem.objects.filter(plan=plan).exclude(kind="informal").update(managed_by=ManagedBy.COUNCIL_MANAGED)
    decision = decide(plan, team_manager, start_date=START)
    assert decision.weekly_amount == D("183.35")  # the budget sent, not £999 (which the manager could not approve)
    agreement = BudgetAgreement.objects.get(decision=decision)
    assert agreement.gross_weekly_amount == submission.weekly_total == D("155.00")
    assert agreement.one_off_total == submission.one_off_total == D("0.00")
    assert agreement.direct_payment_weekly_amount == D("155.00")
    assert agreement.council_managed_weekly_amount == D("0.00") and agreement.isf_weekly_amount == D("0.00")
    assert agreement.isf_provider_name == ""
    made = AuditEvent.objects.get(verb=AuditVerb.BUDGET_AGREEMENT_MADE)
    assert made.payload["submission"] == submission.number


def test_a_reconsidered_approval_replaces_the_agreement(
    complete_plan, resident, practitioner, team_manager, panel_member
):
    plan = put_forward(complete_plan, resident, practitioner)
    first = BudgetAgreement.objects.get(
        decision=decide(plan, team_manager, "approved_with_conditions", start_date=START)
    )
    services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="No conditions, please.")
    # Every reconsideration goes to the funding panel.
    second = BudgetAgreement.objects.get(decision=decide(plan, panel_member, "approved", start_date=START))
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert BudgetAgreement.objects.filter(person=plan.person, is_current=True).count() == 1
    assert not AuditEvent.objects.filter(verb=AuditVerb.BUDGET_AGREEMENT_ENDED).exists()


@pytest.mark.parametrize("outcome", ["declined", "returned"])
def test_an_approval_not_upheld_on_reconsideration_ends_the_agreement_which_stood_meanwhile(
    complete_plan, resident, practitioner, team_manager, panel_member, outcome
):
    plan = put_forward(complete_plan, resident, practitioner)
    agreement = BudgetAgreement.objects.get(
        decision=decide(plan, team_manager, "approved_with_conditions", start_date=START)
    )
    services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="No conditions, please.")
    agreement.refresh_from_db()
    assert agreement.is_current and agreement.ended_at is None, "support does not stop while it is looked at"
    assert selectors.agreement_current_for(person=plan.person) == agreement
    decide(plan, panel_member, outcome, reasons="On a second look, the plan does not meet the needs.")
    agreement.refresh_from_db()
    assert not agreement.is_current and agreement.ended_at is not None
    assert "looked at again" in agreement.end_reason
    assert selectors.agreement_current_for(person=plan.person) is None
    ended = AuditEvent.objects.get(verb=AuditVerb.BUDGET_AGREEMENT_ENDED)
    assert (ended.actor, ended.object_id, ended.person_id) == (panel_member, str(agreement.pk), plan.person_id)
    assert ended.payload == {"reason": agreement.end_reason}


def test_a_first_decision_that_declines_ends_no_agreement(complete_plan, resident, practitioner, team_manager):
    """An earlier plan's agreement stands when a new plan is simply declined (not on reconsideration)."""
    first = put_forward(complete_plan, resident, practitioner)
    decide(first, team_manager, start_date=START)
    standing = BudgetAgreement.objects.get(plan=first)
    second = services.support_plan_start(person=first.person, started_by=resident)
    fixtures.write_complete_plan(plan=second, actor=resident, signer=resident, weekly_hours="11")
    decide(put_forward(second, resident, practitioner), team_manager, "declined")
    standing.refresh_from_db()
    assert standing.is_current and standing.ended_at is None
    assert not AuditEvent.objects.filter(verb=AuditVerb.BUDGET_AGREEMENT_ENDED).exists()


def test_no_policy_in_force_means_nothing_is_put_forward(complete_plan, resident, practitioner):
    fixtures.decision_policy(effective_from=datetime.date(2099, 1, 1))
    DecisionPolicy.objects.filter(effective_from__lt=datetime.date(2099, 1, 1)).delete()
    plan = to_review(complete_plan, resident, practitioner)
    with pytest.raises(TransitionRefused, match="No financial delegation policy"):
        services.support_plan_review(
            plan=plan, revision=plan.revision, actor=practitioner, checklist=ALL_TICKED, comments="", put_forward=True
        )
    plan = fresh(plan)
    assert plan.status == PlanStatus.IN_REVIEW and plan.decision_route == ""
