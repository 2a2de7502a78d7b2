"""Writing checked records: upserts by id with history, and a service's own rows replaced."""

import datetime
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

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
    ServiceStatusChange,
    Taxonomy,
    TaxonomyTerm,
)
from ..rules.html import sanitise_html
from .checks import as_decimal, as_whole, parse_date, parse_time
from .limits import SERVICE_LINK_TYPE, WRITE_BATCH
from .rows import chunks, existing_rows, uid


def _s(obj: dict, key: str) -> str:
    value = obj.get(key)
    return "" if value is None else str(value).strip()


def _opt_uuid(obj: dict, key: str) -> uuid.UUID | None:
    value = obj.get(key)
    return uuid.UUID(str(value)) if value else None


def _opt_date(obj: dict, key: str) -> datetime.date | None:
    return parse_date(obj[key]) if obj.get(key) else None


def _opt_time(obj: dict, key: str) -> datetime.time | None:
    return parse_time(obj[key]) if obj.get(key) else None


def _opt_whole(obj: dict, key: str) -> int | None:
    value = obj.get(key)
    return as_whole(value) if value not in (None, "") else None


def _opt_float(obj: dict, key: str) -> float | None:
    value = obj.get(key)
    return float(as_decimal(value)) if value not in (None, "") else None  # type: ignore[arg-type]


def _opt_money(obj: dict, key: str) -> Decimal | None:
    value = obj.get(key)
    return as_decimal(value).quantize(Decimal("0.01")) if value not in (None, "") else None  # type: ignore[union-attr]


_NOT_WHEELCHAIR = re.compile(
    r"\b(no|not|without|isn't|is not|cannot|can't)\b[^.;]{0,30}\b(wheelchair|step[- ]free)", re.I
)
_WHEELCHAIR = re.compile(r"\b(wheelchair|step[- ]free|level access|ramp)", re.I)


def wheelchair_accessible_from(text: str) -> bool:
    """Our search filter's fact, read from ORUK's free-text accessibility description."""
    return bool(_WHEELCHAIR.search(text)) and not _NOT_WHEELCHAIR.search(text)


def _upsert(model: type[models.Model], objects: dict, build, fields: list[str], writing: "_Writing") -> int:
    """Create or update `model` rows by id, keeping history; returns how many were created.
    `build(existing_or_None, id, data)` returns the object to save. A row that the import leaves as
    it was (last_modified aside) is not written, so re-importing the same feed adds no history."""
    existing = {}
    for chunk in chunks(list(objects)):
        existing.update(model._default_manager.in_bulk(chunk))
    columns = [getattr(model._meta.get_field(name), "attname", name) for name in fields]
    to_create, updated = [], []
    for object_id, data in objects.items():
        current = existing.get(object_id)
        if current is None:
            to_create.append(build(None, object_id, data))
            continue
        before = {column: getattr(current, column) for column in columns}
        obj = build(current, object_id, data)
        after = {column: getattr(obj, column) for column in columns}
        if any(after[column] != before[column] for column in columns if column != "last_modified"):
            # One small UPDATE a row: Django's bulk_update builds a CASE over the whole batch for every
            # column, which grows with the square of the batch.
            model._default_manager.filter(pk=object_id).update(**after)
            updated.append(obj)
    user, reason = writing.user, writing.reason
    history = hasattr(model, "history")
    if to_create and history:
        bulk_create_with_history(
            to_create, model, batch_size=WRITE_BATCH, default_user=user, default_change_reason=reason
        )
    elif to_create:
        model._default_manager.bulk_create(to_create, batch_size=WRITE_BATCH)
    if updated and history:
        # No fields: the rows are written above; this adds their history.
        bulk_update_with_history(
            updated, model, [], batch_size=WRITE_BATCH, default_user=user, default_change_reason=reason
        )
    return len(to_create)


@dataclass(frozen=True)
class _Writing:
    """What every write of one import shares."""

    actor: Any
    now: datetime.datetime
    reason: str
    publish: bool

    @property
    def user(self) -> Any:
        return self.actor if self.actor is not None and getattr(self.actor, "is_authenticated", False) else None

    @property
    def record_status(self) -> str:
        return RecordStatus.PUBLISHED if self.publish else RecordStatus.SUBMITTED


