"""The postcode coverage a place keeps for its service (rules/coverage.py): the string written from
the service's areas, and the patterns a search looks for in it. Pure: no database.

The property checks the copy against the rule it replaces, stated plainly: a service covers a postcode
when it has no service area, or an area naming no postcodes, or an area naming the postcode's district
(WS1) or its area (WS)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firstperson.directory.rules.coverage import WHOLE_COUNCIL, coverage_patterns, postcode_coverage
from firstperson.platform.geography.rules.postcodes import postcode_area, postcode_outward


def covers(coverage: str, postcode: str) -> bool:
    """What a search asks of a copy: is any pattern for the postcode a substring of it."""
    return any(
        pattern in coverage for pattern in coverage_patterns(postcode_outward(postcode), postcode_area(postcode))
    )


def old_rule(areas: list[str], postcode: str) -> bool:
    """The rule as it was, one area's postcode prefixes at a time."""
    if not areas:
        return True
    outward, area = postcode_outward(postcode), postcode_area(postcode)
    for text in areas:
        words = {word.upper() for word in text.split()}
        if not words or outward in words or area in words:
            return True
    return False


@pytest.mark.parametrize(
    ("areas", "expected"),
    [
        ([], WHOLE_COUNCIL),
        ([""], WHOLE_COUNCIL),
        (["   "], WHOLE_COUNCIL),
        ([" WS1 WS2 ", ""], WHOLE_COUNCIL),  # one area naming none is the whole council
        ([" WS1 "], " WS1 "),
        ([" WS2 WS1 "], " WS1 WS2 "),
        (["WS2", " WS1  WS2 "], " WS1 WS2 "),  # the union, each once, sorted
        (["ws1 ws10", "Ws"], " WS WS1 WS10 "),  # upper case
        (["WS10", "WS1"], " WS1 WS10 "),
        (["B1", "WS"], " B1 WS "),
    ],
)
def test_postcode_coverage_is_the_padded_sorted_union_or_the_whole_council(areas, expected):
    assert postcode_coverage(areas) == expected


def test_postcode_coverage_reads_any_iterable_once():
    assert postcode_coverage(text for text in [" WS2 ", " WS1 "]) == " WS1 WS2 "
    assert postcode_coverage(iter([])) == WHOLE_COUNCIL


def test_coverage_patterns_are_the_whole_council_the_district_and_the_area():
    assert coverage_patterns("WS1", "WS") == (WHOLE_COUNCIL, " WS1 ", " WS ")


@pytest.mark.parametrize(
    ("areas", "postcode", "expected"),
    [
        ([], "WS1 4FG", True),
        ([""], "B11 1AA", True),
        ([" WS2 ", ""], "WV3 0AA", True),
        ([" WS1 "], "WS1 4FG", True),
        ([" WS1 "], "WS10 1AA", False),  # WS1 never matches WS10
        ([" WS10 "], "WS1 4FG", False),  # nor WS10 WS1
        ([" WS10 "], "WS10 1AA", True),
        ([" WS "], "WS10 1AA", True),  # the area covers every district in it
        ([" W "], "WS1 4FG", False),  # W is not WS
        ([" WS2 ", " WS1 "], "WS1 4FG", True),
        ([" WS2 WS3 "], "WS1 4FG", False),
        ([" B1 "], "B11 1AA", False),
        (["ws1"], "ws1 4fg", True),  # lower case in the area and in the postcode
    ],
)
def test_a_copy_covers_a_postcode_as_the_rule_says(areas, postcode, expected):
    assert covers(postcode_coverage(areas), postcode) is expected
    assert old_rule(areas, postcode) is expected


# --- property ----------------------------------------------------------------------------------

AREAS = ["WS", "W", "B", "WV"]
district = st.builds(lambda area, number: f"{area}{number}", st.sampled_from(AREAS), st.integers(1, 12))
code = st.one_of(st.sampled_from(AREAS), district)


@st.composite
def area_text(draw) -> str:
    """One area's postcode prefixes as stored or typed: any case, any spacing, possibly none."""
    codes = draw(st.lists(code, max_size=3))
    codes = [c.lower() if draw(st.booleans()) else c for c in codes]
    gap = draw(st.sampled_from([" ", "  "]))
    pad = draw(st.sampled_from(["", " "]))
    return f"{pad}{gap.join(codes)}{pad}"


@settings(max_examples=500)
@given(areas=st.lists(area_text(), max_size=4), outward=district)
def test_a_pattern_is_in_the_coverage_exactly_when_the_old_rule_covers_the_postcode(areas, outward):
    postcode = f"{outward} 1AA"
    assert covers(postcode_coverage(areas), postcode) is old_rule(areas, postcode)
