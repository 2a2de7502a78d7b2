"""The plan's own pages through their URLs: the person's list, starting a plan, the task list and who
may see it, choosing a broker."""

import datetime

import pytest
from django.urls import reverse

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.planning import services
from firstperson.planning.models import PlanStatus, SupportPlan
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
from firstperson.planning.tests import fixtures
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

CHECKLIST = dict.fromkeys((code for code, _ in PRACTITIONER_CHECKLIST), True)


@pytest.fixture
def margaret(make_user):
    return make_user(Role.REPRESENTATIVE, first_name="Margaret", last_name="Okafor")


@pytest.fixture
def ted(make_person, team, margaret):
    """Ted, whom Margaret represents for assessments and plans."""
    ted = make_person(team=team, legal_given_name="Ted", legal_family_name="Okafor")
    own = make_person(account=margaret, legal_given_name="Margaret", legal_family_name="Okafor")
    relationship_create(
        actor=None,
        person=ted,
        related_person=own,
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.LPA_PROPERTY_FINANCE,
        authority_scope=[AuthorityScope.ASSESSMENT_AND_PLANNING, AuthorityScope.MONEY],
        start_date=datetime.date(2024, 1, 1),
    )
    return ted


def detail_url(plan) -> str:
    return reverse("plans:plan-detail", kwargs={"plan_id": plan.pk})


# --- The person's list ----------------------------------------------------------------------------


def test_my_plans_lists_my_own_plan_and_not_other_peoples(sign_in_client, plan, resident, ted, margaret):
    teds_plan = services.support_plan_start(person=ted, started_by=margaret)

    page = sign_in_client(resident).get(reverse("planning-resident:plan-list"))

    assert page.status_code == 200
    assert detail_url(plan) in page.content.decode()
    assert detail_url(teds_plan) not in page.content.decode()
    assert "Being written" in page.content.decode()


def test_a_representative_sees_the_plans_of_the_person_they_act_for_only(
    sign_in_client, plan, ted, margaret, make_person, team, practitioner
):
    teds_plan = services.support_plan_start(person=ted, started_by=margaret)
    stranger = make_person(team=team)
    strangers_plan = services.support_plan_start(person=stranger, started_by=practitioner)

    page = sign_in_client(margaret).get(reverse("planning-resident:plan-list")).content.decode()

    assert "Plans for Ted Okafor" in page
    assert detail_url(teds_plan) in page
    assert detail_url(plan) not in page
    assert detail_url(strangers_plan) not in page


def test_my_plans_offers_to_start_a_plan_only_when_none_is_open(sign_in_client, assessed, resident):
    client = sign_in_client(resident)
    start_url = reverse("plans:plan-start", kwargs={"person_id": assessed.pk})

    assert start_url in client.get(reverse("planning-resident:plan-list")).content.decode()

    services.support_plan_start(person=assessed, started_by=resident)
    assert start_url not in client.get(reverse("planning-resident:plan-list")).content.decode()


def test_staff_cannot_open_the_residents_list(sign_in_client, practitioner):
    assert sign_in_client(practitioner).get(reverse("planning-resident:plan-list")).status_code == 404


# --- Starting a plan --------------------------------------------------------------------------------


def test_the_start_page_explains_a_support_plan(sign_in_client, assessed, resident):
    page = sign_in_client(resident).get(reverse("plans:plan-start", kwargs={"person_id": assessed.pk}))

    assert page.status_code == 200
    assert "A support plan says what you want to achieve" in page.content.decode()


def test_starting_a_plan_makes_it_and_opens_it(sign_in_client, assessed, resident):
    response = sign_in_client(resident).post(reverse("plans:plan-start", kwargs={"person_id": assessed.pk}))

    plan = SupportPlan.objects.get(person=assessed)
    assert response.status_code == 302
    assert response.url == detail_url(plan)
    assert plan.created_by == resident
    assert plan.weekly_budget_amount == fixtures.WEEKLY_BUDGET


def test_starting_a_second_plan_is_refused_and_goes_to_the_open_one(sign_in_client, plan, resident):
    client = sign_in_client(resident)

    response = client.post(reverse("plans:plan-start", kwargs={"person_id": plan.person_id}), follow=True)

    assert SupportPlan.objects.filter(person=plan.person).count() == 1
    assert response.redirect_chain[-1][0] == detail_url(plan)
    assert "There is already a plan being written or decided" in response.content.decode()


def test_a_practitioner_in_the_team_can_start_a_plan(sign_in_client, assessed, practitioner):
    response = sign_in_client(practitioner).post(reverse("plans:plan-start", kwargs={"person_id": assessed.pk}))

    assert response.status_code == 302
    assert SupportPlan.objects.get(person=assessed).created_by == practitioner


