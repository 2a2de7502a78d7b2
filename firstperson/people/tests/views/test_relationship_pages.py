import pytest
from django.urls import reverse
from django.utils import timezone

from firstperson.people.models import Person, Relationship
from firstperson.people.permissions import visible_to
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "kind": "representative",
        "related_given_name": "Margaret",
        "related_family_name": "Okafor",
        "related_date_of_birth_0": "2",
        "related_date_of_birth_1": "9",
        "related_date_of_birth_2": "1946",
        "description": "wife",
        "representative_type": "lpa_property_finance",
        "authority_scope": ["view_online", "money"],
        "evidence": "LPA registered; copy seen",
        "start_date_0": "1",
        "start_date_1": "10",
        "start_date_2": "2026",
    }
    data.update(overrides)
    return data


@pytest.fixture
def practitioner(make_user, team):
    return make_user(Role.PRACTITIONER, team=team)


def test_a_representative_is_recorded_with_their_authority_and_can_then_see_the_record(
    sign_in_client, practitioner, make_person, make_user, team
):
    ted = make_person(team=team, legal_given_name="Edward", legal_family_name="Okafor")
    client = sign_in_client(practitioner)
    response = client.post(reverse("people:relationship-create", args=[ted.pk]), form_data())
    assert response.status_code == 302
    relationship = Relationship.objects.get(person=ted)
    assert relationship.related_person.full_name == "Margaret Okafor"
    assert relationship.authority_scope == ["view_online", "money"]
    assert AuditEvent.objects.filter(verb=AuditVerb.RELATIONSHIP_CREATED, person_id=ted.pk).exists()

    margaret_account = make_user(Role.REPRESENTATIVE)
    Person.objects.filter(pk=relationship.related_person_id).update(account=margaret_account)
    assert ted in visible_to(margaret_account)

    client.post(reverse("people:relationship-end", args=[ted.pk, relationship.pk]))
    relationship.refresh_from_db()
    assert relationship.end_date == timezone.localdate()
    assert AuditEvent.objects.filter(verb=AuditVerb.RELATIONSHIP_ENDED, person_id=ted.pk).exists()
    Relationship.objects.filter(pk=relationship.pk).update(end_date=relationship.start_date)
    assert ted not in visible_to(margaret_account)


def test_an_existing_record_is_reused_rather_than_typed_twice(sign_in_client, practitioner, make_person, team):
    ted = make_person(team=team)
    margaret = make_person(legal_given_name="Margaret", legal_family_name="Okafor", nhs_number="9434765919")
    client = sign_in_client(practitioner)
    client.post(
        reverse("people:relationship-create", args=[ted.pk]),
        form_data(kind="carer", representative_type="", related_nhs_number="943 476 5919", related_given_name="Maggie"),
    )
    assert Relationship.objects.get(person=ted).related_person == margaret
    assert Person.objects.count() == 2


def test_a_representative_needs_a_type_and_nothing_is_saved_without_one(
    sign_in_client, practitioner, make_person, team
):
    ted = make_person(team=team)
    page = sign_in_client(practitioner).post(
        reverse("people:relationship-create", args=[ted.pk]), form_data(representative_type="")
    )
    assert "Choose what kind of representative they are" in page.content.decode()
    assert not Relationship.objects.exists()
    assert Person.objects.count() == 1
