"""The personal budget agreement made on approval: gross, the person's contribution (from charging,
never more than the cost), the council's net amount, how each part is managed, and review dates."""

import datetime
from decimal import Decimal

import pytest

from firstperson.planning import services
from firstperson.planning.exceptions import TransitionRefused
from firstperson.planning.models import BudgetAgreement, DecisionPolicy, ManagedBy, PlanStatus
from firstperson.planning.tests import fixtures

from .flow import ALL_TICKED, decide, fresh, put_forward, to_review

D = Decimal
START = datetime.date(2026, 5, 4)


@pytest.mark.parametrize(("cost_of_care", "contribution"), [("100.00", "100.00"), ("500.00", "155.00")])
def test_the_contribution_comes_from_charging_and_never_exceeds_the_gross(
    complete_plan, resident, practitioner, team_manager, make_contribution, cost_of_care, contribution
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


@pytest.mark.parametrize(("weeks", "first_review"), [(6, "2026-06-15"), (8, "2026-06-29")])
def test_review_dates_come_from_the_policy(complete_plan, resident, practitioner, team_manager, weeks, first_review):
    policy = services.decision_policy_create(
        actor=None, version=f"{weeks} weeks", effective_from=datetime.date(2024, 1, 1),
        practitioner_weekly_limit=None, team_manager_weekly_limit=D("250"), panel_target_days=10,
        first_review_weeks=weeks,
    )  # fmt: skip
    plan = put_forward(complete_plan, resident, practitioner)
    agreement = BudgetAgreement.objects.get(decision=decide(plan, team_manager, start_date=START))
    assert agreement.policy == policy
    assert agreement.start_date == START
    assert agreement.first_review_date == datetime.date.fromisoformat(first_review)
    assert agreement.annual_review_date == datetime.date(2027, 5, 4)


def test_each_part_is_shown_by_how_it_is_managed(complete_plan, resident, practitioner, team_manager):
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
    agreement = BudgetAgreement.objects.get(decision=decide(plan, team_manager, start_date=START))
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


def test_a_reconsidered_approval_replaces_the_agreement(
    complete_plan, resident, practitioner, team_manager, second_team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    first = BudgetAgreement.objects.get(
        decision=decide(plan, team_manager, "approved_with_conditions", start_date=START)
    )
    services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="No conditions, please.")
    second = BudgetAgreement.objects.get(decision=decide(plan, second_team_manager, "approved", start_date=START))
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert BudgetAgreement.objects.filter(person=plan.person, is_current=True).count() == 1


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
