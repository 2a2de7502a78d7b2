"""Normalising names for search, so that "Zoë", "zoe" and "ZOE" all match."""

import unicodedata

# Letters that Unicode does not split into a plain letter and an accent.
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def name_search_key(*parts: str) -> str:
    """Lower case, accents removed, spaces folded: the form stored and searched."""
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_accents.casefold().translate(_PLAIN_LETTERS).split())
