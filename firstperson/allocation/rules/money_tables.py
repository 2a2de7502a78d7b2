"""Checks on the rows of a points-to-money table, naming the row at fault.

The pure RAS rule (ras.py) refuses a whole configuration whose money falls as points rise; these
checks say which row of the table an administrator typed is wrong, so the message can name it
(issue 4, "Bad input": a RAS table that is not monotonic gets a clear message naming the line).
Rows are numbered from 1 in the order they were given.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class BandRow:
    name: str
    min_points: Decimal
    amount: Decimal


@dataclass(frozen=True)
class CornerRow:
    points: Decimal
    amount: Decimal


def band_rows_problems(rows: list[BandRow]) -> list[str]:
    """Bands must be given from the fewest points up, each starting above the one before and worth
    at least as much; names must be unique; nothing may be negative."""
    problems = []
    if not rows:
        return ["Give at least one band."]
    seen_names: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not row.name.strip():
            problems.append(f"Row {number}: give the band a name.")
        elif row.name in seen_names:
            problems.append(f"Row {number}: another band is already called {row.name}.")
        seen_names.add(row.name)
        if row.min_points < 0:
            problems.append(f"Row {number}: the points cannot be negative.")
        if row.amount < 0:
            problems.append(f"Row {number}: the amount cannot be negative.")
        if number > 1:
            before = rows[number - 2]
            if row.min_points <= before.min_points:
                problems.append(f"Row {number}: each band must start at more points than the band before it.")
            if row.amount < before.amount:
                problems.append(f"Row {number}: a band with more points cannot be worth less than the band before it.")
    return problems


def corner_rows_problems(rows: list[CornerRow]) -> list[str]:
    """At least two corners, points rising, amounts never falling, nothing negative."""
    problems = []
    if len(rows) < 2:
        return ["Give at least two rows: the table draws straight lines between them."]
    for number, row in enumerate(rows, start=1):
        if row.points < 0:
            problems.append(f"Row {number}: the points cannot be negative.")
        if row.amount < 0:
            problems.append(f"Row {number}: the amount cannot be negative.")
        if number > 1:
            before = rows[number - 2]
            if row.points <= before.points:
                problems.append(f"Row {number}: the points must be more than in the row before it.")
            if row.amount < before.amount:
                problems.append(f"Row {number}: the amount cannot be less than in the row before it.")
    return problems
