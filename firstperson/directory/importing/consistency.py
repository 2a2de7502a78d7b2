"""Checks across a whole import and the directory: repeated ids, organisations and locations named
but not given, ids that belong to records the import does not change, published services that only
an editor may change."""

import uuid

from ..choices import RecordStatus
from ..models import (
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
from .checks import FieldPath, Problems, SourceRecord
from .limits import SERVICE_LINK_TYPE
from .rows import dicts, existing_rows, maybe_uid, object_at, uid


def check_across(
    records: list[tuple[int, SourceRecord]], problems: Problems, *, publish: bool, taxonomies: dict
) -> None:
    """Checks that need the whole import, or the database: repeated ids, unknown organisations,
    ids that already belong to another service's records, published services only an editor may change."""
    service_at: dict[uuid.UUID, int] = {}
    organizations_given: set[uuid.UUID] = set()
    locations_given: set[uuid.UUID] = set()
    terms_given: dict[uuid.UUID, dict] = {}
    for index, record in records:
        data = record.data
        service_id = maybe_uid(data.get("id"))
        if service_id in service_at:
            problems.add(index, record, ("id",), f"The same id is used by record {service_at[service_id] + 1} too.")
        elif service_id:
            service_at[service_id] = index
        organization = object_at(data, "organization")
        if organization and maybe_uid(organization.get("id")):
            organizations_given.add(uid(organization["id"]))
        for _, sal in dicts(data, "service_at_locations"):
            location = object_at(sal, "location")
            if location and maybe_uid(location.get("id")):
                locations_given.add(uid(location["id"]))
        for _, attribute in dicts(data, "attributes"):
            term = object_at(attribute, "taxonomy_term")
            if term and maybe_uid(term.get("id")):
                terms_given[uid(term["id"])] = term

    def named_organization(data: dict) -> uuid.UUID | None:
        return None if object_at(data, "organization") else maybe_uid(data.get("organization_id"))

    def named_location(sal: dict) -> uuid.UUID | None:
        return None if object_at(sal, "location") else maybe_uid(sal.get("location_id"))

    def named_term(attribute: dict) -> uuid.UUID | None:
        return None if object_at(attribute, "taxonomy_term") else maybe_uid(attribute.get("taxonomy_term_id"))

    # Organisations, locations and terms named only by id must already be in the directory.
    wanted = {named_organization(record.data) for _, record in records} - {None}
    known_organizations = set(existing_rows(Organization, wanted - organizations_given)) | organizations_given
    wanted = {named_location(sal) for _, record in records for _, sal in dicts(record.data, "service_at_locations")}
    known_locations = set(existing_rows(Location, wanted - {None} - locations_given)) | locations_given
    wanted = {named_term(item) for _, record in records for _, item in dicts(record.data, "attributes")}
    known_terms = set(existing_rows(TaxonomyTerm, wanted - {None} - set(terms_given)))
    wanted = {maybe_uid(term.get("taxonomy_id")) for term in terms_given.values()} - {None}
    known_taxonomies = set(existing_rows(Taxonomy, wanted)) | {maybe_uid(key) for key in taxonomies}
    existing_services = existing_rows(Service, set(service_at), "record_status")

    for index, record in records:
        data = record.data
        organization_id = named_organization(data)
        if organization_id and organization_id not in known_organizations:
            problems.add(
                index,
                record,
                ("organization_id",),
                "No organisation with this id is in the directory or in this import. Include the organization.",
            )
        for position, sal in dicts(data, "service_at_locations"):
            location_id = named_location(sal)
            if location_id and location_id not in known_locations:
                problems.add(
                    index,
                    record,
                    ("service_at_locations", position, "location_id"),
                    "No location with this id is in the directory or in this import. Include the location.",
                )
        for position, attribute in dicts(data, "attributes"):
            term = object_at(attribute, "taxonomy_term")
            term_id = named_term(attribute)
            taxonomy_id = maybe_uid(term.get("taxonomy_id")) if term else None
            if (
                term
                and taxonomy_id
                and taxonomy_id not in known_taxonomies
                and not str(term.get("taxonomy") or "").strip()
            ):
                problems.add(
                    index,
                    record,
                    ("attributes", position, "taxonomy_term", "taxonomy_id"),
                    "No taxonomy with this id is in the directory. Give its name in “taxonomy” so we can add it.",
                )
            elif term_id and term_id not in known_terms:
                problems.add(
                    index,
                    record,
                    ("attributes", position, "taxonomy_term_id"),
                    "No taxonomy term with this id is in the directory. Include the taxonomy_term.",
                )
        existing = existing_services.get(maybe_uid(data.get("id")))
        if not publish and existing and existing[0] == RecordStatus.PUBLISHED:
            problems.add(
                index,
                record,
                ("id",),
                "This service is already published. Changes to a published service need a directory editor: "
                "ask one to import it.",
            )
    _check_child_ids(records, problems, set(service_at), organizations_given, locations_given)


# Child rows that belong to one service, one location or one organisation: (list key, model, owner columns).
_SERVICE_CHILDREN = (
    ("schedules", Schedule, ("service_id", "service_at_location__service_id")),
    ("service_areas", ServiceArea, ("service_id",)),
    ("service_at_locations", ServiceAtLocation, ("service_id",)),
    ("languages", Language, ("service_id",)),
    ("funding", Funding, ("service_id",)),
    ("cost_options", CostOption, ("service_id",)),
    ("contacts", Contact, ("service_id",)),
    ("phones", Phone, ("service_id", "contact__service_id")),
    ("attributes", Attribute, ("link_id",)),
)


def _check_child_ids(records, problems: Problems, service_ids: set, organization_ids: set, location_ids: set) -> None:
    """An id may appear once per table in an import (a shared location's rows excepted), and may not
    already belong to a record this import does not replace."""
    # table -> id -> (owner, index, record, path)
    claims: dict[str, dict[uuid.UUID, tuple]] = {}

    def claim(table: str, item: dict, owner: uuid.UUID, index: int, record: SourceRecord, path: FieldPath) -> None:
        item_id = maybe_uid(item.get("id"))
        if item_id is None:
            return
        earlier = claims.setdefault(table, {}).get(item_id)
        if earlier is None:
            claims[table][item_id] = (owner, index, record, path)
        elif earlier[0] != owner or table not in _SHARED or (earlier[1] == index and earlier[3][:-1] == path[:-1]):
            problems.add(
                index, record, (*path, "id"), f"The same id is used by another record in {_TABLE_WORDS[table]}."
            )

    for index, record in records:
        data = record.data
        service_id = maybe_uid(data.get("id"))
        if service_id is None:
            continue
        for key, _, _ in _SERVICE_CHILDREN:
            for position, item in dicts(data, key):
                claim(key, item, service_id, index, record, (key, position))
        for position, contact in dicts(data, "contacts"):
            for number, phone in dicts(contact, "phones"):
                claim("phones", phone, service_id, index, record, ("contacts", position, "phones", number))
        organization = object_at(data, "organization")
        organization_id = maybe_uid(organization.get("id")) if organization else None
        if organization_id:
            for position, item in dicts(organization, "organization_identifiers"):
                path: FieldPath = ("organization", "organization_identifiers", position)
                claim("organization_identifiers", item, organization_id, index, record, path)
        for position, sal in dicts(data, "service_at_locations"):
            location = object_at(sal, "location")
            location_id = maybe_uid(location.get("id")) if location else None
            if location_id:
                for key in ("addresses", "accessibility"):
                    for number, item in dicts(location, key):
                        path = ("service_at_locations", position, "location", key, number)
                        claim(key, item, location_id, index, record, path)

    models_by_table: dict[str, tuple] = {key: (model, owners) for key, model, owners in _SERVICE_CHILDREN}
    models_by_table["organization_identifiers"] = (OrganizationIdentifier, ("organization_id",))
    models_by_table["addresses"] = (Address, ("location_id",))
    models_by_table["accessibility"] = (Accessibility, ("location_id",))
    replaced = {
        "organization_identifiers": organization_ids,
        "addresses": location_ids,
        "accessibility": location_ids,
    }
    for table, claimed in claims.items():
        model, owners = models_by_table[table]
        if table == "attributes":
            # An attribute of anything but a service is never replaced by an import.
            existing = {
                row_id: (link_id if link_type == SERVICE_LINK_TYPE else None,)
                for row_id, (link_id, link_type) in existing_rows(
                    Attribute, set(claimed), "link_id", "link_type"
                ).items()
            }
        else:
            existing = existing_rows(model, set(claimed), *owners)
        for row_id, owner_columns in existing.items():
            owner = next((value for value in owner_columns if value is not None), None)
            if owner in replaced.get(table, service_ids):
                continue
            _, index, record, path = claimed[row_id]
            problems.add(
                index,
                record,
                (*path, "id"),
                f"This id already belongs to another record in {_TABLE_WORDS[table]}, which this import does not change.",
            )


_SHARED = {"addresses", "accessibility", "organization_identifiers"}
_TABLE_WORDS = {
    "schedules": "schedules",
    "service_areas": "service areas",
    "service_at_locations": "service at locations",
    "languages": "languages",
    "funding": "funding",
    "cost_options": "cost options",
    "contacts": "contacts",
    "phones": "phones",
    "attributes": "attributes",
    "organization_identifiers": "organisation identifiers",
    "addresses": "addresses",
    "accessibility": "accessibility",
}
