"""GET /services and /services/{id}: only published services, every filter, paging, full nesting."""

import uuid

import pytest

from .conftest import council_term, names

pytestmark = pytest.mark.django_db

PUBLIC_BY_NAME = ["Carers advice line", "Carers café", "Luncheon club at St Mary's", "Youth befriending scheme"]


def test_lists_the_published_services_by_name_and_nothing_else(api, directory):
    body = api.get("service-list").json()
    assert [item["name"] for item in body["contents"]] == PUBLIC_BY_NAME
    assert body["total_items"] == 4
    hidden_ids = {str(service.pk) for service in directory.hidden.values()}
    assert hidden_ids.isdisjoint(item["id"] for item in body["contents"])


def test_a_list_item_has_the_one_to_one_fields_and_the_organisation(api, directory):
    body = api.get("service-list", {"search": "café"}).json()
    (cafe,) = body["contents"]
    assert cafe["id"] == str(directory.cafe.pk)
    assert cafe["status"] == "active"
    assert cafe["minimum_age"] == 18
    assert cafe["organization_id"] == str(directory.carers_hub.pk)
    assert cafe["organization"] == {
        "id": str(directory.carers_hub.pk),
        "name": "Westshire Carers Hub",
        "description": "A charity run by carers, for carers",
        "email": "hello@carershub.example.org",
        "website": "https://carershub.example.org",
    }
    assert "schedules" not in cafe and "maximum_age" not in cafe


def test_an_organisation_with_no_description_still_sends_it_empty(api, directory):
    body = api.get("service-list", {"organization_id": str(directory.age_friends.pk)}).json()
    assert {item["organization"]["description"] for item in body["contents"]} == {""}


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("carers", ["Carers advice line", "Carers café"]),
        ("caring", ["Carers advice line", "Carers café"]),  # a synonym
        ("CARER", ["Carers advice line", "Carers café"]),  # another word form
        ("lunch club", ["Luncheon club at St Mary's"]),  # "lunch" and "luncheon" are synonyms
        ("befriending lonely", ["Youth befriending scheme"]),
        ("carers lunch", []),  # every word must match
        ("'; DROP TABLE directory_service; --", []),
        (".*(carers)+[", ["Carers advice line", "Carers café"]),  # regular expression characters are just text
        ("100%_carers", []),
    ],
)
def test_search_by_words(api, directory, search, expected):
    assert sorted(names(api.get("service-list", {"search": search}))) == expected


def test_the_best_match_comes_first(api, directory):
    # "café" is in the café's name (weighted high) and not in the advice line at all.
    assert names(api.get("service-list", {"search": "carers café"})) == ["Carers café"]
    assert names(api.get("service-list", {"search": "advice carers"}))[0] == "Carers advice line"


def test_filter_by_taxonomy_term(api, directory):
    term = council_term("carers-support")
    assert names(api.get("service-list", {"taxonomy_term_id": str(term.pk)})) == ["Carers advice line", "Carers café"]
    assert names(api.get("service-list", {"taxonomy_term_id": str(uuid.uuid4())})) == []


def test_filter_by_taxonomy(api, directory):
    assert names(api.get("service-list", {"taxonomy_id": str(directory.needs.pk)})) == ["Youth befriending scheme"]


def test_filter_by_organisation(api, directory):
    response = api.get("service-list", {"organization_id": str(directory.carers_hub.pk)})
    assert names(response) == ["Carers advice line", "Carers café"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"minimum_age": "18"}, ["Carers café", "Luncheon club at St Mary's"]),
        ({"minimum_age": "0"}, ["Carers café", "Luncheon club at St Mary's", "Youth befriending scheme"]),
        ({"maximum_age": "18"}, ["Youth befriending scheme"]),
        ({"maximum_age": "17"}, []),
        ({"minimum_age": "11", "maximum_age": "18"}, ["Youth befriending scheme"]),
    ],
)
def test_filter_by_age(api, directory, params, expected):
    assert names(api.get("service-list", params)) == expected


@pytest.mark.parametrize("day", ["MO", "mo", "Monday", "MONDAY", "monday"])
def test_filter_by_day_as_a_code_or_a_name(api, directory, day):
    assert names(api.get("service-list", {"day": day})) == ["Carers advice line", "Carers café"]


