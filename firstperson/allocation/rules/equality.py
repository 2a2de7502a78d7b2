"""Equality check: do some groups get less (or more) money for the same assessed need?

Source: ../shared/domain/REFERENCE.md §2.5 (a generic RAS was meant to move money from younger
adults to older people, and evaluations found it disadvantaged older people with high needs, SCIE
Report 40) and §2.9 ("inequity between client groups": allow per-group calibration and monitor the
outcome distribution). The public sector equality duty (Equality Act 2010 s149) asks councils to
have due regard to this.

For each way of grouping people (age band, sex, ethnicity, primary support reason) and each group,
the budget per point is the group's total annual budget divided by its total points (the ratio
method of §2.5, so big packages weigh as much as they cost). A group is flagged when its budget per
point differs from the whole population's by more than the chosen percentage. A group of fewer
than `min_group_size` people is shown as too few to compare and its figures are not shown, so no
one can be picked out; it is never flagged.
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
NO_POINTS = "no_points"


@dataclass(frozen=True)
class GroupResult:
    label: str
    status: str  # COMPARED, FLAGGED, TOO_FEW or NO_POINTS
    # None for a group too small to show.
    count: int | None
    total_annual: Decimal | None
    total_points: Decimal | None
    budget_per_point: Decimal | None  # annual pounds a point, to the penny
    difference_percent: Decimal | None  # against the whole population, to one decimal place

    @property
    def flagged(self) -> bool:
        return self.status == FLAGGED


@dataclass(frozen=True)
class DimensionResult:
    code: str
    name: str
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
    is flagged exactly when |group − all| ÷ all × 100 > threshold."""
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
        groups = []
        for label in labels:
            count, annual, points = sums[label]
            if count < min_group_size:
                groups.append(GroupResult(label, TOO_FEW, None, None, None, None, None))
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
