"""Builds the demo council in bulk: teams, staff of every role, the named households from
shared/design/PEOPLE.md, and a random population. Deterministic for a given seed.

Bulk inserts only (never one save per row), so 100,000 people take well under two minutes on SQLite.
"""

import base64
import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from firstperson.platform.accounts.models import Team, TwoFactorDevice, User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..choices import (
    AuthorityScope,
    Ethnicity,
    GenderIdentity,
    PreferredFormat,
    PrimarySupportReason,
    RecordSource,
    RelationshipKind,
    Religion,
    RepresentativeType,
    Sex,
    SexualOrientation,
)
from ..models import Person, Relationship
from ..rules.identifiers import nhs_number_check_digit
from ..rules.names import name_search_key
from .names import FAMILY_NAMES, GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE, STREET_NAMES, TOWNS_AND_DISTRICTS

TEAM_NAMES = (
    "West locality team",
    "East locality team",
    "North locality team",
    "Learning disability team",
    "Mental health team",
    "Hospital discharge team",
    "Front door team",
)
BATCH_SIZE = 5000
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass
class DemoAccount:
    role: str
    username: str
    password: str
    totp_secret: str | None
    name: str


@dataclass
class SeedResult:
    people_created: int
    accounts: dict[str, DemoAccount] = field(default_factory=dict)
    extra_accounts: list[DemoAccount] = field(default_factory=list)


def nhs_numbers(start: int = 999_000_000) -> Iterator[str]:
    """Valid NHS numbers from the never-issued 999 range, in order, skipping check digit 10."""
    stem = start
    while True:
        digits = f"{stem:09d}"
        check = nhs_number_check_digit(digits)
        if check is not None:
            yield f"{digits}{check}"
        stem += 1


def _totp_secret(rng: random.Random) -> str:
    return base64.b32encode(rng.randbytes(20)).decode("ascii")


def _password(rng: random.Random) -> str:
    words = ["river", "lantern", "meadow", "copper", "harbour", "willow", "thistle", "orbit", "pebble", "saffron"]
    return "-".join(rng.choice(words) for _ in range(3)) + f"-{rng.randint(10, 99)}"


def _postcode(rng: random.Random, district: int) -> str:
    return f"WS{district} {rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"


def _address(rng: random.Random) -> dict:
    town, district = rng.choice(TOWNS_AND_DISTRICTS)
    return {
        "address_line_1": f"{rng.randint(1, 180)} {rng.choice(STREET_NAMES)}",
        "town": town,
        "postcode": _postcode(rng, district),
    }


def _date_of_birth(rng: random.Random, today: datetime.date, *, min_age: int, max_age: int) -> datetime.date:
    age_days = rng.randint(min_age * 365 + 1, max_age * 365 - 1)
    return today - datetime.timedelta(days=age_days)


def _person(nhs_number: str, **values) -> Person:
    person = Person(nhs_number=nhs_number, source=RecordSource.DEMO, **values)
    person.search_name = name_search_key(person.legal_given_name, person.preferred_name, person.legal_family_name)
    return person


def _account(role: str, username: str, first: str, last: str, rng: random.Random, *, team=None, email="") -> tuple:
    password = _password(rng)
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=email,
        role=role,
        team=team,
        password=make_password(password),
        email_verified_at=timezone.now() if email else None,
    )
    secret = None if role in (Role.RESIDENT, Role.REPRESENTATIVE) else _totp_secret(rng)
    return user, DemoAccount(
        role=role, username=username, password=password, totp_secret=secret, name=f"{first} {last}"
    )


