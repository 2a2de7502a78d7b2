"""Query parameters of the ORUK API, read into the directory's `ServiceQuery` and a page request.

Every bad value is reported, not just the first, each with the parameter's name and a plain-English
message, so that a developer can fix a request in one go. Parameters the API does not know are
ignored, as HSDS asks. An empty value (`?page=`) counts as not given.
"""

import datetime
import math
import re
import uuid
from dataclasses import dataclass, field

from django.http import QueryDict

from firstperson.directory.choices import DAYS
from firstperson.directory.exceptions import UnknownPostcode
from firstperson.directory.selectors import ServiceQuery, postcode_point

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_AGE = 150
MAX_SEARCH_CHARACTERS = 200

_DAY_CODES = {code: code for code, _ in DAYS} | {name.upper(): code for code, name in DAYS}
_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


@dataclass(frozen=True)
class ParameterError:
    parameter: str
    message: str


class InvalidParameters(Exception):
    """One or more query parameters could not be used. Nothing was looked up."""

    def __init__(self, errors: list[ParameterError]):
        super().__init__("; ".join(f"{error.parameter}: {error.message}" for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class PageRequest:
    number: int = 1
    size: int = DEFAULT_PER_PAGE


@dataclass(frozen=True)
class ServiceListRequest:
    query: ServiceQuery = field(default_factory=ServiceQuery)
    page: PageRequest = field(default_factory=PageRequest)
    full_service: bool = False


@dataclass(frozen=True)
class TaxonomyTermListRequest:
    page: PageRequest = field(default_factory=PageRequest)
    taxonomy_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    top_only: bool = False


class _Reader:
    """Reads one parameter at a time, collecting every problem."""

    def __init__(self, params: QueryDict):
        self.params = params
        self.errors: list[ParameterError] = []

    def raw(self, name: str) -> str:
        return (self.params.get(name) or "").strip()

    def fail(self, name: str, message: str) -> None:
        self.errors.append(ParameterError(name, message))

    def whole_number(self, name: str, *, low: int, high: int | None, message: str) -> int | None:
        value = self.raw(name)
        if not value:
            return None
        if not re.fullmatch(r"[0-9]{1,18}", value) or int(value) < low or (high is not None and int(value) > high):
            self.fail(name, message)
            return None
        return int(value)

    def age(self, name: str) -> int | None:
        message = f"{name} must be a whole number of years from 0 to {MAX_AGE}, like 18"
        return self.whole_number(name, low=0, high=MAX_AGE, message=message)

    def uuid(self, name: str) -> uuid.UUID | None:
        value = self.raw(name)
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.fail(name, f"{name} must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2")
            return None

    def boolean(self, name: str) -> bool:
        value = self.raw(name).lower()
        if not value or value in _FALSE:
            return False
        if value in _TRUE:
            return True
        self.fail(name, f"{name} must be true or false")
        return False

    def time(self, name: str) -> datetime.time | None:
        value = self.raw(name)
        if not value:
            return None
        match = _TIME.match(value)
        if match is None:
            self.fail(name, f"{name} must be a time of day as HH:MM or HH:MM:SS, like 09:30")
            return None
        hours, minutes, seconds = match.groups()
        return datetime.time(int(hours), int(minutes), int(seconds or 0))

    def day(self, name: str) -> str:
        value = self.raw(name)
        if not value:
            return ""
        code = _DAY_CODES.get(value.upper())
        if code is None:
            self.fail(name, f"{name} must be a day of the week: MO, TU, WE, TH, FR, SA or SU, or its name, like Monday")
            return ""
        return code

    def date_time(self, name: str) -> datetime.datetime | None:
        value = self.raw(name)
        if not value:
            return None
        parsed = _iso_date_time(value)
        if parsed is None:
            self.fail(name, f"{name} must be an ISO 8601 date and time, like 2025-01-31T09:00:00Z")
        return parsed

    def page(self) -> PageRequest:
        number = self.whole_number("page", low=1, high=None, message="page must be a whole number of 1 or more")
        size = self.whole_number(
            "per_page",
            low=1,
            high=MAX_PER_PAGE,
            message=f"per_page must be a whole number from 1 to {MAX_PER_PAGE}",
        )
        return PageRequest(number=number or 1, size=size or DEFAULT_PER_PAGE)


def _iso_date_time(value: str) -> datetime.datetime | None:
    """An ISO 8601 date and time (or a date, meaning its midnight); no offset means UTC. A `+` that
    came through unencoded in a URL arrives as a space, so that is read as `+` too."""
    for candidate in (value, re.sub(r" (\d{2}:?\d{2})$", r"+\1", value)):
        try:
            parsed = datetime.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.UTC)
        return parsed
    return None


def _proximity(reader: _Reader) -> float | None:
    value = reader.raw("proximity")
    if not value:
        return None
    try:
        metres = float(value)
    except ValueError:
        metres = math.nan
    if not math.isfinite(metres) or metres <= 0:
        reader.fail("proximity", "proximity must be a distance in metres greater than 0, like 1000")
        return None
    return metres


def service_list_request(params: QueryDict, *, near_postcode: bool) -> ServiceListRequest:
    """The filters and page of a `/services` or (with `near_postcode`) `/service_at_locations` request."""
    reader = _Reader(params)
    search = reader.raw("search")
    if len(search) > MAX_SEARCH_CHARACTERS:
        reader.fail("search", f"search must be {MAX_SEARCH_CHARACTERS} characters or fewer")
        search = ""
    page = reader.page()
    query = {
        "search": search,
        "taxonomy_term_id": reader.uuid("taxonomy_term_id"),
        "taxonomy_id": reader.uuid("taxonomy_id"),
        "organization_id": reader.uuid("organization_id"),
        "minimum_age": reader.age("minimum_age"),
        "maximum_age": reader.age("maximum_age"),
        "day": reader.day("day"),
        "start_time": reader.time("start_time"),
        "end_time": reader.time("end_time"),
        "modified_after": reader.date_time("modified_after"),
    }
    full_service = reader.boolean("full_service") if not near_postcode else False
    if near_postcode:
        query.update(_near(reader))
    if reader.errors:
        raise InvalidParameters(reader.errors)
    return ServiceListRequest(query=ServiceQuery(**query), page=page, full_service=full_service)


def _near(reader: _Reader) -> dict:
    """`postcode` limits results to services that cover it and puts the nearest first; `proximity`
    (metres from the postcode's centre) also cuts off those further away."""
    postcode = reader.raw("postcode")
    proximity = _proximity(reader)
    if not postcode:
        if proximity is not None:
            reader.fail("proximity", "proximity needs a postcode to measure from: add postcode as well")
        return {}
    try:
        point = postcode_point(postcode=postcode)
    except UnknownPostcode as error:
        reader.fail("postcode", error.message)
        return {}
    return {"postcode": postcode, "near": point, "proximity_metres": proximity}


def page_request(params: QueryDict) -> PageRequest:
    reader = _Reader(params)
    page = reader.page()
    if reader.errors:
        raise InvalidParameters(reader.errors)
    return page


def taxonomy_term_list_request(params: QueryDict) -> TaxonomyTermListRequest:
    reader = _Reader(params)
    request = TaxonomyTermListRequest(
        page=reader.page(),
        taxonomy_id=reader.uuid("taxonomy_id"),
        parent_id=reader.uuid("parent_id"),
        top_only=reader.boolean("top_only"),
    )
    if reader.errors:
        raise InvalidParameters(reader.errors)
    return request


def record_id(value: str) -> uuid.UUID | None:
    """The id in a record's address, or None if it is not a UUID (so no record can have it)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
