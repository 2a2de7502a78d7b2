"""Every URL x every role x own/other person, against the access rules written out by hand here.

The rules below restate firstperson/people/permissions.py and each view's access policy in terms of
the expected HTTP status, so that a change to either shows up as a failing row. A URL that is not in
EXPECTATIONS fails the test: new pages must say who may open them.
"""

import datetime

import pytest
from django.urls import reverse

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role
from tests.architecture.test_every_url_has_an_access_policy import all_url_patterns

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *[str(role) for role in Role]]
CASEWORK = {Role.PRACTITIONER, Role.TEAM_MANAGER}
SEARCHERS = CASEWORK | {Role.FINANCE_OFFICER}
RESIDENT_FACE = {Role.RESIDENT, Role.REPRESENTATIVE}
STAFF = set(Role) - RESIDENT_FACE
SIGN_IN = 302  # anonymous users are sent to sign in


def public(role, subject):
    return 200


def staff_home(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    return 302 if role in RESIDENT_FACE else 200


def only(roles, status=200):
    def rule(role, subject):
        if role == ANONYMOUS:
            return SIGN_IN
        return status if role in roles else 404

    return rule


def staff_record(role, subject):
    """The practitioner and team manager are in person A's team; nobody staff-side sees B."""
    if role == ANONYMOUS:
        return SIGN_IN
    if role in CASEWORK and subject == "A":
        return 200
    return 404


def break_glass(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    if role not in SEARCHERS:
        return 404
    if role in CASEWORK and subject == "A":
        return 302  # already visible: straight to the record
    return 200


def resident_record(role, subject):
    """Resident A owns record A; the representative acts for A; nobody resident-side sees B."""
    if role == ANONYMOUS:
        return SIGN_IN
    if role in RESIDENT_FACE and subject == "A":
        return 200
    return 404


def two_factor_setup(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    return 302 if role in STAFF else 404  # already set up: sent on to the code page


def signed_out_only(role, subject):
    return 200 if role == ANONYMOUS else 302


EXPECTATIONS = {
    "ui:start": public,
    "ui:home": staff_home,
    "ui:accessibility": public,
    "ui:privacy": public,
    "ui:cookies": public,
    "ui:feedback": public,
    "ui:healthz": public,
    "accounts:sign-in": public,
    "accounts:two-factor-verify": only(STAFF),
    "accounts:two-factor-setup": two_factor_setup,
    "accounts:sign-out": lambda role, subject: 302 if role == ANONYMOUS else 200,  # signed in: a page that asks
    "accounts:signed-out": public,
    "accounts:password-reset": public,
    "accounts:password-reset-sent": public,
    "accounts:password-reset-confirm": public,
    "accounts:password-reset-complete": public,
    "accounts:locked-account-list": only({Role.ADMINISTRATOR}),
    "accounts:account-unlock": only({Role.ADMINISTRATOR}, status=405),  # POST only
    "portal:register": public,
    "portal:register-step": signed_out_only,
    "portal:register-check": lambda role, subject: 302,  # nothing answered yet: back to the first question
    "portal:register-sent": public,
    "portal:register-verify": public,
    "portal:my-account": only(RESIDENT_FACE),
    "portal:who-has-looked": only(RESIDENT_FACE),
    "portal:person-record": resident_record,
    "portal:person-who-has-looked": resident_record,
    "people:person-search": only(SEARCHERS),
    "people:person-create": only(CASEWORK),
    "people:person-detail": staff_record,
    "people:person-update": staff_record,
    "people:person-history": staff_record,
    "people:person-access-code": staff_record,
    "people:person-break-glass": break_glass,
    "people:relationship-create": staff_record,
    "people:relationship-end": lambda role, subject: (
        405 if staff_record(role, subject) == 200 else staff_record(role, subject)
    ),
}


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
    for role in Role:
        if role not in users:
            users[role] = make_user(role, team=team if role in CASEWORK else None)
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
    if "slug" in keys:
        kwargs["slug"] = "name"
    if "token" in keys:
        kwargs["token"] = "not-a-real-token"
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
