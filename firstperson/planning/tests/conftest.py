"""Fixtures for planning: Sam (a resident with his own account) in the West team's caseload, found
eligible with an indicative budget of £183.35 a week; Chloe (practitioner), Tom (team manager, up to
£250 a week), a funding panel member, Grace (broker), and the delegation policy."""

import pytest

from firstperson.platform.accounts.roles import Role

from . import fixtures


@pytest.fixture
def practitioner(make_user, team):
    return make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")


@pytest.fixture
def team_manager(make_user, team):
    return make_user(Role.TEAM_MANAGER, team=team, first_name="Tom", last_name="Adeyemi")


@pytest.fixture
def panel_member(make_user):
    return make_user(Role.PANEL_MEMBER, first_name="Pat", last_name="Panel")


@pytest.fixture
def second_panel_member(make_user):
    return make_user(Role.PANEL_MEMBER, first_name="Mo", last_name="Second")


@pytest.fixture
def broker(make_user):
    return make_user(Role.BROKER, first_name="Grace", last_name="Liu")


@pytest.fixture
def resident(make_user):
    return make_user(Role.RESIDENT, first_name="Sam", last_name="Kowalski")


@pytest.fixture
def person(make_person, team, resident):
    return make_person(team=team, account=resident, legal_given_name="Sam", legal_family_name="Kowalski")


@pytest.fixture
def policy(db):
    return fixtures.decision_policy()


@pytest.fixture
def assessed(person, practitioner, policy):
    """Sam, assessed, eligible, with his indicative budget."""
    fixtures.ready_for_planning(person=person, practitioner=practitioner)
    return person


@pytest.fixture
def plan(assessed, resident):
    from firstperson.planning import services

    return services.support_plan_start(person=assessed, started_by=resident)


@pytest.fixture
def complete_plan(plan, resident):
    return fixtures.write_complete_plan(plan=plan, actor=resident, signer=resident)
