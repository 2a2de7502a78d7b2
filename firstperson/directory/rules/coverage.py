"""Which postcodes a service covers, as the search keeps it beside each of the service's places.

A service with no service area covers the whole council, and so does a service with an area that
names no postcodes. Otherwise it covers the postcode districts (WS1) and areas (WS) its areas name.
The copy is one space-padded string, so that one LIKE finds a whole district and never WS1 inside
WS10: " WS1 WS2 WS " or, for the whole council, " * ".
"""

from collections.abc import Iterable

WHOLE_COUNCIL = " * "


def postcode_coverage(area_prefixes: Iterable[str]) -> str:
    """The coverage string for a service whose areas name these postcode prefixes (one string per
    area, space-separated prefixes, "" for an area naming none)."""
    prefixes = list(area_prefixes)
    if not prefixes or any(not text.strip() for text in prefixes):
        return WHOLE_COUNCIL
    words = sorted({word.upper() for text in prefixes for word in text.split()})
    return f" {' '.join(words)} "


def coverage_patterns(outward: str, area: str) -> tuple[str, ...]:
    """The substrings any one of which in a coverage string means it covers a postcode in district
    `outward` (WS1) of area `area` (WS)."""
    return (WHOLE_COUNCIL, f" {outward} ", f" {area} ")