def write_records(datas: list[dict], *, actor, source: str, publish: bool, taxonomies: dict) -> dict:
    """Write checked services and what they hold. Call inside a transaction; returns the counts."""
    writing = _Writing(actor=actor, now=timezone.now(), reason=f"Imported from {source}"[:100], publish=publish)
    organizations: dict[uuid.UUID, dict] = {}
    locations: dict[uuid.UUID, dict] = {}
    terms: dict[uuid.UUID, dict] = {}
    for data in datas:
        if isinstance(data.get("organization"), dict):
            organizations[uid(data["organization"]["id"])] = data["organization"]
        for sal in data.get("service_at_locations") or []:
            if isinstance(sal.get("location"), dict):
                locations[uid(sal["location"]["id"])] = sal["location"]
        for attribute in data.get("attributes") or []:
            if isinstance(attribute.get("taxonomy_term"), dict):
                terms[uid(attribute["taxonomy_term"]["id"])] = attribute["taxonomy_term"]
    services = {uid(data["id"]): data for data in datas}

    _write_taxonomy_terms(terms, taxonomies, writing)
    _write_organizations(organizations, writing)
    _write_locations(locations, writing)
    created = _write_services(services, writing)
    _replace_service_rows(services)
    return {
        "record_status": str(writing.record_status),
        "services_created": created,
        "services_updated": len(services) - created,
        "organizations": len(organizations),
        "locations": len(locations),
        "taxonomy_terms": len(terms),
        "service_ids": list(services),
        "location_ids": list(locations),
    }


def _write_taxonomy_terms(terms: dict[uuid.UUID, dict], taxonomies: dict, writing: _Writing) -> None:
    """The categories: taxonomies added when new (named by a term, or from taxonomies.csv), terms upserted."""
    taxonomy_rows: dict[uuid.UUID, dict] = {uid(key): value for key, value in taxonomies.items()}
    for term in terms.values():
        taxonomy_id = _opt_uuid(term, "taxonomy_id")
        if taxonomy_id and taxonomy_id not in taxonomy_rows and _s(term, "taxonomy"):
            taxonomy_rows[taxonomy_id] = {"name": _s(term, "taxonomy")}
    known_taxonomies = set(existing_rows(Taxonomy, set(taxonomy_rows)))
    new_taxonomies = [
        Taxonomy(
            id=taxonomy_id,
            name=_s(row, "name")[:255],
            description=_s(row, "description"),
            uri=_s(row, "uri")[:500],
            version=_s(row, "version")[:50],
        )
        for taxonomy_id, row in taxonomy_rows.items()
        if taxonomy_id not in known_taxonomies
    ]
    Taxonomy.objects.bulk_create(new_taxonomies, batch_size=WRITE_BATCH)
    all_taxonomies = known_taxonomies | {taxonomy.id for taxonomy in new_taxonomies}
    parent_ids = {_opt_uuid(term, "parent_id") for term in terms.values()} - {None}
    known_parents = set(existing_rows(TaxonomyTerm, parent_ids)) | set(terms)

    def build(current, term_id, term):
        obj = current or TaxonomyTerm(id=term_id, slug=slugify(_s(term, "name"))[:100])
        obj.name = _s(term, "name")
        obj.description = _s(term, "description")
        obj.code = _s(term, "term")
        obj.term_uri = _s(term, "term_uri")
        taxonomy_id = _opt_uuid(term, "taxonomy_id")
        if taxonomy_id in all_taxonomies:
            obj.taxonomy_id = taxonomy_id
        parent_id = _opt_uuid(term, "parent_id")
        obj.parent_id = parent_id if parent_id in known_parents and parent_id != term_id else None
        return obj

    fields = ["name", "description", "code", "term_uri", "taxonomy", "parent"]
    _upsert(TaxonomyTerm, terms, build, fields, writing)


