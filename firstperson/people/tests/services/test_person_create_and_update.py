import datetime

import pytest

from firstperson.people.exceptions import DuplicatePerson, InvalidPersonDetails, PossibleDuplicates
from firstperson.people.models import Person
from firstperson.people.services import PersonDetails, person_create, person_update
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


def details(**overrides):
    values = {
        "legal_given_name": "Edward",
        "legal_family_name": "Okafor",
        "date_of_birth": datetime.date(1943, 5, 14),
        "postcode": "ws1 4fg",
        "nhs_number": "943-476-5919",
    }
    values.update(overrides)
    return PersonDetails(**values)


def test_create_normalises_identifiers_and_records_who_created_it(make_user, team):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    person = person_create(actor=practitioner, details=details(), allocated_team=team)
    person.refresh_from_db()
    assert person.nhs_number == "9434765919"
    assert person.nhs_number_display == "943 476 5919"
    assert person.postcode == "WS1 4FG"
    assert person.search_name == "edward okafor"
    event = AuditEvent.objects.get(verb=AuditVerb.PERSON_CREATED)
    assert event.actor == practitioner
    assert event.person_id == person.pk
    assert event.actor_team == team.name
    assert person.history.count() == 1


def test_same_nhs_number_is_refused_and_nothing_is_saved(make_user, team):
    person_create(actor=None, details=details())
    with pytest.raises(DuplicatePerson) as refused:
        person_create(actor=None, details=details(legal_given_name="Someone", postcode="WS6 3AB"))
    assert refused.value.field == "nhs_number"
    assert Person.objects.count() == 1


def test_same_name_birth_date_and_postcode_is_shown_for_review_before_saving(team):
    first = person_create(actor=None, details=details(nhs_number=""))
    with pytest.raises(PossibleDuplicates) as review:
        person_create(actor=None, details=details(nhs_number="", legal_given_name="EDWARD"))
    assert review.value.candidates == [first]
    assert Person.objects.count() == 1
    second = person_create(actor=None, details=details(nhs_number=""), confirmed_not_duplicate=True)
    assert Person.objects.count() == 2
    assert second.pk != first.pk


def test_a_different_postcode_is_not_a_possible_duplicate():
    person_create(actor=None, details=details(nhs_number=""))
    person_create(actor=None, details=details(nhs_number="", postcode="WS6 3AB"))
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nhs_number": "943 476 5918"}, "nhs_number", "Enter a real NHS number"),
        ({"nhs_number": "94347659"}, "nhs_number", "NHS number must be 10 digits"),
        ({"postcode": "QA1 1AA"}, "postcode", "Enter a real postcode"),
        ({"uprn": "1234567890123"}, "uprn", "UPRN must be a number of up to 12 digits"),
        ({"date_of_birth": datetime.date.today() + datetime.timedelta(days=1)}, "date_of_birth", "in the past"),
        (
            {"date_of_death": datetime.date(1940, 1, 1)},
            "date_of_death",
            "Date of death must be on or after the date of birth",
        ),
        ({"legal_given_name": "   "}, "legal_given_name", "Enter the person's given name"),
    ],
)
def test_bad_details_are_refused_with_a_plain_message_and_nothing_is_saved(overrides, field, message):
    with pytest.raises(InvalidPersonDetails) as refused:
        person_create(actor=None, details=details(**overrides))
    assert refused.value.field == field
    assert message in refused.value.message
    assert Person.objects.count() == 0
    assert not AuditEvent.objects.filter(verb=AuditVerb.PERSON_CREATED).exists()


def test_update_records_which_fields_changed_and_who_changed_them(make_user, team):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    person = person_create(actor=None, details=details(), allocated_team=team)
    person_update(actor=practitioner, person=person, details=details(phone="01632 960 114", town="Westbury"))
    event = AuditEvent.objects.get(verb=AuditVerb.PERSON_UPDATED)
    assert event.actor == practitioner
    assert sorted(event.payload["changed_fields"]) == ["phone", "town"]
    latest = person.history.first()
    assert latest.history_user == practitioner
    assert latest.phone == "01632 960 114"


def test_update_with_nothing_changed_records_nothing(team):
    person = person_create(actor=None, details=details(), allocated_team=team)
    person_update(actor=None, person=person, details=details())
    assert not AuditEvent.objects.filter(verb=AuditVerb.PERSON_UPDATED).exists()


def test_update_to_another_persons_nhs_number_is_refused_and_changes_nothing():
    person_create(actor=None, details=details())
    other = person_create(actor=None, details=details(legal_given_name="Margaret", nhs_number="", postcode="WS1 4FH"))
    with pytest.raises(DuplicatePerson):
        person_update(actor=None, person=other, details=details(legal_given_name="Maggie", postcode="WS1 4FH"))
    other.refresh_from_db()
    assert other.nhs_number is None
    assert other.legal_given_name == "Margaret"
