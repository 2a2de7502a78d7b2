"""What-if: what a candidate RAS configuration would mean for everyone with a current assessment.

Source: ../shared/domain/REFERENCE.md §2.5 step 6 ("scale to the budget, so that total allocations
are affordable ... recalibrate") and §2.9 (monitor the outcome distribution). The service works out
each person's figure under the candidate with the pure RAS rule (ras.py); this module adds up what
that would cost in a year against today's figures, and who would gain or lose, and by how much.

A person is one `Projection`: today's annual figure (None if no budget has been worked out yet) and
the candidate's (None if the candidate cannot score their answers, with the reason). Only people with
both are compared; the others are counted apart, so the comparison is always like with like.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
#: Changes are put into bands by their size as a share of today's figure, in per cent.
SMALL_CHANGE_PERCENT = Decimal(10)
LARGE_CHANGE_PERCENT = Decimal(25)


@dataclass(frozen=True)
class Projection:
    key: str
    today_annual: Decimal | None
    projected_annual: Decimal | None
    problem: str = ""

    @property
    def change(self) -> Decimal | None:
        if self.today_annual is None or self.projected_annual is None:
            return None
        return self.projected_annual - self.today_annual

    @property
    def change_percent(self) -> Decimal | None:
        """The change as a share of today's figure, to one decimal place; None from £0 or unknown."""
        change = self.change
        if change is None or not self.today_annual:
            return None
        return (change * 100 / self.today_annual).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


#: The bands of change, in the order a table shows them: (code, plain-English label).
CHANGE_BANDS = (
    ("lose_large", f"Lose more than {LARGE_CHANGE_PERCENT}%"),
    ("lose_medium", f"Lose {SMALL_CHANGE_PERCENT}% to {LARGE_CHANGE_PERCENT}%"),
    ("lose_small", f"Lose less than {SMALL_CHANGE_PERCENT}%"),
    ("same", "No change"),
    ("gain_small", f"Gain less than {SMALL_CHANGE_PERCENT}%"),
    ("gain_medium", f"Gain {SMALL_CHANGE_PERCENT}% to {LARGE_CHANGE_PERCENT}%"),
    ("gain_large", f"Gain more than {LARGE_CHANGE_PERCENT}%"),
    ("gain_from_nothing", "Gain: gets nothing today"),
)
BAND_LABELS = dict(CHANGE_BANDS)


def change_band(today: Decimal, projected: Decimal) -> str:
    """The band of a change from `today` to `projected` (annual pounds, both known). A change of
    exactly 10% or 25% counts in the larger band: 10% is "10% to 25%", 25% is "10% to 25%" too, and
    more than 25% is "more than 25%"."""
    change = projected - today
    if change == 0:
        return "same"
    if today == 0:
        return "gain_from_nothing"
    size = abs(change) * 100 / today
    direction = "gain" if change > 0 else "lose"
    if size > LARGE_CHANGE_PERCENT:
        return f"{direction}_large"
    if size >= SMALL_CHANGE_PERCENT:
        return f"{direction}_medium"
    return f"{direction}_small"


@dataclass(frozen=True)
class BandRow:
    code: str
    label: str
    count: int
    total_change: Decimal  # annual pounds, the sum of the changes of the people in the band


@dataclass(frozen=True)
class WhatIfSummary:
    people: int  # everyone considered
    compared: int  # with a figure today and under the candidate
    today_total: Decimal  # annual, of those compared
    projected_total: Decimal  # annual, of those compared
    gaining: int
    losing: int
    unchanged: int
    total_gain: Decimal  # the sum of the rises (not negative)
    total_loss: Decimal  # the sum of the falls (not negative)
    bands: tuple[BandRow, ...]
    largest_gain: Decimal
    largest_loss: Decimal  # not negative: the largest fall
    median_change: Decimal | None
    not_yet_worked_out: int  # no figure today; the candidate gives one
    not_yet_projected_total: Decimal  # what the candidate would give them, a year
    cannot_score: int  # the candidate cannot score their answers
    cannot_score_today_total: Decimal  # today's figures of those people, a year
    problems: tuple[tuple[str, int], ...]  # the reasons the candidate cannot score, most common first

    @property
    def change_total(self) -> Decimal:
        return self.projected_total - self.today_total

    @property
    def change_percent(self) -> Decimal | None:
        if not self.today_total:
            return None
        return (self.change_total * 100 / self.today_total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _median(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return ((ordered[middle - 1] + ordered[middle]) / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def summarise(projections: Iterable[Projection]) -> WhatIfSummary:
    """Add up the projections: the totals, who gains and loses, and the bands of change."""
    people = 0
    changes: list[Decimal] = []
    today_total = projected_total = ZERO
    band_counts: Counter[str] = Counter()
    band_totals: dict[str, Decimal] = {code: ZERO for code, _ in CHANGE_BANDS}
    new_count, new_total = 0, ZERO
    failed_count, failed_total = 0, ZERO
    problems: Counter[str] = Counter()
    for projection in projections:
        people += 1
        if projection.projected_annual is None:
            failed_count += 1
            failed_total += projection.today_annual or ZERO
            problems[projection.problem or "The candidate could not work out a figure."] += 1
            continue
        if projection.today_annual is None:
            new_count += 1
            new_total += projection.projected_annual
            continue
        change = projection.projected_annual - projection.today_annual
        changes.append(change)
        today_total += projection.today_annual
        projected_total += projection.projected_annual
        band = change_band(projection.today_annual, projection.projected_annual)
        band_counts[band] += 1
        band_totals[band] += change
    return WhatIfSummary(
        people=people,
        compared=len(changes),
        today_total=today_total,
        projected_total=projected_total,
        gaining=sum(1 for c in changes if c > 0),
        losing=sum(1 for c in changes if c < 0),
        unchanged=sum(1 for c in changes if c == 0),
        total_gain=sum((c for c in changes if c > 0), ZERO),
        total_loss=-sum((c for c in changes if c < 0), ZERO),
        bands=tuple(BandRow(code, label, band_counts[code], band_totals[code]) for code, label in CHANGE_BANDS),
        largest_gain=max([c for c in changes if c > 0], default=ZERO),
        largest_loss=-min([c for c in changes if c < 0], default=ZERO),
        median_change=_median(changes),
        not_yet_worked_out=new_count,
        not_yet_projected_total=new_total,
        cannot_score=failed_count,
        cannot_score_today_total=failed_total,
        problems=tuple(problems.most_common()),
    )