def _write_organizations(organizations: dict[uuid.UUID, dict], writing: _Writing) -> None:
    parents = {_opt_uuid(org, "parent_organization_id") for org in organizations.values()} - {None}
    known_parents = set(existing_rows(Organization, parents)) | set(organizations)

    def build(current, organization_id, org):
        obj = current or Organization(id=organization_id)
        obj.name = _s(org, "name")
        obj.description = sanitise_html(_s(org, "description"))
        obj.email = _s(org, "email")
        obj.website = _s(org, "website")
        obj.logo = _s(org, "logo")
        obj.uri = _s(org, "uri")
        parent = _opt_uuid(org, "parent_organization_id")
        obj.parent_organization_id = parent if parent in known_parents and parent != organization_id else None
        obj.last_modified = writing.now
        return obj

    fields = ["name", "description", "email", "website", "logo", "uri", "parent_organization", "last_modified"]
    _upsert(Organization, organizations, build, fields, writing)
    OrganizationIdentifier.objects.filter(organization_id__in=list(organizations)).delete()
    OrganizationIdentifier.objects.bulk_create(
        [
            OrganizationIdentifier(
                id=uid(item["id"]),
                organization_id=organization_id,
                identifier_scheme=_s(item, "identifier_scheme"),
                identifier_type=_s(item, "identifier_type"),
                identifier=_s(item, "identifier"),
            )
            for organization_id, org in organizations.items()
            for item in org.get("organization_identifiers") or []
        ],
        batch_size=WRITE_BATCH,
    )


def _write_locations(locations: dict[uuid.UUID, dict], writing: _Writing) -> None:
    """Locations upserted; their addresses and accessibility replaced. The wheelchair fact (ours, not
    ORUK's) is kept when the accessibility text is unchanged, and read from the text when it is new."""

    def build(current, location_id, loc):
        obj = current or Location(id=location_id)
        obj.location_type = _s(loc, "location_type") or "physical"
        obj.name = _s(loc, "name")
        obj.description = sanitise_html(_s(loc, "description"))
        obj.latitude = _opt_float(loc, "latitude")
        obj.longitude = _opt_float(loc, "longitude")
        obj.external_identifier = _s(loc, "external_identifier")
        obj.external_identifier_type = _s(loc, "external_identifier_type")
        obj.last_modified = writing.now
        return obj

    fields = [
        "location_type", "name", "description", "latitude", "longitude", "external_identifier",
        "external_identifier_type", "last_modified",
    ]  # fmt: skip
    _upsert(Location, locations, build, fields, writing)
    previous_access: dict[uuid.UUID, tuple[str, str, bool]] = {
        row_id: (description, details, wheelchair)
        for row_id, description, details, wheelchair in Accessibility.objects.filter(
            location_id__in=list(locations)
        ).values_list("id", "description", "details", "wheelchair_accessible")
    }
    Address.objects.filter(location_id__in=list(locations)).delete()
    Accessibility.objects.filter(location_id__in=list(locations)).delete()
    addresses, access = [], []
    for location_id, loc in locations.items():
        for item in loc.get("addresses") or []:
            addresses.append(
                Address(
                    id=uid(item["id"]),
                    location_id=location_id,
                    attention=_s(item, "attention"),
                    address_1=_s(item, "address_1"),
                    address_2=_s(item, "address_2"),
                    city=_s(item, "city"),
                    region=_s(item, "region"),
                    state_province=_s(item, "state_province"),
                    postal_code=_s(item, "postal_code").upper(),
                    country=(_s(item, "country") or "GB").upper(),
                    address_type=_s(item, "address_type") or "physical",
                )
            )
        for item in loc.get("accessibility") or []:
            item_id = uid(item["id"])
            description, details = _s(item, "description"), _s(item, "details")
            before = previous_access.get(item_id)
            wheelchair = (
                before[2]
                if before and before[0] == description and before[1] == details
                else wheelchair_accessible_from(f"{description} {details}")
            )
            access.append(
                Accessibility(
                    id=item_id,
                    location_id=location_id,
                    description=description,
                    details=details,
                    url=_s(item, "url"),
                    wheelchair_accessible=wheelchair,
                )
            )
    Address.objects.bulk_create(addresses, batch_size=WRITE_BATCH)
    Accessibility.objects.bulk_create(access, batch_size=WRITE_BATCH)


