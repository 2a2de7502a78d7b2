"""Reads of the directory: what the public sees, and searching it.

One query builder serves the public pages and the Open Referral UK API, so a search gives the same
answer on both. Everything is set-based SQL that runs on SQLite and PostgreSQL: text search uses the
portable `ServiceSearchTerm` index, distance uses a flat-earth formula in plain arithmetic.
"""

import datetime
import functools
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
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
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    PublicDirectoryCount,
    Schedule,
    SearchSynonymGroup,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceSearchTerm,
    TaxonomyTerm,
)
from .rules.coverage import coverage_patterns, postcode_coverage
from .rules.quality import ServiceFacts
from .rules.text import (
    KEYWORD_WEIGHT,
    QueryGroup,
    ScheduleFacts,
    SynonymTable,
    opening_times_in_words,
    query_term_groups,
)

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
    # With `near`: also list the services with no place to visit (home visits, phone lines, online)
    # whose service area covers this postcode, after the places.
    reaches_postcode: str = ""


def synonym_table() -> SynonymTable:
    """The council's synonym list as it is now (one small query), built once per distinct list."""
    return _synonym_table_of(tuple(SearchSynonymGroup.objects.order_by("pk").values_list("words", flat=True)))


@functools.lru_cache(maxsize=8)
def _synonym_table_of(groups: tuple[str, ...]) -> SynonymTable:
    return SynonymTable.from_groups(groups)


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


#: The one row of PublicDirectoryCount.
PUBLIC_COUNT_ROW = 1


def public_service_count() -> int:
    """How many services the public sees: the kept count (PublicDirectoryCount), or a count when it
    has never been kept (an empty database)."""
    kept = PublicDirectoryCount.objects.filter(pk=PUBLIC_COUNT_ROW).values_list("services", flat=True).first()
    return public_services().count() if kept is None else kept


def is_public(service: Service) -> bool:
    """The same test as `public_services`, for one service in hand."""
    return service.record_status == RecordStatus.PUBLISHED and service.status in PUBLIC_SERVICE_STATUSES


def _public_terms(terms) -> QuerySet[ServiceSearchTerm]:
    return ServiceSearchTerm.objects.filter(public=True, term__in=sorted(terms))


def _service_filter(
    query: ServiceQuery, synonyms: SynonymTable, prefix: str = "", *, postcode: bool = True
) -> tuple[Q, list[QueryGroup]]:
    """The conditions on a service, written against `prefix` (e.g. "service__" from a service at
    location). `postcode=False` leaves out whether the service covers the query's postcode, for a
    caller that asks its own copy (service_at_location_search)."""
    p = prefix
    condition = Q()
    groups = query_term_groups(query.search, synonyms) if query.search.strip() else []
    if query.search.strip() and not groups:
        # Only punctuation or words like "the": nothing can match, rather than everything.
        condition &= Q(**{f"{p}id__in": []})
    required = [group for group in groups if not group.optional]
    for group in required:
        condition &= Q(**{f"{p}id__in": _public_terms(group.terms).values("service_id")})
    if groups and not required:
        any_term = set().union(*(group.terms for group in groups))
        condition &= Q(**{f"{p}id__in": _public_terms(any_term).values("service_id")})
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
    if query.postcode and postcode:
        # Inside a radius there are few places, so look up each one's areas; otherwise read all
        # the areas once.
        within_radius = query.near is not None and bool(query.proximity_metres)
        condition &= _covers_postcode(query.postcode, p, each_row=within_radius)
    return condition, groups


def _covers_postcode(postcode: str, p: str, *, each_row: bool = False) -> Q:
    """A service with no service area covers the whole council; otherwise one area must name the
    postcode's district (WS1) or area (WS), or name none (the whole council). Prefixes are stored
    upper case with a space either side of each (" WS1 WS2 "), as the editors' service writes them,
    so that one LIKE finds a whole district and never WS1 inside WS10.

    `each_row` asks the same question of each row's own areas (correlated EXISTS, an index lookup a
    row), for when the other conditions leave few rows; otherwise every area is read once into two
    lists of service ids. The database cannot turn one form into the other inside an OR."""
    outward, area = postcode_outward(postcode), postcode_area(postcode)
    covers = (
        Q(postcode_prefixes__contains=f" {outward} ")
        | Q(postcode_prefixes__contains=f" {area} ")
        | Q(postcode_prefixes="")
    )
    if each_row:
        areas = ServiceArea.objects.filter(service_id=OuterRef(f"{p}id" if p else "id"))
        return Q(Exists(areas.filter(covers))) | ~Q(Exists(areas))
    covering = ServiceArea.objects.filter(covers).values("service_id")
    with_area = ServiceArea.objects.values("service_id")
    return Q(**{f"{p}id__in": covering}) | ~Q(**{f"{p}id__in": with_area})


