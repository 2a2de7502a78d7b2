"""Exporting the published directory as ORUK JSON and CSV; and the round trip back in."""

import datetime
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker

from firstperson.directory.demo.build import build_demo_directory
from firstperson.directory.exporting import directory_export_csv_zip, directory_export_json
from firstperson.directory.importing import oruk_file_import, oruk_json_import
from firstperson.directory.models import (
    Accessibility,
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Service,
    ServiceArea,
    Taxonomy,
    TaxonomyTerm,
)
from firstperson.platform.accounts.roles import Role

from .records import new_id, oruk_service

pytestmark = pytest.mark.django_db

FORMATS = FormatChecker()
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(_RFC3339.match(value))


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(urlsplit(value).scheme and urlsplit(value).netloc)


def service_schema_errors(record) -> list[str]:
    path = Path(settings.BASE_DIR).parent / "shared" / "standards" / "oruk" / "schema" / "compiled" / "service.json"
    validator = Draft202012Validator(json.loads(path.read_text(encoding="utf-8")), format_checker=FORMATS)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]


def exported() -> list[dict]:
    return json.loads("".join(directory_export_json()))


def comparable(records: list[dict]) -> list[dict]:
    """The export with what changes on every write left out, and child lists in id order."""

    def tidy(value):
        if isinstance(value, dict):
            return {key: tidy(item) for key, item in value.items() if key != "last_modified"}
        if isinstance(value, list):
            items = [tidy(item) for item in value]
            return sorted(items, key=lambda item: item.get("id", "") if isinstance(item, dict) else item)
        return value

    return sorted((tidy(record) for record in records), key=lambda record: record["id"])


def empty_the_directory():
    Attribute.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()


@pytest.fixture
def directory(editor, make_user):
    """Published services from an import, one made by hand with our own extensions, and one waiting."""
    records = [oruk_service("Carers Hub"), oruk_service("Lunch Club", postcode="WS2 8AA", phone="01632 960999")]
    records[0]["description"] = "<p>Café “breaks”, £2 a time</p>"
    records[0]["contacts"][0]["email"] = "pat@example.org"
    records[0]["phones"] = [{"id": new_id(), "number": "01632 960001", "description": "Text only"}]
    records[1]["schedules"][0]["service_at_location_id"] = records[1]["service_at_locations"][0]["id"]
    records[1]["cost_options"][0]["amount"] = Decimal("12.75")
    oruk_json_import(data=records, actor=editor, source="start.json")
    hand_made = Service.objects.create(
        organization=Organization.objects.create(name="Hand Made Trust", description=""),
        name="Hand Made Service",
        record_status="published",
        assured_date=datetime.date(2024, 5, 1),
    )
    ServiceArea.objects.create(service=hand_made, name="North", postcode_prefixes=" WS5 WS6 ")
    Contact.objects.create(service=hand_made, name="Jo")
    Phone.objects.create(contact=Contact.objects.get(service=hand_made), number="01632 960444")
    oruk_json_import(data=[oruk_service("Waiting Group")], actor=make_user(Role.ORGANISATION), source="theirs.json")
    return records


def test_the_json_export_is_every_published_service_and_each_matches_the_schema(directory):
    records = exported()
    assert sorted(record["name"] for record in records) == ["Carers Hub", "Hand Made Service", "Lunch Club"]
    for record in records:
        assert service_schema_errors(record) == [], record["name"]
    hub = next(record for record in records if record["name"] == "Carers Hub")
    assert hub["description"] == "<p>Café “breaks”, £2 a time</p>"
    assert hub["attributes"][0]["taxonomy_term"]["name"] == "Support for carers"
    assert hub["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "WS1 4FG"


def test_the_csv_export_is_the_oruk_layout(directory):
    with directory_export_csv_zip() as file:
        archive = zipfile.ZipFile(io.BytesIO(file.read()))
    names = set(archive.namelist())
    assert {"services.csv", "organizations.csv", "locations.csv", "service_at_locations.csv", "addresses.csv",
            "phones.csv", "schedules.csv", "taxonomy_terms.csv", "attributes.csv", "funding.csv"} <= names  # fmt: skip
    services = archive.read("services.csv").decode("utf-8")
    assert services.splitlines()[0].startswith("id,organization_id,name,description,url,email,status")
    assert "Waiting Group" not in services and "Hand Made Service" in services
    assert "Café “breaks”, £2 a time" in services
    assert "postcode_prefixes" in archive.read("service_areas.csv").decode()


def test_json_round_trip_into_an_empty_directory_gives_the_same_services(directory, editor):
    before = exported()
    content = "".join(directory_export_json()).encode()
    empty_the_directory()
    report = oruk_file_import(name="export.json", content=content, actor=editor)
    assert report.services_created == 3
    assert comparable(exported()) == comparable(before)


def test_csv_round_trip_into_an_empty_directory_gives_the_same_services(directory, editor):
    before = exported()
    with directory_export_csv_zip() as file:
        content = file.read()
    empty_the_directory()
    report = oruk_file_import(name="export.zip", content=content, actor=editor)
    assert report.services_created == 3
    assert comparable(exported()) == comparable(before)


def test_the_demo_directory_round_trips_through_both_layouts(editor):
    build_demo_directory(services=60, seed=3)
    before = exported()
    assert len(before) > 30
    wheelchair_before = set(
        Accessibility.objects.filter(wheelchair_accessible=True).values_list("location_id", flat=True)
    )
    with directory_export_csv_zip() as file:
        content = file.read()
    for name, data in (("export.json", json.dumps(before).encode()), ("export.zip", content)):
        empty_the_directory()
        oruk_file_import(name=name, content=data, actor=editor)
        assert comparable(exported()) == comparable(before), name
        wheelchair_after = set(
            Accessibility.objects.filter(wheelchair_accessible=True).values_list("location_id", flat=True)
        )
        assert wheelchair_after == wheelchair_before & set(Location.objects.values_list("id", flat=True)), name
