"""Every planning page the whole journey does not pass through, checked by axe in a real browser
(issue #6 §6): the pages that show each part of a plan, every kind of support, the versions and the
history, the queues, the decision pages, the configuration pages, and their error states.

The data is made with the real services between the page visits, so each page is seen in the state
that shows its main content. Each person signs in once through the real pages (staff with their
two-factor code), and every page on the way is checked too.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from firstperson.planning import services
from firstperson.planning.models import (
    ItemKind,
    ManagedBy,
    PayeeRelationship,
    PlanStatus,
    ProhibitedPurchase,
    SupportPlan,
)
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
from firstperson.planning.rules.delegation import Decider
from firstperson.planning.tests.fixtures import decision_policy, ready_for_planning, write_complete_plan
from firstperson.platform.accounts.roles import Role

from .steps import click, path_of, sign_in_resident, sign_out

ALL_TICKS = {code: True for code, _ in PRACTITIONER_CHECKLIST}


# --- Looking at pages -------------------------------------------------------------------------------


def see(checked_page, path, title):
    """Open a page: it answers 200 at that address (no redirect, no 404), has the expected title, and
    passes axe."""
    page = checked_page.page
    response = page.goto(checked_page.base + path)
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    assert path_of(page) == path.split("?")[0], f"{path} went to {page.url}"
    checked_page.check()
    assert title in page.title(), f"{path}: {page.title()!r} has no {title!r}"
    return page


def refused(checked_page, button, *messages):
    """Press a button on a form left empty (or wrong): the page comes back with the GOV.UK error
    summary naming each problem, and is checked by axe in that state."""
    page = click(checked_page, "button", button, exact=True)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in messages:
        expect(summary).to_contain_text(message)
    return page


def plans(plan, name="", **ids):
    """The address of one of the plan's pages under /plans/<id>/."""
    tail = name.format(**ids)
    return f"/plans/{plan.pk}/{tail}"


# --- Moving plans along with the real services --------------------------------------------------------


def fresh(plan) -> SupportPlan:
    plan.refresh_from_db()
    return plan


def submit(plan, author):
    services.support_plan_submit(plan=fresh(plan), revision=plan.revision, actor=author)
    return fresh(plan)


def sign_off(plan, author, name):
    return services.support_plan_sign_off(plan=fresh(plan), revision=plan.revision, actor=author, typed_name=name)


def check_and_put_forward(plan, practitioner):
    services.support_plan_start_review(plan=fresh(plan), actor=practitioner)
    services.support_plan_review(
        plan=fresh(plan),
        revision=plan.revision,
        actor=practitioner,
        checklist=ALL_TICKS,
        comments="A person-centred plan.",
        put_forward=True,
    )
    return fresh(plan)


def return_with_comments(plan, practitioner):
    services.support_plan_start_review(plan=fresh(plan), actor=practitioner)
    services.support_plan_review(
        plan=fresh(plan),
        revision=plan.revision,
        actor=practitioner,
        checklist={},
        comments="Say who covers the mornings when your personal assistant is away.",
        put_forward=False,
    )
    return fresh(plan)


def relative_at_home_item(plan, author, outcome):
    """Something else, paid from a direct payment to a close relative who lives with the person: a
    practitioner must record why that is necessary before the plan can be sent."""
    return services.item_add(
        outcome=outcome,
        revision=fresh(plan).revision,
        actor=author,
        values={
            "kind": ItemKind.OTHER,
            "description": "My brother drives me to my placement",
            "weekly_amount": Decimal("5.00"),
            "managed_by": ManagedBy.DIRECT_PAYMENT,
            "payee_relationship": PayeeRelationship.CLOSE_RELATIVE,
            "payee_lives_with_person": True,
        },
    )


