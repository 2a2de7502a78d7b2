"""The funding panel's queue in figures (how many wait, how many are past the target, the median and
the longest wait), in a fixed number of queries; and days waiting counted in the council's own time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from firstperson.allocation.tests.fixtures import reference_configuration
from firstperson.planning import selectors, services
from firstperson.planning.models import SupportPlan
from firstperson.planning.tests import fixtures
from firstperson.platform.accounts.roles import Role

from .flow import ALL_TICKED, fresh


@pytest.fixture
def make_waiting(make_person, make_user, team, practitioner, policy):
    """A new person in the team whose plan waits for a decision: for the panel (£290 a week, above the
    team manager's £250) unless `panel` is False."""
    configuration = reference_configuration(actor=None)
    made = []

    def make(*, panel=True):
        resident = make_user(Role.RESIDENT)
        person = make_person(team=team, account=resident, legal_given_name=f"Waiting{len(made)}")
        fixtures.ready_for_planning(person=person, practitioner=practitioner, configuration=configuration)
        plan = services.support_plan_start(person=person, started_by=resident)
        plan = fixtures.write_complete_plan(plan=plan, actor=resident, weekly_hours="20" if panel else "10")
        if panel:
            plan = services.support_plan_update(
                plan=plan, revision=plan.revision, actor=resident, over_budget_justification="Needs two carers."
            )
        plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Signed")
        services.support_plan_submit(plan=plan, revision=plan.revision, actor=resident)
        services.support_plan_start_review(plan=plan, actor=practitioner)
        plan = fresh(plan)
        services.support_plan_review(
            plan=plan, revision=plan.revision, actor=practitioner, checklist=ALL_TICKED, comments="", put_forward=True
        )
        made.append(plan)
        return fresh(plan)

    return make


def waited(plan, days: int) -> SupportPlan:
    """As if the plan began waiting at noon, local time, `days` days ago (the clock is the outside world)."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    since = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    SupportPlan.objects.filter(pk=plan.pk).update(waiting_since=since)
    return fresh(plan)


def summary(actor, target_days=10):
    return selectors.panel_queue_summary(actor=actor, target_days=target_days)


def test_an_empty_queue(panel_member, policy):
    assert summary(panel_member) == {"waiting_count": 0, "overdue_count": 0, "median_days": None, "longest_days": None}


def test_the_figures_count_only_plans_waiting_for_the_panel(
    make_waiting, panel_member, team_manager, make_user, other_team
):
    for days in (20, 3, 11, 10):
        waited(make_waiting(), days)
    waited(make_waiting(panel=False), 30)  # the team manager's: not the panel's
    figures = summary(panel_member)
    # Past a target of 10 days means more than 10 whole days: 11 and 20, not 10.
    assert figures == {"waiting_count": 4, "overdue_count": 2, "median_days": 10.5, "longest_days": 20}
    assert summary(panel_member, target_days=None)["overdue_count"] == 0
    assert summary(panel_member, target_days=2)["overdue_count"] == 4
    # Counted only among the plans the actor may see: the team's manager sees their team's plans
    # waiting for the panel; another team's manager sees none.
    assert summary(team_manager)["waiting_count"] == 4
    assert summary(make_user(Role.TEAM_MANAGER, team=other_team))["waiting_count"] == 0


def test_the_median_of_an_odd_number_is_the_middle_wait(make_waiting, panel_member):
    for days in (1, 7, 30):
        waited(make_waiting(), days)
    figures = summary(panel_member)
    assert (figures["waiting_count"], figures["median_days"], figures["longest_days"]) == (3, 7, 30)


def test_the_summary_takes_the_same_number_of_queries_however_long_the_queue(make_waiting, panel_member):
    for days in (2, 15):
        waited(make_waiting(), days)
    with CaptureQueriesContext(connection) as short:
        assert summary(panel_member)["waiting_count"] == 2
    for days in (4, 5, 12, 40):
        waited(make_waiting(), days)
    with CaptureQueriesContext(connection) as long:
        assert summary(panel_member) == {
            "waiting_count": 6, "overdue_count": 3, "median_days": 8.5, "longest_days": 40,
        }  # fmt: skip
    assert len(short) == len(long) <= 4


def test_days_waiting_are_counted_in_local_days():
    """Summer time in London: 23:30 UTC is already the next day locally."""
    utc = datetime.UTC
    plan = SupportPlan(waiting_since=datetime.datetime(2026, 6, 1, 23, 30, tzinfo=utc))  # 2 June, 00:30 local
    assert selectors.days_waiting(plan, now=datetime.datetime(2026, 6, 2, 12, 0, tzinfo=utc)) == 0
    assert selectors.days_waiting(plan, now=datetime.datetime(2026, 6, 2, 23, 30, tzinfo=utc)) == 1  # 3 June
    assert selectors.days_waiting(plan, now=datetime.datetime(2026, 5, 30, 12, 0, tzinfo=utc)) == 0  # never below 0
    assert selectors.days_waiting(SupportPlan(waiting_since=None)) == 0
