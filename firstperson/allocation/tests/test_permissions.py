"""Who sees a person's budget, and who may work it out, change it and decide on a change."""

import datetime
from decimal import Decimal

import pytest

from firstperson.allocation import permissions, services
from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role

from .fixtures import REFERENCE_ANSWERS, submitted_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(configuration, person, practitioner):
    return services.indicative_budget_calculate(
        actor=practitioner,
        assessment=submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS),
    )


def representative_with(scope, person, make_user, make_person, *, end_date=None):
    user = make_user(Role.REPRESENTATIVE)
    relationship_create(
        actor=None,
        person=person,
        related_person=make_person(account=user),
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.LPA_HEALTH_WELFARE,
        authority_scope=scope,
        start_date=datetime.date(2025, 1, 1),
        end_date=end_date,
    )
    return user


@pytest.mark.parametrize(
    ("scope", "end_date", "sees"),
    [
        ([AuthorityScope.ASSESSMENT_AND_PLANNING], None, True),
        ([AuthorityScope.MONEY], None, True),
        ([AuthorityScope.VIEW_ONLINE], None, False),
        ([AuthorityScope.HEALTH_AND_WELFARE], None, False),
        ([AuthorityScope.ASSESSMENT_AND_PLANNING], datetime.date(2025, 6, 1), False),  # ended
    ],
)
def test_representatives_see_it_with_authority_over_plans_or_money(
    budget, person, make_user, make_person, scope, end_date, sees
):
    user = representative_with(scope, person, make_user, make_person, end_date=end_date)
    assert permissions.can_view_budget(user, person) is sees
    assert permissions.budgets_visible_to(user).filter(pk=budget.pk).exists() is sees


def test_who_sees_and_who_acts(budget, person, resident, practitioner, team_manager, make_user, other_team):
    outsider = make_user(Role.PRACTITIONER, team=other_team)
    finance = make_user(Role.FINANCE_OFFICER)
    administrator = make_user(Role.ADMINISTRATOR)
    other_resident = make_user(Role.RESIDENT)
    assert permissions.can_view_budget(resident, person)
    assert permissions.can_view_budget(practitioner, person)
    assert permissions.can_view_budget(team_manager, person)
    for user in (outsider, finance, administrator, other_resident):
        assert not permissions.can_view_budget(user, person)
        assert not permissions.budgets_visible_to(user).exists()
    assert permissions.can_calculate(practitioner, person)
    assert permissions.can_moderate(team_manager, budget)
    for user in (outsider, resident, finance, administrator):
        assert not permissions.can_calculate(user, person)
        assert not permissions.can_moderate(user, budget)


def test_a_break_glass_look_is_read_only(budget, person, make_user, other_team):
    from firstperson.people.services import person_break_glass_open

    outsider = make_user(Role.PRACTITIONER, team=other_team)
    person_break_glass_open(actor=outsider, person=person, reason="Covering for the duty desk today")
    assert permissions.can_view_budget(outsider, person)
    assert not permissions.can_moderate(outsider, budget)


def test_only_a_team_manager_of_the_team_who_did_not_ask_decides(
    budget, practitioner, team_manager, make_user, other_team
):
    moderation = services.budget_moderate(
        actor=practitioner, budget=budget, amount=Decimal(15000), period="annual", reason="Night support is needed"
    )
    assert permissions.can_decide(team_manager, moderation)
    assert not permissions.can_decide(practitioner, moderation)
    assert not permissions.can_decide(make_user(Role.TEAM_MANAGER, team=other_team), moderation)