def _rank_weight(groups: list[QueryGroup], term: str, weight: str) -> Case:
    """The weight one matched term adds to a service's rank; the words as typed count double. Filler
    words (optional groups) count only where they are in a name or category, not in a description."""
    originals = sorted({group.original for group in groups})
    required_terms = set().union(*(group.terms for group in groups if not group.optional))
    filler_terms = sorted(set().union(*(group.terms for group in groups if group.optional)) - required_terms)
    return Case(
        When(**{f"{term}__in": filler_terms, f"{weight}__lt": KEYWORD_WEIGHT}, then=Value(0)),
        When(**{f"{term}__in": originals}, then=F(weight) * 2),
        default=F(weight),
        output_field=IntegerField(),
    )


def _rank(groups: list[QueryGroup], service_ref: str) -> Coalesce:
    """Sum of the weights of the matched terms, as a subquery per row (see `_rank_weight`)."""
    terms = sorted(set().union(*(group.terms for group in groups)))
    weights = (
        ServiceSearchTerm.objects.filter(service_id=OuterRef(service_ref), term__in=terms)
        .values("service_id")
        .annotate(total=Sum(_rank_weight(groups, "term", "weight")))
        .values("total")
    )
    return Coalesce(Subquery(weights), Value(0))


def _with_joined_rank(rows: QuerySet, groups: list[QueryGroup], relation: str) -> QuerySet:
    """Annotate `rank` (as `_rank`) by joining the matched search terms once and grouping, rather
    than running a subquery for every row: the database reads each matched term once, from the
    term index, for the whole result. `relation` is the path to a service's search terms."""
    terms = sorted(set().union(*(group.terms for group in groups)))
    rows = rows.annotate(matched_term=FilteredRelation(relation, condition=Q(**{f"{relation}__term__in": terms})))
    weight = _rank_weight(groups, "matched_term__term", "matched_term__weight")
    return rows.annotate(rank=Coalesce(Sum(weight), Value(0)))


def _squared_distance(point: Point, latitude_field: str, longitude_field: str) -> ExpressionWrapper:
    """Distance squared, in square metres, by the flat-earth formula (platform/geography/rules/distance.py)."""
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
    if not groups:
        services = services.annotate(rank=Value(0))
    elif query.near is None:
        services = _with_joined_rank(services, groups, "search_terms")
    else:
        # The nearest place is a minimum over the service's places: a second joined aggregate
        # would multiply the two, so the rank stays a subquery here.
        services = services.annotate(rank=_rank(groups, "pk"))
    # Without words there is nothing to rank by; ordering by a constant would stop the database
    # reading the name index in order.
    ordering: list = ["-rank", "name", "id"] if groups else ["name", "id"]
    if query.near is not None:
        radius = query.proximity_metres or 16_093.44
        box = bounding_box(query.near.latitude, query.near.longitude, radius)
        in_box = ServiceAtLocation.objects.filter(
            location__latitude__range=(box.min_latitude, box.max_latitude),
            location__longitude__range=(box.min_longitude, box.max_longitude),
        ).values("service_id")
        placed = Q(id__in=in_box)
        if query.reaches_postcode:
            located = ServiceAtLocation.objects.filter(
                location__latitude__isnull=False, location__longitude__isnull=False
            ).values("service_id")
            placed |= ~Q(id__in=located) & _covers_postcode(query.reaches_postcode, "")
        services = services.filter(placed).annotate(
            distance_squared=Min(
                _squared_distance(
                    query.near,
                    "service_at_locations__location__latitude",
                    "service_at_locations__location__longitude",
                )
            )
        )
        if query.proximity_metres:
            close = Q(distance_squared__lte=query.proximity_metres**2)
            services = services.filter(close | Q(distance_squared__isnull=True) if query.reaches_postcode else close)
        nearest = F("distance_squared").asc(nulls_last=True) if query.reaches_postcode else F("distance_squared").asc()
        ordering = [nearest, "-rank", "name", "id"]
    return services.order_by(*ordering)


