"""The staff lists of plans through their URLs: who sees which plans, in what order, with days
waiting against the target, and a number of SQL queries that does not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from firstperson.allocation.tests.fixtures import reference_configuration
from firstperson.planning import services
from firstperson.planning.models import PlanStatus, SupportPlan
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
from firstperson.planning.tests import fixtures
from firstperson.planning.views import queues
from firstperson.platform.accounts.roles import Role

ALL_TICKS = dict.fromkeys((code for code, _ in PRACTITIONER_CHECKLIST), True)
SUBMITTED, TEAM_MANAGER, PANEL, DRAFT = "submitted", "team_manager", "panel", "draft"


@pytest.fixture
def make_plan(make_person, make_user, team, practitioner, policy):
    """A new person in the team with a plan moved to `stage` through the real services."""
    configuration = reference_configuration(actor=None)
    counter = {"n": 0}

    def make(stage, *, broker=None, in_team=None, family_name=None):
        counter["n"] += 1
        resident = make_user(Role.RESIDENT)
        person = make_person(
            team=in_team or team,
            account=resident,
            legal_given_name=f"Queue{counter['n']}",
            legal_family_name=family_name or "Person",
        )
        staff = practitioner if in_team is None else make_user(Role.PRACTITIONER, team=in_team)
        fixtures.ready_for_planning(person=person, practitioner=staff, configuration=configuration)
        plan = services.support_plan_start(person=person, started_by=resident)
        if broker is not None:
            plan = services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=broker)
        if stage == DRAFT:
            return plan
        # 20 hours of a personal assistant (£290 a week) is above the team manager's £250: the panel decides.
        plan = fixtures.write_complete_plan(plan=plan, actor=resident, weekly_hours="20" if stage == PANEL else "10")
        if stage == PANEL:
            plan = services.support_plan_update(
                plan=plan, revision=plan.revision, actor=resident, over_budget_justification="Needs two hours a day."
            )
        plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Signed")
        services.support_plan_submit(plan=plan, revision=plan.revision, actor=resident)
        if stage != SUBMITTED:
            services.support_plan_start_review(plan=plan, actor=staff)
            plan.refresh_from_db()
            services.support_plan_review(
                plan=plan, revision=plan.revision, actor=staff, checklist=ALL_TICKS, comments="", put_forward=True
            )
        plan.refresh_from_db()
        return plan

    return make


def waited(plan, days: int) -> SupportPlan:
    """As if the plan had been waiting on the council for `days` days (the clock is the outside world)."""
    SupportPlan.objects.filter(pk=plan.pk).update(waiting_since=timezone.now() - datetime.timedelta(days=days))
    plan.refresh_from_db()
    return plan


def queries_for(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_every_queue_uses_the_same_number_of_queries_with_3_and_with_12_plans(
    make_plan, practitioner, team_manager, panel_member, broker, sign_in_client
):
    pages = [
        (practitioner, reverse("planning:review-queue"), SUBMITTED),
        (practitioner, reverse("planning:caseload"), None),
        (team_manager, reverse("planning:decision-queue"), TEAM_MANAGER),
        (team_manager, reverse("planning:panel-queue"), PANEL),
        (panel_member, reverse("planning:panel-queue"), PANEL),
        (broker, reverse("planning:broker-plans"), None),
    ]
    clients = {user: sign_in_client(user) for user in (practitioner, team_manager, panel_member, broker)}

    def plans_made(stages):
        for stage in stages:
            make_plan(stage, broker=broker)

    plans_made([SUBMITTED, TEAM_MANAGER, PANEL])
    for user, url, _ in pages:
        clients[user].get(url)  # a first request warms caches that later ones do not use
    with_3 = {}
    for user, url, stage in pages:
        with_3[(user.pk, url)], text = queries_for(clients[user], url)
        assert text.count(" Person</a>") == (1 if stage else 3)

    plans_made([SUBMITTED, TEAM_MANAGER, PANEL] * 3)
    for user, url, stage in pages:
        count, text = queries_for(clients[user], url)
        assert text.count(" Person</a>") == (4 if stage else 12)
        assert count == with_3[(user.pk, url)], f"{url} for {user.role}: {with_3[(user.pk, url)]} then {count} queries"


def test_review_queue_lists_plans_to_check_longest_waiting_first(make_plan, practitioner, sign_in_client):
    recent = waited(make_plan(SUBMITTED, family_name="Recent"), 2)
    oldest = waited(make_plan(SUBMITTED, family_name="Oldest"), 12)
    make_plan(TEAM_MANAGER, family_name="Decided")

    text = sign_in_client(practitioner).get(reverse("planning:review-queue")).content.decode()

    assert text.index("Oldest") < text.index("Recent")
    assert "12 days" in text and "2 days" in text
    assert "Overdue" not in text  # the 10-day target is the panel's, for a decision, not for checking
    assert "Decided" not in text
    assert reverse("plans:plan-review", kwargs={"plan_id": oldest.pk}) in text
    assert recent.status == PlanStatus.SUBMITTED


def test_decision_queue_shows_days_waiting_against_the_target(make_plan, team_manager, sign_in_client):
    waited(make_plan(TEAM_MANAGER, family_name="Late"), 12)
    waited(make_plan(TEAM_MANAGER, family_name="Fresh"), 1)
    make_plan(PANEL, family_name="Panelled")

    text = sign_in_client(team_manager).get(reverse("planning:decision-queue")).content.decode()

    assert text.index("Late") < text.index("Fresh")
    assert "12 days" in text
    assert text.count(">Overdue<") == 1  # the target is 10 days
    assert "Panelled" not in text  # above Tom's delegation: the panel's queue


def test_decision_queue_is_404_for_a_practitioner_with_no_delegation(practitioner, policy, sign_in_client):
    assert policy.practitioner_weekly_limit == 0
    assert sign_in_client(practitioner).get(reverse("planning:decision-queue")).status_code == 404


def test_panel_queue_shows_waiting_times_and_the_overdue_count(make_plan, panel_member, team_manager, sign_in_client):
    waited(make_plan(PANEL, family_name="Fourdays"), 4)
    waited(make_plan(PANEL, family_name="Twelvedays"), 12)
    make_plan(TEAM_MANAGER, family_name="Managers")

    for user in (panel_member, team_manager):
        response = sign_in_client(user).get(reverse("planning:panel-queue"))
        text = response.content.decode()
        assert response.status_code == 200
        assert text.index("Twelvedays") < text.index("Fourdays")
        assert "Managers" not in text
        assert "£290.00" in text
        assert '<span class="govuk-heading-l govuk-!-margin-bottom-1">2</span>waiting' in text
        assert '<span class="govuk-heading-l govuk-!-margin-bottom-1">1</span>past the target' in text
        assert '<span class="govuk-heading-l govuk-!-margin-bottom-1">8</span>days: the middle wait' in text
        assert '<span class="govuk-heading-l govuk-!-margin-bottom-1">12</span>days: the longest wait' in text


def test_caseload_lists_the_teams_open_plans_only(make_plan, practitioner, other_team, sign_in_client):
    make_plan(DRAFT, family_name="Writing")
    make_plan(TEAM_MANAGER, family_name="Waiting")
    make_plan(DRAFT, family_name="Elsewhere", in_team=other_team)

    text = sign_in_client(practitioner).get(reverse("planning:caseload")).content.decode()

    assert "Writing" in text and "Waiting" in text
    assert "Elsewhere" not in text
    assert "Being written" in text and "Waiting for a decision" in text


def test_caseload_pages_the_plans(make_plan, practitioner, sign_in_client, monkeypatch):
    monkeypatch.setattr(queues, "PAGE_SIZE", 2)
    for _ in range(3):
        make_plan(DRAFT)
    client = sign_in_client(practitioner)

    first = client.get(reverse("planning:caseload")).content.decode()
    second = client.get(reverse("planning:caseload") + "?page=2").content.decode()

    assert first.count("Being written</strong>") == 2
    assert 'rel="next"' in first
    assert second.count("Being written</strong>") == 1


def test_broker_sees_only_the_plans_of_people_who_chose_them(make_plan, broker, sign_in_client):
    make_plan(DRAFT, broker=broker, family_name="Chosen")
    make_plan(DRAFT, family_name="Notchosen")

    text = sign_in_client(broker).get(reverse("planning:broker-plans")).content.decode()

    assert "Chosen" in text
    assert "Notchosen" not in text


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        (Role.RESIDENT, "planning:review-queue"),
        (Role.RESIDENT, "planning:caseload"),
        (Role.BROKER, "planning:review-queue"),
        (Role.BROKER, "planning:decision-queue"),
        (Role.PANEL_MEMBER, "planning:caseload"),
        (Role.PANEL_MEMBER, "planning:decision-queue"),
        (Role.PRACTITIONER, "planning:panel-queue"),
        (Role.PRACTITIONER, "planning:broker-plans"),
        (Role.FINANCE_OFFICER, "planning:caseload"),
    ],
)
def test_queues_are_404_for_roles_without_access(role, url_name, make_user, team, policy, sign_in_client):
    user = make_user(role, team=team if role == Role.PRACTITIONER else None)

    assert sign_in_client(user).get(reverse(url_name)).status_code == 404
