"""Who hears news about a person: their own account, and the representatives whose authority lets
them see what the news is about; current, active, resident-side accounts only, each once."""

import datetime

import pytest
from django.utils import timezone

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.selectors import accounts_to_tell
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PLANNING = (AuthorityScope.ASSESSMENT_AND_PLANNING,)


@pytest.fixture
def represent(make_user, make_person):
    def make(person, scope, *, account=None, start=TODAY - datetime.timedelta(days=30), end=None):
        account = account or make_user(Role.REPRESENTATIVE)
        own = account.person if hasattr(account, "person") else make_person(account=account)
        relationship_create(
            actor=None,
            person=person,
            related_person=own,
            kind=RelationshipKind.REPRESENTATIVE,
            representative_type=RepresentativeType.LPA_HEALTH_WELFARE,
            authority_scope=list(scope),
            start_date=start,
            end_date=end,
        )
        return account

    return make


def test_the_person_then_current_representatives_with_the_authority(make_user, make_person, represent):
    resident = make_user(Role.RESIDENT)
    person = make_person(account=resident)
    planner = represent(person, PLANNING)
    represent(person, (AuthorityScope.MONEY,))
    represent(person, PLANNING, end=TODAY - datetime.timedelta(days=1))
    represent(person, PLANNING, start=TODAY + datetime.timedelta(days=1))
    assert accounts_to_tell(person=person, authorities=PLANNING) == [(resident, True), (planner, False)]


def test_someone_who_represents_the_person_twice_is_told_once(make_person, represent):
    person = make_person()
    twice = represent(person, PLANNING)
    represent(person, (AuthorityScope.VIEW_ONLINE, AuthorityScope.ASSESSMENT_AND_PLANNING), account=twice)
    assert accounts_to_tell(person=person, authorities=PLANNING) == [(twice, False)]


def test_closed_and_staff_accounts_are_not_told(make_user, make_person, represent, team):
    closed = make_user(Role.RESIDENT, is_active=False)
    person = make_person(account=closed)
    represent(person, PLANNING, account=make_user(Role.PRACTITIONER, team=team))
    assert accounts_to_tell(person=person, authorities=PLANNING) == []
