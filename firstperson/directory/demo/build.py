"""A synthetic directory for the demo council and for benchmarks, built with bulk inserts.

`build_demo_directory(services=N)` makes about N services, each run by one of a pool of
organisations, each at one or two locations with addresses, opening times, costs, accessibility,
languages, a contact and categories. It starts with the named services from PEOPLE.md (the carers'
group and day centre Margaret finds, Leroy's luncheon club, Sunrise Home Care...). A share of records
is left incomplete, waiting for review or not checked for over a year, so the editors' dashboard and
queue have work in them.
"""

import datetime
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from firstperson.platform.accounts.models import User
from firstperson.platform.geography.demo import DISTRICTS, INWARD_LETTERS, demo_postcode_point

from ..choices import DAY_CODES, RecordStatus, ServiceStatus
from ..models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from ..services import services_reindex

TOWNS = {
    1: "Westbury",
    2: "Westbury",
    3: "Westbury",
    4: "Hatherley",
    5: "Hatherley",
    6: "Eastcombe",
    7: "Eastcombe",
    8: "Northmoor",
    9: "Northmoor",
    10: "Southwick",
    11: "Southwick",
    12: "Kingsford",
}
STREETS = (
    "High Street",
    "Church Lane",
    "Station Road",
    "Market Place",
    "Victoria Road",
    "Mill Lane",
    "The Green",
    "Park Avenue",
    "Bridge Street",
    "Chapel Street",
)

# Per category: name patterns, a description, typical ages, and typical cost per session.
CATEGORY_TEMPLATES = {
    "carers-support": (
        ["{town} Carers' Group", "Carers' Café {town}", "Young Carers {town}", "Sitting Service for Carers"],
        "A friendly group for people who look after a partner, parent or friend. Share tips, get advice and take a break.",
        (18, None),
        Decimal("0.00"),
    ),
    "day-opportunities": (
        ["{tree} Day Centre", "{town} Day Opportunities", "Creative Days at {tree} House"],
        "A day centre with activities, a hot lunch and transport. Trained staff support people with dementia and physical disabilities.",
        (18, None),
        Decimal("45.00"),
    ),
    "meals-and-lunch-clubs": (
        ["St {saint}'s Luncheon Club", "{town} Lunch Club", "Community Café {town}", "Meals at Home {town}"],
        "A two-course lunch with good company, run by volunteers. Special diets catered for.",
        (60, None),
        Decimal("4.50"),
    ),
    "home-care": (
        ["{town} Home Care", "Caring Hands {town}", "{tree} Homecare Ltd"],
        "Help at home with washing, dressing, meals and medicines, from trained care workers regulated by the CQC.",
        (18, None),
        Decimal("24.50"),
    ),
    "equipment-and-adaptations": (
        ["Westshire Equipment Service", "{town} Handyperson Scheme", "Telecare Westshire"],
        "Equipment and small adaptations that help you stay safe at home: grab rails, perching stools, door sensors and alarms.",
        (18, None),
        Decimal("0.00"),
    ),
    "advice-and-advocacy": (
        ["{town} Advice Centre", "Westshire Advocacy", "Speak Up {town}"],
        "Free, confidential advice about care, money, housing and your rights. An advocate can help you say what you want.",
        (16, None),
        Decimal("0.00"),
    ),
    "mental-health": (
        ["{town} Peer Support Group", "Talking Space {town}", "Wellbeing Walks {town}"],
        "Peer support for people living with mental health conditions such as bipolar disorder, anxiety or depression.",
        (18, None),
        Decimal("0.00"),
    ),
    "learning-disability": (
        ["{town} Friends Club", "Stepping Stones {town}", "Westside Supported Living"],
        "Activities, friendship and support for adults with a learning disability, in Easy Read and at your pace.",
        (18, None),
        Decimal("3.00"),
    ),
    "dementia": (
        ["Memory Café {town}", "Dementia Friendly {town}", "Singing for the Brain {town}"],
        "A relaxed café for people living with dementia and the people who care for them, with music and reminiscence.",
        (None, None),
        Decimal("2.00"),
    ),
    "social-and-friendship": (
        ["{town} Befriending", "Knit and Natter {town}", "{town} Men's Shed"],
        "A chance to meet people, make friends and stop feeling lonely. Volunteers visit or phone each week.",
        (18, None),
        Decimal("0.00"),
    ),
    "getting-out": (
        ["{town} Community Transport", "Dial-a-Ride {town}", "Shopmobility {town}"],
        "Door-to-door transport and mobility scooters for people who find buses hard to use.",
        (None, None),
        Decimal("3.50"),
    ),
    "health-and-exercise": (
        ["{town} Leisure Centre", "Chair Exercise {town}", "Walking Football {town}"],
        "Gentle exercise classes and gym sessions adapted for older and disabled people.",
        (16, None),
        Decimal("5.00"),
    ),
    "money-and-benefits": (
        ["Benefits Advice {town}", "Westshire Welfare Rights", "{town} Money Matters"],
        "Benefit checks, help with forms and debt advice. We can help you claim Attendance Allowance.",
        (18, None),
        Decimal("0.00"),
    ),
    "housing": (
        ["{tree} Court Extra Care", "{town} Housing Options", "Home Improvement Agency {town}"],
        "Advice and support to live independently: extra care housing, adaptations and moving home.",
        (55, None),
        Decimal("0.00"),
    ),
    "work-and-volunteering": (
        ["Westshire Supported Employment", "{town} Volunteer Centre", "Skills for Work {town}"],
        "Support to find and keep a job or volunteering role, with job coaches and work placements.",
        (16, 64),
        Decimal("0.00"),
    ),
    "personal-assistants": (
        ["Westshire PA Register", "Independent Living {town}"],
        "Find a personal assistant you employ yourself with your direct payment, with help for payroll and contracts.",
        (18, None),
        Decimal("0.00"),
    ),
}
TREES = ("Oak Tree", "Willow", "Beech", "Rowan", "Cedar", "Hawthorn", "Elm", "Holly")
SAINTS = ("Mark", "John", "Mary", "Peter", "Andrew", "Luke")
LANGUAGES = (
    ("Polish", "pl"),
    ("Punjabi", "pa"),
    ("Urdu", "ur"),
    ("Bengali", "bn"),
    ("Welsh", "cy"),
    ("British Sign Language", "sgn-gb"),
    ("Romanian", "ro"),
)

