"""A small directory made through the ORM, indexed by the real service, and an API client whose every
response is checked against the ORUK schemas and for the CORS header."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from firstperson.directory.choices import RecordStatus, ServiceStatus
from firstperson.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from firstperson.directory.services import services_reindex
from firstperson.platform.geography.models import Postcode

from .schemas import assert_valid_response

CENTRE = (52.5860, -1.9820)  # WS1 1AA
METRES_PER_DEGREE = 111_320.0
COUNCIL_TAXONOMY_ID = uuid.UUID("5d0f3c0e-6a1b-4c55-9c0e-2f3b5a7c9d01")  # directory migration 0002


def north_of_centre(metres: float) -> tuple[float, float]:
    return CENTRE[0] + metres / METRES_PER_DEGREE, CENTRE[1]


def council_term(slug: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(taxonomy_id=COUNCIL_TAXONOMY_ID, slug=slug)


def place(service: Service, *, name: str, metres_north: float | None, postcode: str = "WS1 1AA") -> ServiceAtLocation:
    latitude, longitude = north_of_centre(metres_north) if metres_north is not None else (None, None)
    location = Location.objects.create(
        name=name, description=f"{name}, a place in town", latitude=latitude, longitude=longitude
    )
    Address.objects.create(
        location=location,
        address_1=f"1 {name} Street",
        city="Walsall",
        state_province="West Midlands",
        postal_code=postcode,
    )
    return ServiceAtLocation.objects.create(service=service, location=location)


def categorise(service: Service, *terms: TaxonomyTerm) -> None:
    for term in terms:
        Attribute.objects.create(link_type="service", link_id=service.pk, taxonomy_term=term)


@dataclass
class Api:
    client: object

    def get(self, name: str, params: dict | None = None, **kwargs):
        """GET an API URL by its name (`services`, `service-detail`, ...); checks the response."""
        response = self.client.get(reverse(f"oruk:{name}", kwargs=kwargs or None), params or {})
        assert_valid_response(response)
        return response


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def directory(db):
    """Four public services, four that must never appear, places at known distances from WS1 1AA."""
    for code, (latitude, longitude) in {"WS1 1AA": CENTRE, "WS9 0AB": north_of_centre(9000)}.items():
        Postcode.objects.create(postcode=code, latitude=latitude, longitude=longitude)

    carers_hub = Organization.objects.create(
        name="Westshire Carers Hub",
        description="A charity run by carers, for carers",
        email="hello@carershub.example.org",
        website="https://carershub.example.org",
    )
    age_friends = Organization.objects.create(name="Age Friends Westshire", description="")

    needs = Taxonomy.objects.create(name="Westshire needs", description="What people ask for help with", version="2")
    isolation = TaxonomyTerm.objects.create(
        taxonomy=needs,
        name="Isolation",
        description="Feeling cut off",
        code="ISO",
        term_uri="https://needs.example.org/iso",
    )
    befriending = TaxonomyTerm.objects.create(
        taxonomy=needs, parent=isolation, name="Befriending", description="Someone to talk to", code="BEF"
    )

    def service(name, organization, **fields):
        fields.setdefault("record_status", RecordStatus.PUBLISHED)
        return Service.objects.create(name=name, organization=organization, **fields)

    cafe = service(
        "Carers café",
        carers_hub,
        description="A weekly café where unpaid carers meet, have a break and get advice.",
        url="https://carershub.example.org/cafe",
        email="cafe@carershub.example.org",
        minimum_age=18,
        fees="Free",
        accreditations="Carers Trust network partner",
        assured_date=datetime.date(2025, 3, 1),
        assurer_email="editor@westshire.example.gov.uk",
        alert="Closed on bank holidays",
    )
    cafe_here = place(cafe, name="Hub", metres_north=200)
    Accessibility.objects.create(
        location=cafe_here.location, description="Step-free entrance", wheelchair_accessible=True
    )
    Schedule.objects.create(
        service=cafe, freq="WEEKLY", byday="MO,WE", opens_at=datetime.time(10), closes_at=datetime.time(12)
    )
    CostOption.objects.create(service=cafe, option="Free for carers", amount=Decimal("0.00"))
    contact = Contact.objects.create(
        service=cafe, name="Jo Bloggs", title="Cafe lead", email="jo@carershub.example.org"
    )
    Phone.objects.create(contact=contact, number="01922 000001")
    Phone.objects.create(service=cafe, number="01922 000002", description="Main line")
    Language.objects.create(service=cafe, name="English", code="en")
    Funding.objects.create(service=cafe, source="Westshire Council")
    ServiceArea.objects.create(service=cafe, name="Walsall", postcode_prefixes=" WS1 WS2 ")
    categorise(cafe, council_term("carers-support"))

    luncheon = service(
        "Luncheon club at St Mary's",
        age_friends,
        description="A hot two-course dinner and good company for older people.",
        minimum_age=60,
    )
    place(luncheon, name="St Mary's hall", metres_north=800)
    Schedule.objects.create(
        service=luncheon, freq="WEEKLY", byday="TU,TH", opens_at=datetime.time(12), closes_at=datetime.time(14)
    )
    CostOption.objects.create(service=luncheon, option="Per meal", amount=Decimal("4.50"))
    categorise(luncheon, council_term("meals-and-lunch-clubs"))

    youth = service(
        "Youth befriending scheme",
        age_friends,
        description="Befriending for young people who feel lonely.",
        minimum_age=11,
        maximum_age=18,
    )
    place(youth, name="Youth centre", metres_north=5000)
    Schedule.objects.create(
        service=youth, freq="WEEKLY", byday="SA", opens_at=datetime.time(9, 30), closes_at=datetime.time(16)
    )
    ServiceArea.objects.create(service=youth, name="North of the borough", postcode_prefixes=" WS9 ")
    categorise(youth, befriending, council_term("social-and-friendship"))

    advice_line = service(
        "Carers advice line",
        carers_hub,
        description="Telephone advice for carers about money, breaks and rights.",
        status=ServiceStatus.TEMPORARILY_CLOSED,
    )
    Schedule.objects.create(
        service=advice_line,
        freq="WEEKLY",
        byday="MO,TU,WE,TH,FR",
        opens_at=datetime.time(9),
        closes_at=datetime.time(17),
    )
    categorise(advice_line, council_term("carers-support"))

    hidden = {
        "draft": service("Carers support group", carers_hub, record_status=RecordStatus.DRAFT, minimum_age=18),
        "submitted": service("Carers walking group", carers_hub, record_status=RecordStatus.SUBMITTED),
        "archived": service("Old luncheon club", age_friends, record_status=RecordStatus.ARCHIVED),
        "defunct": service("Closed carers centre", carers_hub, status=ServiceStatus.DEFUNCT),
    }
    hidden_places = {}
    for key, hidden_service in hidden.items():
        hidden_places[key] = place(hidden_service, name=f"{key} place", metres_north=100)
        Schedule.objects.create(
            service=hidden_service, byday="MO,SA", opens_at=datetime.time(10), closes_at=datetime.time(12)
        )
        categorise(hidden_service, council_term("carers-support"), council_term("meals-and-lunch-clubs"), befriending)

    services_reindex(service_ids=Service.objects.values_list("id", flat=True))
    # `last_modified` is set on every save; an update() leaves the luncheon club last changed in 2024.
    Service.objects.filter(pk=luncheon.pk).update(last_modified=datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.UTC))

    return SimpleNamespace(
        cafe=cafe,
        cafe_here=cafe_here,
        luncheon=luncheon,
        youth=youth,
        advice_line=advice_line,
        hidden=hidden,
        hidden_places=hidden_places,
        carers_hub=carers_hub,
        age_friends=age_friends,
        needs=needs,
        isolation=isolation,
        befriending=befriending,
    )


def names(response) -> list[str]:
    """The names of the services in a page of /services or /service_at_locations, in order."""
    return [item.get("service", item)["name"] for item in response.json()["contents"]]
