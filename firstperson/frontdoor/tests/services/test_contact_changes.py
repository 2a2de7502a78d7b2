"""Working on a contact: status moves with reasons, linking a person, signposting, advice and outcome."""

import datetime

import pytest
from django.utils import timezone

from firstperson.frontdoor.choices import About, ContactStatus, Outcome
from firstperson.frontdoor.exceptions import ContactStatusError, InvalidContact
from firstperson.frontdoor.models import Contact, ContactStatusChange
from firstperson.frontdoor.services import (
    contact_link_new_person,
    contact_link_person,
    contact_record_advice,
    contact_signpost,
    contact_transition,
    help_request_submit,
)
from firstperson.people.exceptions import InvalidPersonDetails
from firstperson.people.models import Person
from firstperson.people.services import PersonDetails, person_break_glass_open
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from tests.concurrency import at_once, postgresql_only

from ..conftest import help_request

pytestmark = pytest.mark.django_db


def updates():
    return AuditEvent.objects.filter(verb=AuditVerb.FRONTDOOR_CONTACT_UPDATED).order_by("sequence")


def test_picking_up_and_putting_back_records_who_when_and_why(adviser, ask_for_help):
    contact = ask_for_help()
    contact = contact_transition(
        actor=adviser, contact=contact, to_status=ContactStatus.IN_PROGRESS, reason="Calling Margaret back"
    )
    assert (contact.status, contact.assigned_to) == (ContactStatus.IN_PROGRESS, adviser)
    contact = contact_transition(
        actor=adviser, contact=contact, to_status=ContactStatus.WAITING, reason="No answer; back to the queue"
    )
    assert (contact.status, contact.assigned_to) == (ContactStatus.WAITING, None)
    rows = list(ContactStatusChange.objects.filter(contact=contact).order_by("changed_at", "id"))
    assert [(r.from_status, r.to_status, r.reason) for r in rows] == [
        ("", "waiting", "Asked for help online"),
        ("waiting", "in_progress", "Calling Margaret back"),
        ("in_progress", "waiting", "No answer; back to the queue"),
    ]
    assert all(row.changed_by == adviser for row in rows[1:])
    assert [event.payload["to"] for event in updates()] == ["in_progress", "waiting"]
    assert {event.payload["change"] for event in updates()} == {"status"}


def test_closing_needs_an_outcome_then_sets_the_closing_time(adviser, ask_for_help):
    contact = ask_for_help()
    with pytest.raises(ContactStatusError) as caught:
        contact_transition(actor=adviser, contact=contact, to_status=ContactStatus.CLOSED, reason="Done")
    assert caught.value.message == "Record the outcome before you close the contact"
    contact.refresh_from_db()
    assert contact.status == ContactStatus.WAITING
    contact_record_advice(
        actor=adviser, contact=contact, advice_given="Gave the carers' line", outcome=Outcome.INFORMATION_AND_ADVICE
    )
    contact = contact_transition(actor=adviser, contact=contact, to_status=ContactStatus.CLOSED, reason="Advice given")
    assert contact.closed_at is not None
    contact = contact_transition(
        actor=adviser, contact=contact, to_status=ContactStatus.IN_PROGRESS, reason="She rang again"
    )
    assert contact.closed_at is None


def test_an_illegal_move_is_refused_and_changes_nothing(adviser, ask_for_help):
    contact = ask_for_help()
    contact_record_advice(actor=adviser, contact=contact, advice_given="", outcome=Outcome.SIGNPOSTED)
    contact = contact_transition(actor=adviser, contact=contact, to_status=ContactStatus.CLOSED, reason="Signposted")
    before = updates().count()
    with pytest.raises(ContactStatusError) as caught:
        contact_transition(actor=adviser, contact=contact, to_status=ContactStatus.WAITING, reason="Back please")
    assert caught.value.field == "to_status"
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    assert ContactStatusChange.objects.filter(contact=contact).count() == 2
    assert updates().count() == before


def test_a_move_without_a_reason_is_refused(adviser, ask_for_help):
    contact = ask_for_help()
    with pytest.raises(ContactStatusError) as caught:
        contact_transition(actor=adviser, contact=contact, to_status=ContactStatus.IN_PROGRESS, reason="  ")
    assert (caught.value.field, caught.value.message) == ("reason", "Give a reason for the change")
    assert ContactStatusChange.objects.filter(contact=contact).count() == 1


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER])
def test_caseworkers_see_contacts_but_do_not_change_them(make_user, team, ask_for_help, role):
    contact = ask_for_help()
    with pytest.raises(InvalidContact):
        contact_transition(
            actor=make_user(role, team=team), contact=contact, to_status=ContactStatus.IN_PROGRESS, reason="Mine"
        )
    contact.refresh_from_db()
    assert contact.status == ContactStatus.WAITING


