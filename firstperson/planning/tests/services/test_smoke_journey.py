"""From a blank plan to an agreement, through the real services."""

from decimal import Decimal

from firstperson.planning import selectors, services
from firstperson.planning.models import BudgetAgreement, PlanStatus


def test_a_complete_plan_goes_from_draft_to_an_agreement(complete_plan, resident, practitioner, team_manager):
    plan = complete_plan
    assert plan.weekly_total == Decimal("155.00")  # 10 x 13.50 + 12.00 + 8.00
    assert selectors.plan_check_results(plan=plan) and all(r.passed for r in selectors.plan_check_results(plan=plan))
    services.support_plan_submit(plan=plan, revision=plan.revision, actor=resident)
    services.support_plan_start_review(plan=plan, actor=practitioner)
    plan.refresh_from_db()
    services.support_plan_review(
        plan=plan,
        revision=plan.revision,
        actor=practitioner,
        checklist=dict.fromkeys(
            ("person_centred", "lawful", "outcome_based", "sufficient", "risk_proportionate"), True
        ),
        comments="A good plan.",
        put_forward=True,
    )
    plan.refresh_from_db()
    assert plan.decision_route == "team_manager"  # £183.35 is within £250
    services.support_plan_decide(
        plan=plan, revision=plan.revision, actor=team_manager, outcome="approved", reasons="Meets the outcomes."
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    agreement = BudgetAgreement.objects.get(plan=plan)
    assert agreement.gross_weekly_amount == Decimal("155.00")
    assert agreement.net_weekly_amount == Decimal("155.00")
    assert agreement.direct_payment_weekly_amount == Decimal("155.00")
    assert (agreement.first_review_date - agreement.start_date).days == 42
