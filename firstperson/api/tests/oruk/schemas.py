"""Test support: checks an ORUK API response against the Open Referral UK schemas.

The schemas are the shared standards' own files (`../shared/standards/oruk/` beside the repository).
The OpenAPI document's response schemas are used as they are: their `$ref`s to the profile's
published schema URLs are served from the local copies, so a list is checked against the `Page`
envelope and each item against the compiled schema the document names.
"""

import datetime
import functools
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

PUBLISHED_SCHEMA_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI_URL = PUBLISHED_SCHEMA_URL + "openapi.json"
ENVELOPE_KEYS = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]

# The HSDS 3 / ORUK 3 envelope (REFERENCE.md §7.3): the document's `Page` lists these keys but does
# not require them; the API must send every one.
ENVELOPE = {"type": "object", "required": ENVELOPE_KEYS, "properties": {"contents": {"type": "array"}}}

PROBLEM = {
    "type": "object",
    "required": ["status", "title"],
    "properties": {
        "status": {"type": "integer"},
        "title": {"type": "string", "minLength": 1},
        "detail": {"type": "string", "minLength": 1},
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["parameter", "message"],
                "additionalProperties": False,
                "properties": {"parameter": {"type": "string"}, "message": {"type": "string", "minLength": 10}},
            },
        },
    },
}

OPENAPI_DOCUMENT = {
    "type": "object",
    "required": ["openapi", "info", "paths", "components", "servers"],
    "properties": {
        "servers": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "required": ["url"], "properties": {"url": {"format": "uri"}}},
        }
    },
}


def standards_dir() -> Path:
    path = Path(settings.BASE_DIR).parent / "shared" / "standards" / "oruk"
    if not (path / "schema" / "openapi.json").is_file():
        pytest.fail(
            f"The Open Referral UK schemas are missing: expected them at {path}. The shared standards must be "
            "checked out beside this repository, as ../shared.",
            pytrace=False,
        )
    return path


@functools.cache
def _registry() -> Registry:
    schema_dir = standards_dir() / "schema"
    resources = []
    for file in [*schema_dir.glob("*.json"), *schema_dir.glob("compiled/*.json")]:
        contents = json.loads(file.read_text(encoding="utf-8"))
        uri = PUBLISHED_SCHEMA_URL + file.relative_to(schema_dir).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def openapi_document() -> dict[str, Any]:
    return _registry().contents(OPENAPI_URL)


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    datetime.datetime.fromisoformat(value.replace("z", "Z"))
    return True


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value) and urlsplit(value).scheme)


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _response_schema(path: str) -> dict[str, Any]:
    """The 200 response schema of a path in the UK profile's OpenAPI document."""
    return {
        "$ref": OPENAPI_URL
        + _pointer("paths", path, "get", "responses", "200", "content", "application/json", "schema")
    }


def _compiled(name: str) -> dict[str, Any]:
    return {"$ref": PUBLISHED_SCHEMA_URL + name}


def _page_of(item_schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "allOf": [
            {"$ref": OPENAPI_URL + _pointer("components", "schemas", "Page")},
            ENVELOPE,
            {"properties": {"contents": {"items": item_schema}}},
        ]
    }


def schema_for(url_name: str, status: int, query: dict[str, list[str]]) -> dict[str, Any]:
    if status >= 400:
        return PROBLEM
    full_service = query.get("full_service", [""])[-1].lower() in {"true", "1", "yes"}
    schemas = {
        "meta": _response_schema("/"),
        "openapi": OPENAPI_DOCUMENT,
        "service-list": _page_of(_compiled("compiled/service.json"))
        if full_service
        else {"allOf": [_response_schema("/services"), ENVELOPE]},
        "service-detail": _response_schema("/services/{id}"),
        "service-at-location-list": {"allOf": [_response_schema("/service_at_locations"), ENVELOPE]},
        # The OpenAPI document names compiled/service.json for this path, which cannot be meant: the
        # record is a service at a location. The compiled service_at_location schema is the right one.
        "service-at-location-detail": _compiled("compiled/service_at_location.json"),
        "taxonomy-list": {"allOf": [_response_schema("/taxonomies"), ENVELOPE]},
        "taxonomy-detail": _response_schema("/taxonomies/{id}"),
        "taxonomy-term-list": {"allOf": [_response_schema("/taxonomy_terms"), ENVELOPE]},
        "taxonomy-term-detail": _response_schema("/taxonomy_terms/{id}"),
    }
    return schemas[url_name]


def schema_errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema, registry=_registry(), format_checker=FORMATS)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def _required_somewhere(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        if isinstance(schema.get("required"), list):
            found.update(schema["required"])
        for value in schema.values():
            found |= _required_somewhere(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _required_somewhere(value)
    return found


@functools.cache
def may_be_empty() -> frozenset[str]:
    """Fields some ORUK schema requires (such as an organisation's description or an address's
    state_province), which are sent even when empty; and a page's items."""
    registry = _registry()
    schemas = [registry.contents(uri) for uri in registry]
    return frozenset(set().union(*map(_required_somewhere, schemas)) | {"contents"})


def empty_optional_fields(value: Any, path: str = "") -> list[str]:
    """Where the body sends an empty optional field, which ORUK asks publishers to leave out."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if (item is None or item == "" or item == []) and key not in may_be_empty():
                found.append(f"{path}/{key}")
            found.extend(empty_optional_fields(item, f"{path}/{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(empty_optional_fields(item, f"{path}/{index}"))
    return found


def assert_valid_response(response) -> Any:
    """The response is JSON, allows any web page to read it, and matches its ORUK schema. Returns the body."""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith(("application/json", "application/problem+json"))
    body = response.json()
    match = response.resolver_match
    assert match is not None and match.namespace == "oruk", "not an ORUK API response"
    query = parse_qs(response.request.get("QUERY_STRING", ""))
    errors = schema_errors(body, schema_for(match.url_name, response.status_code, query))
    assert errors == [], f"{match.url_name} ({response.status_code}) does not match its schema:\n" + "\n".join(errors)
    if match.url_name != "openapi":
        empty = empty_optional_fields(body)
        assert empty == [], f"{match.url_name} sends empty optional fields: {empty}"
    if response.status_code >= 400:
        assert body["status"] == response.status_code
    return body
