"""Checking ORUK records: against the standard's compiled schema, and against what this directory
can keep. Every problem is one plain-English line naming the record, its field and what is wrong."""

import datetime
import functools
import json
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from jsonschema import Draft202012Validator, FormatChecker

from ..choices import DAY_CODES
from ..exceptions import ImportRefused
from ..models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    Taxonomy,
    TaxonomyTerm,
)
from .limits import MAX_PROBLEMS_LISTED, ORUK_SERVICE_SCHEMA

_FORMATS = FormatChecker(formats=("uuid", "email", "date"))


@_FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if isinstance(value, str):
        datetime.datetime.fromisoformat(value.replace("z", "Z"))
    return True


@functools.cache
def _service_validator() -> Draft202012Validator:
    """The compiled ORUK service schema, shipped with the app (standards/README.md says where from)."""
    schema = json.loads(ORUK_SERVICE_SCHEMA.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=_FORMATS)


# --- problems, in plain English -----------------------------------------------------------------

FieldPath = tuple[str | int, ...]


@dataclass
class SourceRecord:
    """One service as read from the import, and where it was."""

    data: Any
    label: str

    @property
    def id_text(self) -> str:
        return str(self.data.get("id") or "") if isinstance(self.data, dict) else ""

    @property
    def name_text(self) -> str:
        name = self.data.get("name") if isinstance(self.data, dict) else None
        return name.strip() if isinstance(name, str) else ""


def _field_path(path: FieldPath) -> str:
    """contacts[1].phones[2].number: list positions count from 1, as people count."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def quoted(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return f"“{text[:60]}{'…' if len(text) > 60 else ''}”"


def _source_of(data: Any, path: FieldPath) -> str:
    """Where the innermost part of a CSV-built record came from ("phones.csv line 7")."""
    found = data.get("_source", "") if isinstance(data, dict) else ""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(data, dict) and data.get("_source"):
            found = data["_source"]
    return found


class Problems:
    """Collects problems, one line each, naming the record, the field and what is wrong."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.bad_records: set[int] = set()
        self.count = 0

    def add_line(self, line: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_PROBLEMS_LISTED:
            self.lines.append(line)

    def add(self, index: int, record: SourceRecord, path: FieldPath, message: str) -> None:
        self.bad_records.add(index)
        who = record.label
        if record.name_text:
            who += f", “{record.name_text[:80]}”"
        if record.id_text:
            who += f" (id {record.id_text[:40]})"
        where = _field_path(path)
        source = _source_of(record.data, path)
        if source and source != record.label:
            where += f" (from {source})"
        self.add_line(f"{who}: {where}: {message}" if where else f"{who}: {message}")

    def refuse(self) -> None:
        if not self.count:
            return
        lines = list(self.lines)
        if self.count > len(lines):
            lines.append(f"…and {self.count - len(lines)} more problems.")
        records = len(self.bad_records)
        if records:
            message = (
                f"Nothing was imported. {records} {'record has' if records == 1 else 'records have'} problems. "
                "Fix them and import the file again."
            )
        else:
            message = "Nothing was imported. Fix the problems and import the file again."
        raise ImportRefused(message, problems=lines)


TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a group of fields in { }",
    "array": "a list in [ ]",
    "boolean": "true or false",
}
_FORMAT_WORDS = {
    "uuid": "an id in UUID form, like 3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "an email address, like name@example.com",
    "date-time": "a date and time, like 2025-03-15T10:30:00Z",
    "date": "a date, like 2025-03-15",
}
_REQUIRED = re.compile(r"^'(?P<name>[^']+)' is a required property$")


