"""The ORUK CSV layout: a ZIP of tables, joined back into nested services."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exceptions import ImportRefused
from .checks import Problems, SourceRecord, as_decimal, quoted, refuse
from .limits import MAX_UNZIPPED_RATIO, SERVICE_LINK_TYPE, import_max_bytes, megabytes
from .pipeline import import_records
from .report import ImportReport

#: Each table, by the file names it goes by (the first is the one the export writes).
CSV_TABLES: dict[str, tuple[str, ...]] = {
    "services": ("services.csv", "service.csv"),
    "organizations": ("organizations.csv", "organization.csv"),
    "organization_identifiers": ("organization_identifiers.csv", "organization_identifier.csv"),
    "locations": ("locations.csv", "location.csv"),
    "service_at_locations": ("service_at_locations.csv", "service_at_location.csv"),
    "addresses": ("addresses.csv", "address.csv"),
    "accessibility": ("accessibility.csv", "accessibility_for_disabilities.csv"),
    "phones": ("phones.csv", "phone.csv"),
    "contacts": ("contacts.csv", "contact.csv"),
    "schedules": ("schedules.csv", "schedule.csv"),
    "service_areas": ("service_areas.csv", "service_area.csv"),
    "cost_options": ("cost_options.csv", "cost_option.csv"),
    "funding": ("funding.csv", "fundings.csv"),
    "languages": ("languages.csv", "language.csv"),
    "taxonomies": ("taxonomies.csv", "taxonomy.csv"),
    "taxonomy_terms": ("taxonomy_terms.csv", "taxonomy_term.csv"),
    "attributes": ("attributes.csv", "attribute.csv"),
}
_REQUIRED_MAY_BE_EMPTY = {
    "organizations": frozenset({"description"}),
    "taxonomies": frozenset({"description"}),
    "taxonomy_terms": frozenset({"description"}),
    "addresses": frozenset({"state_province"}),
}
_CSV_NUMBERS = {"minimum_age", "maximum_age", "latitude", "longitude", "amount", "interval"}
_NOT_UTF8 = "{name} is not saved as UTF-8. In Excel, choose Save As, then ‘CSV UTF-8’."


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    source: str = ""


@dataclass
class _Tables:
    rows: dict[str, list[_Row]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def _csv_value(column: str, text: str) -> Any:
    if column in _CSV_NUMBERS:
        number = as_decimal(text)
        if number is not None:
            return int(number) if number == number.to_integral_value() and "." not in text else number
    return text


def _read_csv(name: str, content: bytes, keep_empty: frozenset[str] = frozenset()) -> list[_Row]:
    """The rows of one CSV file. An empty cell is a value left out, except in `keep_empty` columns,
    which the standard requires but allows to be empty (an organisation's description)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:  # not UTF-8, or UTF-16 (Excel's "Unicode text"), which is full of zero bytes
        message = _NOT_UTF8.format(name=name)
        raise ImportRefused(message, problems=[message])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        header = next(reader, None)
        if header is None:
            return []
        columns = [column.strip().lower() for column in header]
        if "id" not in columns:
            raise refuse(f"{name} has no “id” column. Its first line must name the columns, like id,name.")
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(columns):
                raise refuse(
                    f"{name} line {reader.line_num} has {len(cells)} values but only {len(columns)} column names. "
                    "Check for a missing pair of quotes around a value with a comma in it."
                )
            values = {
                column: _csv_value(column, cell.strip())
                for column, cell in zip(columns, cells, strict=False)
                if column and (cell.strip() != "" or column in keep_empty)
            }
            rows.append(_Row(line=reader.line_num, values=values, source=f"{name} line {reader.line_num}"))
    except csv.Error as error:
        raise refuse(f"{name} is not a CSV file we can read: {error} (line {reader.line_num}).") from None
    return rows


def _unzip(content: bytes) -> _Tables:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, ValueError):
        raise refuse("The file is not a ZIP file we can open. Make a new ZIP of the CSV files and try again.") from None
    limit = import_max_bytes() * MAX_UNZIPPED_RATIO
    if sum(info.file_size for info in members) > limit:
        raise refuse(f"The CSV files in the ZIP come to more than {megabytes(limit)}, more than we import at once.")
    by_name: dict[str, zipfile.ZipInfo] = {}
    tables = _Tables()
    for info in members:
        name = Path(info.filename).name.lower()
        if info.filename.startswith("__MACOSX/") or name.startswith("."):
            continue
        if name in by_name:
            raise refuse(f"The ZIP has two files called {name}. Keep one.")
        by_name[name] = info
    used = set()
    for table, names in CSV_TABLES.items():
        for name in names:
            if name in by_name:
                if table in tables.rows:
                    tables.ignored.append(name)
                    continue
                try:
                    data = archive.read(by_name[name])
                except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
                    raise refuse(f"We could not unpack {name} from the ZIP file.") from None
                tables.rows[table] = _read_csv(name, data, _REQUIRED_MAY_BE_EMPTY.get(table, frozenset()))
                used.add(name)
    tables.ignored.extend(sorted(name for name in by_name if name not in used and name not in tables.ignored))
    if "services" not in tables.rows:
        raise refuse("The ZIP file has no services.csv in it.")
    return tables


