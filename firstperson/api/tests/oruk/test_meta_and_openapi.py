"""GET / (what this API is) and the OpenAPI document it points to."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

import firstperson.api.oruk.views as oruk_views

from .schemas import assert_valid_response, standards_dir

pytestmark = pytest.mark.django_db


def test_the_meta_endpoint_names_the_profile_and_the_openapi_document(api):
    assert api.get("meta").json() == {
        "version": "HSDS-UK-3.0",
        "profile": "https://github.com/openreferral/uk-profile",
        "openapi_url": "http://testserver/api/oruk/openapi.json",
    }


def test_the_openapi_url_serves_the_profile_document_for_this_server(api, client):
    openapi_url = api.get("meta").json()["openapi_url"]
    response = client.get(openapi_url.removeprefix("http://testserver"))
    assert response.resolver_match.url_name == "openapi"
    document = api.get("openapi").json()
    assert response.json() == document
    assert document["servers"] == [{"url": "http://testserver/api/oruk"}]
    assert document["info"]["title"] == "Open Referral UK Profile"
    assert set(document["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    }


def test_the_openapi_document_names_the_extra_parameters_this_api_takes(api):
    document = api.get("openapi").json()
    services = [
        parameter["$ref"].rsplit("/", 1)[-1] for parameter in document["paths"]["/services"]["get"]["parameters"]
    ]
    assert {"search", "page", "per_page", "day", "organization_id", "modified_after", "full_service"} <= set(services)
    located = [
        parameter["$ref"].rsplit("/", 1)[-1]
        for parameter in document["paths"]["/service_at_locations"]["get"]["parameters"]
    ]
    assert {"postcode", "proximity", "organization_id", "modified_after"} <= set(located)
    assert set(services + located) <= set(document["components"]["parameters"])


def test_every_path_in_the_document_is_served(api):
    document = api.get("openapi").json()
    base = reverse("oruk:meta").rstrip("/")
    for path in document["paths"]:
        response = api.client.get(base + path.replace("{id}", "00000000-0000-4000-8000-000000000000"))
        assert response.status_code in {200, 404}, path
        assert_valid_response(response)


def test_the_copy_in_the_repository_is_the_shared_standard():
    """The service serves its own copy, so that it does not depend on files outside the repository."""
    shared = json.loads((standards_dir() / "schema" / "openapi.json").read_text(encoding="utf-8"))
    assert json.loads(Path(oruk_views.OPENAPI_FILE).read_text(encoding="utf-8")) == shared
