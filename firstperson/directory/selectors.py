"""Reads of the directory: what the public sees, and searching it.

One query builder serves the public pages and the Open Referral UK API, so a search gives the same
answer on both. Everything is set-based SQL that runs on SQLite and PostgreSQL: text search uses the
portable `ServiceSearchTerm` index, distance uses a flat-earth formula in plain arithmetic.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from firstperson.platform.geography.models import Postcode
from firstperson.platform.geography.rules.distance import METRES_PER_DEGREE_LATITUDE, bounding_box, longitude_scale
from firstperson.platform.geography.rules.postcodes import (
    postcode_area,
    postcode_is_valid,
    postcode_normalise,
    postcode_outward,
)

from .choices import RecordStatus, ServiceStatus
from .exceptions import UnknownPostcode
from .models import (
    Accessibility,
    Attribute,
    Contact,
    CostOption,
    Language,
    Phone,
    Schedule,
    SearchSynonymGroup,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceSearchTerm,
)
from .rules.quality import ServiceFacts
from .rules.text import QueryGroup, SynonymTable, query_term_groups

PUBLIC_SERVICE_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
LOW_COST_WEEKLY_LIMIT = Decimal("10.00")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class ServiceQuery:
    """Every filter a search can use. Empty values filter nothing."""

    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    for_age: int | None = None
    day: str = ""
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    modified_after: datetime.datetime | None = None
    near: Point | None = None
    postcode: str = ""
    proximity_metres: float | None = None
    cost: str = ""  # "free" or "low"
    wheelchair_accessible: bool = False
    language: str = ""


def synonym_table() -> SynonymTable:
    return SynonymTable.from_groups(SearchSynonymGroup.objects.values_list("words", flat=True))


def postcode_point(*, postcode: str) -> Point:
    """The centre of a postcode, or UnknownPostcode with a plain message."""
    if not postcode_is_valid(postcode):
        raise UnknownPostcode("Enter a real postcode, like WS1 4FG", field="postcode")
    found = Postcode.objects.filter(postcode=postcode_normalise(postcode)).values_list("latitude", "longitude").first()
    if found is None:
        raise UnknownPostcode("We could not find that postcode. Check it and try again", field="postcode")
    return Point(*found)


def public_services() -> QuerySet[Service]:
    return Service.objects.filter(record_status=RecordStatus.PUBLISHED, status__in=PUBLIC_SERVICE_STATUSES)


def _service_filter(query: ServiceQuery, synonyms: SynonymTable, prefix: str = "") -> tuple[Q, list[QueryGroup]]:
    """The conditions on a service, written against `prefix` (e.g. "service__" from a service at location)."""
    p = prefix
    condition = Q()
    groups = query_term_groups(query.search, synonyms) if query.search.strip() else []
    for group in groups:
        matching = ServiceSearchTerm.objects.filter(term__in=sorted(group.terms)).values("service_id")
        condition &= Q(**{f"{p}id__in": matching})
    if query.taxonomy_term_id:
        linked = Attribute.objects.filter(link_type="service", taxonomy_term_id=query.taxonomy_term_id).values(
            "link_id"
        )
        condition &= Q(**{f"{p}id__in": linked})
    if query.taxonomy_id:
        linked = Attribute.objects.filter(link_type="service", taxonomy_term__taxonomy_id=query.taxonomy_id).values(
            "link_id"
        )
        condition &= Q(**{f"{p}id__in": linked})
    if query.organization_id:
        condition &= Q(**{f"{p}organization_id": query.organization_id})
    if query.minimum_age is not None:
        condition &= Q(**{f"{p}minimum_age__gte": query.minimum_age})
    if query.maximum_age is not None:
        condition &= Q(**{f"{p}maximum_age__lte": query.maximum_age})
    if query.for_age is not None:
        condition &= Q(**{f"{p}minimum_age__isnull": True}) | Q(**{f"{p}minimum_age__lte": query.for_age})
        condition &= Q(**{f"{p}maximum_age__isnull": True}) | Q(**{f"{p}maximum_age__gte": query.for_age})
    if query.day or query.start_time or query.end_time:
        schedules = Schedule.objects.filter(service_id=OuterRef(f"{p}id" if p else "id"))
        if query.day:
            schedules = schedules.filter(byday__contains=query.day)
        if query.start_time:
            schedules = schedules.filter(opens_at__gte=query.start_time)
        if query.end_time:
            schedules = schedules.filter(closes_at__lte=query.end_time)
        condition &= Q(Exists(schedules))
    if query.modified_after:
        condition &= Q(**{f"{p}last_modified__gte": query.modified_after})
    if query.cost == "free":
        free = CostOption.objects.filter(Q(amount__isnull=True) | Q(amount=0)).values("service_id")
        condition &= Q(**{f"{p}id__in": free})
    elif query.cost == "low":
        cheap = CostOption.objects.filter(Q(amount__isnull=True) | Q(amount__lte=LOW_COST_WEEKLY_LIMIT)).values(
            "service_id"
        )
        condition &= Q(**{f"{p}id__in": cheap})
    if query.wheelchair_accessible:
        accessible = ServiceAtLocation.objects.filter(location__accessibility__wheelchair_accessible=True).values(
            "service_id"
        )
        condition &= Q(**{f"{p}id__in": accessible})
    if query.language:
        speaks = Language.objects.filter(Q(code__iexact=query.language) | Q(name__iexact=query.language)).values(
            "service_id"
        )
        condition &= Q(**{f"{p}id__in": speaks})
    if query.postcode:
        condition &= _covers_postcode(query.postcode, p)
    return condition, groups


def _covers_postcode(postcode: str, p: str) -> Q:
    """A service with no service area covers the whole council; otherwise one area must name the
    postcode's district (WS1) or area (WS)."""
    outward, area = postcode_outward(postcode), postcode_area(postcode)
    covering = Q(**{f"{p}service_areas__postcode_prefixes__contains": f" {outward} "}) | Q(
        **{f"{p}service_areas__postcode_prefixes__contains": f" {area} "}
    )
    no_area = ~Q(**{f"{p}id__in": Service.objects.filter(service_areas__isnull=False).values("id")})
    whole_council = Q(**{f"{p}service_areas__postcode_prefixes": ""})
    return no_area | covering | whole_council


