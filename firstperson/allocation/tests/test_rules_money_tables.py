"""rules/money_tables.py: a table whose money falls as points rise, or whose values do not fit the
columns that keep them, is refused, naming the row."""

from decimal import Decimal

import pytest

from firstperson.allocation.rules.money_tables import (
    MAX_AMOUNT,
    MAX_POINTS,
    BandRow,
    CornerRow,
    band_rows_problems,
    corner_rows_problems,
)

D = Decimal


def bands(*rows):
    return [BandRow(name, D(points), D(amount)) for name, points, amount in rows]


def corners(*rows):
    return [CornerRow(D(points), D(amount)) for points, amount in rows]


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (bands(("A", 0, 1000), ("B", 10, 5000), ("C", 30, 9000)), []),
        (
            bands(("A", 0, 1000), ("B", 10, 5000), ("C", 30, 4000)),
            ["Row 3: a band with more points cannot be worth less than the band before it."],
        ),
        (
            bands(("A", 0, 1000), ("B", 10, 5000), ("C", 10, 6000)),
            ["Row 3: each band must start at more points than the band before it."],
        ),
        (bands(("A", 0, 1000), ("A", 10, 5000)), ["Row 2: another band is already called A."]),
        (bands(("", 0, 1000)), ["Row 1: give the band a name."]),
        (bands(("A", -1, 1000)), ["Row 1: the points cannot be negative."]),
        (bands(("A", 0, -5)), ["Row 1: the amount cannot be negative."]),
        ([], ["Give at least one band."]),
    ],
)
def test_band_rows(rows, problems):
    assert band_rows_problems(rows) == problems


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (bands(("A" * 40, 0, 100)), []),
        (bands(("A" * 41, 0, 100)), ["Row 1: the band name must be 40 characters or fewer."]),
        (bands(("A", 0, "1e20")), ["Row 1: the amount must be £9,999,999,999.99 or less."]),
        (bands(("A", 0, MAX_AMOUNT)), []),
        (bands(("A", 0, 0), ("B", "10000000", 100)), ["Row 2: the points must be 9,999,999.99 or less."]),
        (bands(("A", 0, 0), ("B", MAX_POINTS, 100)), []),
        # Kept to two places, 10.001 and 10.004 would both be 10.00: the rise typed would be lost.
        (
            bands(("A", 0, 100), ("B", "10.001", 200), ("C", "10.004", 300)),
            [
                "Row 2: the points can have at most 2 decimal places.",
                "Row 3: the points can have at most 2 decimal places.",
            ],
        ),
        (bands(("A", 0, "247.505")), ["Row 1: the amount can have at most 2 decimal places."]),
        (bands(("A", "0.000", "247.500"), ("B", "1E+1", "1E+3")), []),  # zeros after the point change nothing
        (
            bands(("A", "-0.001", "-1e30")),
            ["Row 1: the points cannot be negative.", "Row 1: the amount cannot be negative."],
        ),
        (
            bands(("A", "NaN", "Infinity")),
            ["Row 1: the points must be a number.", "Row 1: the amount must be a number."],
        ),
    ],
)
def test_band_rows_must_fit_the_columns_that_keep_them(rows, problems):
    assert band_rows_problems(rows) == problems


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (corners((0, 0), (40, 10000), (80, 30000)), []),
        (corners((0, 0), (40, 10000), (80, 9000)), ["Row 3: the amount cannot be less than in the row before it."]),
        (corners((0, 0), (40, 10000), (40, 12000)), ["Row 3: the points must be more than in the row before it."]),
        (corners((10, 0), (5, 0)), ["Row 2: the points must be more than in the row before it."]),
        (corners((0, 0)), ["Give at least two rows: the table draws straight lines between them."]),
        (
            corners((-1, 0), (5, -2)),
            [
                "Row 1: the points cannot be negative.",
                "Row 2: the amount cannot be negative.",
                "Row 2: the amount cannot be less than in the row before it.",
            ],
        ),
    ],
)
def test_corner_rows(rows, problems):
    assert corner_rows_problems(rows) == problems


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (corners((0, 0), (MAX_POINTS, MAX_AMOUNT)), []),
        (corners((0, 0), ("1e8", 100)), ["Row 2: the points must be 9,999,999.99 or less."]),
        (corners((0, 0), (40, "1e20")), ["Row 2: the amount must be £9,999,999,999.99 or less."]),
        (
            corners(("0.5", "0.001"), ("40.125", 10)),
            [
                "Row 1: the amount can have at most 2 decimal places.",
                "Row 2: the points can have at most 2 decimal places.",
            ],
        ),
        (corners((0, 0), ("NaN", 10)), ["Row 2: the points must be a number."]),
    ],
)
def test_corner_rows_must_fit_the_columns_that_keep_them(rows, problems):
    assert corner_rows_problems(rows) == problems
