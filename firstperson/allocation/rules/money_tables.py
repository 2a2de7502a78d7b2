"""Checks on the rows of a points-to-money table, naming the row at fault.

The pure RAS rule (ras.py) refuses a whole configuration whose money falls as points rise; these
checks say which row of the table an administrator typed is wrong, so the message can name it
(issue 4, "Bad input": a RAS table that is not monotonic gets a clear message naming the line).
Rows are numbered from 1 in the order they were given.

Every value must also fit the column that keeps it (allocation/models.py, MoneyBand and
MoneyCorner): a number with more decimal places would be kept rounded, so two bands typed apart
could be kept at the same points, and a number or name too long would not be kept at all.
"""

from dataclasses import dataclass
from decimal import Decimal

#: The columns a table is kept in (MoneyBand, MoneyCorner): names of up to 40 characters, points
#: numeric(9, 2) and amounts numeric(12, 2). A test checks these against the models' fields.
NAME_MAX_LENGTH = 40
PLACES = 2
POINTS_MAX_DIGITS = 9
AMOUNT_MAX_DIGITS = 12
_SMALLEST_STEP = Decimal(1).scaleb(-PLACES)
MAX_POINTS = Decimal(10) ** (POINTS_MAX_DIGITS - PLACES) - _SMALLEST_STEP
MAX_AMOUNT = Decimal(10) ** (AMOUNT_MAX_DIGITS - PLACES) - _SMALLEST_STEP


@dataclass(frozen=True)
class BandRow:
    name: str
    min_points: Decimal
    amount: Decimal


@dataclass(frozen=True)
class CornerRow:
    points: Decimal
    amount: Decimal


def _fit_problems(number: int, points: Decimal, amount: Decimal) -> list[str]:
    """Why a row's points or amount cannot be kept as typed: too large, or too many decimal places
    (10.5 and 10.500 are both fine: only places that change the value count). A negative number
    has its own message instead."""
    problems = []
    for what, value, largest, shown in (
        ("points", points, MAX_POINTS, f"{MAX_POINTS:,}"),
        ("amount", amount, MAX_AMOUNT, f"£{MAX_AMOUNT:,}"),
    ):
        if value > largest:
            problems.append(f"Row {number}: the {what} must be {shown} or less.")
        elif value >= 0 and value != value.quantize(_SMALLEST_STEP):
            problems.append(f"Row {number}: the {what} can have at most {PLACES} decimal places.")
    return problems


def _not_numbers(rows: list[tuple[Decimal, Decimal]]) -> list[str]:
    return [
        f"Row {number}: the {what} must be a number."
        for number, (points, amount) in enumerate(rows, start=1)
        for what, value in (("points", points), ("amount", amount))
        if not value.is_finite()
    ]


def band_rows_problems(rows: list[BandRow]) -> list[str]:
    """Bands must be given from the fewest points up, each starting above the one before and worth
    at least as much; names must be unique and short enough to keep; numbers must fit their
    columns; nothing may be negative."""
    problems = []
    if not rows:
        return ["Give at least one band."]
    not_numbers = _not_numbers([(row.min_points, row.amount) for row in rows])
    if not_numbers:
        return not_numbers
    seen_names: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not row.name.strip():
            problems.append(f"Row {number}: give the band a name.")
        elif len(row.name) > NAME_MAX_LENGTH:
            problems.append(f"Row {number}: the band name must be {NAME_MAX_LENGTH} characters or fewer.")
        elif row.name in seen_names:
            problems.append(f"Row {number}: another band is already called {row.name}.")
        seen_names.add(row.name)
        if row.min_points < 0:
            problems.append(f"Row {number}: the points cannot be negative.")
        if row.amount < 0:
            problems.append(f"Row {number}: the amount cannot be negative.")
        problems.extend(_fit_problems(number, row.min_points, row.amount))
        if number > 1:
            before = rows[number - 2]
            if row.min_points <= before.min_points:
                problems.append(f"Row {number}: each band must start at more points than the band before it.")
            if row.amount < before.amount:
                problems.append(f"Row {number}: a band with more points cannot be worth less than the band before it.")
    return problems


def corner_rows_problems(rows: list[CornerRow]) -> list[str]:
    """At least two corners, points rising, amounts never falling, numbers fitting their columns,
    nothing negative."""
    problems = []
    if len(rows) < 2:
        return ["Give at least two rows: the table draws straight lines between them."]
    not_numbers = _not_numbers([(row.points, row.amount) for row in rows])
    if not_numbers:
        return not_numbers
    for number, row in enumerate(rows, start=1):
        if row.points < 0:
            problems.append(f"Row {number}: the points cannot be negative.")
        if row.amount < 0:
            problems.append(f"Row {number}: the amount cannot be negative.")
        problems.extend(_fit_problems(number, row.points, row.amount))
        if number > 1:
            before = rows[number - 2]
            if row.points <= before.points:
                problems.append(f"Row {number}: the points must be more than in the row before it.")
            if row.amount < before.amount:
                problems.append(f"Row {number}: the amount cannot be less than in the row before it.")
    return problems