def _rank(groups: list[QueryGroup], service_ref: str) -> Coalesce:
    """Sum of the weights of the matched terms; the words as typed count double."""
    terms = sorted(set().union(*(group.terms for group in groups)))
    originals = sorted({group.original for group in groups})
    weights = (
        ServiceSearchTerm.objects.filter(service_id=OuterRef(service_ref), term__in=terms)
        .values("service_id")
        .annotate(total=Sum(Case(When(term__in=originals, then=F("weight") * 2), default=F("weight"))))
        .values("total")
    )
    return Coalesce(Subquery(weights), Value(0))


def _squared_distance(point: Point, latitude_field: str, longitude_field: str) -> ExpressionWrapper:
    """Distance squared, in square metres, by the flat-earth formula (rules/geo.py)."""
    k_lat = METRES_PER_DEGREE_LATITUDE
    k_lon = METRES_PER_DEGREE_LATITUDE * longitude_scale(point.latitude)
    dy = (F(latitude_field) - Value(point.latitude)) * Value(k_lat)
    dx = (F(longitude_field) - Value(point.longitude)) * Value(k_lon)
    return ExpressionWrapper(dy * dy + dx * dx, output_field=FloatField())


def service_search(*, query: ServiceQuery, synonyms: SynonymTable | None = None) -> QuerySet[Service]:
    """Published services matching the query: best match first when searching by words, nearest
    first when a point is given, otherwise by name. Annotated `rank` and `distance_squared`."""
    synonyms = synonyms or synonym_table()
    condition, groups = _service_filter(query, synonyms)
    services = public_services().filter(condition)
    services = services.annotate(rank=_rank(groups, "pk")) if groups else services.annotate(rank=Value(0))
    ordering = ["-rank", "name", "id"]
    if query.near is not None:
        box = bounding_box(query.near.latitude, query.near.longitude, query.proximity_metres or 16_093.44)
        in_box = ServiceAtLocation.objects.filter(
            location__latitude__range=(box.min_latitude, box.max_latitude),
            location__longitude__range=(box.min_longitude, box.max_longitude),
        ).values("service_id")
        services = services.filter(id__in=in_box).annotate(
            distance_squared=Min(
                _squared_distance(
                    query.near,
                    "service_at_locations__location__latitude",
                    "service_at_locations__location__longitude",
                )
            )
        )
        if query.proximity_metres:
            services = services.filter(distance_squared__lte=query.proximity_metres**2)
        ordering = ["distance_squared", "-rank", "name", "id"]
    return services.order_by(*ordering)


