"""One import, all or nothing: check every record, then write, index, audit and report."""

from typing import Any

from django.db import DatabaseError, transaction

from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..exceptions import ImportRefused
from ..services import search_copies_refresh_at, services_reindex
from .checks import TYPE_WORDS, Problems, SourceRecord, decode_json, quoted, record_problems, service_list
from .consistency import check_across
from .duplicates import duplicate_suggestions
from .report import ImportReport
from .writing import write_records


def is_editor(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.role == Role.DIRECTORY_EDITOR


def oruk_json_import(*, data: Any, actor: Any, source: str) -> ImportReport:
    """Import ORUK JSON: parsed data, or the text or bytes of a JSON file. All or nothing."""
    if isinstance(data, (bytes, str)):
        data = decode_json(data, source or "The file")
    items = service_list(data, source or "The file")
    records = [SourceRecord(item, f"Record {number}") for number, item in enumerate(items, start=1)]
    return import_records(records, actor=actor, source=source)


def import_records(
    records: list[SourceRecord],
    *,
    actor: Any,
    source: str,
    problems: Problems | None = None,
    taxonomies: dict[str, dict] | None = None,
    notes: tuple[str, ...] = (),
) -> ImportReport:
    problems = problems or Problems()
    publish = is_editor(actor)
    for index, record in enumerate(records):
        if not isinstance(record.data, dict):
            problems.add(index, record, (), f"Must be a service ({TYPE_WORDS['object']}), not {quoted(record.data)}.")
            continue
        for path, message in record_problems(record.data):
            problems.add(index, record, path, message)
    services = [(index, record) for index, record in enumerate(records) if isinstance(record.data, dict)]
    check_across(services, problems, publish=publish, taxonomies=taxonomies or {})
    problems.refuse()
    try:
        with transaction.atomic():
            counts = write_records(
                [record.data for record in records],
                actor=actor,
                source=source,
                publish=publish,
                taxonomies=taxonomies or {},
            )
            services_reindex(service_ids=counts["service_ids"])
            # Other services at the places this import moved keep their search copies right too.
            search_copies_refresh_at(location_ids=counts["location_ids"], already_done=counts["service_ids"])
            audit_record(
                actor=actor,
                verb=AuditVerb.DIRECTORY_IMPORTED,
                object_type="directory",
                payload={
                    "source": source[:200],
                    "record_status": counts["record_status"],
                    "services_created": counts["services_created"],
                    "services_updated": counts["services_updated"],
                    "organizations": counts["organizations"],
                    "locations": counts["locations"],
                    "taxonomy_terms": counts["taxonomy_terms"],
                },
            )
    except DatabaseError as error:
        problem = f"The database would not take the records ({error.__class__.__name__})."
        raise ImportRefused(
            "Nothing was imported: something went wrong while saving. Try again, and tell us if it happens again.",
            problems=[problem],
        ) from error
    duplicates, more = duplicate_suggestions(service_ids=counts["service_ids"])
    return ImportReport(
        source=source,
        record_status=counts["record_status"],
        services_created=counts["services_created"],
        services_updated=counts["services_updated"],
        organizations=counts["organizations"],
        locations=counts["locations"],
        taxonomy_terms=counts["taxonomy_terms"],
        service_ids=tuple(counts["service_ids"]),
        duplicates=tuple(duplicates),
        more_duplicates=more,
        notes=notes,
    )
