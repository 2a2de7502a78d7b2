"""Test data for planning, made with the real services: a person with an eligibility determination
and an indicative budget (the §2.10 worked example: £183.35 a week), the decision policy, and plans
written, sent, checked and decided through the planning services. Plain functions, so that view
tests, browser journeys and the benchmark can use them too."""

import datetime
from decimal import Decimal

from firstperson.allocation import services as allocation_services
from firstperson.allocation.models import IndicativeBudget
from firstperson.allocation.tests.fixtures import REFERENCE_ANSWERS, reference_configuration, submitted_assessment
from firstperson.assessment import services as assessment_services
from firstperson.assessment.tests.builders import findings
from firstperson.planning import selectors, services
from firstperson.planning.models import DecisionPolicy, ItemKind, ManagedBy, SupportPlan

#: The outcomes the practitioner finds the person unable to achieve.
ELIGIBLE_OUTCOMES = ("A_HYGIENE", "A_CLOTHED", "A_COMMUNITY")
WEEKLY_BUDGET = Decimal("183.35")


def decision_policy(
    *, practitioner_limit="0.00", team_manager_limit="250.00", effective_from=datetime.date(2020, 4, 1)
) -> DecisionPolicy:
    policy = DecisionPolicy.objects.filter(effective_from=effective_from).first()
    if policy:
        return policy
    return services.decision_policy_create(
        actor=None,
        version=f"Delegation from {effective_from:%d %B %Y}",
        effective_from=effective_from,
        practitioner_weekly_limit=None if practitioner_limit is None else Decimal(practitioner_limit),
        team_manager_weekly_limit=None if team_manager_limit is None else Decimal(team_manager_limit),
        panel_target_days=10,
        first_review_weeks=6,
    )


def ready_for_planning(*, person, practitioner, configuration=None):
    """Assessed, found eligible, with an indicative budget: what a plan is written against."""
    if configuration is None:
        reference_configuration(actor=None)
    assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    if not IndicativeBudget.objects.filter(assessment=assessment, is_current=True).exists():
        # On submission the budget is worked out on commit, which a test transaction never reaches.
        allocation_services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    assessment_services.eligibility_determination_record(
        actor=practitioner,
        assessment=assessment,
        findings=findings(unable=ELIGIBLE_OUTCOMES, eligible=True, reasons="Needs help every morning and to get out."),
    )
    return assessment


def write_complete_plan(*, plan: SupportPlan, actor, signer=None, weekly_hours="10") -> SupportPlan:
    """Fill a plan so that it passes every automatic check: an outcome per eligible outcome, each met,
    a risk fully assessed, a contingency plan, management chosen, and the person's sign-off."""
    plan.refresh_from_db()
    words = {
        "A_HYGIENE": "I want to wash and get ready in the morning without rushing",
        "A_CLOTHED": "I want to choose my own clothes and be dressed by 9",
        "A_COMMUNITY": "I want to go to the gym and my work placement",
    }
    outcomes = {}
    for code in ELIGIBLE_OUTCOMES:
        outcomes[code] = services.outcome_add(
            plan=plan,
            revision=plan.revision,
            actor=actor,
            values=services.OutcomeValues(in_own_words=words[code], eligible_outcome_code=code),
        )
        plan.refresh_from_db()
    services.item_add(
        outcome=outcomes["A_HYGIENE"],
        revision=plan.revision,
        actor=actor,
        values={
            "kind": ItemKind.PERSONAL_ASSISTANT,
            "description": "Personal assistant for morning routine",
            "hours_per_week": Decimal(weekly_hours),
            "hourly_rate": Decimal("13.50"),
            "employer_costs_weekly": Decimal("12.00"),
            "managed_by": ManagedBy.DIRECT_PAYMENT,
        },
    )
    plan.refresh_from_db()
    services.item_add(
        outcome=outcomes["A_CLOTHED"],
        revision=plan.revision,
        actor=actor,
        values={
            "kind": ItemKind.INFORMAL,
            "description": "Mum helps choose clothes at weekends",
            "informal_agreement_recorded": True,
        },
    )
    plan.refresh_from_db()
    services.item_add(
        outcome=outcomes["A_COMMUNITY"],
        revision=plan.revision,
        actor=actor,
        values={
            "kind": ItemKind.DAY_OPPORTUNITY,
            "description": "Gym membership",
            "weekly_amount": Decimal("8.00"),
            "managed_by": ManagedBy.DIRECT_PAYMENT,
        },
    )
    plan.refresh_from_db()
    services.risk_add(
        plan=plan,
        revision=plan.revision,
        actor=actor,
        values={
            "description": "Going to the gym alone",
            "likelihood": "low",
            "reduced_by": "Gym staff know him; he carries a phone",
            "responsible": "Sam, with his personal assistant",
            "persons_view": "I want to go on my own sometimes",
        },
    )
    plan.refresh_from_db()
    plan = services.support_plan_update(
        plan=plan,
        revision=plan.revision,
        actor=actor,
        management_method="direct_payment",
        direct_payment_recipient="adult",
        contingency_plan="If my personal assistant is ill, Mum helps in the morning and the agency covers.",
        helped_by="Sam, his mum Linda, and Grace from the Centre for Independent Living",
    )
    if signer is not None:
        plan = services.support_plan_sign_off(
            plan=plan, revision=plan.revision, actor=signer, typed_name="Sam Kowalski"
        )
    return plan


def checks_failed(plan: SupportPlan) -> list[str]:
    return [result.code for result in selectors.plan_check_results(plan=plan) if not result.passed]
