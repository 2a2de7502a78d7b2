"""An adviser records a contact: about someone we know, someone new or nobody named."""

import datetime

import pytest
from django.utils import timezone

from firstperson.frontdoor.choices import About, Channel, ContactStatus, Outcome
from firstperson.frontdoor.exceptions import InvalidContact
from firstperson.frontdoor.models import Contact, ContactStatusChange
from firstperson.frontdoor.services import ContactDetails, Enquirer, contact_record
from firstperson.people.exceptions import InvalidPersonDetails, PossibleDuplicates
from firstperson.people.models import Person
from firstperson.people.services import PersonDetails
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db

MARGARET = Enquirer(name="Margaret Okafor", relationship="Wife", phone="01632 960 123")


def details(**overrides) -> ContactDetails:
    values = {
        "channel": Channel.PHONE,
        "about": About.ANONYMOUS,
        "reason": "Asking what help there is for someone with dementia who goes out at night.",
        "enquirer": MARGARET,
    }
    values.update(overrides)
    return ContactDetails(**values)


def ted_details(**overrides) -> PersonDetails:
    values = {
        "legal_given_name": "Edward",
        "legal_family_name": "Okafor",
        "date_of_birth": datetime.date(1943, 5, 14),
        "postcode": "WS1 4FG",
    }
    values.update(overrides)
    return PersonDetails(**values)


def test_about_someone_we_know_with_signposting_and_a_referral(adviser, make_person, front_door_team, carers_group):
    ted = make_person(team=front_door_team, legal_given_name="Edward", legal_family_name="Okafor")
    contact = contact_record(
        actor=adviser,
        details=details(
            about=About.EXISTING_PERSON,
            person=ted,
            advice_given="Told Margaret about the carers' group.",
            service_ids=(carers_group.pk,),
            outcome=Outcome.REFERRAL_FOR_NEEDS_ASSESSMENT,
            close=True,
        ),
    )
    contact.refresh_from_db()
    assert contact.reference == f"FD-{timezone.localdate().year}-000001"
    assert (contact.person, contact.about, contact.subject_name) == (ted, About.EXISTING_PERSON, "Edward Okafor")
    assert list(contact.signposted_services.all()) == [carers_group]
    assert contact.status == ContactStatus.CLOSED
    assert contact.closed_at is not None
    assert (contact.recorded_by, contact.assigned_to) == (adviser, adviser)
    assert contact.enquirer_name == "Margaret Okafor"
    change = ContactStatusChange.objects.get(contact=contact)
    assert (change.from_status, change.to_status, change.changed_by) == ("", "closed", adviser)
    event = AuditEvent.objects.get(verb=AuditVerb.FRONTDOOR_CONTACT_RECORDED)
    assert event.actor == adviser
    assert event.person_id == ted.pk
    assert event.payload["outcome"] == "referral_for_needs_assessment"
    assert event.payload["signposted"] == [str(carers_group.pk)]
    assert contact.history.get().history_user == adviser


def test_kept_open_it_is_in_progress_with_the_adviser(adviser):
    contact = contact_record(actor=adviser, details=details())
    assert contact.status == ContactStatus.IN_PROGRESS
    assert contact.assigned_to == adviser
    assert contact.closed_at is None
    assert ContactStatusChange.objects.get(contact=contact).reason == "Recorded by an adviser"


def test_about_someone_new_makes_their_record_in_the_advisers_team(adviser, front_door_team):
    contact = contact_record(
        actor=adviser,
        details=details(about=About.NEW_PERSON, new_person=ted_details(), outcome=Outcome.SIGNPOSTED, close=True),
    )
    ted = Person.objects.get(legal_given_name="Edward")
    assert ted.allocated_team == front_door_team
    assert (contact.person, contact.about) == (ted, About.NEW_PERSON)
    assert AuditEvent.objects.get(verb=AuditVerb.PERSON_CREATED).actor == adviser
    assert AuditEvent.objects.get(verb=AuditVerb.FRONTDOOR_CONTACT_RECORDED).person_id == ted.pk