def test_linking_a_record_the_adviser_can_see(adviser, ask_for_help, make_person, front_door_team):
    ted = make_person(team=front_door_team, legal_given_name="Edward", legal_family_name="Okafor")
    contact = contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    contact.refresh_from_db()
    assert (contact.person, contact.about, contact.subject_name) == (ted, About.EXISTING_PERSON, "Ted Okafor")
    event = updates().get()
    assert event.person_id == ted.pk
    assert event.payload["change"] == "person_linked"


def test_a_record_outside_the_advisers_access_must_be_opened_first(adviser, ask_for_help, make_person, other_team):
    ted = make_person(team=other_team)
    contact = ask_for_help()
    with pytest.raises(InvalidContact) as caught:
        contact_link_person(actor=adviser, contact=contact, person=ted)
    assert caught.value.field == "person"
    contact.refresh_from_db()
    assert contact.person is None
    person_break_glass_open(actor=adviser, person=ted, reason="Wife asked for help for him online")
    assert contact_link_person(actor=adviser, contact=contact, person=ted).person == ted


def test_linking_a_new_record(adviser, ask_for_help, front_door_team):
    details = PersonDetails(
        legal_given_name="Edward", legal_family_name="Okafor", date_of_birth=datetime.date(1943, 5, 14)
    )
    contact = contact_link_new_person(actor=adviser, contact=ask_for_help(), details=details)
    ted = Person.objects.get()
    assert (contact.person, contact.about) == (ted, About.NEW_PERSON)
    assert ted.allocated_team == front_door_team
    assert updates().get().person_id == ted.pk


def test_a_new_record_with_bad_details_saves_nothing(adviser, ask_for_help):
    contact = ask_for_help()
    details = PersonDetails(legal_given_name="", legal_family_name="Okafor", date_of_birth=datetime.date(1943, 5, 14))
    with pytest.raises(InvalidPersonDetails):
        contact_link_new_person(actor=adviser, contact=contact, details=details)
    assert not Person.objects.exists()
    contact.refresh_from_db()
    assert contact.person is None
    assert not updates().exists()


def test_signposting_adds_published_services_once(adviser, ask_for_help, carers_group, day_centre, make_service):
    contact = ask_for_help()
    contact_signpost(actor=adviser, contact=contact, service_ids=[carers_group.pk])
    contact_signpost(actor=adviser, contact=contact, service_ids=[carers_group.pk, day_centre.pk])
    assert set(contact.signposted_services.all()) == {carers_group, day_centre}
    assert [event.payload["added"] for event in updates()] == [[str(carers_group.pk)], [str(day_centre.pk)]]
    archived = make_service("Closed lunch club", record_status="archived")
    with pytest.raises(InvalidContact) as caught:
        contact_signpost(actor=adviser, contact=contact, service_ids=[archived.pk])
    assert caught.value.field == "services"
    assert contact.signposted_services.count() == 2


def test_advice_and_outcome(adviser, ask_for_help, make_person, front_door_team):
    ted = make_person(team=front_door_team)
    contact = contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    contact = contact_record_advice(
        actor=adviser,
        contact=contact,
        advice_given="Referred for a needs assessment",
        outcome=Outcome.CARERS_ASSESSMENT,
    )
    assert contact.outcome == Outcome.CARERS_ASSESSMENT
    event = updates().last()
    assert event.payload["changed_fields"] == ["advice_given", "outcome"]
    assert event.person_id == ted.pk
    with pytest.raises(InvalidContact):
        contact_record_advice(actor=adviser, contact=contact, advice_given="", outcome="magic")
    contact.refresh_from_db()
    assert contact.outcome == Outcome.CARERS_ASSESSMENT


def test_a_closed_contact_keeps_its_outcome(adviser, ask_for_help):
    contact = ask_for_help()
    contact_record_advice(actor=adviser, contact=contact, advice_given="", outcome=Outcome.SIGNPOSTED)
    contact_transition(actor=adviser, contact=contact, to_status=ContactStatus.CLOSED, reason="Done")
    with pytest.raises(InvalidContact):
        contact_record_advice(actor=adviser, contact=contact, advice_given="", outcome="")
    contact.refresh_from_db()
    assert contact.outcome == Outcome.SIGNPOSTED


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_references_stay_unique_when_requests_arrive_together():
    """Eight requests at once, on PostgreSQL where they truly run in parallel: the counter row lock
    makes the second wait, so each gets its own number."""
    _, errors = at_once(*[lambda: help_request_submit(help_request=help_request())] * 8)
    assert errors == []
    year = timezone.localdate().year
    assert sorted(Contact.objects.values_list("reference", flat=True)) == [f"FD-{year}-{n:06d}" for n in range(1, 9)]
