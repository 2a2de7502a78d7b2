"""Asking for help online: a waiting contact with a reference number, or a clear refusal that saves nothing."""

import pytest
from django.utils import timezone

from firstperson.frontdoor.choices import Channel, ContactStatus
from firstperson.frontdoor.exceptions import InvalidContact
from firstperson.frontdoor.models import Contact, ContactReferenceCounter, ContactStatusChange
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


def year() -> int:
    return timezone.localdate().year


def test_a_request_becomes_a_waiting_web_contact_with_a_reference(ask_for_help):
    contact = ask_for_help()
    contact.refresh_from_db()
    assert contact.reference == f"FD-{year()}-000001"
    assert contact.channel == Channel.WEB_FORM
    assert contact.status == ContactStatus.WAITING
    assert contact.about == ""
    assert contact.person is None
    assert contact.subject_name == "Ted Okafor"
    assert (contact.enquirer_name, contact.enquirer_relationship) == ("Margaret Okafor", "Wife")
    assert contact.enquirer_phone == "01632 960 123"
    assert contact.enquirer_is_subject is False
    assert contact.recorded_by is None and contact.assigned_to is None
    assert contact.urgent is False
    change = ContactStatusChange.objects.get(contact=contact)
    assert (change.from_status, change.to_status, change.reason) == ("", "waiting", "Asked for help online")
    event = AuditEvent.objects.get(verb=AuditVerb.FRONTDOOR_HELP_REQUESTED)
    assert event.actor is None
    assert event.object_id == str(contact.pk)
    assert event.payload == {"reference": contact.reference, "urgent": False, "for_self": False}
    assert contact.history.count() == 1


def test_references_are_unique_and_sequential(ask_for_help):
    first = ask_for_help()
    second = ask_for_help(person_name="Joan Whitfield")
    assert [first.reference, second.reference] == [f"FD-{year()}-000001", f"FD-{year()}-000002"]
    assert ContactReferenceCounter.objects.get(year=year()).last_number == 2


def test_the_numbering_carries_on_from_the_counter(ask_for_help):
    ContactReferenceCounter.objects.create(year=year(), last_number=122)
    assert ask_for_help().reference == f"FD-{year()}-000123"


def test_asking_for_yourself_makes_you_the_enquirer(ask_for_help):
    contact = ask_for_help(
        for_self=True,
        person_name="Aisha Rahman",
        enquirer_name="ignored",
        enquirer_relationship="ignored",
        phone="",
        email="Aisha@Example.com",
    )
    assert contact.enquirer_is_subject is True
    assert contact.enquirer_name == "Aisha Rahman"
    assert contact.enquirer_relationship == ""
    assert contact.enquirer_email == "aisha@example.com"


def test_a_relative_abroad_can_give_an_international_number(ask_for_help):
    contact = ask_for_help(person_name="Joan Whitfield", enquirer_name="Daniel Whitfield", phone="+33 6 12 34 56 78")
    assert contact.enquirer_phone == "+33 6 12 34 56 78"


def test_someone_at_risk_is_flagged_urgent(ask_for_help):
    contact = ask_for_help(at_risk=True)
    assert contact.urgent is True
    assert AuditEvent.objects.get(verb=AuditVerb.FRONTDOOR_HELP_REQUESTED).payload["urgent"] is True


def test_markup_is_kept_as_the_characters_typed(ask_for_help):
    contact = ask_for_help(reason="<script>alert('x')</script> help\x00 please")
    assert contact.reason == "<script>alert('x')</script> help please"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"person_name": "  "}, "person_name", "Enter the name of the person who needs help"),
        ({"person_name": "x" * 201}, "person_name", "Name must be 200 characters or fewer"),
        ({"enquirer_name": ""}, "enquirer_name", "Enter your name"),
        ({"enquirer_relationship": ""}, "enquirer_relationship", "Tell us how you know the person who needs help"),
        (
            {"enquirer_relationship": "x" * 101},
            "enquirer_relationship",
            "How you know them must be 100 characters or fewer",
        ),
        ({"phone": "", "email": ""}, "phone", "Enter a phone number or an email address, so we can contact you"),
        (
            {"phone": "call me"},
            "phone",
            "Enter a phone number using numbers only, like 01632 960 001 or +33 6 12 34 56 78",
        ),
        ({"email": "margaret@"}, "email", "Enter an email address in the correct format, like name@example.com"),
        ({"email": "<script>@x"}, "email", "Enter an email address in the correct format, like name@example.com"),
        ({"reason": ""}, "reason", "Tell us what you need help with"),
        ({"reason": "x" * 2001}, "reason", "What you need help with must be 2000 characters or fewer"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(ask_for_help, overrides, field, message):
    with pytest.raises(InvalidContact) as caught:
        ask_for_help(**overrides)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert not Contact.objects.exists()
    assert not ContactStatusChange.objects.exists()
    assert not ContactReferenceCounter.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.FRONTDOOR_HELP_REQUESTED).exists()


def test_a_refused_request_does_not_use_up_a_number(ask_for_help):
    ask_for_help()
    with pytest.raises(InvalidContact):
        ask_for_help(email="not an email")
    assert ask_for_help().reference == f"FD-{year()}-000002"
