"""Equality check: do some groups get less (or more) money for the same assessed need?

Source: ../shared/domain/REFERENCE.md §2.5 (a generic RAS was meant to move money from younger
adults to older people, and evaluations found it disadvantaged older people with high needs, SCIE
Report 40) and §2.9 ("inequity between client groups": allow per-group calibration and monitor the
outcome distribution). The public sector equality duty (Equality Act 2010 s149) asks councils to
have due regard to this.

For each way of grouping people (age band, sex, ethnicity, primary support reason) and each group,
the budget per point is the group's total annual budget divided by its total points (the ratio
method of §2.5, so big packages weigh as much as they cost). A group is flagged when its budget per
point differs from the whole population's by more than the chosen percentage.

A group of fewer than `min_group_size` people is too few to compare: its figures are not shown, so
no one can be picked out, and it is never flagged. The page also shows how many people there are in
all and in each group shown, so a hidden group's number could be worked out by taking the shown
groups from the total. So, in each way of grouping, more groups are hidden (secondary suppression,
the smallest first) until no hidden group's number can be worked out, even by someone who knows
this rule: see `hidden_groups`.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_THRESHOLD_PERCENT = Decimal(10)
MIN_GROUP_SIZE = 5
NOT_RECORDED = "Not recorded"

#: Age bands: (lowest age, label); each runs to the next band's lowest age.
AGE_BANDS = (
    (0, "Under 18"),
    (18, "18 to 24"),
    (25, "25 to 44"),
    (45, "45 to 64"),
    (65, "65 to 74"),
    (75, "75 to 84"),
    (85, "85 and over"),
)


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day` (someone born on 29 February has a birthday on 1 March)."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)


def age_band(date_of_birth: datetime.date | None, day: datetime.date) -> str:
    if date_of_birth is None:
        return NOT_RECORDED
    age = age_on(date_of_birth, day)
    label = AGE_BANDS[0][1]
    for lowest, name in AGE_BANDS:
        if age >= lowest:
            label = name
    return label


@dataclass(frozen=True)
class BudgetRecord:
    """One person's budget: annual pounds, the points it was worked out from, and their groups
    ({dimension code: group label})."""

    annual_amount: Decimal
    points: Decimal
    groups: Mapping[str, str]


COMPARED = "compared"
FLAGGED = "flagged"
TOO_FEW = "too_few"
#: 5 or more people, hidden so that a smaller hidden group's number cannot be worked out. Shown
#: exactly as a group too few to compare: telling them apart would narrow down the numbers.
PROTECTING = "protecting"
NO_POINTS = "no_points"


@dataclass(frozen=True)
class GroupResult:
    label: str
    status: str  # COMPARED, FLAGGED, TOO_FEW, PROTECTING or NO_POINTS
    # None for a hidden group.
    count: int | None
    total_annual: Decimal | None
    total_points: Decimal | None
    budget_per_point: Decimal | None  # annual pounds a point, to the penny
    difference_percent: Decimal | None  # against the whole population, to one decimal place

    @property
    def flagged(self) -> bool:
        return self.status == FLAGGED

    @property
    def hidden(self) -> bool:
        return self.status in (TOO_FEW, PROTECTING)


@dataclass(frozen=True)
class DimensionResult:
    code: str
    name: str
    #: Empty when everyone is in a group of their own: even the groups' names would say so.
    groups: tuple[GroupResult, ...]

    @property
    def flagged(self) -> tuple[GroupResult, ...]:
        return tuple(group for group in self.groups if group.flagged)


@dataclass(frozen=True)
class EqualityReport:
    people: int
    total_annual: Decimal
    total_points: Decimal
    budget_per_point: Decimal | None
    threshold_percent: Decimal
    min_group_size: int
    dimensions: tuple[DimensionResult, ...]

    @property
    def flagged_count(self) -> int:
        return sum(len(dimension.flagged) for dimension in self.dimensions)


def _per_point(amount: Decimal, points: Decimal) -> Decimal | None:
    return None if not points else amount / points


def _penny(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _given_away(too_few: Sequence[int], hidden_with: Sequence[int], smallest_shown: int | None, least: int) -> bool:
    """Whether someone could work out how many people a hidden group holds, from the total less the
    groups shown. We suppose they know this rule, and even which hidden groups are too few (1 to
    `least` − 1 people each) and which are hidden with them (from `least` up to the smallest group
    shown). Each group's number then lies between limits set by the
    hidden total and the other groups' limits; if those limits meet, the number is given away. A
    group hidden alone, hidden groups with fewer than `least` people between them, or with one person
    each (a group with nobody in it is not listed), count as given away too."""
    numbers = [*too_few, *hidden_with]
    if not numbers:
        return False
    total = sum(numbers)
    if len(numbers) == 1 or total < least or total == len(numbers):
        return True
    if smallest_shown is None:
        # Every group hidden: with no group shown to compare with, a reader cannot tell which are
        # too few, and two groups or more share a total of `least` or more, not one person each, in
        # more than one way. (The tests try every split.)
        return False
    limits = [(1, least - 1)] * len(too_few) + [(least, smallest_shown)] * len(hidden_with)
    fewest = sum(low for low, _ in limits)
    most = sum(high for _, high in limits)
    return any(min(high, total - (fewest - low)) <= max(low, total - (most - high)) for low, high in limits)


def hidden_groups(counts: Sequence[tuple[str, int]], min_group_size: int = MIN_GROUP_SIZE) -> frozenset[str] | None:
    """The groups of one way of grouping whose figures are not shown, from (label, number of
    people) in the order shown. First each group of fewer than `min_group_size` people; then, while
    a hidden group's number could be given away (see `_given_away`), the smallest group still shown
    (the first in the order, of two the same size). None when a number could be given away even
    with every group hidden (as when everyone is in a group of their own): then no group, not even
    its name, may be listed."""
    hidden = {label for label, count in counts if count < min_group_size}
    shown = sorted((count, position, label) for position, (label, count) in enumerate(counts) if label not in hidden)
    while _given_away(
        [count for label, count in counts if label in hidden and count < min_group_size],
        [count for label, count in counts if label in hidden and count >= min_group_size],
        shown[0][0] if shown else None,
        min_group_size,
    ):
        if not shown:
            return None
        hidden.add(shown.pop(0)[2])
    return frozenset(hidden)


def equality_check(
    records: Iterable[BudgetRecord],
    dimensions: Sequence[tuple[str, str, Sequence[str]]],
    threshold_percent: Decimal = DEFAULT_THRESHOLD_PERCENT,
    min_group_size: int = MIN_GROUP_SIZE,
) -> EqualityReport:
    """Compare each group's budget per point with the whole population's.

    `dimensions` lists (code, name, group labels in the order to show them); a group with nobody
    in it is left out, and a label found in the records but not listed is shown after the listed
    ones. The comparison uses exact decimals; the shown figures are rounded afterwards, so a group
    is flagged exactly when |group − all| ÷ all × 100 > threshold. Groups too few to compare, and
    those hidden with them (`hidden_groups`), are never flagged."""
    if threshold_percent < 0:
        raise ValueError("The percentage cannot be negative.")
    records = list(records)
    total_annual = sum((r.annual_amount for r in records), Decimal(0))
    total_points = sum((r.points for r in records), Decimal(0))
    overall = _per_point(total_annual, total_points)
    results = []
    for code, name, order in dimensions:
        sums: dict[str, list] = {}
        for record in records:
            label = record.groups.get(code) or NOT_RECORDED
            entry = sums.setdefault(label, [0, Decimal(0), Decimal(0)])
            entry[0] += 1
            entry[1] += record.annual_amount
            entry[2] += record.points
        labels = [label for label in order if label in sums] + sorted(set(sums) - set(order))
        hidden = hidden_groups([(label, sums[label][0]) for label in labels], min_group_size)
        if hidden is None:
            results.append(DimensionResult(code, name, ()))
            continue
        groups = []
        for label in labels:
            count, annual, points = sums[label]
            if label in hidden:
                status = TOO_FEW if count < min_group_size else PROTECTING
                groups.append(GroupResult(label, status, None, None, None, None, None))
                continue
            per_point = _per_point(annual, points)
            if per_point is None or overall is None:
                groups.append(GroupResult(label, NO_POINTS, count, annual, points, None, None))
                continue
            # Everyone at £0 means every group is at £0 too: no difference.
            difference = Decimal(0) if overall == 0 else (per_point - overall) * 100 / overall
            status = FLAGGED if abs(difference) > threshold_percent else COMPARED
            groups.append(
                GroupResult(
                    label,
                    status,
                    count,
                    annual,
                    points,
                    _penny(per_point),
                    difference.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                )
            )
        results.append(DimensionResult(code, name, tuple(groups)))
    return EqualityReport(
        people=len(records),
        total_annual=total_annual,
        total_points=total_points,
        budget_per_point=None if overall is None else _penny(overall),
        threshold_percent=threshold_percent,
        min_group_size=min_group_size,
        dimensions=tuple(results),
    )
