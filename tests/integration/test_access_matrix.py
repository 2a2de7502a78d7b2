"""Every URL x every role x own/other person, against the access rules written out by hand here.

The rules below restate firstperson/people/permissions.py and each view's access policy in terms of
the expected HTTP status, so that a change to either shows up as a failing row. A URL that is not in
EXPECTATIONS fails the test: new pages must say who may open them.
"""

import datetime
import importlib
from pathlib import Path

import pytest
from django.urls import reverse

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.models import Team
from firstperson.platform.accounts.roles import Role
from tests.architecture.test_every_url_has_an_access_policy import all_url_patterns

from .access_rules import ANONYMOUS, CASEWORK, ROLES


def _all_expectations():
    merged = {}
    for path in sorted(Path(__file__).parent.glob("expectations_*.py")):
        module = importlib.import_module(f"tests.integration.{path.stem}")
        overlap = set(merged) & set(module.EXPECTATIONS)
        assert not overlap, f"{path.name} repeats {overlap}"
        merged.update(module.EXPECTATIONS)
    return merged


EXPECTATIONS = _all_expectations()


@pytest.fixture
def world(db, make_user, make_person, team, other_team):
    resident_a = make_user(Role.RESIDENT)
    resident_b = make_user(Role.RESIDENT)
    person_a = make_person(team=team, account=resident_a, postcode="WS1 4FG")
    person_b = make_person(team=other_team, account=resident_b, postcode="WS6 3AB")
    users = {ANONYMOUS: None, Role.RESIDENT: resident_a}
    representative = make_user(Role.REPRESENTATIVE)
    rep_person = make_person(account=representative)
    relationship_a = relationship_create(
        actor=None,
        person=person_a,
        related_person=rep_person,
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.LPA_PROPERTY_FINANCE,
        authority_scope=[AuthorityScope.VIEW_ONLINE],
        start_date=datetime.date(2025, 1, 1),
    )
    users[Role.REPRESENTATIVE] = representative
    front_door = Team.objects.create(name="Front door team")
    for role in Role:
        if role not in users:
            home_team = team if role in CASEWORK else front_door if role == Role.ADVISER else None
            users[role] = make_user(role, team=home_team)
    locked = make_user(Role.PRACTITIONER, team=other_team, locked_at=datetime.datetime.now(datetime.UTC))
    relationship_b = relationship_create(
        actor=None,
        person=person_b,
        related_person=make_person(),
        kind=RelationshipKind.CARER,
        start_date=datetime.date(2025, 1, 1),
    )
    return {
        "users": users,
        "people": {"A": person_a, "B": person_b},
        "relationships": {"A": relationship_a, "B": relationship_b},
        "locked": locked,
    }


def _path(name, pattern, subject, world):
    keys = set(pattern.pattern.regex.groupindex)
    kwargs = {}
    if "person_id" in keys:
        kwargs["person_id"] = world["people"][subject].pk
    if "relationship_id" in keys:
        kwargs["relationship_id"] = world["relationships"][subject].pk
    if "user_id" in keys:
        kwargs["user_id"] = world["locked"].pk
    if "contact_id" in keys:
        kwargs["contact_id"] = importlib.import_module("tests.integration.expectations_frontdoor").contact_id(world)
    if "configuration_id" in keys:
        kwargs["configuration_id"] = importlib.import_module(
            "tests.integration.expectations_allocation"
        ).configuration_id(world)
    if "assessment_id" in keys or "version_id" in keys:
        kwargs.update(importlib.import_module("tests.integration.expectations_assessment").url_kwargs(keys, world))
    if name.startswith(("charging:assessment", "charging-resident:")):
        kwargs.update(
            importlib.import_module("tests.integration.expectations_charging_assessments").url_kwargs(keys, world)
        )
    if "service_id" in keys:
        kwargs["service_id"] = "00000000-0000-4000-8000-000000000000"
    if "oruk_id" in keys:
        kwargs["oruk_id"] = "00000000-0000-4000-8000-000000000000"
    if "slug" in keys:
        kwargs["slug"] = "name"
    if "token" in keys:
        kwargs["token"] = "not-a-real-token"
    if "job_id" in keys and name.startswith("charging:uprating"):
        kwargs["job_id"] = importlib.import_module("tests.integration.expectations_charging_uprating").job_id(world)
    if "parameter_set_id" in keys:
        kwargs.update(
            importlib.import_module("tests.integration.expectations_charging_parameters").url_kwargs(keys, world)
        )
    if name.startswith(("plans:", "planning:", "planning-resident:")):
        kwargs.update(importlib.import_module("tests.integration.expectations_planning").url_kwargs(name, keys, world))
    if "uidb64" in keys:
        kwargs["uidb64"] = "MQ"
    return reverse(name, kwargs=kwargs)


def test_every_url_has_an_expectation():
    assert sorted(name for name, _ in all_url_patterns() if name not in EXPECTATIONS) == []


@pytest.mark.django_db
def test_access_matrix(world, sign_in_client, client):
    failures = []
    rows = 0
    for name, pattern in all_url_patterns():
        subjects = ["A", "B"] if "person_id" in pattern.pattern.regex.groupindex else ["-"]
        for subject in subjects:
            path = _path(name, pattern, subject, world)
            for role in ROLES:
                user = world["users"][role]
                http = client if user is None else sign_in_client(user)
                expected = EXPECTATIONS[name](role, subject)
                status = http.get(path).status_code
                rows += 1
                if status != expected:
                    failures.append(f"{role:>18} GET {path} ({name}, person {subject}): {status}, expected {expected}")
    assert rows > 400
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
def test_resident_a_gets_404_for_every_page_of_resident_b(world, sign_in_client):
    client = sign_in_client(world["users"][Role.RESIDENT])
    person_b = world["people"]["B"]
    pages = [(name, pattern) for name, pattern in all_url_patterns() if "person_id" in pattern.pattern.regex.groupindex]
    assert len(pages) >= 7
    for name, pattern in pages:
        path = _path(name, pattern, "B", world)
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"reason": "I would like to look"}).status_code == 404, path
    assert str(person_b.pk) not in client.get(reverse("portal:my-account")).content.decode()