def sorts_every_match(query: ServiceQuery) -> bool:
    """Whether the order of the results (best match first, nearest first) can only be known by
    reading every match: then a page and the count of all matches cost one reading, not two."""
    return bool(query.search.strip()) or query.near is not None


def service_search_by_words(*, query: ServiceQuery, synonyms: SynonymTable | None = None) -> QuerySet:
    """The ids of the published services matching a search by words (and the query's other filters),
    best match first, then by name: what `service_search` gives without a point, in the same order,
    but read from the search index alone (the public flag and the name are copied there), so that
    ranking, ordering and counting thousands of matches never visits the services table.

    Rows of {"service_id", "rank", "name"}; `service_search` still says which services they are."""
    synonyms = synonyms or synonym_table()
    groups = query_term_groups(query.search, synonyms) if query.search.strip() else []
    if not groups:
        return ServiceSearchTerm.objects.none().values("service_id")
    others, _ = _service_filter(replace(query, search=""), synonyms, prefix="service__")
    required = [group for group in groups if not group.optional]
    ranked = (
        _public_terms(set().union(*(group.terms for group in groups)))
        .filter(others)
        .values("service_id")
        .annotate(rank=Sum(_rank_weight(groups, "term", "weight")), name=Max("service_name"))
    )
    if len(required) < len(groups) or len(required) > 1:
        # A service matched only by some of the words is not a match (as in `_service_filter`).
        every_group_matched = {
            f"has_{n}": Max(Case(When(term__in=sorted(group.terms), then=Value(1)), default=Value(0)))
            for n, group in enumerate(required)
        }
        ranked = ranked.annotate(**every_group_matched).filter(**dict.fromkeys(every_group_matched, 1))
    return ranked.order_by("-rank", "name", "service_id")


def _place_covers(postcode: str) -> Q:
    """The place's service covers this postcode (its copied coverage: rules/coverage.py)."""
    patterns = coverage_patterns(postcode_outward(postcode), postcode_area(postcode))
    condition = Q()
    for pattern in patterns:
        condition |= Q(postcode_coverage__contains=pattern)
    return condition


def service_at_location_search(
    *, query: ServiceQuery, synonyms: SynonymTable | None = None
) -> QuerySet[ServiceAtLocation]:
    """Published services at their locations, filtered like `service_search`; nearest first near a
    point. Visibility, the service's name, the coordinates and the postcode coverage are the place's
    own copies (see ServiceAtLocation), so a search near a point reads one index."""
    synonyms = synonyms or synonym_table()
    condition, groups = _service_filter(query, synonyms, prefix="service__", postcode=False)
    rows = ServiceAtLocation.objects.filter(public=True).filter(condition)
    if query.postcode:
        rows = rows.filter(_place_covers(query.postcode))
    if query.near is None:
        rows = _with_joined_rank(rows, groups, "service__search_terms") if groups else rows.annotate(rank=Value(0))
        return rows.order_by(*(["-rank", "service_name", "id"] if groups else ["service_name", "id"]))
    if query.proximity_metres:
        box = bounding_box(query.near.latitude, query.near.longitude, query.proximity_metres)
        rows = rows.filter(
            latitude__range=(box.min_latitude, box.max_latitude),
            longitude__range=(box.min_longitude, box.max_longitude),
        )
    rows = rows.filter(latitude__isnull=False, longitude__isnull=False).annotate(
        distance_squared=_squared_distance(query.near, "latitude", "longitude")
    )
    if query.proximity_metres:
        rows = rows.filter(distance_squared__lte=query.proximity_metres**2)
    # Near a point the matches are few: each one's rank is a lookup in the search index.
    rows = rows.annotate(rank=_rank(groups, "service_id")) if groups else rows.annotate(rank=Value(0))
    ordering = (
        ["distance_squared", "-rank", "service_name", "id"] if groups else ["distance_squared", "service_name", "id"]
    )
    return rows.order_by(*ordering)