def service_at_location_search(
    *, query: ServiceQuery, synonyms: SynonymTable | None = None
) -> QuerySet[ServiceAtLocation]:
    """Published services at their locations, filtered like `service_search`; nearest first near a point."""
    synonyms = synonyms or synonym_table()
    condition, groups = _service_filter(query, synonyms, prefix="service__")
    rows = ServiceAtLocation.objects.filter(
        service__record_status=RecordStatus.PUBLISHED, service__status__in=PUBLIC_SERVICE_STATUSES
    ).filter(condition)
    rows = rows.annotate(rank=_rank(groups, "service_id")) if groups else rows.annotate(rank=Value(0))
    ordering = ["-rank", "service__name", "id"]
    if query.near is not None:
        if query.proximity_metres:
            box = bounding_box(query.near.latitude, query.near.longitude, query.proximity_metres)
            rows = rows.filter(
                location__latitude__range=(box.min_latitude, box.max_latitude),
                location__longitude__range=(box.min_longitude, box.max_longitude),
            )
        rows = rows.filter(location__latitude__isnull=False).annotate(
            distance_squared=_squared_distance(query.near, "location__latitude", "location__longitude")
        )
        if query.proximity_metres:
            rows = rows.filter(distance_squared__lte=query.proximity_metres**2)
        ordering = ["distance_squared", "-rank", "service__name", "id"]
    return rows.order_by(*ordering)


def service_facts_for(*, service_ids: list) -> dict:
    """The quality facts (rules/quality.py) of many services, in a fixed number of queries."""
    ids = list(service_ids)

    def having(queryset, field="service_id") -> set:
        return set(queryset.filter(**{f"{field}__in": ids}).values_list(field, flat=True).distinct())

    with_phone = having(Phone.objects.all()) | having(
        Phone.objects.filter(contact__isnull=False), "contact__service_id"
    )
    with_contact_email = having(Contact.objects.exclude(email=""))
    with_location = having(ServiceAtLocation.objects.all())
    with_area = having(ServiceArea.objects.all())
    with_cost = having(CostOption.objects.all())
    with_schedule = having(Schedule.objects.filter(service_id__isnull=False)) | having(
        Schedule.objects.filter(service_at_location__isnull=False), "service_at_location__service_id"
    )
    with_access = having(Accessibility.objects.all(), "location__service_at_locations__service_id")
    with_category = set(
        Attribute.objects.filter(link_type="service", link_id__in=ids).values_list("link_id", flat=True).distinct()
    )
    facts = {}
    for row in Service.objects.filter(id__in=ids).values(
        "id", "description", "email", "url", "fees", "minimum_age", "maximum_age", "eligibility_description"
    ):
        sid = row["id"]
        facts[sid] = ServiceFacts(
            description_characters=len(row["description"] or ""),
            has_contact=bool(row["email"] or row["url"]) or sid in with_phone or sid in with_contact_email,
            has_location_or_area=sid in with_location or sid in with_area,
            has_cost=bool(row["fees"]) or sid in with_cost,
            has_opening_times=sid in with_schedule,
            has_eligibility=row["minimum_age"] is not None
            or row["maximum_age"] is not None
            or bool(row["eligibility_description"]),
            has_accessibility=sid in with_access,
            has_category=sid in with_category,
        )
    return facts
