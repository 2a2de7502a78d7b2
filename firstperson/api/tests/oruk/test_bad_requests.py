"""Bad query parameters: 400 with a body naming every bad parameter in plain English, and nothing
looked up. Ids that are not records: 404."""

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["service-list", "service-at-location-list"]


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "Invalid request"
    return {error["parameter"]: error["message"] for error in body["errors"]}


@pytest.mark.parametrize("name", LISTS + ["taxonomy-list", "taxonomy-term-list"])
@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"page": "0"}, "page", "page must be a whole number of 1 or more."),
        ({"page": "-1"}, "page", "page must be a whole number of 1 or more."),
        ({"page": "two"}, "page", "page must be a whole number of 1 or more."),
        ({"page": "1.5"}, "page", "page must be a whole number of 1 or more."),
        ({"per_page": "100000"}, "per_page", "per_page must be a whole number from 1 to 100."),
        ({"per_page": "101"}, "per_page", "per_page must be a whole number from 1 to 100."),
        ({"per_page": "0"}, "per_page", "per_page must be a whole number from 1 to 100."),
        ({"per_page": "ten"}, "per_page", "per_page must be a whole number from 1 to 100."),
    ],
)
def test_bad_paging(api, directory, name, params, parameter, message):
    assert errors_of(api.get(name, params)) == {parameter: message}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"taxonomy_term_id": "carers"}, "taxonomy_term_id", "taxonomy_term_id must be a UUID"),
        ({"taxonomy_id": "1234"}, "taxonomy_id", "taxonomy_id must be a UUID"),
        ({"organization_id": "3f7b145d-84af-42d7-8fae"}, "organization_id", "organization_id must be a UUID"),
        ({"day": "Funday"}, "day", "day must be a day of the week: MO, TU, WE, TH, FR, SA or SU"),
        ({"day": "M"}, "day", "day must be a day of the week"),
        ({"start_time": "25:00"}, "start_time", "start_time must be a time of day as HH:MM or HH:MM:SS"),
        ({"start_time": "10am"}, "start_time", "start_time must be a time of day"),
        ({"end_time": "12:60"}, "end_time", "end_time must be a time of day as HH:MM or HH:MM:SS"),
        ({"end_time": "9:00"}, "end_time", "end_time must be a time of day"),
        ({"modified_after": "yesterday"}, "modified_after", "modified_after must be an ISO 8601 date and time"),
        ({"modified_after": "2025-13-01"}, "modified_after", "modified_after must be an ISO 8601 date and time"),
        ({"minimum_age": "eighteen"}, "minimum_age", "minimum_age must be a whole number of years from 0 to 150"),
        ({"minimum_age": "-1"}, "minimum_age", "minimum_age must be a whole number of years"),
        ({"maximum_age": "18.5"}, "maximum_age", "maximum_age must be a whole number of years from 0 to 150"),
        ({"maximum_age": "99999999999999999999999"}, "maximum_age", "maximum_age must be a whole number of years"),
        ({"search": "carers " * 40}, "search", "search must be 200 characters or fewer"),
    ],
)
def test_bad_filters(api, directory, name, params, parameter, message):
    errors = errors_of(api.get(name, params))
    assert list(errors) == [parameter]
    assert errors[parameter].startswith(message)


def test_full_service_must_be_true_or_false(api, directory):
    assert errors_of(api.get("service-list", {"full_service": "maybe"})) == {
        "full_service": "full_service must be true or false."
    }


def test_proximity_without_a_postcode(api, directory):
    assert errors_of(api.get("service-at-location-list", {"proximity": "1000"})) == {
        "proximity": "proximity needs a postcode to measure from: add postcode as well."
    }


def test_an_unknown_postcode(api, directory):
    response = api.get("service-at-location-list", {"postcode": "WS1 9ZZ", "proximity": "1000"})
    assert errors_of(response) == {"postcode": "We could not find that postcode. Check it and try again."}


@pytest.mark.parametrize("postcode", ["NOT A POSTCODE", "12345", "WS1", "<script>"])
def test_a_malformed_postcode(api, directory, postcode):
    assert errors_of(api.get("service-at-location-list", {"postcode": postcode})) == {
        "postcode": "Enter a real postcode, like WS1 4FG."
    }


@pytest.mark.parametrize("proximity", ["0", "-5", "a mile", "inf", "nan", "1e400"])
def test_proximity_must_be_a_positive_number_of_metres(api, directory, proximity):
    assert errors_of(api.get("service-at-location-list", {"postcode": "WS1 1AA", "proximity": proximity})) == {
        "proximity": "proximity must be a distance in metres greater than 0, like 1000."
    }


def test_every_bad_parameter_is_named_at_once(api, directory):
    params = {
        "page": "0",
        "per_page": "100000",
        "taxonomy_id": "x",
        "day": "Someday",
        "start_time": "noon",
        "minimum_age": "old",
        "modified_after": "last week",
        "postcode": "WS1 9ZZ",
        "proximity": "near",
    }
    errors = errors_of(api.get("service-at-location-list", params))
    assert sorted(errors) == sorted(params)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"taxonomy_id": "x"}, "taxonomy_id"),
        ({"parent_id": "x"}, "parent_id"),
        ({"top_only": "perhaps"}, "top_only"),
    ],
)
def test_bad_taxonomy_term_filters(api, directory, params, parameter):
    assert list(errors_of(api.get("taxonomy-term-list", params))) == [parameter]


def test_a_bad_request_runs_no_search(api, directory, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert api.get("service-list", {"page": "0", "search": "carers"}).status_code == 400
