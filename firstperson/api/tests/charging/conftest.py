"""The charging API under test: the shipped 2025-26 parameters published through the service, and a
client whose every response is checked against the OpenAPI document this API publishes (its status
must be documented for the path, and its body must match the documented schema)."""

import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from firstperson.charging.services.parameters import load_default_parameters

OPENAPI_PATH = Path(__file__).resolve().parents[2] / "charging" / "openapi.json"
OPENAPI = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
BASE = "urn:firstperson-charging-openapi"
REGISTRY = Registry().with_resource(BASE, Resource(OPENAPI, specification=DRAFT202012))
CALCULATE = "/charging/calculate"


def _pointer(*parts: str) -> str:
    return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def validator_for(*pointer: str) -> Draft202012Validator:
    schema = {"$ref": BASE + "#" + _pointer(*pointer)}
    return Draft202012Validator(schema, registry=REGISTRY, format_checker=FormatChecker())


def assert_documented(response, path_key: str, method: str) -> None:
    """The status is documented for this path and method, and the body matches its schema."""
    responses = OPENAPI["paths"][path_key][method]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path_key} answered {status}, which is not documented"
    documented = responses[status]
    pointer = ("paths", path_key, method, "responses", status)
    if "$ref" in documented:
        name = documented["$ref"].rsplit("/", 1)[1]
        documented = OPENAPI["components"]["responses"][name]
        pointer = ("components", "responses", name)
    content_type = response["Content-Type"].split(";")[0]
    assert content_type in documented["content"], f"{content_type} is not documented for {status}"
    validator = validator_for(*pointer, "content", content_type, "schema")
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


class Api:
    """A client that is never signed in, enforces CSRF checks, and checks every response against
    the document."""

    def __init__(self):
        self.client = Client(enforce_csrf_checks=True)

    def calculate(self, body=None, *, raw: bytes | None = None):
        data = raw if raw is not None else json.dumps(body)
        response = self.client.post(reverse("api-charging:calculate"), data=data, content_type="application/json")
        assert_documented(response, CALCULATE, "post")
        return response


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def parameters(db):
    """The shipped 2025-26 figures, published (2025-04-01 to 2026-03-31; no 2026-27 set)."""
    return load_default_parameters()
