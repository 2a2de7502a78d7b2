"""GET /api/v1/charging/openapi.json: the hand-written OpenAPI 3.1 document of the charging API,
whose lists of codes are the ones the API accepts."""

import pytest
from django.urls import reverse

from firstperson.api.charging import params
from firstperson.charging.rules import charging as rules

from .conftest import OPENAPI, assert_documented

pytestmark = pytest.mark.django_db


def test_the_document_is_served_with_this_server(client):
    response = client.get(reverse("api-charging:openapi"))
    assert response.status_code == 200
    assert_documented(response, "/charging/openapi.json", "get")
    body = response.json()
    assert body["openapi"] == "3.1.0"
    assert body["servers"] == [{"url": "http://testserver/api/v1"}]
    assert {key: value for key, value in body.items() if key != "servers"} == {
        key: value for key, value in OPENAPI.items() if key != "servers"
    }


def test_it_documents_every_endpoint_of_the_charging_api():
    assert set(OPENAPI["paths"]) == {"/charging/calculate", "/charging/openapi.json"}
    assert set(OPENAPI["paths"]["/charging/calculate"]["post"]["responses"]) == {"200", "400", "405", "413"}


def test_its_codes_are_the_ones_the_api_accepts():
    schemas = OPENAPI["components"]["schemas"]
    assert schemas["IncomeCode"]["enum"] == list(params.INCOME_CODES)
    assert len(params.INCOME_CODES) == 29
    assert schemas["Period"]["enum"] == list(params.PERIODS)
    assert schemas["CapitalType"]["enum"] == list(params.CAPITAL_TYPES)
    assert schemas["Service"]["enum"] == list(params.SERVICES)
    assert schemas["Household"]["enum"] == list(params.HOUSEHOLDS)
    assert set(schemas["Policy"]["properties"]) == set(params.POLICY_FIELDS)
    assert set(schemas["Person"]["properties"]) == set(params.PERSON_FIELDS)
    assert set(schemas["CalculateRequest"]["properties"]) == set(params.TOP_FIELDS)
    assert schemas["Calculation"]["properties"]["outcome"]["enum"] == [outcome.value for outcome in rules.Outcome]


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

    found = list(refs(OPENAPI))
    assert found
    for ref in found:
        assert ref.startswith("#/")
        target = OPENAPI
        for part in ref[2:].split("/"):
            target = target[part]
        assert target, ref
