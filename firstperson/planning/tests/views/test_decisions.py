"""The decision pages through their URLs: the practitioner's check, the decision within delegation,
a decision on a changed version, reconsideration, and the exception for paying a relative at home."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from firstperson.planning import services
from firstperson.planning.models import (
    ItemKind,
    ManagedBy,
    PayeeRelationship,
    PlanDecision,
    PlanStatus,
    PractitionerReview,
    Reconsideration,
)
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
from firstperson.planning.tests import fixtures
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.notify.models import Notification

ALL_TICKS = [code for code, _ in PRACTITIONER_CHECKLIST]


# --- Moving a plan along with the real services -------------------------------------------------


def send(plan, actor):
    plan.refresh_from_db()
    services.support_plan_submit(plan=plan, revision=plan.revision, actor=actor)
    plan.refresh_from_db()
    return plan


def start_review(plan, practitioner):
    services.support_plan_start_review(plan=plan, actor=practitioner)
    plan.refresh_from_db()
    return plan


def put_forward(plan, practitioner):
    plan.refresh_from_db()
    services.support_plan_review(
        plan=plan,
        revision=plan.revision,
        actor=practitioner,
        checklist=dict.fromkeys(ALL_TICKS, True),
        comments="Checked.",
        put_forward=True,
    )
    plan.refresh_from_db()
    return plan


def awaiting_decision(plan, resident, practitioner):
    return put_forward(start_review(send(plan, resident), practitioner), practitioner)


def decide(plan, decider, outcome, reasons="Reasons."):
    plan.refresh_from_db()
    decision = services.support_plan_decide(
        plan=plan, revision=plan.revision, actor=decider, outcome=outcome, reasons=reasons
    )
    plan.refresh_from_db()
    return decision


def over_budget_plan(plan, resident):
    """20 hours of a personal assistant: £290 a week, over the £183.35 budget and Tom's £250 limit."""
    fixtures.write_complete_plan(plan=plan, actor=resident, signer=None, weekly_hours="20")
    plan.refresh_from_db()
    services.support_plan_update(
        plan=plan,
        revision=plan.revision,
        actor=resident,
        over_budget_justification="Sam needs two hours each morning because of his seizures.",
    )
    plan.refresh_from_db()
    services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    plan.refresh_from_db()
    assert plan.weekly_total == Decimal("290.00")
    return plan


def decision_post(plan, outcome, reasons="Meets Sam's outcomes.", revision=None, **extra):
    today = timezone.localdate()
    data = {
        "revision": plan.revision if revision is None else revision,
        "outcome": outcome,
        "reasons": reasons,
        "start_date_0": today.day,
        "start_date_1": today.month,
        "start_date_2": today.year,
    }
    data.update(extra)
    return data


def review_url(plan):
    return reverse("plans:plan-review", kwargs={"plan_id": plan.pk})


def decide_url(plan):
    return reverse("plans:plan-decide", kwargs={"plan_id": plan.pk})


def reconsideration_url(plan):
    return reverse("plans:plan-reconsideration", kwargs={"plan_id": plan.pk})


# --- The practitioner's check -------------------------------------------------------------------