# The services people in PEOPLE.md use: (name, category slug, district, organisation, description).
NAMED_SERVICES = (
    (
        "Westbury Carers' Group",
        "carers-support",
        1,
        "Westbury Carers' Centre",
        "A carers' group that meets every Tuesday. Talk to other carers, get advice and have a cup of tea. Carers of people with dementia are very welcome.",
    ),
    (
        "Oak Tree Day Centre",
        "day-opportunities",
        1,
        "Oak Tree Trust",
        "A day centre for older people and people living with dementia. Activities, a hot lunch and door-to-door transport, Monday to Friday.",
    ),
    (
        "Westbury Sitting Service",
        "carers-support",
        2,
        "Westbury Carers' Centre",
        "A trained sitter stays with the person you care for, so that you can go out for a few hours.",
    ),
    (
        "St Mark's Luncheon Club",
        "meals-and-lunch-clubs",
        2,
        "St Mark's Church Volunteers",
        "A luncheon club on Thursdays: a hot two-course lunch, a raffle and good company. Run by volunteers.",
    ),
    (
        "Sunrise Home Care",
        "home-care",
        3,
        "Sunrise Home Care Ltd",
        "Home care across Westshire: help with washing, dressing, meals and medicines, from care workers you get to know.",
    ),
    (
        "Westside Supported Living",
        "learning-disability",
        8,
        "Westside Supported Living",
        "Supported living for adults with a learning disability: your own flat, shared with friends, with support when you need it.",
    ),
    (
        "Westshire Supported Employment",
        "work-and-volunteering",
        8,
        "Westshire Supported Employment",
        "Job coaches help people with a learning disability or autism find and keep paid work and work placements.",
    ),
    (
        "Westbury Leisure Centre",
        "health-and-exercise",
        1,
        "Westshire Leisure",
        "Gym, swimming and classes, with a disability-friendly gym and a discounted membership for people on a low income.",
    ),
    (
        "Southwick Peer Support Group",
        "mental-health",
        10,
        "Southwick Mind",
        "A peer-support group for people living with bipolar disorder and other mental health conditions, every other Wednesday evening.",
    ),
    (
        "Telecare Westshire",
        "equipment-and-adaptations",
        4,
        "Westshire Council Equipment Service",
        "Alarms and sensors that call for help: falls detectors and door sensors for people who may go out at night.",
    ),
)


