"""Fixtures for the allocation app: the §2.10 configuration, a team with a practitioner and a team
manager, and Sam, a person in their caseload with his own online account."""

import pytest

from firstperson.platform.accounts.roles import Role

from .fixtures import reference_configuration


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR, first_name="Ravi", last_name="Menon")


@pytest.fixture
def configuration(db, administrator):
    return reference_configuration(actor=administrator)


@pytest.fixture
def practitioner(make_user, team):
    return make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")


@pytest.fixture
def team_manager(make_user, team):
    return make_user(Role.TEAM_MANAGER, team=team, first_name="Grace", last_name="Adeyemi")


@pytest.fixture
def resident(make_user):
    return make_user(Role.RESIDENT, first_name="Sam", last_name="Kowalski")


@pytest.fixture
def person(make_person, team, resident):
    return make_person(team=team, account=resident, legal_given_name="Sam", legal_family_name="Kowalski")