def _nest(tables: _Tables, problems: Problems) -> tuple[list[SourceRecord], dict[str, dict], list[str]]:
    """Join the CSV tables back into fully nested services, as ORUK JSON has them."""
    notes: list[str] = []

    def with_source(row: _Row) -> dict:
        return {**row.values, "_source": row.source}

    def orphan(row: _Row, column: str, target: str) -> None:
        problems.add_line(
            f"{row.source}: {column} {quoted(row.values.get(column))} is not the id of a row in {target}."
        )

    left_out: dict[str, int] = {}

    def leave_out(table: str) -> None:
        left_out[table] = left_out.get(table, 0) + 1

    organizations = {}
    for row in tables.rows.get("organizations", []):
        organizations[str(row.values.get("id", "")).lower()] = with_source(row)
    for row in tables.rows.get("organization_identifiers", []):
        organization = organizations.get(str(row.values.get("organization_id", "")).lower())
        if organization is None:
            orphan(row, "organization_id", "organizations.csv")
        else:
            organization.setdefault("organization_identifiers", []).append(with_source(row))
    locations = {}
    for row in tables.rows.get("locations", []):
        locations[str(row.values.get("id", "")).lower()] = with_source(row)
    for table in ("addresses", "accessibility"):
        for row in tables.rows.get(table, []):
            location = locations.get(str(row.values.get("location_id", "")).lower())
            if location is None:
                orphan(row, "location_id", "locations.csv")
            else:
                location.setdefault(table, []).append(with_source(row))

    services: dict[str, dict] = {}
    service: dict | None
    records = []
    for row in tables.rows["services"]:
        service = with_source(row)
        service.pop("last_modified", None)
        organization = organizations.get(str(row.values.get("organization_id", "")).lower())
        if organization is not None:
            service["organization"] = organization
        services.setdefault(str(row.values.get("id", "")).lower(), service)
        records.append(SourceRecord(service, row.source))

    sal_services: dict[str, dict] = {}
    for row in tables.rows.get("service_at_locations", []):
        service = services.get(str(row.values.get("service_id", "")).lower())
        if service is None:
            orphan(row, "service_id", "services.csv")
            continue
        sal = with_source(row)
        location = locations.get(str(row.values.get("location_id", "")).lower())
        if location is not None:
            sal["location"] = location
        service.setdefault("service_at_locations", []).append(sal)
        sal_services[str(row.values.get("id", "")).lower()] = service

    for table in ("schedules", "service_areas", "cost_options", "funding", "languages", "contacts"):
        for row in tables.rows.get(table, []):
            service_id = str(row.values.get("service_id", "")).lower()
            sal_id = str(row.values.get("service_at_location_id", "")).lower()
            if service_id:
                service = services.get(service_id)
                if service is None:
                    orphan(row, "service_id", "services.csv")
                    continue
            elif table == "schedules" and sal_id:
                service = sal_services.get(sal_id)
                if service is None:
                    orphan(row, "service_at_location_id", "service_at_locations.csv")
                    continue
            else:
                leave_out(table)  # about an organisation or a location
                continue
            service.setdefault(table, []).append(with_source(row))
    contacts = {
        str(contact.get("id", "")).lower(): contact
        for service in services.values()
        for contact in service.get("contacts", [])
    }
    all_contact_ids = {str(row.values.get("id", "")).lower() for row in tables.rows.get("contacts", [])}
    for row in tables.rows.get("phones", []):
        contact_id = str(row.values.get("contact_id", "")).lower()
        service_id = str(row.values.get("service_id", "")).lower()
        if contact_id:
            contact = contacts.get(contact_id)
            if contact is not None:
                contact.setdefault("phones", []).append(with_source(row))
            elif contact_id in all_contact_ids:
                leave_out("phones")  # the phone of a contact we leave out
            else:
                orphan(row, "contact_id", "contacts.csv")
        elif service_id:
            service = services.get(service_id)
            if service is None:
                orphan(row, "service_id", "services.csv")
            else:
                service.setdefault("phones", []).append(with_source(row))
        else:
            leave_out("phones")

    taxonomies = {str(row.values.get("id", "")).lower(): dict(row.values) for row in tables.rows.get("taxonomies", [])}
    terms = {}
    for row in tables.rows.get("taxonomy_terms", []):
        term = with_source(row)
        taxonomy = taxonomies.get(str(term.get("taxonomy_id", "")).lower())
        if taxonomy is not None and not term.get("taxonomy"):
            term["taxonomy"] = taxonomy.get("name", "")
        terms[str(row.values.get("id", "")).lower()] = term
    for row in tables.rows.get("attributes", []):
        link_type = str(row.values.get("link_type", SERVICE_LINK_TYPE)).lower()
        service = services.get(str(row.values.get("link_id", "")).lower())
        if link_type != SERVICE_LINK_TYPE or service is None:
            if link_type == SERVICE_LINK_TYPE:
                orphan(row, "link_id", "services.csv")
            else:
                leave_out("attributes")
            continue
        attribute = with_source(row)
        linked_term = terms.get(str(row.values.get("taxonomy_term_id", "")).lower())
        if linked_term is not None:
            attribute["taxonomy_term"] = linked_term
        service.setdefault("attributes", []).append(attribute)

    for table, count in sorted(left_out.items()):
        notes.append(
            f"{count} {'row' if count == 1 else 'rows'} of {CSV_TABLES[table][0]} "
            f"{'is' if count == 1 else 'are'} about organisations or locations rather than services, "
            "which we do not keep, so they were left out."
        )
    taxonomies_used = {key: value for key, value in taxonomies.items() if key}
    return records, taxonomies_used, notes


def oruk_csv_zip_import(*, content: bytes, actor: Any, source: str) -> ImportReport:
    """Import a ZIP of ORUK CSV files: joined into nested services, then checked and imported as ORUK JSON is."""
    tables = _unzip(content)
    problems = Problems()
    records, taxonomies, notes = _nest(tables, problems)
    if tables.ignored:
        notes.append(f"These files in the ZIP were not used: {', '.join(tables.ignored)}.")
    return import_records(
        records, actor=actor, source=source, problems=problems, taxonomies=taxonomies, notes=tuple(notes)
    )
