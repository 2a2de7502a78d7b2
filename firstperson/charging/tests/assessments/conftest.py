import datetime

import pytest

from firstperson.charging.models import StartedVia
from firstperson.charging.services import assessments as services
from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role

from .builders import load_parameters


@pytest.fixture
def parameters(db):
    load_parameters()


@pytest.fixture
def resident(make_user):
    return make_user(Role.RESIDENT)


@pytest.fixture
def person(make_person, resident, team):
    # 70 years old on the dates the tests use, like Mrs A.
    return make_person(team=team, account=resident, date_of_birth=datetime.date(1955, 3, 2))


@pytest.fixture
def officer(make_user):
    return make_user(Role.FINANCE_OFFICER)


@pytest.fixture
def money_representative(make_user, make_person, person):
    user = make_user(Role.REPRESENTATIVE)
    relationship_create(
        actor=None,
        person=person,
        related_person=make_person(account=user),
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.LPA_PROPERTY_FINANCE,
        authority_scope=[AuthorityScope.VIEW_ONLINE, AuthorityScope.MONEY],
        start_date=datetime.date(2025, 1, 1),
    )
    return user


@pytest.fixture
def online(parameters, resident, person):
    return services.assessment_start(actor=resident, person=person, via=StartedVia.ONLINE)
