"""Pages of support planning (issue 6): one plan's pages under /plans/, the person's list, the staff
queues and the delegation policy pages; and the Messages page.

They are checked against two plans of person A, made once per world with the real services
(`url_kwargs`): an APPROVED plan with its agreement (decided by A's team manager, within £250 a
week), and a newer DRAFT plan being written, with an outcome, support paying a close relative who
lives with A, and a risk. Version pages and the agreement use the approved plan; every other page
the draft. Who sees a plan (planning/permissions.py): resident A; the representative, whose authority
is only to see A's record online, so they see the plan but may not write it, sign it off or choose a
broker; A's team's practitioner and team manager. The panel member sees only plans sent to the panel
(neither is), the broker only plans they were chosen for (neither). Everyone else gets 404.
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import ANONYMOUS, CASEWORK, RESIDENT_FACE, SIGN_IN, only

SEE = RESIDENT_FACE | CASEWORK
WRITE = {Role.RESIDENT} | CASEWORK
ADMINISTRATORS = {Role.ADMINISTRATOR}
#: Pages about one version, or the agreement, are checked on the approved plan.
APPROVED_PLAN_PAGES = {
    "plans:plan-versions",
    "plans:plan-version",
    "plans:plan-version-compare",
    "plans:plan-reconsideration",
}


def _build(world):
    from decimal import Decimal

    from firstperson.planning import services
    from firstperson.planning.models import ItemKind, ManagedBy, PayeeRelationship
    from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
    from firstperson.planning.tests import fixtures

    users, person = world["users"], world["people"]["A"]
    resident, practitioner = users[Role.RESIDENT], users[Role.PRACTITIONER]
    fixtures.decision_policy()
    services.prohibited_purchases_load_default()
    fixtures.ready_for_planning(person=person, practitioner=practitioner)

    approved = services.support_plan_start(person=person, started_by=resident)
    approved = fixtures.write_complete_plan(plan=approved, actor=resident, signer=resident)
    services.support_plan_submit(plan=approved, revision=approved.revision, actor=resident)
    services.support_plan_start_review(plan=approved, actor=practitioner)
    approved.refresh_from_db()
    services.support_plan_review(
        plan=approved,
        revision=approved.revision,
        actor=practitioner,
        checklist={code: True for code, _ in PRACTITIONER_CHECKLIST},
        comments="A good plan.",
        put_forward=True,
    )
    approved.refresh_from_db()
    decision = services.support_plan_decide(
        plan=approved, revision=approved.revision, actor=users[Role.TEAM_MANAGER], outcome="approved", reasons="Fine."
    )

    draft = services.support_plan_start(person=person, started_by=resident)
    outcome = services.outcome_add(
        plan=draft,
        revision=draft.revision,
        actor=resident,
        values=services.OutcomeValues(
            in_own_words="I want to get up at my own time", eligible_outcome_code="A_HYGIENE"
        ),
    )
    draft.refresh_from_db()
    item = services.item_add(
        outcome=outcome,
        revision=draft.revision,
        actor=resident,
        values={
            "kind": ItemKind.PERSONAL_ASSISTANT,
            "description": "My sister helps me in the morning",
            "hours_per_week": Decimal("7"),
            "hourly_rate": Decimal("12.50"),
            "managed_by": ManagedBy.DIRECT_PAYMENT,
            "payee_relationship": PayeeRelationship.CLOSE_RELATIVE,
            "payee_lives_with_person": True,
        },
    )
    draft.refresh_from_db()
    risk = services.risk_add(plan=draft, revision=draft.revision, actor=resident, values={"description": "Falling"})
    world["planning"] = {
        "approved": approved,
        "agreement": decision.agreement,
        "draft": draft,
        "outcome": outcome,
        "item": item,
        "risk": risk,
    }


def url_kwargs(name, keys, world):
    if "planning" not in world:
        _build(world)
    made = world["planning"]
    plan = made["approved"] if name in APPROVED_PLAN_PAGES else made["draft"]
    values = {
        "plan_id": plan.pk,
        "outcome_id": made["outcome"].pk,
        "item_id": made["item"].pk,
        "risk_id": made["risk"].pk,
        "kind": "personal_assistant",
        "number": 1,
        "agreement_id": made["agreement"].pk,
        "code": "gambling",
    }
    return {key: value for key, value in values.items() if key in keys}


def plan_page(roles, status=200):
    """A page of A's plan: `status` for `roles`, 404 for everyone else signed in."""
    return only(roles, status=status)


def start_plan(role, subject):
    """A already has an open plan, so those who may start one are sent to it; B is seen by nobody."""
    if role == ANONYMOUS:
        return SIGN_IN
    if subject == "A" and role in WRITE:
        return 302
    return 404


EXPECTATIONS = {
    "planning-resident:plan-list": only(RESIDENT_FACE),
    "plans:plan-start": start_plan,
    "plans:plan-detail": plan_page(SEE),
    "plans:outcome-add": plan_page(WRITE),
    "plans:outcome-edit": plan_page(WRITE),
    "plans:outcome-remove": plan_page(WRITE),
    "plans:item-add": plan_page(WRITE),
    "plans:item-add-details": plan_page(WRITE),
    "plans:item-edit": plan_page(WRITE),
    "plans:item-remove": plan_page(WRITE),
    "plans:risk-add": plan_page(WRITE),
    "plans:risk-edit": plan_page(WRITE),
    "plans:risk-remove": plan_page(WRITE),
    "plans:plan-management": plan_page(WRITE),
    "plans:plan-contingency": plan_page(WRITE),
    "plans:plan-justification": plan_page(WRITE),
    "plans:plan-helpers": plan_page(WRITE),
    "plans:plan-broker": plan_page({Role.RESIDENT}),  # only the person chooses who helps them
    "plans:plan-check": plan_page(SEE),
    "plans:plan-sign-off": plan_page({Role.RESIDENT}),
    "plans:plan-submit": plan_page(SEE, status=302),  # sending is a POST: a GET goes to the check page
    "plans:plan-submitted": plan_page(SEE),
    "plans:plan-versions": plan_page(SEE),
    "plans:plan-version": plan_page(SEE),
    "plans:plan-version-compare": plan_page(SEE),
    "plans:plan-history": plan_page(SEE),
    "plans:plan-review": plan_page(CASEWORK),
    # The draft waits for no decision: A's team manager is told so; a practitioner, who may not decide
    # (no delegation in this policy), and everyone else get 404.
    "plans:plan-decide": plan_page({Role.TEAM_MANAGER}),
    "plans:plan-reconsideration": plan_page({Role.RESIDENT}),
    "plans:item-exception": plan_page(CASEWORK),
    "plans:agreement-detail": plan_page(SEE),
    "plans:agreement-pdf": plan_page(SEE),
    "planning:caseload": only(CASEWORK),
    "planning:review-queue": only(CASEWORK),
    "planning:decision-queue": only({Role.TEAM_MANAGER}),
    "planning:panel-queue": only({Role.PANEL_MEMBER, Role.TEAM_MANAGER}),
    "planning:broker-plans": only({Role.BROKER}),
    "planning:policy-list": only(ADMINISTRATORS),
    "planning:policy-create": only(ADMINISTRATORS),
    "planning:prohibited-list": only(ADMINISTRATORS),
    "planning:prohibited-create": only(ADMINISTRATORS),
    "planning:prohibited-edit": only(ADMINISTRATORS),
    "notify:notification-list": only(set(Role)),
}
