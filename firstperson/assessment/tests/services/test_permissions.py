"""Who may see and complete a person's self-assessments, and who may decide eligibility."""

import datetime

from firstperson.assessment import permissions
from firstperson.people.choices import AuthorityScope
from firstperson.people.models import Relationship
from firstperson.people.services import person_break_glass_open
from firstperson.platform.accounts.roles import Role


def test_the_person_and_a_representative_with_authority_over_assessments(person, resident, represent):
    linda = represent(person, first_name="Linda")
    viewer = represent(person, scope=(AuthorityScope.VIEW_ONLINE, AuthorityScope.MONEY))
    assert permissions.can_complete_for(resident, person)
    assert permissions.can_complete_for(linda, person)
    assert not permissions.can_complete_for(viewer, person)
    assert not permissions.can_view_assessments_of(viewer, person)
    assert list(permissions.people_assessable_by(linda).filter(pk=person.pk)) == [person]


def test_an_ended_representation_gives_no_authority(person, represent):
    linda = represent(person, first_name="Linda")
    Relationship.objects.filter(related_person__account=linda).update(end_date=datetime.date(2024, 6, 1))
    assert not permissions.can_complete_for(linda, person)


def test_caseworkers_in_the_team_complete_and_decide_but_break_glass_only_sees(
    person, practitioner, make_user, team, other_team
):
    manager = make_user(Role.TEAM_MANAGER, team=team)
    outsider = make_user(Role.PRACTITIONER, team=other_team)
    assert permissions.can_complete_for(practitioner, person) and permissions.can_decide_eligibility(manager, person)
    assert not permissions.can_view_assessments_of(outsider, person)
    person_break_glass_open(actor=outsider, person=person, reason="Covering for a colleague today")
    assert permissions.can_view_assessments_of(outsider, person)
    assert not permissions.can_complete_for(outsider, person)
    assert not permissions.can_decide_eligibility(outsider, person)


def test_other_roles_see_nothing(person, make_user, team):
    for role in (Role.FINANCE_OFFICER, Role.ADVISER, Role.ADMINISTRATOR, Role.PROVIDER, Role.COMMISSIONER):
        user = make_user(role, team=team)
        assert not permissions.can_view_assessments_of(user, person), role
        assert not permissions.can_complete_for(user, person), role
