"""Reference numbers: their format, and reading them back as people type them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.frontdoor.rules.references import Reference, reference_for, reference_parse


@pytest.mark.parametrize(
    ("year", "number", "expected"),
    [
        (2026, 1, "FD-2026-000001"),
        (2026, 123, "FD-2026-000123"),
        (2027, 999_999, "FD-2027-999999"),
        (2027, 1_000_000, "FD-2027-1000000"),  # a busy year grows a digit rather than repeat a number
    ],
)
def test_reference_format(year, number, expected):
    assert reference_for(year=year, number=number) == expected


@pytest.mark.parametrize(("year", "number"), [(2026, 0), (2026, -1), (26, 1), (20260, 1)])
def test_impossible_references_are_refused(year, number):
    with pytest.raises(ValueError):
        reference_for(year=year, number=number)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("FD-2026-000123", Reference(2026, 123)),
        (" fd-2026-000123 ", Reference(2026, 123)),
        ("FD - 2026 - 000123", Reference(2026, 123)),
        ("FD-2026-123", None),
        ("FD-2026-000000", None),
        ("XX-2026-000123", None),
        ("FD-2026-000123; DROP TABLE", None),
        ("", None),
    ],
)
def test_reading_a_reference_back(typed, expected):
    assert reference_parse(typed) == expected


@given(year=st.integers(min_value=1000, max_value=9999), number=st.integers(min_value=1, max_value=10**9))
def test_every_reference_reads_back_as_itself(year, number):
    assert reference_parse(reference_for(year=year, number=number)) == Reference(year, number)


@given(
    first=st.tuples(st.integers(2000, 2100), st.integers(1, 10**7)),
    second=st.tuples(st.integers(2000, 2100), st.integers(1, 10**7)),
)
def test_different_numbers_never_share_a_reference(first, second):
    if first != second:
        assert reference_for(year=first[0], number=first[1]) != reference_for(year=second[0], number=second[1])