def search_copy_drift() -> list[str]:
    """Where the search's copies (ServiceSearchTerm.public and .service_name; ServiceAtLocation's
    copied fields; PublicDirectoryCount) differ from what they copy, in plain words; empty when all
    agree. Reads everything: for tests and for checking a live directory by hand, not for requests."""
    names = dict(Service.objects.values_list("id", "name"))
    public = set(public_services().values_list("id", flat=True))
    problems = []
    for service_id, term, is_public_copy, name in ServiceSearchTerm.objects.values_list(
        "service_id", "term", "public", "service_name"
    ):
        if is_public_copy != (service_id in public) or name != names[service_id]:
            problems.append(f"Search term {term!r} of service {service_id} has out-of-date copies.")
    areas: dict = {}
    for service_id, text in ServiceArea.objects.values_list("service_id", "postcode_prefixes"):
        areas.setdefault(service_id, []).append(text)
    places = ServiceAtLocation.objects.values_list(
        "id",
        "service_id",
        "public",
        "service_name",
        "latitude",
        "longitude",
        "postcode_coverage",
        "location__latitude",
        "location__longitude",
    )
    for place_id, service_id, is_public_copy, name, lat, lon, coverage, location_lat, location_lon in places:
        expected = (
            service_id in public,
            names[service_id],
            location_lat,
            location_lon,
            postcode_coverage(areas.get(service_id, [])),
        )
        if (is_public_copy, name, lat, lon, coverage) != expected:
            problems.append(f"Service at location {place_id} has out-of-date copies.")
    kept = PublicDirectoryCount.objects.filter(pk=PUBLIC_COUNT_ROW).values_list("services", flat=True).first()
    if kept is not None and kept != len(public):
        problems.append(f"The kept count of public services is {kept}, but {len(public)} are public.")
    return problems


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


# --- The residents' pages ------------------------------------------------------------------------

#: The council's own categories (migration 0002), which residents browse by.
COUNCIL_TAXONOMY_ID = uuid.UUID("5d0f3c0e-6a1b-4c55-9c0e-2f3b5a7c9d01")


def public_categories() -> QuerySet[TaxonomyTerm]:
    """The council's categories that have an address (slug), by name, each annotated with
    `service_count`: how many published services it holds."""
    counts = (
        Attribute.objects.filter(
            link_type="service", taxonomy_term_id=OuterRef("pk"), link_id__in=public_services().values("id")
        )
        .values("taxonomy_term_id")
        .annotate(total=Count("id"))
        .values("total")
    )
    return (
        TaxonomyTerm.objects.filter(taxonomy_id=COUNCIL_TAXONOMY_ID)
        .exclude(slug="")
        .annotate(service_count=Coalesce(Subquery(counts), Value(0)))
        .order_by("name", "id")
    )


def public_category_for_slug(*, slug: str) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.filter(taxonomy_id=COUNCIL_TAXONOMY_ID, slug=slug).exclude(slug="").first()


def public_languages() -> list[str]:
    """The languages published services say they use, by name, each once."""
    names = (
        Language.objects.filter(service__in=public_services())
        .exclude(name="")
        .values_list("name", flat=True)
        .distinct()
    )
    return sorted({" ".join(name.split()) for name in names}, key=str.casefold)


def public_service_name(*, service_id: uuid.UUID) -> str:
    """The name of a published service; empty for any other id."""
    return public_services().filter(pk=service_id).values_list("name", flat=True).first() or ""


def _uuids(values) -> list[uuid.UUID]:
    """The values that are ids, each once, in order; anything else (a tampered session) is skipped."""
    ids: list[uuid.UUID] = []
    for value in values:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return list(dict.fromkeys(ids))


def public_services_in_order(*, service_ids: list) -> list[Service]:
    """Published services with these ids, in the order given; ids of anything else are left out."""
    wanted = _uuids(service_ids)
    found = {service.pk: service for service in public_services().filter(pk__in=wanted).select_related("organization")}
    return [found[service_id] for service_id in wanted if service_id in found]