def test_practitioner_starts_checking_a_sent_plan(complete_plan, resident, practitioner, sign_in_client):
    plan = send(complete_plan, resident)
    client = sign_in_client(practitioner)
    page = client.get(review_url(plan))
    assert page.status_code == 200
    assert "Start checking this plan" in page.content.decode()

    response = client.post(review_url(plan))

    assert response.status_code == 302
    assert response["Location"] == review_url(plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW


def test_review_page_shows_the_version_sent_its_checks_and_where_it_will_go(
    complete_plan, resident, practitioner, sign_in_client
):
    plan = start_review(send(complete_plan, resident), practitioner)

    page = sign_in_client(practitioner).get(review_url(plan))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Version 1, as it was sent" in text
    assert "Personal assistant for morning routine" in text
    assert "Every eligible outcome is addressed" in text
    assert "it will go to <strong>a team manager</strong>" in text
    for _, label in PRACTITIONER_CHECKLIST:
        assert escape(label) in text
    assert AuditEvent.objects.filter(verb="planning.support_plan.viewed", object_id=str(plan.pk)).exists()


def test_practitioner_sends_the_plan_for_a_decision_with_every_item_ticked(
    complete_plan, resident, practitioner, sign_in_client
):
    plan = start_review(send(complete_plan, resident), practitioner)

    response = sign_in_client(practitioner).post(
        review_url(plan),
        {"revision": plan.revision, "checklist": ALL_TICKS, "comments": "", "action": "put_forward"},
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAITING_DECISION
    assert plan.decision_route == "team_manager"
    review = PractitionerReview.objects.get(submission__plan=plan)
    assert review.put_forward and all(review.checklist.values())


def test_sending_for_a_decision_needs_every_item_ticked(complete_plan, resident, practitioner, sign_in_client):
    plan = start_review(send(complete_plan, resident), practitioner)

    response = sign_in_client(practitioner).post(
        review_url(plan),
        {"revision": plan.revision, "checklist": ALL_TICKS[:-1], "comments": "", "action": "put_forward"},
    )

    assert response.status_code == 200
    assert "Tick every item of the checklist" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW
    assert not PractitionerReview.objects.exists()


def test_returning_a_plan_needs_comments(complete_plan, resident, practitioner, sign_in_client):
    plan = start_review(send(complete_plan, resident), practitioner)
    client = sign_in_client(practitioner)

    refused = client.post(review_url(plan), {"revision": plan.revision, "comments": "  ", "action": "return"})

    assert refused.status_code == 200
    assert "Write comments that say what needs to change" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW

    returned = client.post(
        review_url(plan), {"revision": plan.revision, "comments": "Add the gym's opening hours.", "action": "return"}
    )

    assert returned.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    assert PractitionerReview.objects.get(submission__plan=plan).comments == "Add the gym's opening hours."


@pytest.mark.parametrize("who", ["resident", "broker", "panel_member", "other_team_practitioner"])
def test_review_page_is_404_for_anyone_not_checking_plans_in_the_team(
    who, complete_plan, resident, practitioner, broker, panel_member, make_user, other_team, sign_in_client
):
    plan = start_review(send(complete_plan, resident), practitioner)
    users = {
        "resident": resident,
        "broker": broker,
        "panel_member": panel_member,
        "other_team_practitioner": make_user(Role.PRACTITIONER, team=other_team),
    }

    assert sign_in_client(users[who]).get(review_url(plan)).status_code == 404


# --- The decision ------------------------------------------------------------------------------


def test_team_manager_approves_a_plan_within_delegation_and_the_person_is_told(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    client = sign_in_client(team_manager)
    page = client.get(decide_url(plan))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Personal assistant for morning routine" in text
    assert "Checked." in text  # the practitioner's comments
    assert "Your delegation under" in text

    response = client.post(decide_url(plan), decision_post(plan, "approved"))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    decision = PlanDecision.objects.get(plan=plan)
    assert decision.decided_by == team_manager
    assert decision.decided_as == "team_manager"
    assert Notification.objects.filter(recipient=resident, subject="Your support plan has been approved").exists()


def test_team_manager_is_refused_a_plan_sent_to_the_panel_and_the_panel_decides(
    plan, resident, practitioner, team_manager, panel_member, sign_in_client
):
    plan = awaiting_decision(over_budget_plan(plan, resident), resident, practitioner)
    assert plan.decision_route == "panel_member"
    manager = sign_in_client(team_manager)
    page = manager.get(decide_url(plan)).content.decode()
    assert "This plan has been sent to the funding panel. Only the panel can decide it." in page
    assert "Sam needs two hours each morning because of his seizures." in page
    assert "Record the decision" not in page
    assert "Refer to the funding panel" not in page  # it is with the panel already

    refused = manager.post(decide_url(plan), decision_post(plan, "approved"))

    text = refused.content.decode()
    assert refused.status_code == 200
    assert "govuk-error-summary" in text
    assert "Only the panel can decide it" in text
    assert 'href="#id_outcome' in text  # the summary links to the decision question
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAITING_DECISION
    assert not PlanDecision.objects.exists()

    approved = sign_in_client(panel_member).post(decide_url(plan), decision_post(plan, "approved"))

    assert approved.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert PlanDecision.objects.get(plan=plan).decided_by == panel_member


def add_one_off(plan, actor, amount="400.00"):
    plan.refresh_from_db()
    services.item_add(
        outcome=plan.outcomes.first(),
        revision=plan.revision,
        actor=actor,
        values={
            "kind": ItemKind.ONE_OFF,
            "description": "A shower chair",
            "one_off_amount": Decimal(amount),
            "managed_by": ManagedBy.COUNCIL_MANAGED,
        },
    )
    plan.refresh_from_db()
    services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=actor, typed_name="Sam Kowalski")
    plan.refresh_from_db()
    return plan


def test_the_decide_page_shows_one_off_costs_with_the_weekly_cost(
    complete_plan, resident, practitioner, panel_member, sign_in_client
):
    plan = awaiting_decision(add_one_off(complete_plan, resident), resident, practitioner)
    assert plan.decision_route == "panel_member"  # the policy allows no one-off costs below the panel

    text = sign_in_client(panel_member).get(decide_url(plan)).content.decode()

    assert "This version costs £183.35 a week and £400.00 in one-off costs" in text  # the budget, the larger
    assert "Record the decision" in text


def test_a_team_manager_whose_delegation_does_not_cover_the_version_refers_it_to_the_panel(
    complete_plan, resident, practitioner, team_manager, panel_member, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    assert plan.decision_route == "team_manager"
    # The council lowers the limits from today, after the plan was sent to Tom.
    services.decision_policy_create(
        actor=None,
        version="Lower limits",
        effective_from=timezone.localdate(),
        practitioner_weekly_limit=None,
        team_manager_weekly_limit=Decimal("50.00"),
        panel_target_days=10,
        first_review_weeks=6,
    )
    client = sign_in_client(team_manager)
    page = client.get(decide_url(plan)).content.decode()
    assert "Your delegation under Lower limits does not cover this version of the plan" in page
    assert "Record the decision" not in page
    assert "Refer to the funding panel" in page

    empty = client.post(decide_url(plan), {"refer": "1", "refer-revision": plan.revision, "refer-refer_reason": ""})
    assert empty.status_code == 200
    assert "Say why the funding panel should decide this plan" in empty.content.decode()
    assert 'href="#id_refer-refer_reason"' in empty.content.decode()
    plan.refresh_from_db()
    assert plan.decision_route == "team_manager"

    referred = client.post(
        decide_url(plan),
        {"refer": "1", "refer-revision": plan.revision, "refer-refer_reason": "Above my limit now."},
    )

    assert referred.status_code == 302
    plan.refresh_from_db()
    assert plan.decision_route == "panel_member"
    assert plan.status == PlanStatus.AWAITING_DECISION
    event = AuditEvent.objects.get(verb="planning.support_plan.referred_to_panel", object_id=str(plan.pk))
    assert event.payload["reason"] == "Above my limit now."
    assert "Record the decision" in sign_in_client(panel_member).get(decide_url(plan)).content.decode()


def test_a_team_manager_may_refer_a_plan_they_could_decide(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    client = sign_in_client(team_manager)
    page = client.get(decide_url(plan)).content.decode()
    assert "Record the decision" in page
    assert "you can also send it to the funding panel" in page

    stale = client.post(
        decide_url(plan), {"refer": "1", "refer-revision": plan.revision - 1, "refer-refer_reason": "Complex."}
    )
    assert stale.status_code == 200
    assert "This plan has changed since you opened it" in stale.content.decode()
    assert 'href="#id_refer-revision"' not in stale.content.decode()

    referred = client.post(
        decide_url(plan), {"refer": "1", "refer-revision": plan.revision, "refer-refer_reason": "Complex case."}
    )

    assert referred.status_code == 302
    plan.refresh_from_db()
    assert plan.decision_route == "panel_member"
    assert not PlanDecision.objects.exists()


def test_a_team_manager_who_checked_the_plan_cannot_decide_it(complete_plan, resident, team_manager, sign_in_client):
    plan = awaiting_decision(complete_plan, resident, team_manager)  # Tom checked it himself
    client = sign_in_client(team_manager)
    page = client.get(decide_url(plan)).content.decode()
    assert "You checked this plan and sent it for a decision, so someone else must decide it." in page
    assert "Record the decision" not in page

    refused = client.post(decide_url(plan), decision_post(plan, "approved"))

    text = refused.content.decode()
    assert refused.status_code == 200
    assert "govuk-error-summary" in text and 'href="#id_outcome' in text
    assert "You checked this plan" in text
    assert not PlanDecision.objects.exists()


def test_a_start_date_too_far_back_is_shown_on_the_date(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    long_ago = timezone.localdate().replace(year=timezone.localdate().year - 1)

    refused = sign_in_client(team_manager).post(
        decide_url(plan),
        decision_post(
            plan, "approved", start_date_0=long_ago.day, start_date_1=long_ago.month, start_date_2=long_ago.year
        ),
    )

    text = refused.content.decode()
    assert refused.status_code == 200
    assert "The start date is too far in the past" in text
    assert 'href="#id_start_date_0"' in text
    assert not PlanDecision.objects.exists()


def test_a_missing_revision_is_shown_at_the_top_not_linked_to_a_hidden_field(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)

    refused = sign_in_client(team_manager).post(decide_url(plan), decision_post(plan, "approved", revision=""))

    text = refused.content.decode()
    assert refused.status_code == 200
    assert "Open the page again." in text
    assert 'href="#id_revision"' not in text
    assert not PlanDecision.objects.exists()


def test_approving_with_conditions_needs_the_conditions(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    client = sign_in_client(team_manager)

    refused = client.post(decide_url(plan), decision_post(plan, "approved_with_conditions", conditions=""))

    assert refused.status_code == 200
    assert "Write the conditions of the approval" in refused.content.decode()
    assert not PlanDecision.objects.exists()

    approved = client.post(
        decide_url(plan),
        decision_post(plan, "approved_with_conditions", conditions="Review the gym hours after a month."),
    )

    assert approved.status_code == 302
    assert PlanDecision.objects.get(plan=plan).conditions == "Review the gym hours after a month."


def test_a_decision_needs_reasons(complete_plan, resident, practitioner, team_manager, sign_in_client):
    plan = awaiting_decision(complete_plan, resident, practitioner)

    refused = sign_in_client(team_manager).post(decide_url(plan), decision_post(plan, "declined", reasons=""))

    assert refused.status_code == 200
    assert "Write the reasons for your decision" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAITING_DECISION


def test_a_decision_on_a_version_that_has_since_changed_is_refused(
    complete_plan, resident, practitioner, team_manager, make_user, team, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    read_at = plan.revision
    # While Tom has the page open, another manager returns it; Sam changes it and it comes back.
    decide(plan, make_user(Role.TEAM_MANAGER, team=team), "returned", reasons="Add a backup for the gym.")
    services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, contingency_plan="Mum or the agency covers."
    )
    plan.refresh_from_db()
    services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    plan = awaiting_decision(plan, resident, practitioner)
    assert plan.revision != read_at

    response = sign_in_client(team_manager).post(decide_url(plan), decision_post(plan, "approved", revision=read_at))

    assert response.status_code == 200
    text = response.content.decode()
    assert "This plan has changed since you opened it" in text
    assert "Version 2, as it was sent" in text
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAITING_DECISION
    assert PlanDecision.objects.filter(plan=plan).count() == 1  # only the return


@pytest.mark.parametrize("who", ["resident", "practitioner", "broker"])
def test_decide_page_is_404_for_those_who_do_not_decide(
    who, complete_plan, resident, practitioner, broker, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    users = {"resident": resident, "practitioner": practitioner, "broker": broker}

    assert sign_in_client(users[who]).get(decide_url(plan)).status_code == 404


def test_panel_member_cannot_open_a_plan_routed_to_a_team_manager(
    complete_plan, resident, practitioner, panel_member, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)

    assert sign_in_client(panel_member).get(decide_url(plan)).status_code == 404


# --- Reconsideration ---------------------------------------------------------------------------


def test_the_person_asks_for_a_decision_to_be_looked_at_again_and_the_panel_decides(
    complete_plan, resident, practitioner, team_manager, panel_member, sign_in_client, settings
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    decide(plan, team_manager, "declined", reasons="The gym is not an eligible need.")
    sam = sign_in_client(resident)
    page = sam.get(reconsideration_url(plan))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Why should we look at this decision again?" in text
    assert "The gym is not an eligible need." in text
    assert "The funding panel will look at it" in text
    assert "Local Government and Social Care Ombudsman" in text
    assert settings.COUNCIL_NAME in text

    empty = sam.post(reconsideration_url(plan), {"revision": plan.revision, "reasons": ""})
    assert empty.status_code == 200
    assert "Say why you think the decision should be looked at again" in empty.content.decode()
    assert not Reconsideration.objects.exists()

    stale = sam.post(reconsideration_url(plan), {"revision": plan.revision - 1, "reasons": "Please look."})
    assert "This plan has changed since you opened the page" in stale.content.decode()
    assert 'href="#id_revision"' not in stale.content.decode()
    assert not Reconsideration.objects.exists()

    sent = sam.post(
        reconsideration_url(plan), {"revision": plan.revision, "reasons": "The gym is how I get out and meet people."}
    )

    assert sent.status_code == 302
    confirmation = sam.get(reconsideration_url(plan)).content.decode()
    assert "We will look at the decision again" in confirmation
    assert "The funding panel will read the plan" in confirmation
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RECONSIDERATION_REQUESTED
    assert plan.decision_route == "panel_member"

    first_decider = sign_in_client(team_manager)
    shown = first_decider.get(decide_url(plan)).content.decode()
    assert "The gym is how I get out and meet people." in shown
    assert "The gym is not an eligible need." in shown
    assert "Only the panel can decide it" in shown
    refused = first_decider.post(decide_url(plan), decision_post(plan, "approved"))
    assert refused.status_code == 200
    assert "Only the panel can decide it" in refused.content.decode()

    approved = sign_in_client(panel_member).post(decide_url(plan), decision_post(plan, "approved"))

    assert approved.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    latest = PlanDecision.objects.filter(plan=plan).order_by("-decided_at").first()
    assert latest.decided_by == panel_member
    assert latest.reconsideration is not None


def test_a_panel_member_who_decided_the_version_cannot_decide_it_again(
    plan, resident, practitioner, panel_member, second_panel_member, sign_in_client
):
    plan = awaiting_decision(over_budget_plan(plan, resident), resident, practitioner)
    decide(plan, panel_member, "declined", reasons="Too costly.")
    services.support_plan_request_reconsideration(plan=plan, actor=resident, reasons="Please look again.")
    plan.refresh_from_db()
    client = sign_in_client(panel_member)
    page = client.get(decide_url(plan)).content.decode()
    assert "You have already decided on this version of the plan. Someone else must look at it again." in page

    refused = client.post(decide_url(plan), decision_post(plan, "approved"))

    text = refused.content.decode()
    assert refused.status_code == 200
    assert 'href="#id_outcome' in text and "You have already decided on this version" in text
    assert (
        sign_in_client(second_panel_member).post(decide_url(plan), decision_post(plan, "approved")).status_code == 302
    )


def test_a_returned_plan_changed_since_cannot_be_looked_at_again_and_the_page_offers_to_send_it(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    decide(plan, team_manager, "returned", reasons="Add a backup for the gym.")
    services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, contingency_plan="Mum or the agency covers."
    )
    plan.refresh_from_db()
    sam = sign_in_client(resident)
    page = sam.get(reconsideration_url(plan)).content.decode()
    check_url = reverse("plans:plan-check", kwargs={"plan_id": plan.pk})
    assert f'href="{check_url}"' in page

    refused = sam.post(reconsideration_url(plan), {"revision": plan.revision, "reasons": "I disagree."})

    text = refused.content.decode()
    assert refused.status_code == 200
    assert "The plan has been changed since it was returned" in text
    assert "Send the changed plan" in text and f'href="{check_url}"' in text
    assert not Reconsideration.objects.exists()


@pytest.mark.parametrize("who", ["practitioner", "team_manager", "someone_else"])
def test_reconsideration_page_is_404_for_anyone_but_the_person_or_their_representative(
    who, complete_plan, resident, practitioner, team_manager, make_user, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    decide(plan, team_manager, "declined")
    users = {"practitioner": practitioner, "team_manager": team_manager, "someone_else": make_user(Role.RESIDENT)}

    assert sign_in_client(users[who]).get(reconsideration_url(plan)).status_code == 404


def test_an_approved_plan_cannot_be_sent_for_reconsideration(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    decide(plan, team_manager, "approved")
    sam = sign_in_client(resident)

    assert (
        "There is no decision on this plan that you can ask us to look at again"
        in sam.get(reconsideration_url(plan)).content.decode()
    )
    sam.post(reconsideration_url(plan), {"revision": plan.revision, "reasons": "Please."})
    assert not Reconsideration.objects.exists()


# --- The exception for paying a relative at home -----------------------------------------------


def relative_item(plan, resident):
    plan.refresh_from_db()
    outcome = plan.outcomes.first()
    return services.item_add(
        outcome=outcome,
        revision=plan.revision,
        actor=resident,
        values={
            "kind": ItemKind.PERSONAL_ASSISTANT,
            "description": "My sister helps me get up",
            "hours_per_week": Decimal("5"),
            "hourly_rate": Decimal("12.00"),
            "managed_by": ManagedBy.DIRECT_PAYMENT,
            "payee_relationship": PayeeRelationship.CLOSE_RELATIVE,
            "payee_lives_with_person": True,
        },
    )


def test_practitioner_records_why_paying_a_relative_at_home_is_necessary(
    complete_plan, resident, practitioner, sign_in_client
):
    item = relative_item(complete_plan, resident)
    plan = complete_plan
    plan.refresh_from_db()
    url = reverse("plans:item-exception", kwargs={"plan_id": plan.pk, "item_id": item.pk})
    client = sign_in_client(practitioner)
    assert "My sister helps me get up" in client.get(url).content.decode()

    refused = client.post(url, {"revision": plan.revision, "basis": "care_needs", "reason": ""})
    assert refused.status_code == 200
    assert "Explain why paying them is necessary" in refused.content.decode()
    item.refresh_from_db()
    assert item.relative_exception_basis == ""

    response = client.post(
        url,
        {"revision": plan.revision, "basis": "care_needs", "reason": "Only his sister can help with personal care."},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.relative_exception_basis == "care_needs"
    assert item.relative_exception_recorded_by == practitioner
    assert item.relative_exception_recorded_at is not None


def test_exception_on_a_stale_page_is_refused(complete_plan, resident, practitioner, sign_in_client):
    item = relative_item(complete_plan, resident)
    plan = complete_plan
    plan.refresh_from_db()
    url = reverse("plans:item-exception", kwargs={"plan_id": plan.pk, "item_id": item.pk})

    response = sign_in_client(practitioner).post(
        url, {"revision": plan.revision - 1, "basis": "care_needs", "reason": "Necessary."}
    )

    assert response.status_code == 200
    assert "Someone else changed this plan" in response.content.decode()
    item.refresh_from_db()
    assert item.relative_exception_basis == ""


@pytest.mark.parametrize("who", ["resident", "broker", "team_manager_elsewhere"])
def test_exception_page_is_404_for_anyone_but_staff_in_the_team(
    who, complete_plan, resident, broker, make_user, other_team, sign_in_client
):
    item = relative_item(complete_plan, resident)
    url = reverse("plans:item-exception", kwargs={"plan_id": complete_plan.pk, "item_id": item.pk})
    users = {
        "resident": resident,
        "broker": broker,
        "team_manager_elsewhere": make_user(Role.TEAM_MANAGER, team=other_team),
    }

    assert sign_in_client(users[who]).get(url).status_code == 404


def test_start_date_defaults_to_today_on_the_decision_form(
    complete_plan, resident, practitioner, team_manager, sign_in_client
):
    plan = awaiting_decision(complete_plan, resident, practitioner)
    today = timezone.localdate()

    text = sign_in_client(team_manager).get(decide_url(plan)).content.decode()

    assert f'name="start_date_2" type="text" inputmode="numeric" value="{today.year}"' in text


def test_practitioner_records_why_paying_a_partner_is_necessary_and_the_page_explains_both_grounds(
    complete_plan, resident, practitioner, sign_in_client
):
    complete_plan.refresh_from_db()
    item = services.item_add(
        outcome=complete_plan.outcomes.first(),
        revision=complete_plan.revision,
        actor=resident,
        values={
            "kind": ItemKind.OTHER,
            "description": "My wife keeps the direct payment accounts",
            "weekly_amount": Decimal("10.00"),
            "managed_by": ManagedBy.DIRECT_PAYMENT,
            "payee_relationship": PayeeRelationship.SPOUSE_OR_PARTNER,
            "payee_lives_with_person": True,
        },
    )
    complete_plan.refresh_from_db()
    url = reverse("plans:item-exception", kwargs={"plan_id": complete_plan.pk, "item_id": item.pk})
    client = sign_in_client(practitioner)

    page = client.get(url).content.decode()

    assert "Record why paying a partner is necessary" in page
    assert "to meet the person&#x27;s care needs" in page
    assert "for administration and management support" in page

    response = client.post(
        url, {"revision": complete_plan.revision, "basis": "administration", "reason": "Sam cannot do the accounts."}
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.relative_exception_basis == "administration"
