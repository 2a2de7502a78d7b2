"""Review dates: the first six to eight weeks after the start, then yearly (REFERENCE.md §5.3, §12 rule 8)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.planning.rules.reviews import annual_review_date, first_review_date

START = datetime.date(2026, 1, 5)


@pytest.mark.parametrize(("weeks", "expected"), [(6, "2026-02-16"), (7, "2026-02-23"), (8, "2026-03-02")])
def test_the_first_review_is_six_to_eight_weeks_on(weeks, expected):
    assert first_review_date(START, weeks) == datetime.date.fromisoformat(expected)


@pytest.mark.parametrize("weeks", [0, 4, 5, 9, 12, 52, -6])
def test_other_first_review_gaps_are_refused(weeks):
    with pytest.raises(ValueError, match="six to eight weeks"):
        first_review_date(START, weeks)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-01-05", "2027-01-05"),
        ("2028-02-29", "2029-02-28"),  # 29 February falls back to the 28th
        ("2027-02-28", "2028-02-28"),
        ("2027-03-01", "2028-03-01"),
        ("2026-12-31", "2027-12-31"),
    ],
)
def test_the_annual_review_is_the_same_day_a_year_on(start, expected):
    assert annual_review_date(datetime.date.fromisoformat(start)) == datetime.date.fromisoformat(expected)


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 1, 1)), st.sampled_from([6, 7, 8]))
def test_the_first_review_always_comes_before_the_annual_one(start, weeks):
    first, annual = first_review_date(start, weeks), annual_review_date(start)
    assert 42 <= (first - start).days <= 56
    assert first < annual
    assert 365 <= (annual - start).days <= 366
