"""Reading query parameters into the directory's ServiceQuery and a page request."""

import datetime
import uuid

import pytest
from django.http import QueryDict

from firstperson.api.oruk.params import (
    DEFAULT_PER_PAGE,
    InvalidParameters,
    PageRequest,
    ParameterError,
    page_request,
    record_id,
    service_list_request,
    taxonomy_term_list_request,
)
from firstperson.directory.selectors import Point, ServiceQuery
from firstperson.platform.geography.models import Postcode


def read(query: str, *, near_postcode: bool = False):
    return service_list_request(QueryDict(query), near_postcode=near_postcode)


def problems(query: str, *, near_postcode: bool = False) -> list[ParameterError]:
    with pytest.raises(InvalidParameters) as raised:
        read(query, near_postcode=near_postcode)
    return raised.value.errors


def test_nothing_given_means_no_filter_and_the_first_page_of_fifty():
    wanted = read("")
    assert wanted.query == ServiceQuery()
    assert wanted.page == PageRequest(number=1, size=DEFAULT_PER_PAGE) == PageRequest(1, 50)
    assert wanted.full_service is False


def test_every_filter_is_read():
    term, taxonomy, organization = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    wanted = read(
        f"search=+lunch+club+&page=3&per_page=100&taxonomy_term_id={term}&taxonomy_id={taxonomy}"
        f"&organization_id={organization}&minimum_age=18&maximum_age=65&day=tuesday&start_time=09:30"
        "&end_time=17:00:30&modified_after=2025-02-03T04:05:06Z&full_service=TRUE"
    )
    assert wanted.query == ServiceQuery(
        search="lunch club",
        taxonomy_term_id=term,
        taxonomy_id=taxonomy,
        organization_id=organization,
        minimum_age=18,
        maximum_age=65,
        day="TU",
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0, 30),
        modified_after=datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
    )
    assert wanted.page == PageRequest(3, 100)
    assert wanted.full_service is True


@pytest.mark.parametrize(
    ("day", "code"),
    [
        ("MO", "MO"),
        ("tu", "TU"),
        ("Wednesday", "WE"),
        ("THURSDAY", "TH"),
        ("friday", "FR"),
        ("Sa", "SA"),
        (" sunday ", "SU"),
    ],
)
def test_days_as_codes_or_names(day, code):
    assert read(f"day={day}").query.day == code


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-03T04:05:06Z", datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)),
        ("2025-02-03T04:05:06", datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)),  # no offset: UTC
        ("2025-02-03", datetime.datetime(2025, 2, 3, tzinfo=datetime.UTC)),
        ("2025-02-03T05:05:06%2B01:00", datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)),
        ("2025-02-03T05:05:06+01:00", datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)),  # + unencoded
        ("2025-02-03T04:05:06.250-00:00", datetime.datetime(2025, 2, 3, 4, 5, 6, 250000, tzinfo=datetime.UTC)),
    ],
)
def test_modified_after_as_iso_8601(value, expected):
    assert read(f"modified_after={value}").query.modified_after == expected


def test_empty_values_count_as_not_given():
    assert read("search=&page=&per_page=&day=&start_time=&minimum_age=&taxonomy_id=&full_service=") == read("")


def test_every_problem_is_reported_in_the_order_read():
    assert [error.parameter for error in problems("page=0&per_page=0&taxonomy_id=x&day=x&start_time=x")] == [
        "page",
        "per_page",
        "taxonomy_id",
        "day",
        "start_time",
    ]


def test_full_service_is_not_a_parameter_of_services_at_locations():
    assert read("full_service=maybe", near_postcode=True).full_service is False


def test_postcode_and_proximity_are_only_read_for_services_at_locations():
    assert read("postcode=nonsense&proximity=-1").query == ServiceQuery()


def test_proximity_needs_a_postcode():
    assert problems("proximity=100", near_postcode=True) == [
        ParameterError("proximity", "proximity needs a postcode to measure from: add postcode as well")
    ]


def test_a_bad_proximity_is_reported_once_even_without_a_postcode():
    assert [error.parameter for error in problems("proximity=far", near_postcode=True)] == ["proximity"]


@pytest.mark.django_db
def test_a_postcode_becomes_a_point_to_measure_from():
    Postcode.objects.create(postcode="WS1 1AA", latitude=52.586, longitude=-1.982)
    query = read("postcode=ws11aa&proximity=1609.3", near_postcode=True).query
    assert query.near == Point(52.586, -1.982)
    assert query.postcode == "ws11aa"
    assert query.proximity_metres == pytest.approx(1609.3)
    assert read("postcode=WS1+1AA", near_postcode=True).query.proximity_metres is None


@pytest.mark.django_db
def test_a_postcode_not_in_the_directory():
    assert problems("postcode=WS1+9ZZ", near_postcode=True) == [
        ParameterError("postcode", "We could not find that postcode. Check it and try again")
    ]


def test_a_page_request_alone():
    assert page_request(QueryDict("page=2&per_page=7")) == PageRequest(2, 7)
    with pytest.raises(InvalidParameters):
        page_request(QueryDict("per_page=101"))


def test_taxonomy_term_filters():
    taxonomy, parent = uuid.uuid4(), uuid.uuid4()
    wanted = taxonomy_term_list_request(QueryDict(f"taxonomy_id={taxonomy}&parent_id={parent}&top_only=1&page=2"))
    assert (wanted.taxonomy_id, wanted.parent_id, wanted.top_only, wanted.page) == (
        taxonomy,
        parent,
        True,
        PageRequest(2, 50),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3f7b145d-84af-42d7-8fae-eaca714b02b2", uuid.UUID("3f7b145d-84af-42d7-8fae-eaca714b02b2")),
        ("3F7B145D84AF42D78FAEEACA714B02B2", uuid.UUID("3f7b145d-84af-42d7-8fae-eaca714b02b2")),
        ("3f7b145d-84af-42d7-8fae", None),
        ("", None),
        ("'; --", None),
    ],
)
def test_record_ids(value, expected):
    assert record_id(value) == expected
