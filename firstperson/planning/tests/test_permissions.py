"""Who may see and do what with a plan: the person, their representatives, the broker they chose,
the practitioners and managers of their team, the funding panel (plans sent to it), and nobody else."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from firstperson.people.choices import AuthorityScope
from firstperson.planning import permissions, selectors, services
from firstperson.planning.exceptions import TransitionRefused
from firstperson.planning.rules.lifecycle import Part
from firstperson.platform.accounts.roles import Role

from .services.conftest import make_representative
from .services.flow import fresh, put_forward

A, REV, DEC, REQ = Part.AUTHOR, Part.REVIEWER, Part.DECIDER, Part.REQUESTER


@pytest.fixture
def people(
    make_user, make_person, person, team, other_team, resident, practitioner, team_manager, broker, panel_member
):
    scope = (AuthorityScope.VIEW_ONLINE, AuthorityScope.ASSESSMENT_AND_PLANNING)
    return {
        "person": resident,
        "representative": make_representative(make_user, make_person, person, *scope),
        "viewing representative": make_representative(make_user, make_person, person, AuthorityScope.VIEW_ONLINE),
        "money representative": make_representative(make_user, make_person, person, AuthorityScope.MONEY),
        "welfare representative": make_representative(
            make_user, make_person, person, AuthorityScope.HEALTH_AND_WELFARE
        ),
        "viewing money representative": make_representative(
            make_user, make_person, person, AuthorityScope.VIEW_ONLINE, AuthorityScope.MONEY
        ),
        "ended representative": make_representative(
            make_user, make_person, person, *scope, start=datetime.date(2024, 1, 1), end=datetime.date(2025, 1, 1)
        ),
        "future representative": make_representative(
            make_user, make_person, person, *scope, start=datetime.date(2099, 1, 1)
        ),
        "chosen broker": broker,
        "another broker": make_user(Role.BROKER),
        "practitioner in the team": practitioner,
        "practitioner in another team": make_user(Role.PRACTITIONER, team=other_team),
        "team manager": team_manager,
        "team manager of another team": make_user(Role.TEAM_MANAGER, team=other_team),
        "panel member": panel_member,
        "another resident": make_user(Role.RESIDENT),
        "finance officer": make_user(Role.FINANCE_OFFICER),
        "commissioner": make_user(Role.COMMISSIONER),
        "administrator": make_user(Role.ADMINISTRATOR),
        "adviser": make_user(Role.ADVISER, team=team),
        "provider": make_user(Role.PROVIDER),
        "inactive person": make_user(Role.RESIDENT, is_active=False),
    }


#: who -> (sees, parts, signs off) for a plan being written, with the broker chosen.
MATRIX = {
    "person": (True, {A, REQ}, True),
    "representative": (True, {A, REQ}, True),
    "viewing representative": (True, set(), False),
    # Authority over money alone, or health and welfare alone, does not show a representative the plan.
    "money representative": (False, set(), False),
    "welfare representative": (False, set(), False),
    "viewing money representative": (True, set(), False),
    "ended representative": (False, set(), False),
    "future representative": (False, set(), False),
    "chosen broker": (True, {A}, False),
    "another broker": (False, set(), False),
    "practitioner in the team": (True, {A, REV, DEC}, False),
    "practitioner in another team": (False, set(), False),
    "team manager": (True, {A, REV, DEC}, False),
    "team manager of another team": (False, set(), False),
    "panel member": (False, set(), False),  # not sent to the panel
    "another resident": (False, set(), False),
    "finance officer": (False, set(), False),
    "commissioner": (False, set(), False),
    "administrator": (False, set(), False),
    "adviser": (False, set(), False),
    "provider": (False, set(), False),
    "inactive person": (False, set(), False),
}


@pytest.fixture
def brokered_plan(plan, resident, broker):
    plan = fresh(plan)
    return services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=broker)


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_the_permission_matrix(people, brokered_plan, who):
    user = people[who]
    sees, parts, signs_off = MATRIX[who]
    plan = brokered_plan
    assert (plan in permissions.plans_visible_to(user)) is sees
    assert permissions.can_view(user, plan) is sees
    assert permissions.parts_for(user, plan) == frozenset(parts)
    assert permissions.can_edit(user, plan) is (A in parts)
    assert permissions.can_sign_off(user, plan) is signs_off
    if sees:
        assert selectors.plan_get_for_actor(actor=user, plan_id=plan.pk) == plan
    else:
        with pytest.raises(Http404):
            selectors.plan_get_for_actor(actor=user, plan_id=plan.pk)


def test_nobody_signed_out_sees_or_does_anything(brokered_plan):
    anonymous = AnonymousUser()
    assert not permissions.plans_visible_to(anonymous).exists()
    assert permissions.parts_for(anonymous, brokered_plan) == frozenset()
    assert not permissions.can_edit(anonymous, brokered_plan)
    assert not permissions.can_sign_off(anonymous, brokered_plan)
    assert not permissions.can_start_plan(anonymous, brokered_plan.person)


def test_a_broker_not_chosen_sees_nothing_and_one_dropped_loses_the_plan(people, brokered_plan, resident):
    broker = people["chosen broker"]
    plan = fresh(brokered_plan)
    services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=None)
    assert not permissions.can_view(broker, brokered_plan)
    assert permissions.parts_for(broker, brokered_plan) == frozenset()


def test_the_other_parts(people, brokered_plan, person):
    plan = brokered_plan
    # Only the person, or someone acting for them, chooses who helps them plan (and so who sees it).
    for who in ("person", "representative"):
        assert permissions.can_choose_broker(people[who], plan), who
    for who in ("practitioner in the team", "team manager", "chosen broker", "viewing representative",
                "money representative", "panel member", "another resident"):  # fmt: skip
        assert not permissions.can_choose_broker(people[who], plan), who
    for who in ("practitioner in the team", "team manager"):
        assert permissions.can_record_exception(people[who], plan), who
    for who in ("person", "representative", "chosen broker", "practitioner in another team", "panel member"):
        assert not permissions.can_record_exception(people[who], plan), who
    for who in ("person", "representative", "practitioner in the team", "team manager"):
        assert permissions.can_start_plan(people[who], person), who
    for who in ("viewing representative", "ended representative", "chosen broker", "practitioner in another team",
                "panel member", "another resident", "finance officer", "administrator"):  # fmt: skip
        assert not permissions.can_start_plan(people[who], person), who


def test_the_panel_sees_and_decides_plans_sent_to_it_but_cannot_write_them(
    people, assessed, resident, practitioner, second_panel_member
):
    from .services.test_lifecycle import over_budget_plan

    plan = services.support_plan_start(person=assessed, started_by=resident)
    plan = put_forward(over_budget_plan(plan, resident), resident, practitioner)
    assert plan.decision_route == "panel_member"
    for panel in (people["panel member"], second_panel_member):
        assert permissions.can_view(panel, plan)
        assert permissions.parts_for(panel, plan) == frozenset({DEC})
        assert not permissions.can_edit(panel, plan) and not permissions.can_sign_off(panel, plan)
        assert list(selectors.decision_queue_for(actor=panel)) == [plan]
    assert list(selectors.decision_queue_for(actor=people["team manager"])) == []
    for who in ("finance officer", "commissioner", "administrator", "another broker"):
        assert not permissions.can_view(people[who], plan), who


def test_a_representative_who_can_only_view_cannot_change_the_plan(people, brokered_plan):
    viewer = people["viewing representative"]
    plan = fresh(brokered_plan)
    with pytest.raises(TransitionRefused):
        services.support_plan_update(plan=plan, revision=plan.revision, actor=viewer, helped_by="Me")
    with pytest.raises(TransitionRefused):
        services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=viewer, typed_name="Viewer")
    assert fresh(plan).helped_by == "" and fresh(plan).revision == plan.revision


def test_a_practitioner_cannot_choose_a_broker_for_the_person(people, plan, make_user):
    plan = fresh(plan)
    with pytest.raises(TransitionRefused, match="Only the person, or someone acting for them"):
        services.support_plan_choose_broker(
            plan=plan, revision=plan.revision, actor=people["practitioner in the team"], broker=people["chosen broker"]
        )
    plan = fresh(plan)
    assert plan.broker is None
    assert not permissions.can_view(people["chosen broker"], plan)


#: Who sees what the person pays (their contribution, from the financial assessment).
SEES_CONTRIBUTION = {
    "person": True,
    "viewing money representative": True,
    "practitioner in the team": True,
    "team manager": True,
    "representative": False,  # planning authority, but not over money
    "viewing representative": False,
    "money representative": False,  # may not see the plan at all
    "chosen broker": False,
    "another broker": False,
    "practitioner in another team": False,
    "another resident": False,
    "finance officer": False,
    "administrator": False,
}


@pytest.mark.parametrize("who", sorted(SEES_CONTRIBUTION))
def test_who_sees_the_contribution(people, brokered_plan, who):
    assert permissions.can_see_contribution(people[who], brokered_plan) is SEES_CONTRIBUTION[who]


def test_the_panel_sees_a_plan_sent_to_it_but_not_the_contribution(people, assessed, resident, practitioner):
    from .services.test_lifecycle import over_budget_plan

    plan = services.support_plan_start(person=assessed, started_by=resident)
    plan = put_forward(over_budget_plan(plan, resident), resident, practitioner)
    panel = people["panel member"]
    assert permissions.can_view(panel, plan)
    assert not permissions.can_see_contribution(panel, plan)
    assert permissions.can_see_contribution(people["person"], plan)


def test_nobody_signed_out_sees_the_contribution(brokered_plan):
    assert not permissions.can_see_contribution(AnonymousUser(), brokered_plan)