@dataclass(frozen=True)
class PublicPlace:
    """Somewhere to go for a service: the location, its addresses, its access and its own hours."""

    location: Location
    addresses: list[Address]
    accessibility: list[Accessibility]
    opening_times: list[str]


@dataclass(frozen=True)
class PublicServicePage:
    """Everything the public service page shows, read in a fixed number of queries."""

    service: Service
    categories: list[TaxonomyTerm]
    phones: list[Phone]
    contacts: list[Contact]
    opening_times: list[str]
    cost_options: list[CostOption]
    languages: list[Language]
    places: list[PublicPlace]
    service_areas: list[ServiceArea]

    @property
    def is_free(self) -> bool:
        return bool(self.cost_options) and all(not option.amount for option in self.cost_options)

    @property
    def wheelchair_accessible(self) -> bool:
        return any(access.wheelchair_accessible for place in self.places for access in place.accessibility)


def _schedule_facts(schedule: Schedule, today: datetime.date) -> ScheduleFacts | None:
    if schedule.valid_to and schedule.valid_to < today:
        return None
    return ScheduleFacts(
        freq=schedule.freq,
        interval=schedule.interval,
        byday=schedule.byday,
        bymonthday=schedule.bymonthday,
        opens_at=schedule.opens_at,
        closes_at=schedule.closes_at,
        description=schedule.description,
    )


def _opening_times(schedules, today: datetime.date) -> list[str]:
    return opening_times_in_words(facts for facts in (_schedule_facts(s, today) for s in schedules) if facts)


def public_service_pages(*, service_ids: list, today: datetime.date) -> list[PublicServicePage]:
    """Published services with everything their public pages show, in the order of `service_ids`,
    in a fixed number of queries however many there are. Ids of anything not published are left out."""
    services = {
        service.pk: service
        for service in public_services()
        .filter(pk__in=_uuids(service_ids))
        .select_related("organization")
        .prefetch_related(
            "phones",
            Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones").order_by("name", "id")),
            "schedules",
            Prefetch("cost_options", queryset=CostOption.objects.order_by("amount", "option", "id")),
            Prefetch("languages", queryset=Language.objects.order_by("name", "code", "id")),
            Prefetch("service_areas", queryset=ServiceArea.objects.order_by("name", "id")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location")
                .prefetch_related("location__addresses", "location__accessibility", "schedules")
                .order_by("location__name", "id"),
            ),
        )
    }
    wanted = [service_id for service_id in _uuids(service_ids) if service_id in services]
    categories: dict = {}
    for link_id, term in (
        Attribute.objects.filter(
            link_type="service", link_id__in=wanted, taxonomy_term__taxonomy_id=COUNCIL_TAXONOMY_ID
        )
        .exclude(taxonomy_term__slug="")
        .order_by("taxonomy_term__name")
        .values_list("link_id", "taxonomy_term")
    ):
        categories.setdefault(link_id, []).append(term)
    terms = TaxonomyTerm.objects.in_bulk({term for found in categories.values() for term in found})
    pages = []
    for service_id in wanted:
        service = services[service_id]
        places = [
            PublicPlace(
                location=sal.location,
                addresses=list(sal.location.addresses.all()),
                accessibility=list(sal.location.accessibility.all()),
                opening_times=_opening_times(sal.schedules.all(), today),
            )
            for sal in service.service_at_locations.all()
        ]
        pages.append(
            PublicServicePage(
                service=service,
                categories=[terms[term] for term in dict.fromkeys(categories.get(service_id, []))],
                phones=list(service.phones.all()),
                contacts=list(service.contacts.all()),
                opening_times=_opening_times(service.schedules.all(), today),
                cost_options=list(service.cost_options.all()),
                languages=list(service.languages.all()),
                places=places,
                service_areas=list(service.service_areas.all()),
            )
        )
    return pages


def public_service_page(*, service_id: uuid.UUID, today: datetime.date) -> PublicServicePage | None:
    """A published service with everything its public page shows; None for any other id."""
    pages = public_service_pages(service_ids=[service_id], today=today)
    return pages[0] if pages else None
