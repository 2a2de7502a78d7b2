"""The summary of a change to what people pay: policy modelling and the yearly uprating's change report.

Pure arithmetic on pairs of weekly contributions (before and after), each worked out by
rules/charging.py. Policy modelling (issue 5, item 7) pairs the caseload as things are with the same
inputs under a changed policy (REFERENCE §3.8); the yearly uprating (item 4) pairs each current
calculation with its proposal under next year's figures. Both use `summarise`. The summary names
nobody: people are counted in bands of change, and the largest changes are shown as amounts only.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .charging import ZERO, money, pounds

WEEKS_IN_A_YEAR = 52

#: Edges of the bands of weekly change, in pounds, each way (less and more), for policy modelling.
BAND_EDGES: tuple[Decimal, ...] = (Decimal("5.00"), Decimal("20.00"), Decimal("50.00"))
#: The yearly uprating moves most figures by a few pounds, so its bands are narrower.
UPRATING_BAND_EDGES: tuple[Decimal, ...] = (Decimal("5.00"), Decimal("10.00"), Decimal("20.00"))


@dataclass(frozen=True)
class PersonChange:
    """One person's weekly contribution before and after the change. `key` identifies the
    calculation for the per-person download; the summary never shows it."""

    key: str
    before_weekly: Decimal
    after_weekly: Decimal

    @property
    def change_weekly(self) -> Decimal:
        return self.after_weekly - self.before_weekly


@dataclass(frozen=True)
class Band:
    label: str
    #: Inclusive bounds of the weekly change; None is open-ended.
    low: Decimal | None
    high: Decimal | None
    people: int


@dataclass(frozen=True)
class ModellingSummary:
    people: int
    before_weekly: Decimal
    after_weekly: Decimal
    pay_more: int
    pay_less: int
    pay_same: int
    bands: tuple[Band, ...]
    #: The largest rises, largest first, and the largest falls, largest fall first.
    largest_increases: tuple[PersonChange, ...]
    largest_decreases: tuple[PersonChange, ...]

    @property
    def change_weekly(self) -> Decimal:
        return self.after_weekly - self.before_weekly

    @property
    def before_annual(self) -> Decimal:
        return annual(self.before_weekly)

    @property
    def after_annual(self) -> Decimal:
        return annual(self.after_weekly)

    @property
    def change_annual(self) -> Decimal:
        return annual(self.change_weekly)


def annual(weekly_amount: Decimal) -> Decimal:
    """A weekly amount over a year of 52 weeks."""
    return money(weekly_amount * WEEKS_IN_A_YEAR)


def band_definitions(edges: Sequence[Decimal] = BAND_EDGES) -> list[tuple[str, Decimal | None, Decimal | None]]:
    """(label, low, high) for each band of weekly change, from the largest fall to the largest rise."""
    penny = Decimal("0.01")
    falls: list[tuple[str, Decimal | None, Decimal | None]] = []
    rises: list[tuple[str, Decimal | None, Decimal | None]] = []
    lower = penny
    for edge in edges:
        upper = edge - penny
        falls.append((f"Pay {pounds(lower)} to {pounds(upper)} a week less", -upper, -lower))
        rises.append((f"Pay {pounds(lower)} to {pounds(upper)} a week more", lower, upper))
        lower = edge
    falls.append((f"Pay {pounds(lower)} a week less, or more than that", None, -lower))
    rises.append((f"Pay {pounds(lower)} a week more, or more than that", lower, None))
    return [*reversed(falls), ("Pay the same", ZERO, ZERO), *rises]


def _in_band(change: Decimal, low: Decimal | None, high: Decimal | None) -> bool:
    return (low is None or change >= low) and (high is None or change <= high)


def summarise(
    changes: Iterable[PersonChange], *, largest: int = 5, edges: Sequence[Decimal] = BAND_EDGES
) -> ModellingSummary:
    """Totals, counts and bands of change (`edges`: see band_definitions) for a caseload, and its
    `largest` biggest rises and falls. One pass, keeping only the largest: a whole caseload streams."""
    definitions = band_definitions(edges)
    counts = [0] * len(definitions)
    before = after = ZERO
    people = more = less = same = 0
    order = itertools.count()  # breaks ties, first seen first, without comparing PersonChange
    rises: list[tuple[Decimal, int, PersonChange]] = []
    falls: list[tuple[Decimal, int, PersonChange]] = []
    for change in changes:
        people += 1
        before += change.before_weekly
        after += change.after_weekly
        difference = change.change_weekly
        if difference > 0:
            more += 1
            _keep_largest(rises, (difference, -next(order), change), largest)
        elif difference < 0:
            less += 1
            _keep_largest(falls, (-difference, -next(order), change), largest)
        else:
            same += 1
        for index, (_, low, high) in enumerate(definitions):
            if _in_band(difference, low, high):
                counts[index] += 1
                break
    return ModellingSummary(
        people=people,
        before_weekly=money(before),
        after_weekly=money(after),
        pay_more=more,
        pay_less=less,
        pay_same=same,
        bands=tuple(
            Band(label, low, high, count) for (label, low, high), count in zip(definitions, counts, strict=True)
        ),
        largest_increases=tuple(item[2] for item in sorted(rises, reverse=True)),
        largest_decreases=tuple(item[2] for item in sorted(falls, reverse=True)),
    )


def _keep_largest(heap: list, item: tuple, size: int) -> None:
    """Keep the `size` largest items seen in `heap` (a min-heap)."""
    if size <= 0:
        return
    if len(heap) < size:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)
