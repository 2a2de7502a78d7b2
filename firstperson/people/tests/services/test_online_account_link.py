import datetime

import pytest
from django.contrib.auth.hashers import check_password

from firstperson.people.exceptions import AccessCodeInvalid
from firstperson.people.services import person_issue_access_code, person_link_account
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_a_letter_code_and_date_of_birth_link_a_new_account_once(make_user, make_person, team):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    person = make_person(team=team, date_of_birth=datetime.date(1952, 1, 23))
    code = person_issue_access_code(actor=practitioner, person=person)
    resident = make_user(Role.RESIDENT)

    with pytest.raises(AccessCodeInvalid):
        person_link_account(user=resident, access_code=code, date_of_birth=datetime.date(1952, 1, 24))
    linked = person_link_account(
        user=resident, access_code=code.lower().replace("-", " "), date_of_birth=person.date_of_birth
    )
    assert linked.pk == person.pk
    person.refresh_from_db()
    assert person.account == resident
    assert person.access_code_hash == ""

    another = make_user(Role.RESIDENT)
    with pytest.raises(AccessCodeInvalid):
        person_link_account(user=another, access_code=code, date_of_birth=person.date_of_birth)


def test_the_code_is_stored_only_as_a_hash(make_user, make_person, team):
    person = make_person(team=team)
    code = person_issue_access_code(actor=make_user(Role.PRACTITIONER, team=team), person=person)
    person.refresh_from_db()
    assert code not in person.access_code_hash
    assert check_password(code, person.access_code_hash)