def test_someone_else_cannot_start_a_plan_for_the_person(sign_in_client, assessed, make_user, other_team):
    outsider = make_user(Role.PRACTITIONER, team=other_team)

    response = sign_in_client(outsider).post(reverse("plans:plan-start", kwargs={"person_id": assessed.pk}))

    assert response.status_code == 404
    assert not SupportPlan.objects.filter(person=assessed).exists()


# --- The plan's page, and who may see it ------------------------------------------------------------


@pytest.mark.parametrize("who", ["resident", "practitioner", "team_manager", "broker"])
def test_the_plan_page_opens_for_everyone_allowed(who, request, sign_in_client, plan, resident, broker):
    services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=broker)
    user = request.getfixturevalue(who)

    page = sign_in_client(user).get(detail_url(plan))

    assert page.status_code == 200
    assert "Sam Kowalski" in page.content.decode()


def test_the_plan_page_opens_for_a_representative(sign_in_client, ted, margaret):
    teds_plan = services.support_plan_start(person=ted, started_by=margaret)

    page = sign_in_client(margaret).get(detail_url(teds_plan))

    assert page.status_code == 200
    assert "Ted Okafor" in page.content.decode()


@pytest.mark.parametrize("who", ["another_resident", "practitioner_elsewhere", "broker_not_chosen", "panel_member"])
def test_the_plan_page_is_404_for_anyone_else(who, request, sign_in_client, plan, make_user, make_person, other_team):
    if who == "another_resident":
        user = make_user(Role.RESIDENT)
        make_person(account=user)
    elif who == "practitioner_elsewhere":
        user = make_user(Role.PRACTITIONER, team=other_team)
    elif who == "broker_not_chosen":
        user = request.getfixturevalue("broker")
    else:
        user = request.getfixturevalue("panel_member")

    assert sign_in_client(user).get(detail_url(plan)).status_code == 404
    for name in ("plan-check", "plan-versions", "plan-history"):
        assert sign_in_client(user).get(reverse(f"plans:{name}", kwargs={"plan_id": plan.pk})).status_code == 404


def test_looking_at_the_plan_is_recorded(sign_in_client, plan, practitioner):
    sign_in_client(practitioner).get(detail_url(plan))

    event = AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_VIEWED).get()
    assert event.actor == practitioner
    assert event.object_id == str(plan.pk)
    assert event.person_id == plan.person_id


def test_the_task_list_shows_what_is_done_and_what_is_not(sign_in_client, plan, resident):
    services.support_plan_update(plan=plan, revision=plan.revision, actor=resident, contingency_plan="Mum helps.")

    page = sign_in_client(resident).get(detail_url(plan)).content.decode()

    assert "govuk-task-list" in page
    contingency = page.index("What happens if support lets you down")
    assert page.index("Completed", contingency) < page.index("How the money will be managed")
    assert "Cannot start yet" in page  # sending, with checks still failing
    assert reverse("plans:outcome-add", kwargs={"plan_id": plan.pk}) in page


def test_the_plan_page_shows_the_weekly_cost_against_the_budget_and_warns_when_over(sign_in_client, plan, resident):
    plan = fixtures.write_complete_plan(plan=plan, actor=resident, weekly_hours="20")  # 20 x 13.50 + 12 + 8 = 290

    page = sign_in_client(resident).get(detail_url(plan)).content.decode()

    assert "£183.35" in page
    assert "£290.00" in page
    assert "Over the budget by" in page
    assert "£106.65" in page
    assert "govuk-warning-text" in page
    assert "Why the plan needs more than the budget" in page


def test_a_sent_plan_is_read_only(sign_in_client, complete_plan, resident):
    services.support_plan_submit(plan=complete_plan, revision=complete_plan.revision, actor=resident)

    page = sign_in_client(resident).get(detail_url(complete_plan)).content.decode()

    assert "govuk-task-list" not in page
    assert "Sent for checking" in page
    assert "Personal assistant for morning routine" in page
    assert reverse("plans:plan-contingency", kwargs={"plan_id": complete_plan.pk}) not in page


def test_the_practitioner_is_offered_the_check_and_the_manager_the_decision(
    sign_in_client, complete_plan, resident, practitioner, team_manager
):
    plan = complete_plan
    services.support_plan_submit(plan=plan, revision=plan.revision, actor=resident)
    review_url = reverse("plans:plan-review", kwargs={"plan_id": plan.pk})
    decide_url = reverse("plans:plan-decide", kwargs={"plan_id": plan.pk})

    assert review_url in sign_in_client(practitioner).get(detail_url(plan)).content.decode()
    assert review_url not in sign_in_client(resident).get(detail_url(plan)).content.decode()

    services.support_plan_start_review(plan=plan, actor=practitioner)
    plan.refresh_from_db()
    services.support_plan_review(
        plan=plan, revision=plan.revision, actor=practitioner, checklist=CHECKLIST, comments="Good.", put_forward=True
    )
    assert decide_url in sign_in_client(team_manager).get(detail_url(plan)).content.decode()
    assert decide_url not in sign_in_client(practitioner).get(detail_url(plan)).content.decode()


