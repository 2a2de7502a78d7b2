"""Reads behind the ORUK API: the directory's own searches, with the related rows each response needs
fetched in a fixed number of queries, however many records a page holds."""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from firstperson.directory.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from firstperson.directory.oruk import (
    LOCATION_ITEM_FIELDS,
    ORGANIZATION_ITEM_FIELDS,
    SERVICE_ITEM_FIELDS,
    prefetch_service_full,
)
from firstperson.directory.selectors import (
    ServiceQuery,
    public_service_count,
    public_services,
    service_at_location_search,
    service_search,
    service_search_by_words,
    synonym_table,
)


@dataclass(frozen=True)
class ServiceListing:
    """A list of services: how to read a page's services, and, for a search by words without a
    point, a separate query giving every match's id in order straight from the search index
    (`service_search_by_words`, ids in its column "service_id"), which is much quicker there."""

    rows: QuerySet[Service]
    ordered_ids: QuerySet | None = None
    #: Every public service, unfiltered: how many there are is kept, not counted (PublicDirectoryCount).
    known_total: int | None = None


def service_list(*, query: ServiceQuery, full: bool) -> ServiceListing:
    synonyms = synonym_table()
    if query.search.strip() and query.near is None:
        # The order, the filters and the count are all in `ordered_ids`: the rows are read by id.
        services = Service.objects.all()
        ordered_ids = service_search_by_words(query=query, synonyms=synonyms)
    else:
        services, ordered_ids = service_search(query=query, synonyms=synonyms), None
    if full:
        rows = prefetch_service_full(services)
    else:
        rows = services.select_related("organization").only(
            *SERVICE_ITEM_FIELDS, *(f"organization__{name}" for name in ORGANIZATION_ITEM_FIELDS)
        )
    known_total = public_service_count() if query == ServiceQuery() else None
    return ServiceListing(rows=rows, ordered_ids=ordered_ids, known_total=known_total)


def service_at_location_list(*, query: ServiceQuery) -> QuerySet[ServiceAtLocation]:
    return (
        service_at_location_search(query=query)
        .select_related("location", "service__organization")
        .only(
            "id",
            "service_id",
            "location_id",
            *(f"location__{name}" for name in LOCATION_ITEM_FIELDS),
            *(f"service__{name}" for name in SERVICE_ITEM_FIELDS),
            *(f"service__organization__{name}" for name in ORGANIZATION_ITEM_FIELDS),
        )
    )


def service_for_detail(*, service_id: uuid.UUID) -> Service | None:
    """A published service, ready for `service_full`; None for any other id."""
    return prefetch_service_full(public_services().filter(pk=service_id)).first()


def service_at_location_for_detail(*, service_at_location_id: uuid.UUID) -> ServiceAtLocation | None:
    """A published service at one of its locations, with the location's addresses and accessibility
    and the service fully nested; None for any other id."""
    found = (
        ServiceAtLocation.objects.filter(pk=service_at_location_id, service__in=public_services())
        .select_related("location")
        .prefetch_related(
            "location__addresses",
            "location__accessibility",
            Prefetch("service", queryset=prefetch_service_full(Service.objects.all())),
        )
        .first()
    )
    return found


def taxonomy_list() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "id")


def taxonomy_for_detail(*, taxonomy_id: uuid.UUID) -> Taxonomy | None:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")
    return Taxonomy.objects.filter(pk=taxonomy_id).prefetch_related(Prefetch("terms", queryset=terms)).first()


def taxonomy_term_list(
    *, taxonomy_id: uuid.UUID | None = None, parent_id: uuid.UUID | None = None, top_only: bool = False
) -> QuerySet[TaxonomyTerm]:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")
    if taxonomy_id:
        terms = terms.filter(taxonomy_id=taxonomy_id)
    if parent_id:
        terms = terms.filter(parent_id=parent_id)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    return terms


def taxonomy_term_for_detail(*, taxonomy_term_id: uuid.UUID) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.select_related("taxonomy").filter(pk=taxonomy_term_id).first()
