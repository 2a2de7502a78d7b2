"""The number of SQL queries a list takes does not grow with the number of records on the page."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from firstperson.directory.choices import RecordStatus
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
)
from firstperson.directory.services import services_reindex
from firstperson.platform.geography.models import Postcode

from .conftest import CENTRE, council_term, north_of_centre
from .schemas import assert_valid_response

pytestmark = pytest.mark.django_db

MANY = 60


@pytest.fixture
def many_services(db):
    """60 published carers' services, each with two places and a bit of everything."""
    Postcode.objects.create(postcode="WS1 1AA", latitude=CENTRE[0], longitude=CENTRE[1])
    term = council_term("carers-support")
    services = []
    for n in range(MANY):
        organization = Organization.objects.create(name=f"Organisation {n:02}", description="Local charity")
        service = Service.objects.create(
            organization=organization,
            name=f"Carers group {n:02}",
            description="A group for carers",
            record_status=RecordStatus.PUBLISHED,
            minimum_age=18,
        )
        for k in range(2):
            latitude, longitude = north_of_centre(10 * n + k)
            location = Location.objects.create(name=f"Hall {n}-{k}", latitude=latitude, longitude=longitude)
            Address.objects.create(location=location, address_1="1 High Street", city="Walsall", postal_code="WS1 1AA")
            Accessibility.objects.create(location=location, description="Ramp")
            ServiceAtLocation.objects.create(service=service, location=location)
        Schedule.objects.create(service=service, byday="MO", opens_at=datetime.time(10), closes_at=datetime.time(12))
        CostOption.objects.create(service=service, option="Per visit", amount=Decimal("2.00"))
        contact = Contact.objects.create(service=service, name="Organiser")
        Phone.objects.create(contact=contact, number="01922 000000")
        Phone.objects.create(service=service, number="01922 000001")
        Language.objects.create(service=service, name="English")
        Funding.objects.create(service=service, source="Council")
        ServiceArea.objects.create(service=service, name="Everywhere")
        Attribute.objects.create(link_type="service", link_id=service.pk, taxonomy_term=term)
        services.append(service.pk)
    services_reindex(service_ids=services)


def queries_for(client, name, params) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"oruk:{name}"), params)
    assert response.status_code == 200
    return len(captured), assert_valid_response(response)


@pytest.mark.parametrize(
    ("name", "params", "most"),
    [
        # Lists of services and of places read the page's ids first, then those rows: one query
        # more than a single page query, however many rows (api/oruk/pagination.py).
        ("service-list", {}, 4),
        ("service-list", {"search": "carers group", "day": "MO", "minimum_age": "18"}, 4),
        ("service-list", {"full_service": "true"}, 17),
        ("service-list", {"full_service": "true", "search": "carers"}, 17),
        ("service-at-location-list", {}, 4),
        ("service-at-location-list", {"postcode": "WS1 1AA", "proximity": "5000", "search": "carers"}, 5),
        ("taxonomy-list", {}, 2),
        ("taxonomy-term-list", {}, 2),
    ],
)
def test_a_page_of_fifty_takes_as_many_queries_as_a_page_of_one(
    client, many_services, django_assert_num_queries, name, params, most
):
    one, body = queries_for(client, name, {**params, "per_page": "1"})
    assert body["size"] == 1
    assert one <= most
    with django_assert_num_queries(one):
        response = client.get(reverse(f"oruk:{name}"), {**params, "per_page": "50"})
    body = assert_valid_response(response)
    assert body["size"] == min(50, body["total_items"])
    if name.startswith("service"):
        assert body["size"] == 50


def test_a_service_in_full_takes_a_fixed_number_of_queries(client, many_services, django_assert_max_num_queries):
    service = Service.objects.first()
    with django_assert_max_num_queries(16):
        response = client.get(reverse("oruk:service-detail", kwargs={"oruk_id": str(service.pk)}))
    assert len(assert_valid_response(response)["service_at_locations"]) == 2
