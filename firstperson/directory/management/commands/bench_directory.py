"""Benchmark support for `make bench-directory` (scripts/bench-directory.sh drives it).

    manage.py bench_directory build --services 100000   a synthetic directory, two locations a service
    manage.py bench_directory urls FILE                  the fixed query mix, as API paths
    manage.py bench_directory floor --seconds 10         the same mix as bare SQL, in this one process

The floor compiles each request's SQL once (the count and the page's ids, then those rows, as the
API reads them: api/oruk/pagination.py) and then runs only that SQL, over and over: no HTTP, no ORM objects, no JSON. The ratio
of the API's throughput to this floor shows what the web layer costs.
"""

import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Model, QuerySet, Window

from firstperson.directory.demo.build import build_demo_directory
from firstperson.directory.models import PublicDirectoryCount, Service, ServiceAtLocation, TaxonomyTerm
from firstperson.directory.selectors import (
    PUBLIC_COUNT_ROW,
    ServiceQuery,
    postcode_point,
    service_at_location_search,
    service_search,
    service_search_by_words,
    sorts_every_match,
)
from firstperson.platform.geography.demo import demo_postcodes_load

PER_PAGE = 50


@dataclass(frozen=True)
class MixEntry:
    label: str
    endpoint: str  # "services" or "service_at_locations"
    params: dict
    page: int = 1


def query_mix() -> list[MixEntry]:
    meals = TaxonomyTerm.objects.get(slug="meals-and-lunch-clubs").pk
    return [
        MixEntry("text", "services", {"search": "carers"}),
        MixEntry("text and category", "services", {"search": "club", "taxonomy_term_id": str(meals)}),
        MixEntry("postcode proximity", "service_at_locations", {"postcode": "WS1 4FG", "proximity": "2000"}),
        MixEntry(
            "text, proximity and filters",
            "service_at_locations",
            {"search": "lunch", "postcode": "WS2 7NQ", "proximity": "8000", "day": "TH", "maximum_age": "120"},
        ),
        MixEntry("page 1", "services", {}, page=1),
        MixEntry("page 20", "services", {}, page=20),
    ]


def service_query(entry: MixEntry) -> ServiceQuery:
    """The same ServiceQuery the ORUK API builds from these parameters."""
    p = entry.params
    near = postcode_point(postcode=p["postcode"]) if "postcode" in p else None
    return ServiceQuery(
        search=p.get("search", ""),
        taxonomy_term_id=p.get("taxonomy_term_id"),
        day=p.get("day", ""),
        maximum_age=int(p["maximum_age"]) if "maximum_age" in p else None,
        postcode=p.get("postcode", ""),
        near=near,
        proximity_metres=float(p["proximity"]) if "proximity" in p else None,
    )


def compiled_sql(entry: MixEntry) -> list[tuple[str, tuple]]:
    """The statements the API runs for this request, as it runs them (api/oruk/pagination.py): the
    page's ids in order, with the count beside them when the order needs every match read anyway,
    else after a count of their own; then, if the page is not past the end, those rows."""
    query = service_query(entry)
    offset = (entry.page - 1) * PER_PAGE
    rows: QuerySet
    columns: tuple[str, ...]
    model: type[Model]
    ordered = None
    if entry.endpoint == "services":
        rows = service_search(query=query)
        columns = ("id", "name", "description", "status", "organization__name")
        model = Service
        if query.search.strip():
            ordered = service_search_by_words(query=query)  # as api/oruk/selectors.service_list
    else:
        rows = service_at_location_search(query=query)
        columns = ("id", "service__name", "location__latitude", "location__longitude")
        model = ServiceAtLocation
    statements: list[tuple[str, tuple]] = []
    if sorts_every_match(query):
        source, id_field = (rows, "pk") if ordered is None else (ordered, "service_id")
        ids = source.annotate(total_items=Window(Count("*"))).values_list(id_field, "total_items")
        page_ids = [pk for pk, _ in ids[offset : offset + PER_PAGE]]
        statements.append(ids[offset : offset + PER_PAGE].query.sql_with_params())
        if not page_ids and offset:
            sql, params = source.order_by().values(id_field).query.sql_with_params()
            statements.append((f"SELECT COUNT(*) FROM ({sql}) counted", params))
    elif query == ServiceQuery() and entry.endpoint == "services":
        # No filters: the kept count of public services (api/oruk/selectors.service_list).
        kept = PublicDirectoryCount.objects.filter(pk=PUBLIC_COUNT_ROW).values_list("services", flat=True)
        statements.append(kept.query.sql_with_params())
        page_ids = list(rows.values_list("pk", flat=True)[offset : offset + PER_PAGE])
        statements.append(rows.values_list("pk", flat=True)[offset : offset + PER_PAGE].query.sql_with_params())
    else:
        sql, params = rows.order_by().values("pk").query.sql_with_params()  # as QuerySet.count() does
        statements.append((f"SELECT COUNT(*) FROM ({sql}) counted", params))
        page_ids = list(rows.values_list("pk", flat=True)[offset : offset + PER_PAGE])
        if page_ids:
            statements.append(rows.values_list("pk", flat=True)[offset : offset + PER_PAGE].query.sql_with_params())
    if page_ids:
        statements.append(model.objects.filter(pk__in=page_ids).values_list(*columns).query.sql_with_params())
    return statements


def _analyze() -> None:
    """Fresh tables have no planner statistics (without them SQLite drives location searches from
    the services table instead of the location index); on PostgreSQL, vacuum the directory's tables
    too, as autovacuum soon would, so that index-only scans need not visit the table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = [model._meta.db_table for model in apps.get_app_config("directory").get_models()]
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(connection.ops.quote_name(t) for t in tables)}")
        else:
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = "Build the synthetic directory, write the query mix, or measure the bare-SQL floor."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build", "urls", "floor"])
        parser.add_argument("target", nargs="?")
        parser.add_argument("--services", type=int, default=100_000)
        parser.add_argument("--seconds", type=float, default=10.0)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "build":
            demo_postcodes_load()
            existing = Service.objects.count()
            if existing == options["services"]:
                _analyze()
                self.stdout.write(f"Already built: {existing} services.")
                return
            if existing:
                raise CommandError(f"The database has {existing} services; use an empty one.")
            started = time.perf_counter()
            result = build_demo_directory(services=options["services"], seed=42)
            _analyze()
            self.stdout.write(
                f"Built {result.services} services at {result.locations} locations "
                f"in {time.perf_counter() - started:.0f} s."
            )
        elif action == "urls":
            if not options["target"]:
                raise CommandError("Give a file to write the paths to.")
            with open(options["target"], "w", encoding="utf-8") as out:
                for entry in query_mix():
                    params = {**entry.params, "page": entry.page, "per_page": PER_PAGE}
                    out.write(f"/api/oruk/{entry.endpoint}?{urlencode(params)}\n")
        else:
            statements = [compiled_sql(entry) for entry in query_mix()]
            done = 0
            deadline = time.perf_counter() + options["seconds"]
            started = time.perf_counter()
            with connection.cursor() as cursor:
                while time.perf_counter() < deadline:
                    for sql, sql_params in statements[done % len(statements)]:
                        cursor.execute(sql, sql_params)
                        cursor.fetchall()
                    done += 1
            elapsed = time.perf_counter() - started
            self.stdout.write(json.dumps({"floor_requests_per_second": round(done / elapsed, 1)}))