def test_filter_by_other_days(api, directory):
    assert names(api.get("service-list", {"day": "SA"})) == ["Youth befriending scheme"]
    assert names(api.get("service-list", {"day": "thursday"})) == ["Carers advice line", "Luncheon club at St Mary's"]
    assert names(api.get("service-list", {"day": "SU"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start_time": "10:00"}, ["Carers café", "Luncheon club at St Mary's"]),
        ({"start_time": "09:30:00"}, ["Carers café", "Luncheon club at St Mary's", "Youth befriending scheme"]),
        ({"end_time": "14:00"}, ["Carers café", "Luncheon club at St Mary's"]),
        ({"end_time": "12:00"}, ["Carers café"]),
        ({"start_time": "09:00", "end_time": "17:00", "day": "FR"}, ["Carers advice line"]),
        ({"start_time": "11:00", "day": "MO"}, []),
    ],
)
def test_filter_by_opening_times(api, directory, params, expected):
    assert names(api.get("service-list", params)) == expected


@pytest.mark.parametrize(
    "modified_after",
    ["2025-01-01T00:00:00Z", "2025-01-01", "2025-01-01T01:00:00+01:00", "2025-01-01T01:00:00 01:00"],
)
def test_filter_by_modified_after(api, directory, modified_after):
    assert "Luncheon club at St Mary's" not in names(api.get("service-list", {"modified_after": modified_after}))
    assert len(names(api.get("service-list", {"modified_after": modified_after}))) == 3


def test_modified_after_includes_a_change_at_that_moment(api, directory):
    response = api.get("service-list", {"modified_after": "2024-06-01T12:00:00+00:00"})
    assert "Luncheon club at St Mary's" in names(response)
    assert "Luncheon club at St Mary's" not in names(
        api.get("service-list", {"modified_after": "2024-06-01T12:00:01Z"})
    )


def test_filters_combine(api, directory):
    params = {
        "search": "carers",
        "day": "MO",
        "minimum_age": "18",
        "taxonomy_term_id": str(council_term("carers-support").pk),
    }
    assert names(api.get("service-list", params)) == ["Carers café"]


def test_unknown_parameters_are_ignored(api, directory):
    response = api.get("service-list", {"colour": "blue", "format": "json", "postcode": "not one", "proximity": "-1"})
    assert names(response) == PUBLIC_BY_NAME


def test_empty_values_filter_nothing(api, directory):
    params = {"search": "", "page": "", "per_page": "", "day": "", "taxonomy_id": "", "minimum_age": ""}
    assert names(api.get("service-list", params)) == PUBLIC_BY_NAME


def test_full_service_gives_fully_nested_services(api, directory):
    body = api.get("service-list", {"full_service": "true", "search": "carers"}).json()
    by_name = {item["name"]: item for item in body["contents"]}
    cafe = by_name["Carers café"]
    assert [schedule["byday"] for schedule in cafe["schedules"]] == ["MO,WE"]
    assert cafe["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "WS1 1AA"
    assert cafe["cost_options"][0]["amount"] == 0
    assert cafe["contacts"][0]["phones"][0]["number"] == "01922 000001"
    assert cafe["attributes"][0]["taxonomy_term"]["name"] == "Support for carers"
    assert cafe["organization"]["name"] == "Westshire Carers Hub"
    assert by_name["Carers advice line"]["status"] == "temporarily closed"
    assert "service_at_locations" not in by_name["Carers advice line"]


@pytest.mark.parametrize("value", ["false", "0", "FALSE"])
def test_full_service_false_gives_list_items(api, directory, value):
    body = api.get("service-list", {"full_service": value}).json()
    assert all("schedules" not in item for item in body["contents"])


def test_pages_of_services(api, directory):
    first = api.get("service-list", {"per_page": "3"}).json()
    assert {key: value for key, value in first.items() if key != "contents"} == {
        "total_items": 4,
        "total_pages": 2,
        "page_number": 1,
        "size": 3,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    second = api.get("service-list", {"per_page": "3", "page": "2"}).json()
    assert {key: value for key, value in second.items() if key != "contents"} == {
        "total_items": 4,
        "total_pages": 2,
        "page_number": 2,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }
    assert [item["name"] for item in first["contents"] + second["contents"]] == PUBLIC_BY_NAME


def test_a_page_past_the_end_is_empty(api, directory):
    body = api.get("service-list", {"per_page": "3", "page": "99"}).json()
    assert body["contents"] == [] and body["empty"] is True and body["size"] == 0
    assert body["total_items"] == 4 and body["last_page"] is True and body["first_page"] is False


def test_the_default_page_is_the_first_fifty(api, directory):
    body = api.get("service-list").json()
    assert body["page_number"] == 1 and body["total_pages"] == 1 and body["size"] == 4


def test_no_results_is_an_empty_first_page(api, directory):
    body = api.get("service-list", {"search": "trampolining"}).json()
    assert body == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_a_published_service_in_full(api, directory):
    body = api.get("service-detail", oruk_id=str(directory.cafe.pk)).json()
    assert body["id"] == str(directory.cafe.pk)
    assert body["name"] == "Carers café"
    assert body["url"] == "https://carershub.example.org/cafe"
    assert body["assured_date"] == "2025-03-01"
    assert body["alert"] == "Closed on bank holidays"
    assert body["organization"]["id"] == str(directory.carers_hub.pk)
    assert body["schedules"][0]["opens_at"] == "10:00"
    assert body["service_areas"][0]["name"] == "Walsall"
    sal = body["service_at_locations"][0]
    assert sal["id"] == str(directory.cafe_here.pk)
    assert sal["location"]["accessibility"][0]["description"] == "Step-free entrance"
    assert body["languages"] == [
        {"id": body["languages"][0]["id"], "service_id": str(directory.cafe.pk), "name": "English", "code": "en"}
    ]
    assert body["funding"][0]["source"] == "Westshire Council"
    assert body["contacts"][0]["name"] == "Jo Bloggs"
    (attribute,) = body["attributes"]
    assert attribute["link_id"] == str(directory.cafe.pk)
    assert attribute["taxonomy_term"]["taxonomy_id"] == "5d0f3c0e-6a1b-4c55-9c0e-2f3b5a7c9d01"


def test_a_service_with_little_detail_leaves_out_what_it_does_not_have(api, directory):
    body = api.get("service-detail", oruk_id=str(directory.advice_line.pk)).json()
    for absent in (
        "service_at_locations",
        "cost_options",
        "contacts",
        "languages",
        "funding",
        "url",
        "email",
        "minimum_age",
    ):
        assert absent not in body


@pytest.mark.parametrize("key", ["draft", "submitted", "archived", "defunct"])
def test_a_service_that_is_not_public_is_not_found(api, directory, key):
    response = api.get("service-detail", oruk_id=str(directory.hidden[key].pk))
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "title": "Not found",
        "detail": "There is no published service with that id.",
    }


@pytest.mark.parametrize("oruk_id", ["6fc01c0e-63d7-41f9-af9f-3639b22202c7", "not-a-uuid", "1", "%27%3B--"])
def test_an_unknown_service_id_is_not_found(api, directory, oruk_id):
    assert api.get("service-detail", oruk_id=oruk_id).status_code == 404


def test_pages_of_a_search_keep_the_order_and_the_total(api, directory):
    # Best match first: the total comes with the page's ids (api/oruk/pagination.py), so check it
    # page by page against the whole list.
    whole = api.get("service-list", {"search": "carers"}).json()
    assert whole["total_items"] == 2
    pages = [api.get("service-list", {"search": "carers", "per_page": "1", "page": str(n)}).json() for n in (1, 2)]
    assert [page["contents"][0]["name"] for page in pages] == [item["name"] for item in whole["contents"]]
    assert [(page["total_items"], page["total_pages"], page["last_page"]) for page in pages] == [
        (2, 2, False),
        (2, 2, True),
    ]


def test_a_page_past_the_end_of_a_search_still_counts_the_matches(api, directory):
    body = api.get("service-list", {"search": "carers", "per_page": "1", "page": "5"}).json()
    assert (body["total_items"], body["total_pages"], body["size"], body["empty"]) == (2, 2, 0, True)
    full = api.get("service-list", {"search": "carers", "per_page": "1", "page": "5", "full_service": "true"}).json()
    assert (full["total_items"], full["size"]) == (2, 0)
