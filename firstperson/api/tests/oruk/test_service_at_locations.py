"""GET /service_at_locations and /service_at_locations/{id}: the services' filters plus postcode and
proximity, nearest first."""

import pytest

from firstperson.directory.models import ServiceArea

from .conftest import council_term, names

pytestmark = pytest.mark.django_db


def test_lists_where_published_services_are_and_nothing_else(api, directory):
    body = api.get("service-at-location-list").json()
    assert names(api.get("service-at-location-list")) == [
        "Carers café",
        "Luncheon club at St Mary's",
        "Youth befriending scheme",
    ]
    assert body["total_items"] == 3
    hidden = {str(place.pk) for place in directory.hidden_places.values()}
    assert hidden.isdisjoint(item["id"] for item in body["contents"])


def test_an_item_names_the_service_and_the_location(api, directory):
    body = api.get("service-at-location-list", {"search": "café"}).json()
    (item,) = body["contents"]
    place = directory.cafe_here
    assert item["id"] == str(place.pk)
    assert item["service_id"] == str(directory.cafe.pk)
    assert item["location_id"] == str(place.location_id)
    assert item["location"]["name"] == "Hub"
    assert item["location"]["latitude"] == pytest.approx(52.5860 + 200 / 111_320)
    assert item["service"]["name"] == "Carers café"
    assert item["service"]["organization"]["name"] == "Westshire Carers Hub"
    assert "addresses" not in item["location"]


def test_near_a_postcode_within_a_distance_nearest_first(api, directory):
    response = api.get("service-at-location-list", {"postcode": "WS1 1AA", "proximity": "1000"})
    assert names(response) == ["Carers café", "Luncheon club at St Mary's"]  # 200 m, then 800 m


def test_the_distance_cuts_off_places_further_away(api, directory):
    assert names(api.get("service-at-location-list", {"postcode": "WS1 1AA", "proximity": "500"})) == ["Carers café"]
    assert names(api.get("service-at-location-list", {"postcode": "WS1 1AA", "proximity": "150.5"})) == []


def test_a_postcode_is_read_however_it_is_written(api, directory):
    response = api.get("service-at-location-list", {"postcode": " ws11aa ", "proximity": "1000"})
    assert names(response) == ["Carers café", "Luncheon club at St Mary's"]


def test_a_postcode_alone_puts_the_nearest_first_among_services_that_cover_it(api, directory):
    # The youth scheme only covers WS9, so it is left out for WS1 1AA; with no area, a service covers
    # the whole council.
    assert names(api.get("service-at-location-list", {"postcode": "WS1 1AA"})) == [
        "Carers café",
        "Luncheon club at St Mary's",
    ]
    assert names(api.get("service-at-location-list", {"postcode": "WS9 0AB"})) == [
        "Youth befriending scheme",  # 4 km away
        "Luncheon club at St Mary's",  # 8.2 km
    ]


def test_a_service_covering_the_postcode_twice_is_listed_once(api, directory):
    ServiceArea.objects.create(service=directory.cafe, name="All of WS", postcode_prefixes=" WS ")
    body = api.get("service-at-location-list", {"postcode": "WS1 1AA", "proximity": "1000"}).json()
    assert [item["service"]["name"] for item in body["contents"]] == ["Carers café", "Luncheon club at St Mary's"]
    assert body["total_items"] == 2


def test_postcode_and_proximity_combine_with_the_other_filters(api, directory):
    params = {"postcode": "WS1 1AA", "proximity": "1000", "search": "lunch", "day": "TU", "minimum_age": "60"}
    assert names(api.get("service-at-location-list", params)) == ["Luncheon club at St Mary's"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"search": "befriending"}, ["Youth befriending scheme"]),
        ({"taxonomy_id": "needs"}, ["Youth befriending scheme"]),
        ({"taxonomy_term_id": "carers"}, ["Carers café"]),
        ({"organization_id": "age_friends"}, ["Luncheon club at St Mary's", "Youth befriending scheme"]),
        ({"minimum_age": "18"}, ["Carers café", "Luncheon club at St Mary's"]),
        ({"maximum_age": "18"}, ["Youth befriending scheme"]),
        ({"day": "Saturday"}, ["Youth befriending scheme"]),
        ({"start_time": "12:00"}, ["Luncheon club at St Mary's"]),
        ({"end_time": "12:00:00"}, ["Carers café"]),
        ({"modified_after": "2025-01-01T00:00:00Z"}, ["Carers café", "Youth befriending scheme"]),
        ({"full_service": "true"}, ["Carers café", "Luncheon club at St Mary's", "Youth befriending scheme"]),
    ],
)
def test_the_service_filters(api, directory, params, expected):
    ids = {
        "needs": directory.needs.pk,
        "carers": council_term("carers-support").pk,
        "age_friends": directory.age_friends.pk,
    }
    params = {key: str(ids.get(value, value)) for key, value in params.items()}
    assert names(api.get("service-at-location-list", params)) == expected


def test_pages_of_services_at_locations(api, directory):
    second = api.get("service-at-location-list", {"per_page": "2", "page": "2"}).json()
    assert [item["service"]["name"] for item in second["contents"]] == ["Youth befriending scheme"]
    assert (second["total_items"], second["total_pages"], second["page_number"], second["size"]) == (3, 2, 2, 1)
    assert (second["first_page"], second["last_page"], second["empty"]) == (False, True, False)


def test_one_service_at_a_location_in_full(api, directory):
    body = api.get("service-at-location-detail", oruk_id=str(directory.cafe_here.pk)).json()
    assert body["id"] == str(directory.cafe_here.pk)
    assert body["service_id"] == str(directory.cafe.pk)
    assert body["location"]["addresses"][0]["address_1"] == "1 Hub Street"
    assert body["location"]["accessibility"][0]["description"] == "Step-free entrance"
    service = body["service"]
    assert service["name"] == "Carers café"
    assert service["schedules"][0]["byday"] == "MO,WE"
    assert service["cost_options"][0]["option"] == "Free for carers"
    assert service["attributes"][0]["taxonomy_term"]["name"] == "Support for carers"
    assert service["organization"]["name"] == "Westshire Carers Hub"
    assert "service_at_locations" not in service


@pytest.mark.parametrize("key", ["draft", "submitted", "archived", "defunct"])
def test_a_place_of_a_service_that_is_not_public_is_not_found(api, directory, key):
    assert api.get("service-at-location-detail", oruk_id=str(directory.hidden_places[key].pk)).status_code == 404


@pytest.mark.parametrize("oruk_id", ["6fc01c0e-63d7-41f9-af9f-3639b22202c7", "nope"])
def test_an_unknown_service_at_location_is_not_found(api, directory, oruk_id):
    response = api.get("service-at-location-detail", oruk_id=oruk_id)
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no published service at location with that id."


def test_pages_of_places_near_a_postcode_keep_the_order_and_the_total(api, directory):
    whole = api.get("service-at-location-list", {"postcode": "WS1 1AA"}).json()
    size = whole["total_items"]
    assert size >= 2
    pages = [
        api.get("service-at-location-list", {"postcode": "WS1 1AA", "per_page": "1", "page": str(n)}).json()
        for n in range(1, size + 1)
    ]
    assert [page["contents"][0]["id"] for page in pages] == [item["id"] for item in whole["contents"]]
    assert {page["total_items"] for page in pages} == {size}
    past = api.get("service-at-location-list", {"postcode": "WS1 1AA", "per_page": "1", "page": str(size + 1)})
    assert (past.json()["total_items"], past.json()["empty"]) == (size, True)
