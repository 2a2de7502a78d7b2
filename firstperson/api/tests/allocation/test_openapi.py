"""GET /api/v1/openapi.json: the hand-written OpenAPI 3.1 document of the allocation API."""

import pytest
from django.urls import reverse

from .conftest import OPENAPI

pytestmark = pytest.mark.django_db


def test_the_document_is_served_with_this_server(client):
    response = client.get(reverse("api-v1:openapi"))
    assert response.status_code == 200
    body = response.json()
    assert body["openapi"] == "3.1.0"
    assert body["servers"] == [{"url": "http://testserver/api/v1"}]
    assert {key: value for key, value in body.items() if key != "servers"} == {
        key: value for key, value in OPENAPI.items() if key != "servers"
    }


def test_it_documents_every_endpoint_of_the_allocation_api():
    assert set(OPENAPI["paths"]) == {
        "/allocation/estimate",
        "/allocation/configurations/current",
        "/allocation/configurations/{id}",
    }
    assert set(OPENAPI["paths"]["/allocation/estimate"]) == {"post"}
    assert set(OPENAPI["paths"]["/allocation/estimate"]["post"]["responses"]) == {"200", "400", "405", "413"}
    for path in ("/allocation/configurations/current", "/allocation/configurations/{id}"):
        assert set(OPENAPI["paths"][path]) == {"get"}


def test_every_reference_in_the_document_resolves():
    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(OPENAPI):
        assert ref.startswith("#/")
        target = OPENAPI
        for part in ref[2:].split("/"):
            target = target[part]
        assert target, ref
