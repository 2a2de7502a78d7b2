"""The permission predicates on their own, one rule per test."""

import datetime

import pytest
from django.utils import timezone

from firstperson.people.choices import RelationshipKind, RepresentativeType
from firstperson.people.permissions import can_break_glass, can_create, can_edit, can_search, can_view, visible_to
from firstperson.people.services import person_break_glass_open, relationship_create
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def represent(person, representative_person, *, start, end=None):
    return relationship_create(
        actor=None,
        person=person,
        related_person=representative_person,
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.FAMILY_OR_FRIEND,
        start_date=start,
        end_date=end,
    )


def test_a_resident_sees_only_their_own_record(make_user, make_person):
    resident = make_user(Role.RESIDENT)
    own = make_person(account=resident)
    make_person()
    assert list(visible_to(resident)) == [own]


@pytest.mark.parametrize(
    ("start", "end", "sees"),
    [
        (TODAY - datetime.timedelta(days=10), None, True),
        (TODAY - datetime.timedelta(days=10), TODAY, True),
        (TODAY - datetime.timedelta(days=10), TODAY - datetime.timedelta(days=1), False),
        (TODAY + datetime.timedelta(days=1), None, False),
    ],
)
def test_a_representative_sees_the_person_only_while_their_authority_lasts(make_user, make_person, start, end, sees):
    account = make_user(Role.REPRESENTATIVE)
    represented = make_person()
    represent(represented, make_person(account=account), start=start, end=end)
    assert can_view(account, represented) is sees


def test_a_carer_without_representation_does_not_see_the_record(make_user, make_person):
    account = make_user(Role.RESIDENT)
    cared_for = make_person()
    relationship_create(
        actor=None,
        person=cared_for,
        related_person=make_person(account=account),
        kind=RelationshipKind.CARER,
        start_date=TODAY - datetime.timedelta(days=5),
    )
    assert not can_view(account, cared_for)


def test_practitioners_see_and_edit_their_teams_caseload_only(make_user, make_person, team, other_team):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    mine, theirs, unallocated = make_person(team=team), make_person(team=other_team), make_person()
    assert set(visible_to(practitioner)) == {mine}
    assert can_edit(practitioner, mine)
    assert not can_edit(practitioner, theirs)
    assert can_break_glass(practitioner, theirs) and can_break_glass(practitioner, unallocated)
    assert not can_break_glass(practitioner, mine)


def test_finance_officers_search_and_open_with_a_reason_but_never_edit(make_user, make_person, team):
    finance = make_user(Role.FINANCE_OFFICER)
    person = make_person(team=team)
    assert can_search(finance) and not can_create(finance)
    assert not can_view(finance, person)
    person_break_glass_open(actor=finance, person=person, reason="Financial assessment requested by Chloe")
    assert can_view(finance, person)
    assert not can_edit(finance, person)


@pytest.mark.parametrize(
    "role",
    [
        Role.COMMISSIONER,
        Role.DIRECTORY_EDITOR,
        Role.ADMINISTRATOR,
        Role.PROVIDER,
        Role.PERSONAL_ASSISTANT,
        Role.BROKER,
        Role.PANEL_MEMBER,
    ],
)
def test_roles_without_a_link_to_a_person_see_nobody(make_user, make_person, team, role):
    make_person(team=team)
    user = make_user(role, team=team)
    assert not visible_to(user).exists()
    assert not can_search(user)
    assert not can_create(user)


def test_a_deactivated_account_sees_nobody(make_user, make_person, team):
    practitioner = make_user(Role.PRACTITIONER, team=team, is_active=False)
    make_person(team=team)
    assert not visible_to(practitioner).exists()


def test_an_ended_representation_is_not_revived_by_a_current_carer_link(make_user, make_person):
    """Regression: the end-date check and the kind check must apply to the same relationship."""
    account = make_user(Role.REPRESENTATIVE)
    margaret = make_person(account=account)
    ted = make_person()
    represent(ted, margaret, start=TODAY - datetime.timedelta(days=100), end=TODAY - datetime.timedelta(days=1))
    relationship_create(
        actor=None,
        person=ted,
        related_person=margaret,
        kind=RelationshipKind.CARER,
        start_date=TODAY - datetime.timedelta(days=100),
    )
    assert not can_view(account, ted)