def _schema_problems(data: dict) -> list[tuple[FieldPath, str]]:
    found = []
    for error in _service_validator().iter_errors(data):
        path: FieldPath = tuple(error.absolute_path)
        if error.validator == "required":
            match = _REQUIRED.match(error.message)
            missing = match.group("name") if match else ""
            found.append(((*path, missing) if missing else path, "Missing. The standard says this must be given."))
        elif error.validator == "type":
            expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
            found.append((path, f"Must be {TYPE_WORDS.get(expected, expected)}, not {quoted(error.instance)}."))
        elif error.validator == "format":
            words = _FORMAT_WORDS.get(error.validator_value, error.validator_value)
            found.append((path, f"Must be {words}, not {quoted(error.instance)}."))
        elif error.validator == "enum":
            options = ", ".join(f"“{option}”" for option in error.validator_value)
            found.append((path, f"Must be one of {options}, not {quoted(error.instance)}."))
        else:
            found.append((path, error.message))
    return found


# --- our own checks: what this directory can keep -----------------------------------------------

_EMAIL = EmailValidator()
_URL = URLValidator(schemes=["http", "https"])
_TIME = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?$")
_DAY = re.compile(r"^[+-]?\d{0,2}(" + "|".join(DAY_CODES) + r")$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
MAX_AGE = 150
MAX_AMOUNT = Decimal("99999999.99")


def parse_time(value: str) -> datetime.time | None:
    """ "10:00", "10:00:00", "09:00Z" or "09:00-05:00": the clock time (the offset is not kept)."""
    match = _TIME.match(value.strip())
    if not match:
        return None
    try:
        return datetime.time(int(match["h"]), int(match["m"]), int(match["s"] or 0))
    except ValueError:
        return None


def parse_date(value: str) -> datetime.date | None:
    text = value.strip()
    if len(text) > 10 and text[10] in "Tt ":
        text = text[:10]
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def as_whole(value: Any) -> int | None:
    number = as_decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


class _Checker:
    """The checks of one record. Each finding is (path, message); the first finding for a path wins."""

    def __init__(self) -> None:
        self.found: list[tuple[FieldPath, str]] = []

    def add(self, path: FieldPath, message: str) -> None:
        self.found.append((path, message))

    def present(self, obj: dict, key: str) -> bool:
        value = obj.get(key)
        return value is not None and value != ""

    def text(
        self, obj: dict, key: str, path: FieldPath, model: type[models.Model], *, column: str = "", required=False
    ):
        if not self.present(obj, key):
            if required:
                self.add((*path, key), "Missing. Give a value here.")
            return
        value = obj[key]
        if not isinstance(value, str):
            self.add((*path, key), f"Must be text, not {quoted(value)}.")
            return
        if required and not value.strip():
            self.add((*path, key), "Missing. Give a value here.")
            return
        limit = getattr(model._meta.get_field(column or key), "max_length", None)
        if limit and len(value.strip()) > limit:
            self.add((*path, key), f"Too long: {len(value.strip())} characters, and the most we can keep is {limit}.")

    def uuid(self, obj: dict, key: str, path: FieldPath, *, required=False) -> None:
        if not self.present(obj, key):
            if required:
                self.add((*path, key), "Missing. Every record needs an id in UUID form.")
            return
        value = obj[key]
        try:
            ok = isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
        except ValueError:
            ok = False
        if not ok:
            self.add((*path, key), f"Must be {_FORMAT_WORDS['uuid']}, not {quoted(value)}.")

    def email(self, obj: dict, key: str, path: FieldPath, model: type[models.Model], *, column: str = "") -> None:
        self.text(obj, key, path, model, column=column)
        if self.present(obj, key) and isinstance(obj[key], str):
            try:
                _EMAIL(obj[key].strip())
            except ValidationError:
                self.add((*path, key), f"Must be {_FORMAT_WORDS['email']}, not {quoted(obj[key])}.")

    def url(self, obj: dict, key: str, path: FieldPath, model: type[models.Model], *, column: str = "") -> None:
        self.text(obj, key, path, model, column=column)
        if self.present(obj, key) and isinstance(obj[key], str):
            try:
                _URL(obj[key].strip())
            except ValidationError:
                self.add(
                    (*path, key),
                    f"Must be a full web address starting https:// or http://, not {quoted(obj[key])}.",
                )

    def date(self, obj: dict, key: str, path: FieldPath) -> None:
        if self.present(obj, key) and not (isinstance(obj[key], str) and parse_date(obj[key])):
            self.add((*path, key), f"Must be {_FORMAT_WORDS['date']}, not {quoted(obj[key])}.")

    def time(self, obj: dict, key: str, path: FieldPath) -> None:
        if self.present(obj, key) and not (isinstance(obj[key], str) and parse_time(obj[key])):
            self.add((*path, key), f"Must be a time on the 24-hour clock, like 09:30, not {quoted(obj[key])}.")

    def whole(self, obj: dict, key: str, path: FieldPath, low: int, high: int) -> None:
        if not self.present(obj, key):
            return
        number = as_whole(obj[key])
        if number is None or not low <= number <= high:
            self.add((*path, key), f"Must be a whole number from {low} to {high}, not {quoted(obj[key])}.")

    def number(self, obj: dict, key: str, path: FieldPath, low: float, high: float) -> None:
        if not self.present(obj, key):
            return
        number = as_decimal(obj[key])
        if number is None or not low <= number <= high:
            self.add((*path, key), f"Must be a number from {low:g} to {high:g}, not {quoted(obj[key])}.")

    def money(self, obj: dict, key: str, path: FieldPath) -> None:
        if not self.present(obj, key):
            return
        amount = as_decimal(obj[key])
        if amount is None or amount < 0 or amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
            self.add((*path, key), f"Must be an amount in pounds, like 12.50, not {quoted(obj[key])}.")

    def items(self, obj: dict, key: str, path: FieldPath) -> list[tuple[FieldPath, dict]]:
        """The objects of a child list, with their paths. Anything not an object is a problem."""
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add((*path, key), f"Must be {TYPE_WORDS['array']}, not {quoted(value)}.")
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append(((*path, key, index), item))
            else:
                self.add((*path, key, index), f"Must be {TYPE_WORDS['object']}, not {quoted(item)}.")
        return found


def _check_service(data: dict) -> list[tuple[FieldPath, str]]:
    check = _Checker()
    root: FieldPath = ()
    check.uuid(data, "id", root, required=True)
    check.text(data, "name", root, Service, required=True)
    check.url(data, "url", root, Service)
    check.email(data, "email", root, Service)
    check.email(data, "assurer_email", root, Service)
    check.uuid(data, "organization_id", root)
    check.whole(data, "minimum_age", root, 0, MAX_AGE)
    check.whole(data, "maximum_age", root, 0, MAX_AGE)
    low, high = as_whole(data.get("minimum_age")), as_whole(data.get("maximum_age"))
    if low is not None and high is not None and low > high:
        check.add(("maximum_age",), f"Must not be less than the minimum age ({low}).")
    check.date(data, "assured_date", root)
    organization = data.get("organization")
    if isinstance(organization, dict):
        path: FieldPath = ("organization",)
        check.uuid(organization, "id", path, required=True)
        check.text(organization, "name", path, Organization, required=True)
        check.email(organization, "email", path, Organization)
        check.url(organization, "website", path, Organization)
        check.url(organization, "logo", path, Organization)
        check.url(organization, "uri", path, Organization)
        check.uuid(organization, "parent_organization_id", path)
        if data.get("organization_id") and organization.get("id") and data["organization_id"] != organization["id"]:
            check.add(("organization_id",), "Does not match the id of the organization given with the service.")
        for item_path, item in check.items(organization, "organization_identifiers", path):
            check.uuid(item, "id", item_path, required=True)
            check.text(item, "identifier_scheme", item_path, OrganizationIdentifier)
            check.text(item, "identifier_type", item_path, OrganizationIdentifier, required=True)
            check.text(item, "identifier", item_path, OrganizationIdentifier, required=True)
    elif organization is not None:
        check.add(("organization",), f"Must be {TYPE_WORDS['object']}, not {quoted(organization)}.")
    elif not data.get("organization_id"):
        check.add(("organization_id",), "Missing. Say which organisation runs the service: its organization_id.")

    for path, item in check.items(data, "schedules", root):
        check.uuid(item, "id", path, required=True)
        for key in ("valid_from", "valid_to", "dtstart"):
            check.date(item, key, path)
        check.time(item, "opens_at", path)
        check.time(item, "closes_at", path)
        check.whole(item, "interval", path, 1, 366)
        check.text(item, "byday", path, Schedule)
        if isinstance(item.get("byday"), str) and item["byday"].strip():
            days = [day.strip().upper() for day in item["byday"].split(",")]
            if not all(_DAY.match(day) for day in days):
                check.add((*path, "byday"), f"Must be day codes like MO,WE,FR, not {quoted(item['byday'])}.")
        check.text(item, "bymonthday", path, Schedule)
        if isinstance(item.get("bymonthday"), str) and item["bymonthday"].strip():
            days = [day.strip() for day in item["bymonthday"].split(",")]
            if not all(re.fullmatch(r"-?\d{1,2}", day) and 1 <= abs(int(day)) <= 31 for day in days):
                check.add(
                    (*path, "bymonthday"), f"Must be days of the month like 1,15, not {quoted(item['bymonthday'])}."
                )
        check.url(item, "schedule_link", path, Schedule)
        check.text(item, "attending_type", path, Schedule)
    for path, item in check.items(data, "service_areas", root):
        check.uuid(item, "id", path, required=True)
        check.text(item, "name", path, ServiceArea)
        check.text(item, "extent_type", path, ServiceArea)
        check.url(item, "uri", path, ServiceArea)
        if item.get("extent_type") == "postcode_prefixes":
            check.text(item, "extent", path, ServiceArea, column="postcode_prefixes")
    seen_locations: set = set()
    for path, item in check.items(data, "service_at_locations", root):
        check.uuid(item, "id", path, required=True)
        location = item.get("location")
        location_id = location.get("id") if isinstance(location, dict) else item.get("location_id")
        if not location_id:
            check.add((*path, "location"), "Missing. Give the location, or its location_id.")
        elif location_id in seen_locations:
            check.add((*path, "location"), "The same location is listed twice for this service.")
        seen_locations.add(location_id)
        check.uuid(item, "location_id", path)
        if isinstance(location, dict):
            _check_location(check, location, (*path, "location"))
            if item.get("location_id") and location.get("id") and item["location_id"] != location["id"]:
                check.add((*path, "location_id"), "Does not match the id of the location given with it.")
    for path, item in check.items(data, "languages", root):
        check.uuid(item, "id", path, required=True)
        check.text(item, "name", path, Language)
        check.text(item, "code", path, Language)
        check.text(item, "note", path, Language)
    for path, item in check.items(data, "funding", root):
        check.uuid(item, "id", path, required=True)
        check.text(item, "source", path, Funding)
    for path, item in check.items(data, "cost_options", root):
        check.uuid(item, "id", path, required=True)
        check.date(item, "valid_from", path)
        check.date(item, "valid_to", path)
        check.text(item, "option", path, CostOption)
        check.money(item, "amount", path)
        check.text(item, "amount_description", path, CostOption)
    for path, item in check.items(data, "contacts", root):
        check.uuid(item, "id", path, required=True)
        check.text(item, "name", path, Contact)
        check.text(item, "title", path, Contact)
        check.email(item, "email", path, Contact)
        for phone_path, phone in check.items(item, "phones", path):
            _check_phone(check, phone, phone_path)
    for path, item in check.items(data, "phones", root):
        _check_phone(check, item, path)
    for path, item in check.items(data, "attributes", root):
        check.uuid(item, "id", path, required=True)
        check.uuid(item, "taxonomy_term_id", path)
        term = item.get("taxonomy_term")
        if isinstance(term, dict):
            term_path = (*path, "taxonomy_term")
            check.uuid(term, "id", term_path, required=True)
            check.text(term, "name", term_path, TaxonomyTerm, required=True)
            check.text(term, "term", term_path, TaxonomyTerm, column="code")
            check.url(term, "term_uri", term_path, TaxonomyTerm)
            check.uuid(term, "taxonomy_id", term_path)
            check.uuid(term, "parent_id", term_path)
            check.text(term, "taxonomy", term_path, Taxonomy, column="name")
            if item.get("taxonomy_term_id") and term.get("id") and item["taxonomy_term_id"] != term["id"]:
                check.add((*path, "taxonomy_term_id"), "Does not match the id of the taxonomy term given with it.")
        elif not item.get("taxonomy_term_id"):
            check.add((*path, "taxonomy_term_id"), "Missing. Say which taxonomy term (category) this is.")
    return check.found


def _check_location(check: _Checker, location: dict, path: FieldPath) -> None:
    check.uuid(location, "id", path, required=True)
    check.text(location, "name", path, Location)
    check.number(location, "latitude", path, -90, 90)
    check.number(location, "longitude", path, -180, 180)
    check.text(location, "external_identifier", path, Location)
    check.text(location, "external_identifier_type", path, Location)
    for item_path, item in check.items(location, "addresses", path):
        check.uuid(item, "id", item_path, required=True)
        check.text(item, "attention", item_path, Address)
        check.text(item, "address_1", item_path, Address, required=True)
        check.text(item, "address_2", item_path, Address)
        check.text(item, "city", item_path, Address, required=True)
        check.text(item, "region", item_path, Address)
        check.text(item, "state_province", item_path, Address)
        check.text(item, "postal_code", item_path, Address, required=True)
        if check.present(item, "country") and not (
            isinstance(item["country"], str) and _COUNTRY.match(item["country"].strip())
        ):
            check.add(
                (*item_path, "country"), f"Must be a two-letter country code, like GB, not {quoted(item['country'])}."
            )
    for item_path, item in check.items(location, "accessibility", path):
        check.uuid(item, "id", item_path, required=True)
        check.url(item, "url", item_path, Accessibility)


def _check_phone(check: _Checker, phone: dict, path: FieldPath) -> None:
    check.uuid(phone, "id", path, required=True)
    check.text(phone, "number", path, Phone, required=True)
    check.text(phone, "description", path, Phone)


def record_problems(data: dict) -> list[tuple[FieldPath, str]]:
    """Schema problems first, then ours; one message per field."""
    seen: set = set()
    found = []
    for path, message in [*_schema_problems(data), *_check_service(data)]:
        if path in seen:
            continue
        seen.add(path)
        found.append((path, message))
    return found


# --- reading the shape of an import -------------------------------------------------------------


def decode_json(content: bytes | str, name: str) -> Any:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(
                f"{name} is not saved as UTF-8, so we cannot read it. Save it as UTF-8 and try again.",
                problems=[f"{name} is not saved as UTF-8."],
            ) from None

    def no_constants(constant: str) -> Any:
        raise ValueError(f"{constant} is not allowed in JSON")

    try:
        return json.loads(content, parse_float=Decimal, parse_constant=no_constants)
    except json.JSONDecodeError as error:
        problem = f"{name} is not valid JSON: {error.msg.lower()} at line {error.lineno}, column {error.colno}."
        raise ImportRefused(f"Nothing was imported. {problem}", problems=[problem]) from None
    except (ValueError, RecursionError) as error:
        problem = f"{name} is not JSON we can read: {error if isinstance(error, ValueError) else 'nested too deeply'}."
        raise ImportRefused(f"Nothing was imported. {problem}", problems=[problem]) from None


def service_list(data: Any, name: str) -> list:
    """The services in a list, a page envelope, or a single service."""
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = data["contents"]
    elif isinstance(data, dict) and ("id" in data or "name" in data):
        items = [data]
    else:
        problem = (
            f"{name} does not look like Open Referral UK services: we expected a list of services, one service, "
            "or a page of services with “contents”."
        )
        raise ImportRefused(f"Nothing was imported. {problem}", problems=[problem])
    if not items:
        raise ImportRefused(f"Nothing was imported. {name} has no services in it.", problems=[f"{name} is empty."])
    return items


def refuse(problem: str) -> ImportRefused:
    return ImportRefused(f"Nothing was imported. {problem}", problems=[problem])
