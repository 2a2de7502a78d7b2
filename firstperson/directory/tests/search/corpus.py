"""A fixed small directory for the search tests and the browser journey: 32 services around one
postcode in Westshire (30 published, a draft and an archived one), with names, descriptions,
categories, places with coordinates, opening times, costs, ages, wheelchair access and languages, and
the postcodes of the places. Built for each test through the models, then indexed by the real
`services_reindex`.

Places are set by how far north and east of Margaret's postcode (WS1 4FG) they are, in miles, so the
expected order of a "near me" search can be read straight from the table.
"""

import datetime
import importlib
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from firstperson.directory.choices import RecordStatus, ServiceStatus
from firstperson.directory.models import (
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
from firstperson.directory.selectors import COUNCIL_TAXONOMY_ID
from firstperson.directory.services import services_reindex
from firstperson.platform.geography.models import Postcode
from firstperson.platform.geography.rules.distance import METRES_PER_DEGREE_LATITUDE, METRES_PER_MILE, longitude_scale

HOME_POSTCODE = "WS1 4FG"  # Margaret's
HOME = (52.5800, -1.9800)
EMPTY_POSTCODE = "WS7 7ZZ"  # 60 miles south: nothing within 50 miles
REAL_BUT_UNKNOWN_POSTCODE = "WS5 5EF"  # well formed, not in the postcode table


def point(north_miles: float, east_miles: float) -> tuple[float, float]:
    latitude = HOME[0] + north_miles * METRES_PER_MILE / METRES_PER_DEGREE_LATITUDE
    longitude = HOME[1] + east_miles * METRES_PER_MILE / (METRES_PER_DEGREE_LATITUDE * longitude_scale(HOME[0]))
    return latitude, longitude


@dataclass
class Entry:
    name: str
    organisation: str
    description: str
    categories: list[str] = field(default_factory=list)
    place: tuple[float, float] | None = None  # miles north, miles east of HOME
    postcode: str = ""
    days: str = ""  # weekly schedule, e.g. "MO,WE"
    hours: tuple[int, int] | None = None
    interval: int | None = None
    monthly: str = ""  # monthly byday, e.g. "1TH"
    cost: Decimal | None = None  # None: no cost option; 0: free
    ages: tuple[int | None, int | None] = (None, None)
    wheelchair: bool = False
    languages: list[tuple[str, str]] = field(default_factory=list)
    areas: str | None = None  # postcode prefixes of a service area
    record_status: str = RecordStatus.PUBLISHED
    status: str = ServiceStatus.ACTIVE
    eligibility: str = ""
    phone: str = ""


CORPUS = [
    Entry(
        "Westshire Carers' Café",
        "Westshire Carers Centre",
        "A friendly café where people who look after a family member meet, share tips and have a break.",
        ["carers-support", "social-and-friendship"],
        place=(0.5, 0.0),
        postcode="WS1 2AA",
        days="TU",
        hours=(10, 12),
        cost=Decimal("0"),
        wheelchair=True,
        phone="01632 960001",
    ),
    Entry(
        "Carers Support Line",
        "Westshire Carers Centre",
        "Phone advice for anyone looking after a relative or friend.",
        ["carers-support", "advice-and-advocacy"],
        days="MO,TU,WE,TH,FR",
        hours=(9, 17),
        cost=Decimal("0"),
        phone="0300 000 0001",
    ),
    Entry(
        "Young Carers Club",
        "Westshire Carers Centre",
        "Games, trips and time out for children who help look after someone at home.",
        ["carers-support"],
        place=(1.4, 0.0),
        postcode="WS2 7AB",
        days="SA",
        hours=(10, 13),
        cost=Decimal("0"),
        ages=(8, 17),
    ),
    Entry(
        "Crossroads Sitting Service",
        "Crossroads Care Westshire",
        "A trained sitter stays with the person you look after, so you can have a break.",
        ["carers-support", "home-care"],
        days="MO,TU,WE,TH,FR,SA,SU",
        hours=(8, 20),
        cost=Decimal("12.00"),
        areas=" WS1 WS2 ",
    ),
    Entry(
        "Oakfield Day Centre",
        "Westshire Council",
        "A day centre for older people: activities, a hot lunch and company, and a break for carers.",
        ["day-opportunities", "dementia"],
        place=(0.0, 1.0),
        postcode="WS1 3CC",
        days="MO,WE,FR",
        hours=(9, 15),
        cost=Decimal("35.00"),
        ages=(65, None),
        wheelchair=True,
    ),
    Entry(
        "Memory Lane Dementia Café",
        "Alzheimer's Society Westshire",
        "A relaxed café for people living with dementia and the people who look after them.",
        ["dementia", "social-and-friendship"],
        place=(1.2, 0.6),
        postcode="WS2 8CD",
        monthly="1TH",
        hours=(14, 16),
        cost=Decimal("0"),
        wheelchair=True,
    ),
    Entry(
        "Riverside Luncheon Club",
        "Riverside Methodist Church",
        "A two-course meal every Wednesday for older people, with a raffle and a chat.",
        ["meals-and-lunch-clubs", "social-and-friendship"],
        place=(0.3, 0.0),
        postcode="WS1 2BB",
        days="WE",
        hours=(12, 14),
        cost=Decimal("4.50"),
        ages=(60, None),
    ),
    Entry(
        "Meals on Wheels",
        "Westshire Meals",
        "Hot meals delivered to your home at midday, every day of the year.",
        ["meals-and-lunch-clubs"],
        days="MO,TU,WE,TH,FR,SA,SU",
        hours=(11, 14),
        cost=Decimal("5.20"),
    ),
    Entry(
        "Hilltop Community Lunch Club",
        "Hilltop Residents Association",
        "Soup, a main course and pudding with friends on Thursdays.",
        ["meals-and-lunch-clubs"],
        place=(4.8, 0.0),
        postcode="WS3 1CD",
        days="TH",
        hours=(12, 14),
        cost=Decimal("3.00"),
        wheelchair=True,
    ),
    Entry(
        "Sangat Elders Lunch Club",
        "Sangat Centre",
        "A vegetarian lunch club for older people, with conversation in Punjabi and English.",
        ["meals-and-lunch-clubs"],
        place=(0.0, -3.0),
        postcode="WS4 2EE",
        days="MO",
        hours=(12, 14),
        cost=Decimal("3.00"),
        languages=[("Punjabi", "pa"), ("English", "en")],
    ),
    Entry(
        "Polish Friendship Group",
        "Westshire Polish Association",
        "Coffee mornings and friendship for Polish speakers.",
        ["social-and-friendship"],
        place=(1.6, 0.4),
        postcode="WS2 9EF",
        days="SA",
        hours=(10, 12),
        cost=Decimal("0"),
        languages=[("Polish", "pl")],
    ),
    Entry(
        "Chair-based Exercise Class",
        "Westshire Leisure",
        "Gentle seated exercise for people who find it hard to stand for long.",
        ["health-and-exercise"],
        place=(0.0, 0.8),
        postcode="WS1 3DD",
        days="TU,TH",
        hours=(11, 12),
        cost=Decimal("3.00"),
        ages=(50, None),
        wheelchair=True,
    ),
    Entry(
        "Westshire Leisure Centre",
        "Westshire Leisure",
        "A gym, a swimming pool and fitness classes for all abilities.",
        ["health-and-exercise"],
        place=(1.8, -0.2),
        postcode="WS2 1GG",
        days="MO,TU,WE,TH,FR,SA,SU",
        hours=(6, 22),
        cost=Decimal("6.00"),
        ages=(16, None),
        wheelchair=True,
    ),
    Entry(
        "Walking Football",
        "Westshire Leisure",
        "Football at walking pace for men and women over 50.",
        ["health-and-exercise"],
        place=(30.0, 0.0),
        postcode="WS9 9ZZ",
        days="SU",
        hours=(10, 11),
        cost=Decimal("2.00"),
        ages=(50, None),
    ),
    Entry(
        "Benefits Advice Clinic",
        "Citizens Advice Westshire",
        "Free help to check you get the benefits you are entitled to, including Attendance Allowance and "
        "Carer's Allowance.",
        ["money-and-benefits", "advice-and-advocacy"],
        place=(0.2, 0.0),
        postcode="WS1 2CC",
        days="TH",
        hours=(10, 16),
        cost=Decimal("0"),
        wheelchair=True,
    ),
    Entry(
        "Independent Advocacy",
        "Westshire Advocacy",
        "An advocate can speak up for you at meetings about your care and support.",
        ["advice-and-advocacy"],
        cost=Decimal("0"),
        areas=" WS1 WS2 ",
    ),
    Entry(
        "Equipment Loan Store",
        "Westshire Council",
        "Borrow walking frames, bath seats, perching stools and grab rails.",
        ["equipment-and-adaptations"],
        place=(4.9, 0.5),
        postcode="WS3 2HH",
        days="MO,TU,WE,TH,FR",
        hours=(9, 17),
        cost=Decimal("0"),
        wheelchair=True,
    ),
    Entry(
        "Telecare Alarms",
        "Westshire Council",
        "A pendant alarm and sensors that call for help if you fall at home.",
        ["equipment-and-adaptations"],
        cost=Decimal("4.50"),
    ),
    Entry(
        "Sunrise Home Care",
        "Sunrise Home Care Ltd",
        "Care and support at home: help with washing, dressing and meals.",
        ["home-care"],
        cost=Decimal("24.00"),
        ages=(18, None),
        areas=" WS ",
    ),
    Entry(
        "Befriending by Phone",
        "Age Westshire",
        "A volunteer calls you every week for a chat if you feel lonely.",
        ["social-and-friendship"],
        cost=Decimal("0"),
        ages=(60, None),
    ),
    Entry(
        "Men's Shed",
        "Westshire Men's Shed",
        "Woodwork and company: a place to make things and make friends.",
        ["social-and-friendship"],
        place=(1.3, -0.3),
        postcode="WS2 3JJ",
        days="TU,TH",
        hours=(10, 15),
        cost=Decimal("2.00"),
    ),
    Entry(
        "Bipolar Peer Support Group",
        "Mind Westshire",
        "A group for people living with bipolar disorder, meeting every other Monday evening.",
        ["mental-health"],
        place=(0.6, 0.0),
        postcode="WS1 2DD",
        days="MO",
        interval=2,
        hours=(18, 20),
        cost=Decimal("0"),
        ages=(18, None),
    ),
    Entry(
        "Talking Therapies",
        "Westshire NHS Talking Therapies",
        "Counselling for anxiety, stress and low mood, by phone or video.",
        ["mental-health"],
        cost=Decimal("0"),
        ages=(18, None),
    ),
    Entry(
        "Supported Employment Team",
        "Westshire Council",
        "Help for people with a learning disability to find a job and keep it.",
        ["work-and-volunteering", "learning-disability"],
        place=(0.0, 1.5),
        postcode="WS1 3EE",
        cost=Decimal("0"),
        ages=(18, 64),
    ),
    Entry(
        "Easy Read Art Club",
        "Westshire Arts",
        "Art and crafts for adults with a learning disability.",
        ["learning-disability"],
        place=(1.5, 0.3),
        postcode="WS2 4KK",
        days="WE",
        hours=(13, 15),
        cost=Decimal("2.00"),
        wheelchair=True,
        ages=(18, None),
    ),
    Entry(
        "Find a Personal Assistant",
        "Westshire Centre for Independent Living",
        "Find a personal assistant you can employ with a direct payment.",
        ["personal-assistants"],
        cost=Decimal("0"),
    ),
    Entry(
        "Willow Court Extra Care Housing",
        "Westshire Housing",
        "Flats with care on site for people over 55.",
        ["housing"],
        place=(5.2, 0.0),
        postcode="WS3 3LL",
        ages=(55, None),
        wheelchair=True,
    ),
    Entry(
        "Dial-a-Ride",
        "Westshire Community Transport",
        "Door-to-door minibus for people who cannot use buses.",
        ["getting-out"],
        cost=Decimal("3.00"),
    ),
    Entry(
        "Greenfingers Gardening Group",
        "Westshire Growers",
        "Grow vegetables and flowers with others in our community garden.",
        ["social-and-friendship", "health-and-exercise"],
        place=(0.9, 0.0),
        postcode="WS1 2EE",
        days="SA",
        hours=(10, 13),
        cost=Decimal("0"),
        status=ServiceStatus.TEMPORARILY_CLOSED,
    ),
    Entry(
        "Rural Carers Group",
        "Westshire Carers Centre",
        "A monthly get-together for people looking after someone, in the villages.",
        ["carers-support"],
        place=(25.0, 0.0),
        postcode="WS8 1MM",
        monthly="2WE",
        hours=(10, 12),
        cost=Decimal("0"),
    ),
    # Not published: never found, never shown.
    Entry(
        "Draft Carers Group",
        "Westshire Carers Centre",
        "A carers group still being written.",
        ["carers-support"],
        place=(0.1, 0.0),
        postcode="WS1 2FF",
        record_status=RecordStatus.DRAFT,
    ),
    Entry(
        "Old Lunch Club",
        "Riverside Methodist Church",
        "A lunch club that closed.",
        ["meals-and-lunch-clubs"],
        place=(0.1, 0.1),
        postcode="WS1 2GG",
        record_status=RecordStatus.ARCHIVED,
    ),
]


def _build(entry: Entry, organisations: dict, terms: dict, reviewed_at) -> Service:
    organisation = organisations.get(entry.organisation)
    if organisation is None:
        organisation = organisations[entry.organisation] = Organization.objects.create(name=entry.organisation)
    service = Service.objects.create(
        organization=organisation,
        name=entry.name,
        description=f"<p>{entry.description}</p>",
        record_status=entry.record_status,
        status=entry.status,
        minimum_age=entry.ages[0],
        maximum_age=entry.ages[1],
        eligibility_description=entry.eligibility,
        last_reviewed_at=reviewed_at,
    )
    for slug in entry.categories:
        Attribute.objects.create(link_type="service", link_id=service.pk, taxonomy_term=terms[slug])
    if entry.place is not None:
        latitude, longitude = point(*entry.place)
        location = Location.objects.create(name=entry.name, latitude=latitude, longitude=longitude)
        Address.objects.create(
            location=location, address_1="1 High Street", city="Westshire", postal_code=entry.postcode
        )
        Postcode.objects.get_or_create(postcode=entry.postcode, defaults={"latitude": latitude, "longitude": longitude})
        Accessibility.objects.create(
            location=location,
            wheelchair_accessible=entry.wheelchair,
            description="Step-free entrance and an accessible toilet" if entry.wheelchair else "Three steps up",
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    if entry.days or entry.monthly:
        Schedule.objects.create(
            service=service,
            freq="MONTHLY" if entry.monthly else "WEEKLY",
            byday=entry.monthly or entry.days,
            interval=entry.interval,
            opens_at=datetime.time(entry.hours[0]) if entry.hours else None,
            closes_at=datetime.time(entry.hours[1]) if entry.hours else None,
        )
    if entry.cost is not None:
        CostOption.objects.create(
            service=service, option="Free" if not entry.cost else "Per session", amount=entry.cost or None
        )
    for name, code in entry.languages:
        Language.objects.create(service=service, name=name, code=code)
    if entry.areas is not None:
        ServiceArea.objects.create(service=service, name="Westshire", postcode_prefixes=entry.areas)
    if entry.phone:
        Phone.objects.create(service=service, number=entry.phone)
    else:
        contact = Contact.objects.create(service=service, name="Enquiries")
        Phone.objects.create(contact=contact, number="01632 960999")
    return service


def _council_defaults() -> None:
    """The council's categories and synonym list, which migration 0002 writes. A browser journey's
    database is emptied after each test, so they are put back the same way when missing."""
    migration = importlib.import_module("firstperson.directory.migrations.0002_default_categories_and_synonyms")
    migration.add_defaults(django_apps, None)


@pytest.fixture
def corpus(db) -> dict[str, Service]:
    """The directory above, indexed; services by name."""
    _council_defaults()
    Postcode.objects.create(postcode=HOME_POSTCODE, latitude=HOME[0], longitude=HOME[1])
    Postcode.objects.create(postcode=EMPTY_POSTCODE, latitude=point(-60, 0)[0], longitude=point(-60, 0)[1])
    terms = {term.slug: term for term in TaxonomyTerm.objects.filter(taxonomy_id=COUNCIL_TAXONOMY_ID)}
    assert len(terms) >= 16, "the council's categories come from migration 0002"
    organisations: dict = {}
    reviewed_at = timezone.make_aware(datetime.datetime(2025, 3, 14, 11, 0))
    services = {entry.name: _build(entry, organisations, terms, reviewed_at) for entry in CORPUS}
    services_reindex(service_ids=[service.pk for service in services.values()])
    return services
