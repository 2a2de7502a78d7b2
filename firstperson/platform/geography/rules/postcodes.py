"""UK postcodes: normalising and checking the format.

Source: ../shared/domain/REFERENCE.md §10.2. A well-formed postcode may not exist: that needs the
ONS Postcode Directory (the `Postcode` table).
"""

import re

# Royal Mail format rules: Q, V, X never first; I, J, Z never second; the inward letters never
# C, I, K, M, O or V. (REFERENCE.md §10.2.)
_POSTCODE = re.compile(
    r"^(GIR 0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]"
    r"|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$"
)


def postcode_normalise(raw: str) -> str:
    """Upper case, one space before the last three characters."""
    compact = re.sub(r"\s+", "", (raw or "").upper())
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_is_valid(raw: str) -> bool:
    return bool(_POSTCODE.match(postcode_normalise(raw)))


def postcode_outward(raw: str) -> str:
    """The district part before the space, for example WS1 from "ws1 4fg"."""
    return postcode_normalise(raw).split(" ")[0]


def postcode_area(raw: str) -> str:
    """The letters that start the postcode, for example WS from "ws1 4fg"."""
    outward = postcode_outward(raw)
    return outward[: len(outward) - len(outward.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))] if outward else ""