@dataclass
class DemoDirectoryResult:
    services: int
    organizations: int
    locations: int


# Demo accounts with the role "organisation" and the organisation they keep entries for (PEOPLE.md:
# Leroy Grant runs the lunch club at St Mark's).
DEMO_ORGANISATION_MEMBERS = {"leroy.grant": ("St Mark's Church Volunteers", "leroy.grant@example.org")}


def _link_demo_organisation_users(organizations: dict[str, Organization]) -> None:
    for username, (organisation_name, email) in DEMO_ORGANISATION_MEMBERS.items():
        user = User.objects.filter(username=username).first()
        if user is None or organisation_name not in organizations:
            continue
        organizations[organisation_name].members.add(user)
        if not user.email:
            user.email = email
            user.save(update_fields=["email"])


def _postcode(rng: random.Random, district: int) -> str:
    return f"WS{district} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def build_demo_directory(*, services: int = 300, seed: int = 1, reindex: bool = True) -> DemoDirectoryResult:
    rng = random.Random(seed)
    now = timezone.now()
    terms = {term.slug: term for term in TaxonomyTerm.objects.exclude(slug="")}
    slugs = sorted(CATEGORY_TEMPLATES)
    organizations: dict[str, Organization] = {}

    def organization(name: str) -> Organization:
        if name not in organizations:
            organizations[name] = Organization(
                name=name,
                description=f"{name} is a local organisation in Westshire.",
                email=f"hello@{''.join(ch for ch in name.lower() if ch.isalnum())[:20]}.example.org",
                website=f"https://{''.join(ch for ch in name.lower() if ch.isalnum())[:20]}.example.org",
            )
        return organizations[name]

    plans: list[tuple[str, str, int, str, str]] = list(NAMED_SERVICES)
    kinds = ("Trust", "Community Group", "Care Ltd", "Association", "Charity")
    pool = [f"{rng.choice(TREES)} {rng.choice(kinds)} {number}" for number in range(1, max(20, services // 5) + 1)]
    while len(plans) < services:
        slug = rng.choice(slugs)
        patterns, description, _, _ = CATEGORY_TEMPLATES[slug]
        district = rng.choice(list(DISTRICTS))
        town = TOWNS[district]
        name = rng.choice(patterns).format(town=town, tree=rng.choice(TREES), saint=rng.choice(SAINTS))
        org_name = rng.choice(pool)
        plans.append((name, slug, district, org_name, description))
    plans = plans[:services]

    rows: dict[str, list] = {
        key: []
        for key in (
            "service",
            "location",
            "address",
            "access",
            "sal",
            "schedule",
            "cost",
            "language",
            "contact",
            "phone",
            "attribute",
            "area",
        )
    }
    for index, (name, slug, district, org_name, description) in enumerate(plans):
        _, _, (min_age, max_age), price = CATEGORY_TEMPLATES[slug]
        named = index < len(NAMED_SERVICES)
        incomplete = not named and rng.random() < 0.15
        roll = rng.random()
        if named or roll < 0.85:
            record_status = RecordStatus.PUBLISHED
        elif roll < 0.93:
            record_status = RecordStatus.SUBMITTED
        else:
            record_status = RecordStatus.DRAFT
        stale = not named and rng.random() < 0.1
        service = Service(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            organization=organization(org_name),
            name=name,
            description="" if incomplete else f"<p>{description}</p>",
            email="" if incomplete else organizations[org_name].email,
            url=organizations[org_name].website,
            status=ServiceStatus.ACTIVE if rng.random() > 0.03 else ServiceStatus.TEMPORARILY_CLOSED,
            minimum_age=min_age,
            maximum_age=max_age,
            eligibility_description="" if incomplete else "Adults living in Westshire.",
            record_status=record_status,
            last_reviewed_at=(now - datetime.timedelta(days=rng.randint(400, 700)))
            if stale
            else (
                now - datetime.timedelta(days=rng.randint(1, 300)) if record_status == RecordStatus.PUBLISHED else None
            ),
        )
        rows["service"].append(service)
        if slug in terms:
            rows["attribute"].append(Attribute(link_type="service", link_id=service.id, taxonomy_term=terms[slug]))
        for location_number in range(1 if rng.random() < 0.5 and named else 2):
            location_district = district if location_number == 0 else rng.choice(list(DISTRICTS))
            postcode = (
                "WS1 4FH" if named and location_number == 0 and district == 1 else _postcode(rng, location_district)
            )
            latitude, longitude = demo_postcode_point(postcode)
            location = Location(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                name=f"{name}{'' if location_number == 0 else ' (second venue)'}",
                latitude=latitude,
                longitude=longitude,
            )
            rows["location"].append(location)
            rows["address"].append(
                Address(
                    location=location,
                    address_1=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                    city=TOWNS[location_district],
                    state_province="Westshire",
                    postal_code=postcode,
                    country="GB",
                )
            )
            if not incomplete:
                wheelchair = rng.random() < 0.7
                rows["access"].append(
                    Accessibility(
                        location=location,
                        wheelchair_accessible=wheelchair,
                        description="Step-free entrance and accessible toilet"
                        if wheelchair
                        else "Two steps at the entrance; a hearing loop",
                    )
                )
            rows["sal"].append(
                ServiceAtLocation(id=uuid.UUID(int=rng.getrandbits(128), version=4), service=service, location=location)
            )
        if not incomplete:
            days = sorted(rng.sample(range(7), rng.randint(1, 5)))
            opens = datetime.time(rng.choice([8, 9, 10, 13]), rng.choice([0, 30]))
            closes = datetime.time(min(opens.hour + rng.choice([2, 3, 4, 8]), 22), 0)
            rows["schedule"].append(
                Schedule(
                    service=service,
                    freq="WEEKLY",
                    byday=",".join(DAY_CODES[d] for d in days),
                    opens_at=opens,
                    closes_at=closes,
                )
            )
            rows["cost"].append(
                CostOption(
                    service=service,
                    option="Per session" if price else "Free",
                    amount=price,
                    amount_description="" if price else "There is no charge",
                )
            )
            contact = Contact(service=service, name="Enquiries", title="Coordinator")
            rows["contact"].append(contact)
            rows["phone"].append(Phone(contact=contact, number=f"01632 {rng.randint(960000, 960999)}"))
            if rng.random() < 0.2:
                language, code = rng.choice(LANGUAGES)
                rows["language"].append(Language(service=service, name=language, code=code))
            if rng.random() < 0.3:
                rows["area"].append(
                    ServiceArea(
                        service=service,
                        name=f"{TOWNS[district]} area",
                        postcode_prefixes=f" WS{district} WS{max(1, district - 1)} ",
                    )
                )

    with transaction.atomic():
        Organization.objects.bulk_create(organizations.values(), batch_size=2000)
        for key, model in (
            ("service", Service),
            ("location", Location),
            ("address", Address),
            ("access", Accessibility),
            ("sal", ServiceAtLocation),
            ("schedule", Schedule),
            ("cost", CostOption),
            ("contact", Contact),
            ("phone", Phone),
            ("language", Language),
            ("attribute", Attribute),
            ("area", ServiceArea),
        ):
            model.objects.bulk_create(rows[key], batch_size=2000)
        _link_demo_organisation_users(organizations)
    if reindex:
        services_reindex(service_ids=[service.id for service in rows["service"]])
    return DemoDirectoryResult(
        services=len(rows["service"]), organizations=len(organizations), locations=len(rows["location"])
    )
