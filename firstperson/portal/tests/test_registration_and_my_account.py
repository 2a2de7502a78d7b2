"""The resident face through real URLs: one question per page, then my account and who has looked."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from firstperson.people.models import Person
from firstperson.people.services import person_issue_access_code, person_record_view
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db


def answer(client, slug, data):
    return client.post(reverse("portal:register-step", args=[slug]), data)


def register(client, *, code=None, date_of_birth=(17, 2, 1985)):
    client.post(reverse("portal:register"))
    answer(client, "name", {"first_name": "Aisha", "last_name": "Rahman"})
    day, month, year = date_of_birth
    answer(client, "date-of-birth", {"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})
    if code:
        assert answer(client, "has-account-code", {"has_code": "yes"})["Location"].endswith("/account-code/")
        response = answer(client, "account-code", {"access_code": code})
    else:
        assert answer(client, "has-account-code", {"has_code": "no"})["Location"].endswith("/postcode/")
        response = answer(client, "postcode", {"postcode": "ws10 6rw"})
    assert response["Location"] == reverse("portal:register-step", args=["email"])
    answer(client, "email", {"email": "aisha@example.com"})
    response = answer(client, "password", {"password": "a long pass phrase", "password_again": "a long pass phrase"})
    assert response["Location"] == reverse("portal:register-check")
    return client.post(reverse("portal:register-check"))


def test_each_question_has_its_own_page_and_errors_are_explained():
    client = Client()
    client.post(reverse("portal:register"))
    response = answer(client, "name", {"first_name": "", "last_name": ""})
    page = response.content.decode()
    assert "Enter your first name" in page and "Enter your last name" in page
    answer(client, "name", {"first_name": "Aisha", "last_name": "Rahman"})
    page = answer(client, "date-of-birth", {"date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "1950"})
    assert "Date of birth must be a real date" in page.content.decode()
    assert client.get(reverse("portal:register-check"))["Location"] == reverse(
        "portal:register-step", args=["date-of-birth"]
    )
    assert User.objects.count() == 0


def test_registering_without_a_code_makes_a_new_self_registered_record(django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client)
    assert response["Location"] == reverse("portal:register-sent")
    user = User.objects.get(username="aisha@example.com")
    person = Person.objects.get(account=user)
    assert person.source == "self_registered"
    assert person.postcode == "WS10 6RW"
    assert len(mail.outbox) == 1


def test_registering_with_a_letter_code_links_the_existing_record(make_user, make_person, team):
    person = make_person(team=team, date_of_birth=datetime.date(1985, 2, 17))
    code = person_issue_access_code(actor=make_user(Role.PRACTITIONER, team=team), person=person)
    client = Client()
    register(client, code=code)
    person.refresh_from_db()
    assert person.account.username == "aisha@example.com"
    assert Person.objects.count() == 1


def test_a_wrong_code_is_explained_on_its_own_page(make_user, make_person, team):
    client = Client()
    client.post(reverse("portal:register"))
    answer(client, "name", {"first_name": "Aisha", "last_name": "Rahman"})
    answer(client, "date-of-birth", {"date_of_birth_0": "17", "date_of_birth_1": "2", "date_of_birth_2": "1985"})
    answer(client, "has-account-code", {"has_code": "yes"})
    page = answer(client, "account-code", {"access_code": "AAAA-BBBB-CCCC"}).content.decode()
    assert "We could not match that account code and date of birth" in page


def test_who_has_looked_describes_staff_by_role_and_team_in_plain_english(make_user, make_person, team, sign_in_client):
    resident = make_user(Role.RESIDENT)
    person = make_person(team=team, account=resident)
    practitioner = make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")
    person_record_view(actor=practitioner, person=person, page="/people/x/")
    client = sign_in_client(resident)
    client.get(reverse("portal:my-account"))  # the person's own look is not listed
    page = client.get(reverse("portal:who-has-looked")).content.decode()
    assert "A practitioner in the West locality team" in page
    assert "Bennett" not in page.split("<main")[1]
    assert page.count("govuk-table__row") == 2  # the header row and one look


def test_a_break_glass_look_is_listed_once_with_its_reason_explained(
    make_user, make_person, team, other_team, sign_in_client
):
    from firstperson.people.services import person_break_glass_open

    resident = make_user(Role.RESIDENT)
    person = make_person(team=team, account=resident)
    outsider = make_user(Role.PRACTITIONER, team=other_team)
    person_break_glass_open(actor=outsider, person=person, reason="Out-of-hours call about a fall")
    person_record_view(actor=outsider, person=person, page=f"/people/{person.pk}/")
    page = sign_in_client(resident).get(reverse("portal:who-has-looked")).content.decode()
    assert page.count("A practitioner in the East locality team") == 1
    assert "so they had to give a reason" in page
    assert "Out-of-hours call" not in page