# Staff and partners from PEOPLE.md: (role, username, first, last, team name or None).
STAFF = (
    (Role.PRACTITIONER, "chloe.bennett", "Chloe", "Bennett", "West locality team"),
    (Role.TEAM_MANAGER, "tom.adeyemi", "Tom", "Adeyemi", "West locality team"),
    (Role.PANEL_MEMBER, "helen.ward", "Helen", "Ward", None),
    (Role.FINANCE_OFFICER, "fatima.ali", "Fatima", "Ali", None),
    (Role.PROVIDER, "hannah.sunrise", "Hannah", "Clarke", None),
    (Role.PERSONAL_ASSISTANT, "owen.price", "Owen", "Price", None),
    (Role.BROKER, "grace.liu", "Grace", "Liu", None),
    (Role.DIRECTORY_EDITOR, "ben.osei", "Ben", "Osei", None),
    (Role.COMMISSIONER, "nadia.petrova", "Nadia", "Petrova", None),
    (Role.ADMINISTRATOR, "ravi.menon", "Ravi", "Menon", None),
    (Role.ADVISER, "sophie.turner", "Sophie", "Turner", "Front door team"),
    (Role.ORGANISATION, "leroy.grant", "Leroy", "Grant", None),
)
EXTRA_STAFF = (
    (Role.PRACTITIONER, "kwame.mensah", "Kwame", "Mensah", "East locality team"),
    (Role.PRACTITIONER, "siobhan.byrne", "Siobhan", "Byrne", "Learning disability team"),
    (Role.PRACTITIONER, "imran.hussain", "Imran", "Hussain", "Mental health team"),
    (Role.PROVIDER, "westside.living", "Joe", "Bright", None),
)


