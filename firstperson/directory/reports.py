"""Reads for commissioners: what residents looked for in the directory and did not find.

Built only from `UnmetSearch`, which holds the words, the postcode district and the category of a
search that found nothing, never who searched.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import Lower

from .models import UnmetSearch

NO_AREA = ""


@dataclass(frozen=True)
class UnmetDemandRow:
    """Searches that found nothing, counted under one heading (some words, or an area)."""

    label: str
    searches: int
    last_searched_at: datetime.datetime


@dataclass(frozen=True)
class UnmetDemandReport:
    since: datetime.datetime
    until: datetime.datetime
    total: int
    by_words: list[UnmetDemandRow]
    by_area: list[UnmetDemandRow]
    by_category: list[UnmetDemandRow]


def _in_period(since: datetime.datetime, until: datetime.datetime) -> QuerySet[UnmetSearch]:
    return UnmetSearch.objects.filter(searched_at__gte=since, searched_at__lt=until)


def unmet_demand_report(*, since: datetime.datetime, until: datetime.datetime, limit: int = 200) -> UnmetDemandReport:
    """No-result searches from `since` up to (not including) `until`, counted by their words (in any
    case), by postcode district and by category, the most recently searched first."""
    searches = _in_period(since, until)
    by_words = (
        searches.exclude(words="")
        .annotate(label=Lower("words"))
        .values("label")
        .annotate(searches=Count("id"), last=Max("searched_at"))
        .order_by("-last", "label")[:limit]
    )
    by_area = (
        searches.values("area")
        .annotate(searches=Count("id"), last=Max("searched_at"))
        .order_by("-last", "area")[:limit]
    )
    by_category = (
        searches.exclude(category="")
        .values("category")
        .annotate(searches=Count("id"), last=Max("searched_at"))
        .order_by("-last", "category")[:limit]
    )
    return UnmetDemandReport(
        since=since,
        until=until,
        total=searches.count(),
        by_words=[UnmetDemandRow(row["label"], row["searches"], row["last"]) for row in by_words],
        by_area=[UnmetDemandRow(row["area"] or NO_AREA, row["searches"], row["last"]) for row in by_area],
        by_category=[UnmetDemandRow(row["category"], row["searches"], row["last"]) for row in by_category],
    )