def test_a_possible_duplicate_is_shown_before_anything_is_saved(adviser, make_person, other_team):
    make_person(
        team=other_team,
        legal_given_name="Edward",
        legal_family_name="Okafor",
        date_of_birth=datetime.date(1943, 5, 14),
        postcode="WS1 4FG",
    )
    with pytest.raises(PossibleDuplicates):
        contact_record(actor=adviser, details=details(about=About.NEW_PERSON, new_person=ted_details()))
    assert not Contact.objects.exists()
    assert Person.objects.count() == 1
    contact_record(
        actor=adviser,
        details=details(about=About.NEW_PERSON, new_person=ted_details(), confirmed_not_duplicate=True),
    )
    assert Person.objects.count() == 2


def test_an_anonymous_enquiry_links_nobody(adviser):
    contact = contact_record(actor=adviser, details=details(enquirer=Enquirer()))
    assert contact.person is None and contact.about == About.ANONYMOUS
    assert contact.enquirer_name == ""
    assert AuditEvent.objects.get(verb=AuditVerb.FRONTDOOR_CONTACT_RECORDED).person_id is None


def test_a_record_the_adviser_cannot_see_is_refused(adviser, make_person, other_team):
    stranger = make_person(team=other_team)
    with pytest.raises(InvalidContact) as caught:
        contact_record(actor=adviser, details=details(about=About.EXISTING_PERSON, person=stranger))
    assert caught.value.field == "person"
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"channel": "pigeon"}, "channel", "Choose how the contact came in"),
        ({"about": "someone"}, "about", "Choose who the contact is about"),
        ({"about": About.EXISTING_PERSON}, "person", "Search for the person and choose their record"),
        ({"reason": " "}, "reason", "Enter the reason for the contact"),
        ({"reason": "x" * 2001}, "reason", "The reason must be 2000 characters or fewer"),
        ({"advice_given": "x" * 4001}, "advice_given", "The advice given must be 4000 characters or fewer"),
        ({"outcome": "cured"}, "outcome", "Choose an outcome from the list"),
        ({"close": True}, "outcome", "Record the outcome before you close the contact"),
        (
            {"enquirer": Enquirer(phone="12")},
            "enquirer_phone",
            "Enter a UK phone number with 10 or 11 digits starting with 0, like 01632 960 001",
        ),
        (
            {"enquirer": Enquirer(email="margaret@")},
            "enquirer_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(adviser, overrides, field, message):
    with pytest.raises(InvalidContact) as caught:
        contact_record(actor=adviser, details=details(**overrides))
    assert (caught.value.field, caught.value.message) == (field, message)
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.FRONTDOOR_CONTACT_RECORDED).exists()


def test_only_published_services_can_be_signposted(adviser, make_service):
    draft = make_service("Not yet checked", record_status="draft")
    with pytest.raises(InvalidContact) as caught:
        contact_record(actor=adviser, details=details(service_ids=(draft.pk,)))
    assert caught.value.field == "services"
    assert not Contact.objects.exists()


def test_a_new_person_with_a_bad_postcode_saves_neither_person_nor_contact(adviser):
    with pytest.raises(InvalidPersonDetails) as caught:
        contact_record(
            actor=adviser, details=details(about=About.NEW_PERSON, new_person=ted_details(postcode="NOT A CODE"))
        )
    assert caught.value.field == "postcode"
    assert not Person.objects.exists()
    assert not Contact.objects.exists()


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.FINANCE_OFFICER, Role.RESIDENT])
def test_only_advisers_record_contacts(make_user, team, role):
    with pytest.raises(InvalidContact):
        contact_record(actor=make_user(role, team=team), details=details())
    assert not Contact.objects.exists()


def test_web_requests_and_recorded_contacts_share_one_sequence(adviser, ask_for_help):
    first = ask_for_help()
    second = contact_record(actor=adviser, details=details())
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1