def test_after_a_decision_the_person_sees_it_and_can_ask_for_it_to_be_looked_at_again(
    sign_in_client, complete_plan, resident, practitioner, team_manager
):
    plan = complete_plan
    services.support_plan_submit(plan=plan, revision=plan.revision, actor=resident)
    services.support_plan_start_review(plan=plan, actor=practitioner)
    plan.refresh_from_db()
    services.support_plan_review(
        plan=plan, revision=plan.revision, actor=practitioner, checklist=CHECKLIST, comments="Good.", put_forward=True
    )
    plan.refresh_from_db()
    services.support_plan_decide(
        plan=plan,
        revision=plan.revision,
        actor=team_manager,
        outcome=PlanStatus.APPROVED_WITH_CONDITIONS,
        reasons="Meets Sam's outcomes.",
        conditions="Keep receipts for the gym.",
    )
    agreement = plan.agreements.get()

    page = sign_in_client(resident).get(detail_url(plan)).content.decode()

    assert "Approved with conditions" in page
    assert "Meets Sam&#x27;s outcomes." in page
    assert "Keep receipts for the gym." in page
    assert reverse("plans:plan-reconsideration", kwargs={"plan_id": plan.pk}) in page
    assert reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk}) in page


# --- Choosing a broker ------------------------------------------------------------------------------


def test_the_person_chooses_a_broker(sign_in_client, plan, resident, broker):
    client = sign_in_client(resident)
    url = reverse("plans:plan-broker", kwargs={"plan_id": plan.pk})

    assert "Grace Liu" in client.get(url).content.decode()
    response = client.post(url, {"revision": plan.revision, "broker": str(broker.pk)})

    plan.refresh_from_db()
    assert response.status_code == 302
    assert plan.broker == broker


def test_choosing_no_broker_removes_the_broker(sign_in_client, plan, resident, broker):
    plan = services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=broker)

    sign_in_client(resident).post(
        reverse("plans:plan-broker", kwargs={"plan_id": plan.pk}), {"revision": plan.revision, "broker": "none"}
    )

    plan.refresh_from_db()
    assert plan.broker is None


def test_choosing_a_broker_on_a_stale_page_saves_nothing(sign_in_client, plan, resident, broker):
    stale = plan.revision
    services.support_plan_update(plan=plan, revision=plan.revision, actor=resident, helped_by="Mum")

    page = sign_in_client(resident).post(
        reverse("plans:plan-broker", kwargs={"plan_id": plan.pk}), {"revision": stale, "broker": str(broker.pk)}
    )

    plan.refresh_from_db()
    assert page.status_code == 200
    assert "Someone else changed this plan" in page.content.decode()
    assert plan.broker is None


def test_a_broker_cannot_choose_the_broker(sign_in_client, plan, resident, broker):
    plan = services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=broker)

    assert sign_in_client(broker).get(reverse("plans:plan-broker", kwargs={"plan_id": plan.pk})).status_code == 404


def test_residents_see_staff_by_role_and_team_in_versions_and_history(
    sign_in_client, complete_plan, resident, practitioner
):
    """Chloe sends Sam's signed-off plan for him: Sam reads "a practitioner in the West locality team",
    never her name; staff see her name."""
    plan = complete_plan
    plan.refresh_from_db()
    services.support_plan_submit(plan=plan, revision=plan.revision, actor=practitioner)
    sam, chloe = sign_in_client(resident), sign_in_client(practitioner)
    for name in ("plans:plan-versions", "plans:plan-history"):
        html = sam.get(reverse(name, args=[plan.pk])).content.decode()
        assert practitioner.display_name not in html
        assert "practitioner in the West locality team" in html
        assert practitioner.display_name in chloe.get(reverse(name, args=[plan.pk])).content.decode()
    version = sam.get(reverse("plans:plan-version", args=[plan.pk, 1])).content.decode()
    assert "Sent by a practitioner in the West locality team" in version


def test_the_plan_shows_its_cost_against_the_net_budget_to_those_who_may_see_what_the_person_pays(
    sign_in_client, complete_plan, resident, broker, make_user
):
    """Sam pays £100.55 a week (his financial assessment); his £155.00 plan costs the council £54.45.
    Grace, his broker, sees the plan and its cost but not what he pays."""
    from firstperson.planning.tests.test_letters import contribution_for

    services.support_plan_choose_broker(
        plan=complete_plan,
        revision=SupportPlan.objects.get(pk=complete_plan.pk).revision,
        actor=resident,
        broker=broker,
    )
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    html = sign_in_client(resident).get(detail_url(complete_plan)).content.decode()
    assert "You pay towards it each week" in html and "£100.55" in html
    assert "The council pays each week" in html and "£54.45" in html
    broker_html = sign_in_client(broker).get(detail_url(complete_plan)).content.decode()
    assert "£155.00" in broker_html
    assert "£100.55" not in broker_html and "The council pays each week" not in broker_html
