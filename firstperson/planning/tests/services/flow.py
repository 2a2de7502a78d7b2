"""Moving a plan along its lifecycle through the real services, for the service tests."""

from firstperson.planning import services
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST

ALL_TICKED = {code: True for code, _ in PRACTITIONER_CHECKLIST}


def fresh(plan):
    plan.refresh_from_db()
    return plan


def submit(plan, actor):
    plan = fresh(plan)
    return services.support_plan_submit(plan=plan, revision=plan.revision, actor=actor)


def to_review(plan, author, practitioner):
    submit(plan, author)
    services.support_plan_start_review(plan=fresh(plan), actor=practitioner)
    return fresh(plan)


def put_forward(plan, author, practitioner):
    to_review(plan, author, practitioner)
    services.support_plan_review(
        plan=plan, revision=plan.revision, actor=practitioner, checklist=ALL_TICKED, comments="", put_forward=True
    )
    return fresh(plan)


def decide(plan, decider, outcome="approved", **extra):
    plan = fresh(plan)
    extra.setdefault("reasons", "It meets Sam's outcomes safely.")
    if outcome == "approved_with_conditions":
        extra.setdefault("conditions", "Keep receipts for the gym.")
    return services.support_plan_decide(plan=plan, revision=plan.revision, actor=decider, outcome=outcome, **extra)