def seed_demo(*, people: int, seed: int, today: datetime.date | None = None) -> SeedResult:
    """Create the demo council. Call on an empty database."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    numbers = nhs_numbers()
    result = SeedResult(people_created=0)
    with transaction.atomic():
        teams = {name: Team(name=name) for name in TEAM_NAMES}
        Team.objects.bulk_create(teams.values())

        users: list[User] = []
        devices: list[tuple[User, str]] = []
        for index, (role, username, first, last, team_name) in enumerate(STAFF + EXTRA_STAFF):
            user, account = _account(role, username, first, last, rng, team=teams.get(team_name or ""))
            users.append(user)
            devices.append((user, account.totp_secret or ""))
            if index < len(STAFF):
                result.accounts[role] = account
            else:
                result.extra_accounts.append(account)

        households = _named_households(rng, today, numbers, teams)
        for username, first, last, role, listed in (
            ("aisha.rahman@example.com", "Aisha", "Rahman", Role.RESIDENT, True),
            ("margaret.okafor@example.com", "Margaret", "Okafor", Role.REPRESENTATIVE, True),
            ("priya.shah@example.com", "Priya", "Shah", Role.REPRESENTATIVE, False),
            ("daniel.whitfield@example.com", "Daniel", "Whitfield", Role.REPRESENTATIVE, False),
            ("sam.kowalski@example.com", "Sam", "Kowalski", Role.RESIDENT, False),
        ):
            user, account = _account(role, username, first, last, rng, email=username)
            users.append(user)
            households.people[f"{first} {last}"].account = user
            if listed:
                result.accounts[role] = account
            else:
                result.extra_accounts.append(account)

        User.objects.bulk_create(users)
        TwoFactorDevice.objects.bulk_create(
            [
                TwoFactorDevice(user=user, secret=secret, confirmed_at=timezone.now())
                for user, secret in devices
                if secret
            ]
        )
        Person.objects.bulk_create(households.people.values())
        Relationship.objects.bulk_create(households.relationships)
        result.people_created = len(households.people)

        result.people_created += _random_population(
            rng, today, numbers, list(teams.values()), count=max(0, people - len(households.people))
        )
        audit_record(
            actor=None,
            verb=AuditVerb.DEMO_DATA_SEEDED,
            object_type="demo",
            payload={"people": result.people_created, "seed": seed},
        )
    return result


@dataclass
class _Households:
    people: dict[str, Person]
    relationships: list[Relationship]


def _named_households(rng, today, numbers, teams) -> _Households:
    """The four households and Aisha, from shared/design/PEOPLE.md."""

    def born(age: int, month: int, day: int) -> datetime.date:
        year = today.year - age - (1 if (month, day) > (today.month, today.day) else 0)
        return datetime.date(year, month, day)

    west, east = teams["West locality team"], teams["East locality team"]
    okafor_home = {"address_line_1": "14 Foxglove Way", "town": "Westbury", "postcode": "WS1 4FG"}
    shah_raj = {"address_line_1": "3 Orchard Close", "town": "Westbury", "postcode": "WS2 7NQ"}
    people = {
        "Ted Okafor": _person(
            next(numbers),
            legal_given_name="Edward",
            legal_family_name="Okafor",
            preferred_name="Ted",
            date_of_birth=born(83, 5, 14),
            sex=Sex.MALE,
            ethnicity=Ethnicity.BLACK_AFRICAN,
            religion=Religion.CHRISTIAN,
            primary_support_reason=PrimarySupportReason.MEMORY_COGNITION,
            communication_needs="Has dementia. Speak to him directly, one thing at a time. Margaret holds his LPA for money.",
            allocated_team=west,
            **okafor_home,
        ),
        "Margaret Okafor": _person(
            next(numbers),
            legal_given_name="Margaret",
            legal_family_name="Okafor",
            date_of_birth=born(80, 9, 2),
            sex=Sex.FEMALE,
            ethnicity=Ethnicity.WHITE_BRITISH,
            religion=Religion.CHRISTIAN,
            preferred_format=PreferredFormat.LARGE_PRINT,
            phone="01632 960 114",
            email="margaret.okafor@example.com",
            communication_needs="Prefers large print and letters on paper.",
            primary_support_reason=PrimarySupportReason.UNPAID_CARER,
            allocated_team=west,
            **okafor_home,
        ),
        "Raj Shah": _person(
            next(numbers),
            legal_given_name="Raj",
            legal_family_name="Shah",
            date_of_birth=born(72, 1, 23),
            sex=Sex.MALE,
            ethnicity=Ethnicity.ASIAN_INDIAN,
            religion=Religion.HINDU,
            primary_support_reason=PrimarySupportReason.PERSONAL_CARE,
            allocated_team=west,
            **shah_raj,
        ),
        "Priya Shah": _person(
            next(numbers),
            legal_given_name="Priya",
            legal_family_name="Shah",
            date_of_birth=born(34, 6, 11),
            sex=Sex.FEMALE,
            ethnicity=Ethnicity.ASIAN_INDIAN,
            email="priya.shah@example.com",
            phone="07700 900 312",
            address_line_1="27 Meadow Way",
            town="Westbury",
            postcode="WS3 2HT",
            primary_support_reason=PrimarySupportReason.UNPAID_CARER,
            allocated_team=west,
        ),
        "Joan Whitfield": _person(
            next(numbers),
            legal_given_name="Joan",
            legal_family_name="Whitfield",
            date_of_birth=born(78, 11, 30),
            sex=Sex.FEMALE,
            ethnicity=Ethnicity.WHITE_BRITISH,
            religion=Religion.CHRISTIAN,
            primary_support_reason=PrimarySupportReason.PERSONAL_CARE,
            allocated_team=east,
            address_line_1="2 The Green",
            town="Eastcombe",
            postcode="WS6 3AB",
        ),
        "Daniel Whitfield": _person(
            next(numbers),
            legal_given_name="Daniel",
            legal_family_name="Whitfield",
            date_of_birth=born(52, 4, 8),
            sex=Sex.MALE,
            email="daniel.whitfield@example.com",
            phone="+65 5550 1234",
            communication_needs="Lives in Singapore (8 hours ahead). Prefers email.",
        ),
        "Sam Kowalski": _person(
            next(numbers),
            legal_given_name="Samuel",
            legal_family_name="Kowalski",
            preferred_name="Sam",
            date_of_birth=born(24, 7, 19),
            sex=Sex.MALE,
            ethnicity=Ethnicity.WHITE_OTHER,
            preferred_format=PreferredFormat.EASY_READ,
            email="sam.kowalski@example.com",
            communication_needs="Easy Read, please. Give Sam time to answer; his support worker can help.",
            primary_support_reason=PrimarySupportReason.LEARNING_DISABILITY,
            allocated_team=teams["Learning disability team"],
            address_line_1="9 Willow Drive",
            town="Northmoor",
            postcode="WS8 5LP",
        ),
        "Linda Kowalski": _person(
            next(numbers),
            legal_given_name="Linda",
            legal_family_name="Kowalski",
            date_of_birth=born(55, 3, 3),
            sex=Sex.FEMALE,
            address_line_1="9 Willow Drive",
            town="Northmoor",
            postcode="WS8 5LP",
        ),
        "Mark Kowalski": _person(
            next(numbers),
            legal_given_name="Mark",
            legal_family_name="Kowalski",
            date_of_birth=born(57, 12, 12),
            sex=Sex.MALE,
            address_line_1="9 Willow Drive",
            town="Northmoor",
            postcode="WS8 5LP",
        ),
        "Aisha Rahman": _person(
            next(numbers),
            legal_given_name="Aisha",
            legal_family_name="Rahman",
            date_of_birth=born(41, 2, 17),
            sex=Sex.FEMALE,
            ethnicity=Ethnicity.ASIAN_BANGLADESHI,
            religion=Religion.MUSLIM,
            email="aisha.rahman@example.com",
            primary_support_reason=PrimarySupportReason.MENTAL_HEALTH,
            allocated_team=teams["Mental health team"],
            address_line_1="41 Lavender Court",
            town="Southwick",
            postcode="WS10 6RW",
        ),
    }
    start = today - datetime.timedelta(days=400)
    p = people

    def carer(person, related, description):
        return Relationship(
            person=p[person],
            related_person=p[related],
            kind=RelationshipKind.CARER,
            description=description,
            start_date=start,
        )

    def representative(person, related, description, rep_type, scope, evidence):
        return Relationship(
            person=p[person],
            related_person=p[related],
            kind=RelationshipKind.REPRESENTATIVE,
            description=description,
            representative_type=rep_type,
            authority_scope=scope,
            evidence=evidence,
            start_date=start,
        )

    everything = [AuthorityScope.VIEW_ONLINE, AuthorityScope.ASSESSMENT_AND_PLANNING, AuthorityScope.MONEY]
    relationships = [
        carer("Ted Okafor", "Margaret Okafor", "wife"),
        representative(
            "Ted Okafor",
            "Margaret Okafor",
            "wife",
            RepresentativeType.LPA_PROPERTY_FINANCE,
            everything,
            "LPA for property and financial affairs, registered with the Office of the Public Guardian; copy seen.",
        ),
        carer("Raj Shah", "Priya Shah", "daughter"),
        representative(
            "Raj Shah",
            "Priya Shah",
            "daughter",
            RepresentativeType.FAMILY_OR_FRIEND,
            [AuthorityScope.VIEW_ONLINE, AuthorityScope.ASSESSMENT_AND_PLANNING],
            "Raj asked for Priya to act for him online (recorded at his review).",
        ),
        representative(
            "Joan Whitfield",
            "Daniel Whitfield",
            "son",
            RepresentativeType.LPA_PROPERTY_FINANCE,
            everything,
            "LPA for property and financial affairs, registered; copy seen.",
        ),
        carer("Sam Kowalski", "Linda Kowalski", "mother"),
        carer("Sam Kowalski", "Mark Kowalski", "father"),
    ]
    return _Households(people=people, relationships=relationships)


_PSR_WEIGHTS = (
    (PrimarySupportReason.PERSONAL_CARE, 45),
    (PrimarySupportReason.ACCESS_MOBILITY, 8),
    (PrimarySupportReason.MEMORY_COGNITION, 12),
    (PrimarySupportReason.LEARNING_DISABILITY, 12),
    (PrimarySupportReason.MENTAL_HEALTH, 10),
    (PrimarySupportReason.VISUAL, 2),
    (PrimarySupportReason.HEARING, 2),
    (PrimarySupportReason.DUAL, 1),
    (PrimarySupportReason.SOCIAL_ISOLATION, 3),
    (PrimarySupportReason.SUBSTANCE_MISUSE, 2),
    (PrimarySupportReason.UNPAID_CARER, 3),
)
_ETHNICITY_WEIGHTS = (
    (Ethnicity.WHITE_BRITISH, 74),
    (Ethnicity.WHITE_OTHER, 6),
    (Ethnicity.WHITE_IRISH, 1),
    (Ethnicity.ASIAN_INDIAN, 3),
    (Ethnicity.ASIAN_PAKISTANI, 3),
    (Ethnicity.ASIAN_BANGLADESHI, 1),
    (Ethnicity.ASIAN_CHINESE, 1),
    (Ethnicity.BLACK_AFRICAN, 3),
    (Ethnicity.BLACK_CARIBBEAN, 1),
    (Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN, 1),
    (Ethnicity.MIXED_OTHER, 1),
    (Ethnicity.OTHER_ARAB, 1),
    (Ethnicity.NOT_KNOWN, 3),
    (Ethnicity.REFUSED, 1),
)


def _weighted(rng: random.Random, table) -> str:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights=weights)[0]


def _random_population(rng, today, numbers, teams, *, count: int) -> int:
    created = 0
    carers_pending: list[Person] = []
    while created < count:
        batch = []
        for _ in range(min(BATCH_SIZE, count - created)):
            is_female = rng.random() < 0.58
            given = rng.choice(GIVEN_NAMES_FEMALE if is_female else GIVEN_NAMES_MALE)
            age_band = rng.random()
            if age_band < 0.35:
                dob = _date_of_birth(rng, today, min_age=18, max_age=64)
            elif age_band < 0.7:
                dob = _date_of_birth(rng, today, min_age=65, max_age=84)
            else:
                dob = _date_of_birth(rng, today, min_age=85, max_age=101)
            allocated = rng.random() < 0.7
            person = _person(
                next(numbers),
                legal_given_name=given,
                legal_family_name=rng.choice(FAMILY_NAMES),
                date_of_birth=dob,
                sex=Sex.FEMALE if is_female else Sex.MALE,
                gender_identity=GenderIdentity.SAME if rng.random() < 0.6 else "",
                sexual_orientation=SexualOrientation.STRAIGHT if rng.random() < 0.5 else "",
                ethnicity=_weighted(rng, _ETHNICITY_WEIGHTS),
                religion=rng.choice(Religion.values) if rng.random() < 0.6 else "",
                primary_support_reason=_weighted(rng, _PSR_WEIGHTS),
                preferred_format=PreferredFormat.LARGE_PRINT if rng.random() < 0.06 else PreferredFormat.STANDARD,
                phone=f"01632 {rng.randint(960000, 960999)}" if rng.random() < 0.8 else "",
                allocated_team=rng.choice(teams) if allocated else None,
                **_address(rng),
            )
            batch.append(person)
        Person.objects.bulk_create(batch, batch_size=1000)
        created += len(batch)
        carers_pending.extend(batch[: len(batch) // 10])
    _random_carers(rng, carers_pending, today)
    return created


def _random_carers(rng: random.Random, people: list[Person], today: datetime.date) -> None:
    """Pair some people as carer and cared-for, so that relationship queries meet realistic data."""
    relationships = []
    for cared_for, carer in zip(people[0::2], people[1::2], strict=False):
        relationships.append(
            Relationship(
                person=cared_for,
                related_person=carer,
                kind=RelationshipKind.CARER,
                description=rng.choice(["wife", "husband", "daughter", "son", "partner", "friend", "neighbour"]),
                start_date=today - datetime.timedelta(days=rng.randint(30, 3000)),
            )
        )
    Relationship.objects.bulk_create(relationships, batch_size=1000)