def _write_services(services: dict[uuid.UUID, dict], writing: _Writing) -> int:
    """The services' own fields, and a status-change row for each that moves. Returns how many are new."""
    before_status = {row_id: row[0] for row_id, row in existing_rows(Service, set(services), "record_status").items()}

    def build(current, service_id, data):
        obj = current or Service(id=service_id)
        organization = data.get("organization")
        obj.organization_id = uid(organization["id"] if isinstance(organization, dict) else data["organization_id"])
        obj.name = _s(data, "name")
        obj.description = sanitise_html(_s(data, "description"))
        obj.url = _s(data, "url")
        obj.email = _s(data, "email")
        obj.status = _s(data, "status")
        obj.fees = _s(data, "fees")
        obj.accreditations = _s(data, "accreditations")
        obj.minimum_age = _opt_whole(data, "minimum_age")
        obj.maximum_age = _opt_whole(data, "maximum_age")
        obj.assured_date = _opt_date(data, "assured_date")
        obj.assurer_email = _s(data, "assurer_email")
        obj.alert = _s(data, "alert")
        obj.record_status = writing.record_status
        if writing.publish:
            obj.last_reviewed_at = writing.now
            obj.status_reason = ""
        obj.last_modified = writing.now
        return obj

    fields = [
        "organization", "name", "description", "url", "email", "status", "fees", "accreditations", "minimum_age",
        "maximum_age", "assured_date", "assurer_email", "alert", "record_status", "last_reviewed_at",
        "status_reason", "last_modified",
    ]  # fmt: skip
    created = _upsert(Service, services, build, fields, writing)
    ServiceStatusChange.objects.bulk_create(
        [
            ServiceStatusChange(
                service_id=service_id,
                from_status=before_status.get(service_id, ""),
                to_status=writing.record_status,
                reason=writing.reason,
                changed_by=writing.user,
            )
            for service_id in services
            if before_status.get(service_id) != writing.record_status
        ],
        batch_size=WRITE_BATCH,
    )
    return created


_SERVICE_ROW_MODELS = (
    ServiceAtLocation, Schedule, ServiceArea, Language, Funding, CostOption, Contact, Phone, Attribute,
)  # fmt: skip


def _replace_service_rows(services: dict[uuid.UUID, dict]) -> None:
    """Each service's own rows (schedules, contacts, phones, costs...) replaced by the ones imported."""
    ids = list(services)
    previous_prefixes: dict[uuid.UUID, str] = {}
    for chunk in chunks(ids):
        previous_prefixes.update(
            ServiceArea.objects.filter(service_id__in=chunk)
            .exclude(postcode_prefixes="")
            .values_list("id", "postcode_prefixes")
        )
        Schedule.objects.filter(service_id__in=chunk).delete()
        Schedule.objects.filter(service_at_location__service_id__in=chunk).delete()
        Phone.objects.filter(service_id__in=chunk).delete()
        for owned in (ServiceArea, ServiceAtLocation, Language, Funding, CostOption, Contact):
            owned._default_manager.filter(service_id__in=chunk).delete()
        Attribute.objects.filter(link_type=SERVICE_LINK_TYPE, link_id__in=chunk).delete()
    rows: dict[type[models.Model], list] = {model: [] for model in _SERVICE_ROW_MODELS}
    for service_id, data in services.items():
        for model, objects in _service_rows(service_id, data, previous_prefixes).items():
            rows[model].extend(objects)
    for model, objects in rows.items():
        model._default_manager.bulk_create(objects, batch_size=WRITE_BATCH)


