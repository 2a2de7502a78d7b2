"""The Open Referral UK (HSDS 3.0 UK profile) representation of directory records.

Shared by the public API and the export, so that both say exactly the same thing. Empty optional
fields are left out, as the standard asks. Money (cost_option.amount) is a JSON number, as the
schema requires; it is held as Decimal everywhere before this boundary.
"""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import (
    Attribute,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

ORUK_VERSION = "HSDS-UK-3.0"
ORUK_PROFILE_URL = "https://github.com/openreferral/uk-profile"


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def compact(record: dict[str, Any], required: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """Drop empty optional fields (None, "" and []); keep required ones whatever they hold."""
    out = {}
    for key, value in record.items():
        if key not in required and (value is None or value == "" or value == []):
            continue
        out[key] = _value(value)
    return out


# --- one-to-one fields ------------------------------------------------------------------------


#: The columns `organization_item`, `service_item` and `location_item` read: a list reads only these
#: (QuerySet.only), not the record-keeping columns it never shows. Keep them beside the functions.
ORGANIZATION_ITEM_FIELDS = ("id", "name", "description", "email", "website", "logo", "uri", "parent_organization_id")
SERVICE_ITEM_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "accreditations",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "alert",
    "last_modified",
)
LOCATION_ITEM_FIELDS = (
    "id",
    "location_type",
    "name",
    "description",
    "latitude",
    "longitude",
    "external_identifier",
    "external_identifier_type",
)


def organization_item(organization: Organization) -> dict[str, Any]:
    return compact(
        {
            "id": organization.id,
            "name": organization.name,
            "description": organization.description,
            "email": organization.email,
            "website": organization.website,
            "logo": organization.logo,
            "uri": organization.uri,
            "parent_organization_id": organization.parent_organization_id,
        },
        required=("id", "name", "description"),
    )


def service_item(service: Service) -> dict[str, Any]:
    """The service's own fields, as in a list of services."""
    return compact(
        {
            "id": service.id,
            "organization_id": service.organization_id,
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees,
            "accreditations": service.accreditations,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.assured_date,
            "assurer_email": service.assurer_email,
            "alert": service.alert,
            "last_modified": service.last_modified,
        },
        required=("id", "name", "status"),
    )


def location_item(location: Location) -> dict[str, Any]:
    return compact(
        {
            "id": location.id,
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
        },
        required=("id", "location_type"),
    )


def taxonomy_item(taxonomy: Taxonomy) -> dict[str, Any]:
    return compact(
        {
            "id": taxonomy.id,
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        },
        required=("id", "name", "description"),
    )


def taxonomy_term_item(term: TaxonomyTerm, *, with_taxonomy_name: bool = True) -> dict[str, Any]:
    return compact(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description,
            "parent_id": term.parent_id,
            "taxonomy": term.taxonomy.name if with_taxonomy_name and term.taxonomy_id else None,
            "taxonomy_id": term.taxonomy_id,
            "term_uri": term.term_uri,
            "term": term.code,
        },
        required=("id", "name", "description"),
    )


# --- fully nested -----------------------------------------------------------------------------


def _schedule(schedule: Schedule) -> dict[str, Any]:
    return compact(
        {
            "id": schedule.id,
            "service_id": schedule.service_id,
            "service_at_location_id": schedule.service_at_location_id,
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "dtstart": schedule.dtstart,
            "freq": schedule.freq,
            "interval": schedule.interval,
            "byday": schedule.byday,
            "bymonthday": schedule.bymonthday,
            "description": schedule.description,
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "schedule_link": schedule.schedule_link,
            "attending_type": schedule.attending_type,
            "notes": schedule.notes,
        }
    )


def _attributes(attributes) -> list[dict[str, Any]]:
    return [
        compact(
            {
                "id": attribute.id,
                "link_id": attribute.link_id,
                "link_type": attribute.link_type,
                "taxonomy_term_id": attribute.taxonomy_term_id,
                "taxonomy_term": taxonomy_term_item(attribute.taxonomy_term),
            }
        )
        for attribute in attributes
    ]


