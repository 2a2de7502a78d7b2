"""Words for search: the same rules turn a service's text into index terms and a person's search
into the terms to look for, so that word forms meet (carers, carer; lunches, lunch).

Synonyms are applied to the search, not the index, so that an editor's change to the synonym list
takes effect at once without re-indexing.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")
MAX_TERM_LENGTH = 40
MAX_QUERY_WORDS = 12

# Words too common to help find anything.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "us",
        "we",
        "with",
        "you",
        "your",
    ]
)

NAME_WEIGHT = 8
KEYWORD_WEIGHT = 4
DESCRIPTION_WEIGHT = 1


def plain_words(text: str) -> list[str]:
    """Lower case, accents removed, HTML tags removed, split on anything not a letter or digit."""
    decomposed = unicodedata.normalize("NFKD", _TAG.sub(" ", text or ""))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _WORD.findall(ascii_text)


def stem(word: str) -> str:
    return _STEMMER.stemWord(word)[:MAX_TERM_LENGTH]


def terms_of(text: str) -> list[str]:
    return [stem(word) for word in plain_words(text) if word not in STOP_WORDS]


def index_terms(*, name: str, description: str, keywords: Iterable[str] = ()) -> dict[str, int]:
    """Each term of a service with its weight: the most important place it appears."""
    weights: dict[str, int] = {}
    for text, weight in (
        (description, DESCRIPTION_WEIGHT),
        (" ".join(keywords), KEYWORD_WEIGHT),
        (name, NAME_WEIGHT),
    ):
        for term in terms_of(text):
            weights[term] = max(weights.get(term, 0), weight)
    return weights


@dataclass(frozen=True)
class SynonymTable:
    """Maps a term to every term of its group (itself included)."""

    groups_by_term: dict[str, frozenset[str]]

    @classmethod
    def from_groups(cls, groups: Iterable[str]) -> "SynonymTable":
        """Each group is comma-separated single words. An item of several words is ignored: widening
        each of its words to the whole group would make "day centre" match every "service"."""
        table: dict[str, set[str]] = {}
        for group in groups:
            items = [terms_of(item) for item in group.split(",")]
            terms = {item[0] for item in items if len(item) == 1}
            for term in terms:
                table.setdefault(term, set()).update(terms)
        return cls({term: frozenset(members) for term, members in table.items()})

    def expand(self, term: str) -> frozenset[str]:
        return self.groups_by_term.get(term, frozenset({term}))


@dataclass(frozen=True)
class QueryGroup:
    """One word of a search: the word as typed (stemmed) and every term that counts as it."""

    original: str
    terms: frozenset[str]


def query_term_groups(query: str, synonyms: SynonymTable) -> list[QueryGroup]:
    """What a search asks for: every group must match (AND); any term in a group will do (OR).
    Ranking counts the word as typed twice as much as its synonyms."""
    groups: list[QueryGroup] = []
    for term in terms_of(query)[:MAX_QUERY_WORDS]:
        group = QueryGroup(original=term, terms=synonyms.expand(term))
        if all(existing.terms != group.terms for existing in groups):
            groups.append(group)
    return groups
