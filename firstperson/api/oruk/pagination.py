"""The HSDS 3 / ORUK 3 page envelope (REFERENCE.md §7.3): a fixed number of queries per list."""

import math
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, QuerySet, Window

from .params import PageRequest


def page_rows(
    queryset: QuerySet,
    page: PageRequest,
    *,
    ids_first: bool = False,
    count_with_page: bool = False,
    ordered_ids: QuerySet | None = None,
    id_field: str = "pk",
    known_total: int | None = None,
) -> tuple[int, list]:
    """The total number of rows and this page's rows. A page past the end is empty, not an error,
    and costs no second query.

    With `ids_first`, the page is read in two steps: the ids of this page's rows, in order (a narrow
    query the database answers from its indexes, sorting ids rather than whole rows with their
    descriptions and joined organisations), then just those rows. One more query, still fixed.

    `count_with_page` (implies `ids_first`) is for orderings the database can only give by reading
    every match anyway (best match first, nearest first): the total comes with the page's ids, from
    that same reading, instead of from a count that reads every match again. Only a page past the
    end needs the count on its own.

    `ordered_ids` (with `count_with_page`) is a separate query giving the matches' ids, in order, in
    its column `id_field`, for when something other than `queryset` knows the order faster (a search
    by words, from the search index alone); `queryset` then only says how to read a page's rows.

    `known_total` is the number of rows when the caller already knows it exactly (the kept count of
    public services, for a list with no filters), instead of counting them."""
    offset = (page.number - 1) * page.size
    if count_with_page:
        ordered = queryset if ordered_ids is None else ordered_ids
        numbered = list(
            ordered.annotate(total_items=Window(Count("*"))).values_list(id_field, "total_items")[
                offset : offset + page.size
            ]
        )
        if not numbered:
            return (ordered.count() if offset else 0), []
        return numbered[0][1], _rows_in_order(queryset, [pk for pk, _ in numbered])
    total = queryset.count() if known_total is None else known_total
    if offset >= total:
        return total, []
    if not ids_first:
        return total, list(queryset[offset : offset + page.size])
    return total, _rows_in_order(queryset, list(queryset.values_list("pk", flat=True)[offset : offset + page.size]))


def _rows_in_order(queryset: QuerySet, ids: list) -> list:
    """The rows with these ids, in this order, read as `queryset` would read them (its related rows
    and prefetches) but without its filters and sorting, which the ids already answer."""
    fetch = queryset.model._default_manager.filter(pk__in=ids)
    fetch.query.select_related = queryset.query.select_related
    fetch.query.deferred_loading = queryset.query.deferred_loading  # its only() or defer()
    lookups = queryset._prefetch_related_lookups  # type: ignore[attr-defined]
    found = {row.pk: row for row in fetch.prefetch_related(*lookups)}
    return [found[row_id] for row_id in ids if row_id in found]


def page_envelope(*, page: PageRequest, total: int, contents: Iterable[Any]) -> dict[str, Any]:
    items = list(contents)
    total_pages = math.ceil(total / page.size)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page.number,
        "size": len(items),
        "first_page": page.number == 1,
        "last_page": page.number >= total_pages,
        "empty": not items,
        "contents": items,
    }


def paged(
    queryset: QuerySet,
    page: PageRequest,
    item: Callable[[Any], dict[str, Any]],
    *,
    ids_first: bool = False,
    count_with_page: bool = False,
    ordered_ids: QuerySet | None = None,
    id_field: str = "pk",
    known_total: int | None = None,
) -> dict[str, Any]:
    total, rows = page_rows(
        queryset,
        page,
        ids_first=ids_first,
        count_with_page=count_with_page,
        ordered_ids=ordered_ids,
        id_field=id_field,
        known_total=known_total,
    )
    return page_envelope(page=page, total=total, contents=(item(row) for row in rows))
