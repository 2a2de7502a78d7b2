"""Staff pages for person records, through real URLs with data made by the real services."""

import datetime

import pytest
from django.urls import reverse

from firstperson.people.models import Person
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


def edit_data(person, **overrides):
    data = {
        "legal_given_name": person.legal_given_name,
        "legal_family_name": person.legal_family_name,
        "date_of_birth_0": person.date_of_birth.day,
        "date_of_birth_1": person.date_of_birth.month,
        "date_of_birth_2": person.date_of_birth.year,
        "preferred_format": "standard",
    }
    data.update(overrides)
    return data


@pytest.fixture
def practitioner(make_user, team):
    return make_user(Role.PRACTITIONER, team=team)


@pytest.fixture
def person(make_person, team):
    return make_person(team=team, legal_given_name="Raj", legal_family_name="Shah", postcode="WS2 7NQ")


def test_an_invalid_nhs_number_is_explained_and_nothing_is_saved(sign_in_client, practitioner, person):
    client = sign_in_client(practitioner)
    before = Person.objects.values().get(pk=person.pk)
    response = client.post(
        reverse("people:person-update", args=[person.pk]),
        edit_data(person, nhs_number="943 476 5918", phone="01632 960 999"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_nhs_number"' in page
    assert "Enter a real NHS number: check you have typed it correctly" in page
    assert Person.objects.values().get(pk=person.pk) == before
    assert not AuditEvent.objects.filter(verb=AuditVerb.PERSON_UPDATED).exists()


def test_impossible_dates_are_explained_and_nothing_is_saved(sign_in_client, practitioner, person):
    client = sign_in_client(practitioner)
    next_year = datetime.date.today().year + 1
    for overrides, message in [
        (
            {"date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "1950"},
            "Date of birth must be a real date",
        ),
        ({"date_of_birth_2": str(next_year)}, "Date of birth must be today or in the past"),
        (
            {"date_of_death_0": "1", "date_of_death_1": "1", "date_of_death_2": "1900"},
            "Date of death must be on or after the date of birth",
        ),
        ({"date_of_birth_1": ""}, "Date of birth must include a month"),
    ]:
        response = client.post(reverse("people:person-update", args=[person.pk]), edit_data(person, **overrides))
        assert response.status_code == 200
        assert message in response.content.decode()
    person_now = Person.objects.get(pk=person.pk)
    assert person_now.date_of_birth == person.date_of_birth
    assert person_now.date_of_death is None


def test_over_long_text_is_refused(sign_in_client, practitioner, person):
    client = sign_in_client(practitioner)
    response = client.post(
        reverse("people:person-update", args=[person.pk]), edit_data(person, legal_family_name="x" * 101)
    )
    assert "Family name must be 100 characters or fewer" in response.content.decode()
    assert Person.objects.get(pk=person.pk).legal_family_name == "Shah"


def test_html_typed_into_a_field_is_shown_escaped(sign_in_client, practitioner, person):
    client = sign_in_client(practitioner)
    script = "<script>alert('x')</script>"
    response = client.post(
        reverse("people:person-update", args=[person.pk]), edit_data(person, communication_needs=script)
    )
    assert response.status_code == 302
    page = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_valid_edit_is_saved_and_shown(sign_in_client, practitioner, person):
    client = sign_in_client(practitioner)
    response = client.post(
        reverse("people:person-update", args=[person.pk]), edit_data(person, nhs_number="9434765919")
    )
    assert response.status_code == 302
    page = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert "943 476 5919" in page


def test_every_staff_view_of_a_record_is_in_the_access_log(sign_in_client, practitioner, person):
    client = sign_in_client(practitioner)
    for name in ("people:person-detail", "people:person-history", "people:person-detail"):
        assert client.get(reverse(name, args=[person.pk])).status_code == 200
    views = AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, person_id=person.pk).order_by("sequence")
    assert [event.page for event in views] == [
        f"/people/{person.pk}/",
        f"/people/{person.pk}/history/",
        f"/people/{person.pk}/",
    ]
    assert all(event.actor == practitioner for event in views)


def test_break_glass_open_needs_a_reason_and_is_logged(sign_in_client, practitioner, make_person, other_team):
    stranger = make_person(team=other_team, legal_given_name="Joan", legal_family_name="Whitfield")
    client = sign_in_client(practitioner)
    assert client.get(reverse("people:person-detail", args=[stranger.pk])).status_code == 404
    open_url = reverse("people:person-break-glass", args=[stranger.pk])
    response = client.post(open_url, {"reason": ""})
    assert response.status_code == 200
    assert "Explain why you need to open this record" in response.content.decode()
    assert not AuditEvent.objects.filter(verb=AuditVerb.PERSON_BREAK_GLASS).exists()

    response = client.post(open_url, {"reason": "Hospital discharge call from the ward sister"})
    assert response.status_code == 302
    assert client.get(reverse("people:person-detail", args=[stranger.pk])).status_code == 200
    view = AuditEvent.objects.get(verb=AuditVerb.PERSON_VIEWED, person_id=stranger.pk)
    assert view.break_glass_reason == "Hospital discharge call from the ward sister"


def test_search_ignores_case_and_accents_and_marks_records_outside_the_caseload(
    sign_in_client, practitioner, make_person, team, other_team
):
    mine = make_person(team=team, legal_given_name="Zoë", legal_family_name="Kowalski", postcode="WS8 5LP")
    theirs = make_person(team=other_team, legal_given_name="Zoe", legal_family_name="Kowalska")
    make_person(team=team, legal_given_name="Margaret", legal_family_name="Okafor")
    client = sign_in_client(practitioner)
    response = client.get(reverse("people:person-search"), {"name": "zoe kowal"})
    page = response.content.decode()
    assert "2 people found" in page
    assert reverse("people:person-detail", args=[mine.pk]) in page
    assert reverse("people:person-break-glass", args=[theirs.pk]) in page
    assert "Okafor" not in page

    by_postcode = client.get(reverse("people:person-search"), {"postcode": "ws85lp"}).content.decode()
    assert "1 person found" in by_postcode


def test_search_by_nhs_number_and_date_of_birth(sign_in_client, practitioner, make_person, team):
    wanted = make_person(team=team, nhs_number="9434765919", date_of_birth=datetime.date(1943, 5, 14))
    client = sign_in_client(practitioner)
    page = client.get(reverse("people:person-search"), {"nhs_number": "943-476-5919"}).content.decode()
    assert reverse("people:person-detail", args=[wanted.pk]) in page
    page = client.get(
        reverse("people:person-search"),
        {"date_of_birth_0": "14", "date_of_birth_1": "5", "date_of_birth_2": "1943"},
    ).content.decode()
    assert "1 person found" in page


def test_search_with_nothing_entered_explains_what_to_enter(sign_in_client, practitioner):
    page = sign_in_client(practitioner).get(reverse("people:person-search"), {"name": ""}).content.decode()
    assert "Enter a name, date of birth, NHS number or postcode to search for" in page


def test_create_refuses_a_duplicate_nhs_number_beside_the_field(sign_in_client, practitioner, make_person, team):
    make_person(team=team, nhs_number="9434765919")
    client = sign_in_client(practitioner)
    response = client.post(
        reverse("people:person-create"),
        {
            "legal_given_name": "Edward",
            "legal_family_name": "Okafor",
            "date_of_birth_0": "14",
            "date_of_birth_1": "5",
            "date_of_birth_2": "1943",
            "nhs_number": "943 476 5919",
            "preferred_format": "standard",
        },
    )
    page = response.content.decode()
    assert "Another person&#x27;s record already has this NHS number" in page
    assert 'id="id_nhs_number-error"' in page
    assert Person.objects.count() == 1


def test_create_shows_possible_duplicates_before_saving(sign_in_client, practitioner, make_person, team):
    existing = make_person(
        team=team,
        legal_given_name="Edward",
        legal_family_name="Okafor",
        postcode="WS1 4FG",
        date_of_birth=datetime.date(1943, 5, 14),
    )
    client = sign_in_client(practitioner)
    data = {
        "legal_given_name": "Edward",
        "legal_family_name": "Okafor",
        "date_of_birth_0": "14",
        "date_of_birth_1": "5",
        "date_of_birth_2": "1943",
        "postcode": "WS1 4FG",
        "preferred_format": "standard",
    }
    page = client.post(reverse("people:person-create"), data).content.decode()
    assert "We found a record that may be the same person" in page
    assert Person.objects.count() == 1
    response = client.post(reverse("people:person-create"), {**data, "confirm_not_duplicate": "on"})
    assert response.status_code == 302
    assert Person.objects.exclude(pk=existing.pk).get().allocated_team == team