def _service_rows(service_id: uuid.UUID, data: dict, previous_prefixes: dict) -> dict[type[models.Model], list]:
    rows: dict[type[models.Model], list] = {model: [] for model in _SERVICE_ROW_MODELS}
    sal_ids = {}
    for sal in data.get("service_at_locations") or []:
        location = sal.get("location")
        location_id = uid(location["id"] if isinstance(location, dict) else sal["location_id"])
        sal_ids[str(sal["id"]).lower()] = uid(sal["id"])
        rows[ServiceAtLocation].append(
            ServiceAtLocation(id=uid(sal["id"]), service_id=service_id, location_id=location_id)
        )
    for item in data.get("schedules") or []:
        rows[Schedule].append(
            Schedule(
                id=uid(item["id"]),
                service_id=service_id,
                service_at_location_id=sal_ids.get(_s(item, "service_at_location_id").lower()),
                valid_from=_opt_date(item, "valid_from"),
                valid_to=_opt_date(item, "valid_to"),
                dtstart=_opt_date(item, "dtstart"),
                freq=_s(item, "freq"),
                interval=_opt_whole(item, "interval"),
                byday=",".join(day.strip().upper() for day in _s(item, "byday").split(",") if day.strip()),
                bymonthday=_s(item, "bymonthday").replace(" ", ""),
                description=_s(item, "description"),
                opens_at=_opt_time(item, "opens_at"),
                closes_at=_opt_time(item, "closes_at"),
                schedule_link=_s(item, "schedule_link"),
                attending_type=_s(item, "attending_type"),
                notes=_s(item, "notes"),
            )
        )
    for item in data.get("service_areas") or []:
        area = ServiceArea(
            id=uid(item["id"]),
            service_id=service_id,
            name=_s(item, "name"),
            extent=_s(item, "extent"),
            extent_type=_s(item, "extent_type"),
            uri=_s(item, "uri"),
            service_area=_s(item, "service_area"),
        )
        if area.extent_type == "postcode_prefixes":
            # Our own extension, as the export writes it: the postcode districts or areas covered.
            # None named is the whole council, stored "" (ServiceArea.postcode_prefixes).
            named = area.extent.upper().split()
            area.postcode_prefixes = f" {' '.join(named)} " if named else ""
            area.extent, area.extent_type = "", ""
        else:
            area.postcode_prefixes = previous_prefixes.get(area.id, "")
        rows[ServiceArea].append(area)
    for item in data.get("languages") or []:
        rows[Language].append(
            Language(
                id=uid(item["id"]),
                service_id=service_id,
                name=_s(item, "name"),
                code=_s(item, "code"),
                note=_s(item, "note"),
            )
        )
    for item in data.get("funding") or []:
        rows[Funding].append(Funding(id=uid(item["id"]), service_id=service_id, source=_s(item, "source")))
    for item in data.get("cost_options") or []:
        rows[CostOption].append(
            CostOption(
                id=uid(item["id"]),
                service_id=service_id,
                valid_from=_opt_date(item, "valid_from"),
                valid_to=_opt_date(item, "valid_to"),
                option=_s(item, "option"),
                amount=_opt_money(item, "amount"),
                amount_description=_s(item, "amount_description"),
            )
        )
    for item in data.get("contacts") or []:
        contact = Contact(
            id=uid(item["id"]),
            service_id=service_id,
            name=_s(item, "name"),
            title=_s(item, "title"),
            email=_s(item, "email"),
        )
        rows[Contact].append(contact)
        for phone in item.get("phones") or []:
            rows[Phone].append(
                Phone(
                    id=uid(phone["id"]),
                    contact_id=contact.id,
                    number=_s(phone, "number"),
                    description=_s(phone, "description"),
                )
            )
    for phone in data.get("phones") or []:
        rows[Phone].append(
            Phone(
                id=uid(phone["id"]),
                service_id=service_id,
                number=_s(phone, "number"),
                description=_s(phone, "description"),
            )
        )
    for item in data.get("attributes") or []:
        term = item.get("taxonomy_term")
        rows[Attribute].append(
            Attribute(
                id=uid(item["id"]),
                link_type=SERVICE_LINK_TYPE,
                link_id=service_id,
                taxonomy_term_id=uid(term["id"] if isinstance(term, dict) else item["taxonomy_term_id"]),
                value=_s(item, "value")[:255],
            )
        )
    return rows
