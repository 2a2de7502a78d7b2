"""Fixtures for the planning service tests: representatives made with the people services, and a
person's contribution made with the charging services."""

import datetime
from decimal import Decimal

import pytest

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role


def make_representative(make_user, make_person, person, *scopes, start=datetime.date(2025, 1, 1), end=None):
    user = make_user(Role.REPRESENTATIVE, first_name="Linda", last_name="Kowalski")
    relationship_create(
        actor=None,
        person=person,
        related_person=make_person(account=user, legal_given_name="Linda", legal_family_name="Kowalski"),
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.FAMILY_OR_FRIEND,
        authority_scope=list(scopes),
        start_date=start,
        end_date=end,
    )
    return user


@pytest.fixture
def representative(make_user, make_person, person):
    """Sam's mum Linda, who takes part in his assessments and plans."""
    return make_representative(
        make_user, make_person, person, AuthorityScope.VIEW_ONLINE, AuthorityScope.ASSESSMENT_AND_PLANNING
    )


@pytest.fixture
def second_team_manager(make_user, team):
    return make_user(Role.TEAM_MANAGER, team=team, first_name="Tara", last_name="Second")


@pytest.fixture
def make_contribution(db, make_user):
    """A charging contribution for the person from a date, made by the charging services: the person
    declined a financial assessment, so they pay the full weekly cost of their care."""
    from firstperson.charging.services import assessments as charging
    from firstperson.charging.tests.assessments.builders import load_parameters

    def make(person, *, weekly_cost_of_care: Decimal, effective_from: datetime.date):
        load_parameters()
        officer = make_user(Role.FINANCE_OFFICER)
        assessment = charging.assessment_start(actor=officer, person=person, via="officer")
        charging.assessment_update(
            actor=officer,
            assessment=assessment,
            values={"kind": "declined", "weekly_cost_of_care": weekly_cost_of_care},
            officer=True,
            outcome_consent=True,
            outcome_reason="Told us on the phone that they do not want to say.",
        )
        return charging.assessment_complete(actor=officer, assessment=assessment, effective_from=effective_from)

    return make


@pytest.fixture
def second_practitioner(make_user, team):
    return make_user(Role.PRACTITIONER, team=team, first_name="Priya", last_name="Second")
