"""The HSDS 3 / ORUK 3 page envelope (REFERENCE.md §7.3): one count and one page query per list."""

import math
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet

from .params import PageRequest


def page_rows(queryset: QuerySet, page: PageRequest) -> tuple[int, list]:
    """The total number of rows and this page's rows. A page past the end is empty, not an error,
    and costs no second query."""
    total = queryset.count()
    offset = (page.number - 1) * page.size
    rows = list(queryset[offset : offset + page.size]) if offset < total else []
    return total, rows


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


def paged(queryset: QuerySet, page: PageRequest, item: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    total, rows = page_rows(queryset, page)
    return page_envelope(page=page, total=total, contents=(item(row) for row in rows))
