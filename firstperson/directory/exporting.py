"""Exporting the published directory as open data: Open Referral UK JSON, and the ORUK CSV layout.

Both hold every published service (whatever its ORUK `status`: an inactive service is still a fact
about the directory), with what it links to. The JSON is a list of fully nested services, written
by the same code as the public API (`oruk.py`), so both say exactly the same thing. Memory stays
bounded whatever the size of the directory: the JSON is produced in batches, the CSV tables are read
row by row straight into a ZIP file on disk.

What the import reads back is what the export writes: exporting, then importing into an empty
directory, gives the same services (tests/importing/test_round_trip.py).
"""

import csv
import datetime
import io
import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.db.models import Q, QuerySet

from .choices import RecordStatus
from .models import (
    Accessibility,
    Address,
    Attribute,
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
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .oruk import attributes_by_link, prefetch_service_full, service_full

EXPORT_BATCH = 500
ROW_CHUNK = 2000


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(record_status=RecordStatus.PUBLISHED)


def directory_export_json() -> Iterator[str]:
    """The published directory as a JSON list of fully nested ORUK services, in pieces to stream."""
    yield "["
    first = True
    last_id = None
    while True:
        services = prefetch_service_full(published_services().order_by("id"))
        if last_id is not None:
            services = services.filter(id__gt=last_id)
        batch = list(services[:EXPORT_BATCH])
        if not batch:
            break
        attributes = attributes_by_link([service.id for service in batch])
        pieces = []
        for service in batch:
            record = service_full(service, attributes.get(service.id, []))
            pieces.append(("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False))
            first = False
        yield "".join(pieces)
        last_id = batch[-1].id
    yield "\n]\n"


# --- the CSV layout -----------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _area_row(row: tuple) -> tuple:
    """A service area's postcode districts (our extension) go out as ORUK's extent, as the API says them."""
    area_id, service_id, name, extent, extent_type, uri, service_area, prefixes = row
    prefixes = " ".join((prefixes or "").split())
    return (
        area_id,
        service_id,
        name,
        extent or prefixes,
        extent_type or ("postcode_prefixes" if prefixes else ""),
        uri,
        service_area,
    )


def _tables() -> Iterator[tuple[str, list[str], Iterable[tuple]]]:
    """Each file of the ORUK CSV layout: its name, its columns, and its rows."""
    services = published_services()
    service_ids = services.values("id")
    organization_ids = services.values("organization_id")
    location_ids = ServiceAtLocation.objects.filter(service__in=service_ids).values("location_id")

    def rows(queryset: QuerySet, columns: list[str], *fields: str) -> Iterable[tuple]:
        return queryset.order_by("pk").values_list(*(fields or columns)).iterator(chunk_size=ROW_CHUNK)

    columns = ["id", "name", "description", "email", "website", "logo", "uri", "parent_organization_id"]
    yield "organizations.csv", columns, rows(Organization.objects.filter(id__in=organization_ids), columns)
    columns = ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"]
    yield (
        "organization_identifiers.csv",
        columns,
        rows(OrganizationIdentifier.objects.filter(organization_id__in=organization_ids), columns),
    )
    columns = [
        "id", "organization_id", "name", "description", "url", "email", "status", "fees", "accreditations",
        "minimum_age", "maximum_age", "assured_date", "assurer_email", "alert", "last_modified",
    ]  # fmt: skip
    yield "services.csv", columns, rows(services, columns)
    columns = [
        "id", "location_type", "name", "description", "latitude", "longitude", "external_identifier",
        "external_identifier_type",
    ]  # fmt: skip
    yield "locations.csv", columns, rows(Location.objects.filter(id__in=location_ids), columns)
    columns = ["id", "service_id", "location_id"]
    yield "service_at_locations.csv", columns, rows(ServiceAtLocation.objects.filter(service__in=service_ids), columns)
    columns = [
        "id", "location_id", "attention", "address_1", "address_2", "city", "region", "state_province",
        "postal_code", "country", "address_type",
    ]  # fmt: skip
    yield "addresses.csv", columns, rows(Address.objects.filter(location_id__in=location_ids), columns)
    columns = ["id", "location_id", "description", "details", "url"]
    yield "accessibility.csv", columns, rows(Accessibility.objects.filter(location_id__in=location_ids), columns)
    columns = ["id", "service_id", "name", "title", "email"]
    yield "contacts.csv", columns, rows(Contact.objects.filter(service__in=service_ids), columns)
    columns = ["id", "service_id", "contact_id", "number", "description"]
    phones = Phone.objects.filter(Q(service__in=service_ids) | Q(contact__service__in=service_ids))
    yield "phones.csv", columns, rows(phones, columns)
    columns = [
        "id", "service_id", "service_at_location_id", "valid_from", "valid_to", "dtstart", "freq", "interval",
        "byday", "bymonthday", "description", "opens_at", "closes_at", "schedule_link", "attending_type", "notes",
    ]  # fmt: skip
    schedules = Schedule.objects.filter(Q(service__in=service_ids) | Q(service_at_location__service__in=service_ids))
    yield "schedules.csv", columns, rows(schedules, columns)
    columns = ["id", "service_id", "name", "extent", "extent_type", "uri", "service_area"]
    areas = rows(ServiceArea.objects.filter(service__in=service_ids), columns, *columns, "postcode_prefixes")
    yield "service_areas.csv", columns, (_area_row(row) for row in areas)
    columns = ["id", "service_id", "valid_from", "valid_to", "option", "amount", "amount_description"]
    yield "cost_options.csv", columns, rows(CostOption.objects.filter(service__in=service_ids), columns)
    columns = ["id", "service_id", "source"]
    yield "funding.csv", columns, rows(Funding.objects.filter(service__in=service_ids), columns)
    columns = ["id", "service_id", "phone_id", "name", "code", "note"]
    yield "languages.csv", columns, rows(Language.objects.filter(service__in=service_ids), columns)
    columns = ["id", "name", "description", "uri", "version"]
    yield "taxonomies.csv", columns, rows(Taxonomy.objects.all(), columns)
    columns = ["id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri", "term"]
    fields = ["id", "name", "description", "parent_id", "taxonomy__name", "taxonomy_id", "term_uri", "code"]
    yield "taxonomy_terms.csv", columns, rows(TaxonomyTerm.objects.all(), columns, *fields)
    columns = ["id", "link_id", "taxonomy_term_id", "link_type", "value"]
    attributes = Attribute.objects.filter(link_type="service", link_id__in=service_ids)
    yield "attributes.csv", columns, rows(attributes, columns)


def directory_export_csv_zip() -> IO[bytes]:
    """The published directory in the ORUK CSV layout: a ZIP file (on disk, read from the start) of
    one UTF-8 CSV file per table. Close it when done."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, columns, table_rows in _tables():
            with archive.open(name, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow(columns)
                for row in table_rows:
                    writer.writerow([_cell(value) for value in row])
                text.flush()
                text.detach()
    out.seek(0)
    return out
