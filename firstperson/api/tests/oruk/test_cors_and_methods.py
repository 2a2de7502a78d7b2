"""Any web page may read the API: `Access-Control-Allow-Origin: *` on every response, errors too."""

import uuid

import pytest
from django.urls import reverse

from firstperson.platform.accounts.roles import Role
from tests.architecture.test_every_url_has_an_access_policy import all_url_patterns

from .schemas import assert_valid_response

pytestmark = pytest.mark.django_db

UNKNOWN = str(uuid.uuid4())
REQUESTS = [
    ("meta", {}, {}, 200),
    ("openapi", {}, {}, 200),
    ("service-list", {}, {}, 200),
    ("service-list", {}, {"page": "0"}, 400),
    ("service-detail", {"oruk_id": "cafe"}, {}, 200),
    ("service-detail", {"oruk_id": UNKNOWN}, {}, 404),
    ("service-detail", {"oruk_id": "not-an-id"}, {}, 404),
    ("service-at-location-list", {}, {"postcode": "WS1 1AA", "proximity": "900"}, 200),
    ("service-at-location-list", {}, {"proximity": "900"}, 400),
    ("service-at-location-detail", {"oruk_id": "cafe_here"}, {}, 200),
    ("service-at-location-detail", {"oruk_id": UNKNOWN}, {}, 404),
    ("taxonomy-list", {}, {}, 200),
    ("taxonomy-list", {}, {"per_page": "0"}, 400),
    ("taxonomy-detail", {"oruk_id": "needs"}, {}, 200),
    ("taxonomy-detail", {"oruk_id": UNKNOWN}, {}, 404),
    ("taxonomy-term-list", {}, {}, 200),
    ("taxonomy-term-list", {}, {"taxonomy_id": "x"}, 400),
    ("taxonomy-term-detail", {"oruk_id": "isolation"}, {}, 200),
    ("taxonomy-term-detail", {"oruk_id": UNKNOWN}, {}, 404),
]


@pytest.mark.parametrize(("name", "kwargs", "params", "status"), REQUESTS)
def test_every_endpoint_allows_any_origin(api, directory, name, kwargs, params, status):
    kwargs = {
        key: str(getattr(directory, value).pk) if hasattr(directory, value) else value for key, value in kwargs.items()
    }
    response = api.get(name, params, **kwargs)
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"


def test_every_api_url_is_covered_above():
    oruk_names = {name.removeprefix("oruk:") for name, _ in all_url_patterns() if name.startswith("oruk:")}
    assert oruk_names == {name for name, *_ in REQUESTS}


def test_the_api_is_read_only(client, directory):
    for method in (client.post, client.put, client.delete, client.patch):
        response = method(reverse("oruk:service-list"))
        assert response.status_code == 405
        assert assert_valid_response(response)["detail"] == "This API only answers GET requests."
        assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert "POST" not in client.options(reverse("oruk:service-list"))["Allow"]


def test_a_head_request_gets_the_headers(client, directory):
    response = client.head(reverse("oruk:service-list"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_signed_in_people_get_the_same_public_answer(api, directory, make_user, sign_in_client):
    anonymous = api.get("service-list").json()
    api.client = sign_in_client(make_user(Role.DIRECTORY_EDITOR))
    assert api.get("service-list").json() == anonymous