# --- The person's pages ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_every_page_of_writing_sending_and_reading_a_plan_is_accessible(checked_page, make_user, make_person, team):
    decision_policy()  # a team manager decides up to £250 a week; above that, the funding panel
    sam_account = make_user(Role.RESIDENT, first_name="Sam", last_name="Kowalski")
    sam = make_person(team=team, account=sam_account, legal_given_name="Sam", legal_family_name="Kowalski")
    chloe = make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")
    pat = make_user(Role.PANEL_MEMBER, first_name="Pat", last_name="Okoro")
    make_user(Role.BROKER, first_name="Grace", last_name="Liu")  # someone to choose on the broker page
    ready_for_planning(person=sam, practitioner=chloe)
    page = checked_page.page

    # --- Starting a plan: the page that explains it --------------------------------------------------
    sign_in_resident(checked_page, sam_account)
    see(checked_page, f"/plans/start/{sam.pk}/", "Start a support plan")
    expect(page.get_by_role("button", name="Start the plan")).to_be_visible()

    plan = services.support_plan_start(person=sam, started_by=sam_account)
    # 20 hours of a personal assistant: £290 a week, over his £183.35 budget, and not signed off.
    write_complete_plan(plan=plan, actor=sam_account, signer=None, weekly_hours="20")
    outcomes = {outcome.eligible_outcome_code: outcome for outcome in plan.outcomes.all()}
    hygiene = outcomes["A_HYGIENE"]
    assistant = plan.items.get(kind=ItemKind.PERSONAL_ASSISTANT)
    brother = relative_at_home_item(plan, sam_account, outcomes["A_COMMUNITY"])
    risk = plan.risks.get()

    see(checked_page, "/my-account/plans/", "Support plans")
    expect(page.locator("main")).to_contain_text("Being written")

    # --- The plan as it is being written: its task list -----------------------------------------
    see(checked_page, plans(plan), "Support plan: Sam Kowalski")
    expect(page.locator("main")).to_contain_text("Why the plan needs more than the budget")

    # --- Outcomes: add (and send it empty), change, remove ---------------------------------------
    see(checked_page, plans(plan, "outcomes/add/"), "What do you want to achieve?")
    refused(checked_page, "Save and continue", "Enter what you want to achieve")
    assert "Error:" in page.title()
    see(checked_page, plans(plan, "outcomes/{o}/", o=hygiene.pk), "Change what you want to achieve")
    see(checked_page, plans(plan, "outcomes/{o}/remove/", o=hygiene.pk), "Remove this outcome")

    # --- How an outcome is met: the kind, then the form for every kind ----------------------------
    see(checked_page, plans(plan, "outcomes/{o}/support/add/", o=hygiene.pk), "How will this outcome be met?")
    refused(checked_page, "Continue", "Choose how this outcome will be met")
    for kind in ItemKind:
        see(checked_page, plans(plan, "outcomes/{o}/support/add/{k}/", o=hygiene.pk, k=kind.value), kind.label)
        if kind in (ItemKind.OTHER, ItemKind.ONE_OFF):
            expect(
                page.get_by_role("group", name="If it is paid from a direct payment, who will you pay?")
            ).to_be_visible()
            expect(page.get_by_role("group", name="Does the person you pay live with you?")).to_be_visible()
    # A one-off purchase paid from a direct payment, with nothing else said: every question is asked.
    see(checked_page, plans(plan, "outcomes/{o}/support/add/one_off/", o=hygiene.pk), "A one-off purchase")
    page.get_by_label("From a direct payment").check()
    refused(checked_page, "Add it to the plan", "Enter what you will buy", "Choose who you will pay")
    # The directory search on the community service page.
    see(
        checked_page,
        plans(plan, "outcomes/{o}/support/add/community/", o=hygiene.pk) + "?q=lunch",
        "A community or universal service",
    )

    # --- Changing and removing support --------------------------------------------------------------
    see(checked_page, plans(plan, "support/{i}/", i=assistant.pk), "Change personal assistant hours")
    see(checked_page, plans(plan, "support/{i}/", i=brother.pk), "Change something else")
    expect(page.locator(".govuk-warning-text")).to_contain_text("A practitioner must record why")
    see(checked_page, plans(plan, "support/{i}/remove/", i=assistant.pk), "Remove this support")

    # --- Risks ------------------------------------------------------------------------------------
    see(checked_page, plans(plan, "risks/add/"), "Add a risk")
    refused(checked_page, "Add the risk")
    see(checked_page, plans(plan, "risks/{r}/", r=risk.pk), "Change this risk")
    see(checked_page, plans(plan, "risks/{r}/remove/", r=risk.pk), "Remove this risk")

    # --- The plan's own details ---------------------------------------------------------------------
    see(checked_page, plans(plan, "management/"), "How will your budget be managed?")
    see(checked_page, plans(plan, "contingency/"), "What will happen if your support lets you down?")
    see(checked_page, plans(plan, "budget-justification/"), "Why do you need more than your budget?")
    expect(page.locator("main")).to_contain_text("£111.65 a week")  # £295.00 against his £183.35
    refused(checked_page, "Save and continue")
    see(checked_page, plans(plan, "who-helped/"), "Who helped you write this plan?")
    see(checked_page, plans(plan, "broker/"), "Choose a broker: Sam Kowalski")
    expect(page.get_by_label("Grace Liu")).to_be_visible()

    # --- Check your plan, with checks failing; sending it anyway is refused; signing off ------------
    see(checked_page, plans(plan, "check/"), "Check the plan: Sam Kowalski")
    expect(page.locator("#check-signed_off")).to_contain_text("To do")
    refused(checked_page, "Send the plan", "sign it off")
    assert fresh(plan).status == PlanStatus.DRAFT
    see(checked_page, plans(plan, "sign-off/"), "Sign off the plan: Sam Kowalski")
    refused(checked_page, "I agree: sign off the plan")

    # --- Sent, returned with comments, changed and sent again: two versions -------------------------
    services.item_remove(item=brother, revision=fresh(plan).revision, actor=sam_account)
    services.support_plan_update(
        plan=fresh(plan),
        revision=plan.revision,
        actor=sam_account,
        over_budget_justification="I need two hours each morning because of my seizures.",
    )
    sign_off(plan, sam_account, "Sam Kowalski")
    submit(plan, sam_account)
    return_with_comments(plan, chloe)
    see(checked_page, plans(plan), "Support plan: Sam Kowalski")
    expect(page.locator("main")).to_contain_text("Say who covers the mornings")
    services.support_plan_update(
        plan=fresh(plan),
        revision=plan.revision,
        actor=sam_account,
        contingency_plan="If my personal assistant is ill, my friend Jo comes in the morning.",
    )
    sign_off(plan, sam_account, "Sam Kowalski")
    submit(plan, sam_account)
    assert plan.submissions.count() == 2

    see(checked_page, plans(plan, "versions/"), "Versions sent: Sam Kowalski")
    see(checked_page, plans(plan, "versions/1/"), "Version 1: Sam Kowalski")
    see(checked_page, plans(plan, "versions/compare/"), "What changed: Sam Kowalski")
    expect(page.locator("main")).to_contain_text("my friend Jo")
    see(checked_page, plans(plan, "versions/compare/") + "?from=1&to=1", "What changed: Sam Kowalski")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    see(checked_page, plans(plan, "history/"), "History of the plan: Sam Kowalski")

    # --- Approved with conditions by the panel: the agreement, then a request to look at it again ----
    plan = check_and_put_forward(plan, chloe)
    assert plan.decision_route == Decider.PANEL
    services.support_plan_decide(
        plan=plan,
        revision=plan.revision,
        actor=pat,
        outcome=PlanStatus.APPROVED_WITH_CONDITIONS,
        reasons="The plan meets Sam's eligible needs.",
        conditions="Review the personal assistant's hours in 6 weeks.",
        start_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    agreement = fresh(plan).agreements.get(is_current=True)
    see(checked_page, f"/plans/agreements/{agreement.pk}/", "Your personal budget agreement")
    expect(page.locator("main")).to_contain_text("£290.00")

    see(checked_page, plans(plan, "reconsideration/"), "Ask us to look at the decision again")
    refused(checked_page, "Send my request", "Say why you think the decision should be looked at again")
    page.get_by_label("Why should we look at this decision again?").fill(
        "The condition on my hours worries me: my seizures will not go away in 6 weeks."
    )
    click(checked_page, "button", "Send my request")
    expect(page.get_by_role("heading", level=1)).to_have_text("We will look at the decision again")
    assert fresh(plan).status == PlanStatus.RECONSIDERATION_REQUESTED
    see(checked_page, plans(plan, "reconsideration/"), "We will look at the decision again")

    see(checked_page, "/messages/", "Messages")
    expect(page.locator("main")).to_contain_text("Your support plan has been approved with conditions")


# --- The council's pages --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_every_staff_page_of_checking_deciding_and_configuring_plans_is_accessible(
    checked_page, sign_in_staff, make_user, make_person, team
):
    decision_policy()
    services.prohibited_purchases_load_default()
    ann_account = make_user(Role.RESIDENT, first_name="Ann", last_name="Hughes")
    ann = make_person(team=team, account=ann_account, legal_given_name="Ann", legal_family_name="Hughes")
    chloe = make_user(Role.PRACTITIONER, team=team, username="chloe.bennett", first_name="Chloe", last_name="Bennett")
    tom = make_user(Role.TEAM_MANAGER, team=team, username="tom.adeyemi", first_name="Tom", last_name="Adeyemi")
    pat = make_user(Role.PANEL_MEMBER, username="pat.okoro", first_name="Pat", last_name="Okoro")
    mo = make_user(Role.PANEL_MEMBER, username="mo.said", first_name="Mo", last_name="Said")
    grace = make_user(Role.BROKER, username="grace.liu", first_name="Grace", last_name="Liu")
    ravi = make_user(Role.ADMINISTRATOR, username="ravi.shah", first_name="Ravi", last_name="Shah")
    ready_for_planning(person=ann, practitioner=chloe)
    plan = services.support_plan_start(person=ann, started_by=ann_account)
    write_complete_plan(plan=plan, actor=ann_account, signer=None)  # £155.00 a week: the team manager's to decide
    community = plan.outcomes.get(eligible_outcome_code="A_COMMUNITY")
    brother = relative_at_home_item(plan, ann_account, community)
    services.support_plan_choose_broker(plan=fresh(plan), revision=plan.revision, actor=ann_account, broker=grace)
    page = checked_page.page

    # --- Grace, the broker Ann chose ----------------------------------------------------------------
    sign_in_staff(grace)
    see(checked_page, "/planning/broker/", "Plans you are helping with")
    expect(page.locator("main")).to_contain_text("Ann Hughes")
    sign_out(checked_page)

    # --- Chloe: her team's plans, the exception for paying a relative, then checking the plan ---------
    sign_in_staff(chloe)
    see(checked_page, "/planning/caseload/", "Support plans in your team")
    expect(page.locator("main")).to_contain_text("Ann Hughes")
    see(checked_page, plans(plan, "support/{i}/exception/", i=brother.pk), "Record why paying a relative is necessary")
    refused(checked_page, "Record the exception", "Choose why paying them is necessary")
    page.get_by_label("Necessary to meet the person's care needs").check()
    page.get_by_label("Explain why").fill("Nobody else can drive Ann to her placement at 7 in the morning.")
    click(checked_page, "button", "Record the exception")
    assert path_of(page) == plans(plan)
    brother.refresh_from_db()
    assert brother.relative_exception_recorded_at is not None

    sign_off(plan, ann_account, "Ann Hughes")
    submit(plan, ann_account)
    see(checked_page, "/planning/to-check/", "Plans to check")
    expect(page.locator("main")).to_contain_text("Ann Hughes")
    see(checked_page, plans(plan, "review/"), "Check the support plan: Ann Hughes")
    click(checked_page, "button", "Start checking this plan")
    expect(page.get_by_role("group", name="Your checklist")).to_be_visible()
    refused(checked_page, "Send for a decision", "Tick every item of the checklist")
    services.support_plan_review(
        plan=fresh(plan), revision=plan.revision, actor=chloe, checklist=ALL_TICKS, comments="", put_forward=True
    )
    assert fresh(plan).decision_route == Decider.TEAM_MANAGER
    sign_out(checked_page)

    # --- Tom, the team manager: his queue, the decision (empty: refused), referring it to the panel --
    sign_in_staff(tom)
    see(checked_page, "/planning/decisions/", "Plans waiting for your decision")
    expect(page.locator("main")).to_contain_text("Ann Hughes")
    see(checked_page, plans(plan, "decide/"), "Decide on the support plan: Ann Hughes")
    expect(page.get_by_label("Why should the funding panel decide this plan?")).to_be_visible()
    refused(checked_page, "Record the decision", "Choose your decision", "Write the reasons for your decision")
    refused(checked_page, "Refer to the funding panel", "Say why the funding panel should decide this plan")
    page.get_by_label("Why should the funding panel decide this plan?").fill(
        "Paying her brother: the panel should see it."
    )
    click(checked_page, "button", "Refer to the funding panel")
    assert fresh(plan).decision_route == Decider.PANEL
    sign_out(checked_page)

    # --- Pat, on the funding panel ------------------------------------------------------------------
    sign_in_staff(pat)
    see(checked_page, "/planning/panel/", "Funding panel queue")
    expect(page.locator("main")).to_contain_text("Ann Hughes")
    see(checked_page, plans(plan, "decide/"), "Decide on the support plan: Ann Hughes")
    expect(page.get_by_label("Approve the plan", exact=True)).to_be_visible()
    sign_out(checked_page)

    # --- Approved; Ann asks for it to be looked at again: Mo, on the panel, sees why -----------------
    services.support_plan_decide(
        plan=fresh(plan),
        revision=plan.revision,
        actor=pat,
        outcome=PlanStatus.APPROVED_WITH_CONDITIONS,
        reasons="Paying her brother is necessary for now.",
        conditions="Look for another way to get to the placement within 6 months.",
        start_date=timezone.localdate(),
    )
    services.support_plan_request_reconsideration(
        plan=fresh(plan), actor=ann_account, reasons="There is no bus at 7 in the morning.", revision=plan.revision
    )
    sign_in_staff(mo)
    see(checked_page, "/planning/panel/", "Funding panel queue")
    expect(page.locator("main")).to_contain_text("Ann Hughes")
    see(checked_page, plans(plan, "decide/"), "Decide on the support plan: Ann Hughes")
    expect(page.locator("main")).to_contain_text("There is no bus at 7 in the morning.")
    sign_out(checked_page)

    # --- Ravi, an administrator: the delegation policy and the purchases a budget may not pay for -----
    sign_in_staff(ravi)
    see(checked_page, "/planning/policy/", "Financial delegation policy")
    see(checked_page, "/planning/policy/new/", "Set a new financial delegation policy")
    refused(checked_page, "Save the policy")
    see(checked_page, "/planning/prohibited/", "Purchases a budget may not pay for")
    entry = ProhibitedPurchase.objects.order_by("code").first()
    expect(page.locator("main")).to_contain_text(entry.label)
    see(checked_page, "/planning/prohibited/new/", "Add a purchase a budget may not pay for")
    refused(checked_page, "Save")
    see(checked_page, f"/planning/prohibited/{entry.code}/", f"Change {entry.label}")
