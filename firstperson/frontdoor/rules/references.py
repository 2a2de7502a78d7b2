"""Contact reference numbers, like FD-2026-000123: the year the contact came in and its number in
that year. People read them out on the phone, so they are short and use no letters but the prefix."""

import re
from dataclasses import dataclass

PREFIX = "FD"
DIGITS = 6
_PATTERN = re.compile(r"^FD-(\d{4})-(\d{6,})$")


@dataclass(frozen=True)
class Reference:
    year: int
    number: int


def reference_for(*, year: int, number: int) -> str:
    if number < 1:
        raise ValueError("Reference numbers start at 1")
    if not 1000 <= year <= 9999:
        raise ValueError("The year must have 4 digits")
    return f"{PREFIX}-{year}-{number:0{DIGITS}d}"


def reference_parse(text: str) -> Reference | None:
    """The year and number of a reference as typed (spaces and lower case forgiven), or None."""
    cleaned = "".join(text.split()).upper()
    match = _PATTERN.match(cleaned)
    if match is None or int(match.group(2)) < 1:
        return None
    return Reference(year=int(match.group(1)), number=int(match.group(2)))