def location_full(location: Location) -> dict[str, Any]:
    record = location_item(location)
    addresses = [
        compact(
            {
                "id": address.id,
                "location_id": address.location_id,
                "attention": address.attention,
                "address_1": address.address_1,
                "address_2": address.address_2,
                "city": address.city,
                "region": address.region,
                "state_province": address.state_province,
                "postal_code": address.postal_code,
                "country": address.country,
                "address_type": address.address_type,
            },
            required=("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
        )
        for address in location.addresses.all()
    ]
    accessibility = [
        compact(
            {
                "id": item.id,
                "location_id": item.location_id,
                "description": item.description,
                "details": item.details,
                "url": item.url,
            }
        )
        for item in location.accessibility.all()
    ]
    return compact({**record, "addresses": addresses, "accessibility": accessibility}, required=("id", "location_type"))


def _phone(phone) -> dict[str, Any]:
    return compact(
        {
            "id": phone.id,
            "contact_id": phone.contact_id,
            "service_id": phone.service_id,
            "number": phone.number,
            "description": phone.description,
        },
        required=("id", "number"),
    )


def service_full(service: Service, attributes: list[Attribute]) -> dict[str, Any]:
    """A fully nested service. Pass the service through `prefetch_service_full` first; its
    attributes (categories) come separately, since ORUK links them by id rather than by key."""
    record = service_item(service)
    record["organization"] = organization_item(service.organization)
    record["schedules"] = [_schedule(schedule) for schedule in service.schedules.all()]
    record["service_areas"] = [
        compact(
            {
                "id": area.id,
                "service_id": area.service_id,
                "name": area.name,
                "extent": area.extent or area.postcode_prefixes.strip(),
                "extent_type": area.extent_type or ("postcode_prefixes" if area.postcode_prefixes.strip() else ""),
                "uri": area.uri,
                "service_area": area.service_area,
            }
        )
        for area in service.service_areas.all()
    ]
    record["service_at_locations"] = [
        compact(
            {
                "id": sal.id,
                "service_id": sal.service_id,
                "location_id": sal.location_id,
                "location": location_full(sal.location),
                "schedules": [_schedule(schedule) for schedule in sal.schedules.all()],
            }
        )
        for sal in service.service_at_locations.all()
    ]
    record["languages"] = [
        compact(
            {
                "id": language.id,
                "service_id": language.service_id,
                "name": language.name,
                "code": language.code,
                "note": language.note,
            }
        )
        for language in service.languages.all()
    ]
    record["funding"] = [
        compact({"id": funding.id, "service_id": funding.service_id, "source": funding.source})
        for funding in service.funding.all()
    ]
    record["cost_options"] = [
        compact(
            {
                "id": cost.id,
                "service_id": cost.service_id,
                "valid_from": cost.valid_from,
                "valid_to": cost.valid_to,
                "option": cost.option,
                "amount": cost.amount,
                "amount_description": cost.amount_description,
            }
        )
        for cost in service.cost_options.all()
    ]
    record["contacts"] = [
        compact(
            {
                "id": contact.id,
                "service_id": contact.service_id,
                "name": contact.name,
                "title": contact.title,
                "email": contact.email,
                "phones": [_phone(phone) for phone in contact.phones.all()],
            }
        )
        for contact in service.contacts.all()
    ]
    record["phones"] = [_phone(phone) for phone in service.phones.all()]
    record["attributes"] = _attributes(attributes)
    return compact(record, required=("id", "name", "status"))


def prefetch_service_full(services: QuerySet[Service]) -> QuerySet[Service]:
    """Everything `service_full` reads, in a fixed number of queries whatever the number of services."""
    return services.select_related("organization").prefetch_related(
        "schedules",
        "service_areas",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__addresses", "location__accessibility", "schedules"
            ),
        ),
        "languages",
        "funding",
        "cost_options",
        "contacts__phones",
        "phones",
    )


def attributes_by_link(link_ids: list) -> dict:
    """Service categories for many services at once: {service id: [Attribute, ...]}."""
    grouped: dict = {}
    for attribute in Attribute.objects.filter(link_type="service", link_id__in=link_ids).select_related(
        "taxonomy_term__taxonomy"
    ):
        grouped.setdefault(attribute.link_id, []).append(attribute)
    return grouped
