import json

import pytest
from django.core.management import call_command
from django.db import transaction

from firstperson.people.demo.seed import nhs_numbers, seed_demo
from firstperson.people.models import Person, Relationship
from firstperson.people.permissions import visible_to
from firstperson.people.rules.identifiers import nhs_number_is_valid
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_nhs_numbers_are_valid_unique_and_in_the_test_range():
    generator = nhs_numbers()
    numbers = [next(generator) for _ in range(2000)]
    assert len(set(numbers)) == 2000
    assert all(number.startswith("999") and nhs_number_is_valid(number) for number in numbers)


def test_seed_builds_every_role_and_the_named_households(tmp_path):
    accounts_file = tmp_path / "demo-accounts.json"
    call_command("seed_demo", "--people", "60", "--seed", "3", "--accounts-file", str(accounts_file))
    accounts = json.loads(accounts_file.read_text())
    assert set(accounts) == {str(role) for role in Role}
    for role, account in accounts.items():
        user = User.objects.get(username=account["username"])
        assert user.role == role
        assert user.check_password(account["password"])
        assert (account["totp_secret"] is None) == (role in {Role.RESIDENT, Role.REPRESENTATIVE})
    assert Person.objects.count() == 60

    margaret = User.objects.get(username=accounts["representative"]["username"])
    ted = Person.objects.get(legal_given_name="Edward", legal_family_name="Okafor")
    assert ted in visible_to(margaret)
    chloe = User.objects.get(username=accounts["practitioner"]["username"])
    assert ted in visible_to(chloe)
    assert not visible_to(User.objects.get(username=accounts["commissioner"]["username"])).exists()
    assert Relationship.objects.filter(person=ted, related_person__legal_given_name="Margaret").count() == 2


def test_the_same_seed_gives_the_same_council():
    def build():
        with transaction.atomic():
            result = seed_demo(people=40, seed=11)
            snapshot = (
                [(a.username, a.password, a.totp_secret) for a in result.accounts.values()],
                list(Person.objects.order_by("nhs_number").values_list("nhs_number", "search_name", "postcode")),
            )
            transaction.set_rollback(True)
        return snapshot

    assert build() == build()


def test_seeding_twice_is_refused_unless_asked_to_skip(tmp_path):
    target = str(tmp_path / "accounts.json")
    call_command("seed_demo", "--people", "12", "--accounts-file", target)
    call_command("seed_demo", "--people", "12", "--if-empty", "--accounts-file", target)
    assert Person.objects.count() == 12
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="already has people"):
        call_command("seed_demo", "--people", "12", "--accounts-file", target)
