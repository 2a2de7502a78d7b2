"""The queue's order and filters, and who sees which contacts."""

import pytest
from django.http import Http404

from firstperson.frontdoor.choices import Outcome
from firstperson.frontdoor.selectors import (
    contact_get_for_actor,
    contact_queue,
    contacts_for_person,
    queue_counts,
    queue_rows,
    signposting_search,
)
from firstperson.frontdoor.services import contact_link_person, contact_record_advice, contact_transition
from firstperson.people.services import person_break_glass_open
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_urgent_first_then_the_longest_waiting(adviser, ask_for_help, received):
    newest = received(ask_for_help(person_name="Newest"), minutes=5)
    oldest = received(ask_for_help(person_name="Oldest"), days=2)
    middle = received(ask_for_help(person_name="Middle"), hours=3)
    urgent_new = received(ask_for_help(person_name="Urgent new", at_risk=True), minutes=1)
    urgent_old = received(ask_for_help(person_name="Urgent old", at_risk=True), hours=1)
    queue = list(contact_queue(actor=adviser))
    assert queue == [urgent_old, urgent_new, oldest, middle, newest]
    words = [row.waiting for row in queue_rows(contacts=queue)]
    assert words == ["1 hour", "1 minute", "2 days", "3 hours", "5 minutes"]


def test_filters_by_status(adviser, ask_for_help):
    waiting = ask_for_help(person_name="Waiting")
    working = contact_transition(
        actor=adviser, contact=ask_for_help(person_name="Working"), to_status="in_progress", reason="Mine"
    )
    closed = ask_for_help(person_name="Closed")
    contact_record_advice(actor=adviser, contact=closed, advice_given="", outcome=Outcome.SIGNPOSTED)
    closed = contact_transition(actor=adviser, contact=closed, to_status="closed", reason="Signposted")
    assert list(contact_queue(actor=adviser)) == [waiting]
    assert list(contact_queue(actor=adviser, status="in_progress")) == [working]
    assert list(contact_queue(actor=adviser, status="closed")) == [closed]
    assert set(contact_queue(actor=adviser, status="open")) == {waiting, working}
    assert set(contact_queue(actor=adviser, status="all")) == {waiting, working, closed}
    assert list(contact_queue(actor=adviser, status="nonsense")) == [waiting]
    assert queue_counts(actor=adviser) == {"waiting": 1, "in_progress": 1, "open": 2, "closed": 1, "all": 3}
    assert queue_rows(contacts=[closed])[0].waiting == ""


def test_a_linked_contact_is_seen_only_by_those_who_see_the_person(
    adviser, make_user, team, other_team, make_person, front_door_team, ask_for_help
):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    other_practitioner = make_user(Role.PRACTITIONER, team=other_team)
    ted = make_person(team=front_door_team)
    unlinked = ask_for_help(person_name="Unlinked")
    linked = contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    assert set(contact_queue(actor=adviser)) == {unlinked, linked}
    assert set(contact_queue(actor=practitioner)) == {unlinked}
    assert contact_get_for_actor(actor=practitioner, contact_id=unlinked.pk) == unlinked
    with pytest.raises(Http404):
        contact_get_for_actor(actor=practitioner, contact_id=linked.pk)
    person_break_glass_open(actor=other_practitioner, person=ted, reason="Duty call from his wife")
    assert contact_get_for_actor(actor=other_practitioner, contact_id=linked.pk) == linked


@pytest.mark.parametrize(
    "role",
    [Role.RESIDENT, Role.REPRESENTATIVE, Role.FINANCE_OFFICER, Role.DIRECTORY_EDITOR, Role.COMMISSIONER, Role.PROVIDER],
)
def test_other_roles_see_no_contacts(make_user, ask_for_help, role):
    contact = ask_for_help()
    user = make_user(role)
    assert list(contact_queue(actor=user, status="all")) == []
    with pytest.raises(Http404):
        contact_get_for_actor(actor=user, contact_id=contact.pk)


def test_contacts_for_a_person(adviser, make_user, team, make_person, front_door_team, ask_for_help, received):
    ted = make_person(team=front_door_team)
    first = received(contact_link_person(actor=adviser, contact=ask_for_help(), person=ted), days=3)
    second = contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    ask_for_help(person_name="Someone else")
    assert list(contacts_for_person(actor=adviser, person=ted)) == [second, first]
    outsider = make_user(Role.PRACTITIONER, team=team)
    assert list(contacts_for_person(actor=outsider, person=ted)) == []


def test_signposting_search_finds_published_services_only(carers_group, day_centre, make_service):
    make_service("Carers' café (draft)", "For carers", record_status="draft")
    assert signposting_search(words="carers") == [carers_group]
    assert signposting_search(words="dementia day centre") == [day_centre]
    assert signposting_search(words="   ") == []
    assert signposting_search(words="'; DROP TABLE frontdoor_contact; --") == []
    assert signposting_search(words="(carer|*") == [carers_group]  # regular-expression characters are just ignored
