"""ORUK records the directory's serialisation (`firstperson.directory.oruk`) does not build itself:
the list and fully nested forms of a service at a location, a service with its organisation, a
taxonomy with its terms, and the API's meta and problem bodies."""

from typing import Any

from firstperson.directory.models import Attribute, Service, ServiceAtLocation, Taxonomy
from firstperson.directory.oruk import (
    compact,
    location_full,
    location_item,
    organization_item,
    service_full,
    service_item,
    taxonomy_item,
    taxonomy_term_item,
)


def service_with_organization(service: Service) -> dict[str, Any]:
    """A service's one-to-one fields and its organisation, as in a list of services."""
    return {**service_item(service), "organization": organization_item(service.organization)}


def service_at_location_item(service_at_location: ServiceAtLocation) -> dict[str, Any]:
    return compact(
        {
            "id": service_at_location.id,
            "service_id": service_at_location.service_id,
            "location_id": service_at_location.location_id,
            "location": location_item(service_at_location.location),
            "service": service_with_organization(service_at_location.service),
        }
    )


def service_at_location_full(service_at_location: ServiceAtLocation, attributes: list[Attribute]) -> dict[str, Any]:
    """The location fully nested and the service fully nested, without the service's other
    locations (the compiled schema's `service` has no `service_at_locations`)."""
    service = service_full(service_at_location.service, attributes)
    service.pop("service_at_locations", None)
    return compact(
        {
            "id": service_at_location.id,
            "service_id": service_at_location.service_id,
            "location_id": service_at_location.location_id,
            "location": location_full(service_at_location.location),
            "service": service,
        }
    )


def taxonomy_full(taxonomy: Taxonomy) -> dict[str, Any]:
    terms = [taxonomy_term_item(term) for term in taxonomy.terms.all()]
    return compact({**taxonomy_item(taxonomy), "taxonomy_terms": terms}, required=("id", "name", "description"))
