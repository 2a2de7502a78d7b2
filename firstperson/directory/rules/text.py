"""Words of the directory, in both directions.

Search words: the same rules turn a service's text into index terms and a person's search into the
terms to look for, so that word forms meet (carers, carer, caring; lunches, lunch). Synonyms are
applied to the search, not the index, so that an editor's change to the synonym list takes effect at
once without re-indexing.

Plain-English words for people: opening times ("Mondays and Wednesdays, 10am to 2pm"), age ranges
and distances, as the public service pages show them.
"""

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import snowballstemmer

from firstperson.platform.geography.rules.distance import miles

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")
# "Carer's", "Alzheimer's", "carers'": the possessive is not a word of its own.
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])['\u2019]s\b")
_APOSTROPHE = re.compile(r"(?<=[a-z0-9])['\u2019](?=[a-z0-9])")
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

# Where the English stemmer joins words that social care keeps apart. "Caring" is what carers do
# ("caring for my husband"), but the stemmer makes it "care", which every care service mentions: a
# search for carers would then find every home care agency.
STEM_EXCEPTIONS = {"caring": "carer"}

# Words people add to a search that say little about what they need ("help for carers near me",
# "dementia support group"). A service need not contain them to be found, and they lift a service up
# the list only from its name or category, not from a passing "help" in its description. A search
# made only of them ("support groups") finds any one of them.
FILLER_WORDS = frozenset(
    [
        "area",
        "find",
        "get",
        "group",
        "groups",
        "help",
        "local",
        "looking",
        "near",
        "nearby",
        "need",
        "needs",
        "organisation",
        "people",
        "person",
        "service",
        "services",
        "someone",
        "support",
        "want",
    ]
)

NAME_WEIGHT = 8
KEYWORD_WEIGHT = 4
DESCRIPTION_WEIGHT = 1


def plain_words(text: str) -> list[str]:
    """Lower case, accents removed, HTML tags removed, possessives dropped, split on anything not a
    letter or digit."""
    decomposed = unicodedata.normalize("NFKD", _TAG.sub(" ", text or ""))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    ascii_text = _APOSTROPHE.sub("", _POSSESSIVE.sub("", ascii_text))
    return _WORD.findall(ascii_text)


@functools.lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The word's stem. Remembered: stemming is slow in pure Python, and the same words (the synonym
    list on every search, common words when indexing) come back all the time."""
    return STEM_EXCEPTIONS.get(word) or _STEMMER.stemWord(word)[:MAX_TERM_LENGTH]


def terms_of(text: str) -> list[str]:
    return [stem(word) for word in plain_words(text) if word not in STOP_WORDS]


_FILLER_TERMS = frozenset(stem(word) for word in FILLER_WORDS)


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
    """One word of a search: the word as typed (stemmed) and every term that counts as it.
    An `optional` group is a filler word (FILLER_WORDS): it need not match."""

    original: str
    terms: frozenset[str]
    optional: bool = field(default=False)


def query_term_groups(query: str, synonyms: SynonymTable) -> list[QueryGroup]:
    """What a search asks for: every group that is not optional must match (AND), and any term in a
    group will do (OR). Ranking counts the word as typed twice as much as its synonyms."""
    groups: list[QueryGroup] = []
    for term in terms_of(query)[:MAX_QUERY_WORDS]:
        group = QueryGroup(original=term, terms=synonyms.expand(term), optional=term in _FILLER_TERMS)
        if all(existing.terms != group.terms for existing in groups):
            groups.append(group)
    return groups


def has_search_words(query: str) -> bool:
    """Whether a search holds any word that can be looked for (not only punctuation or "the")."""
    return bool(terms_of(query))


# --- Words for people ----------------------------------------------------------------------------

DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_DAY_ORDER = list(DAY_NAMES)
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_NTH_DAY = re.compile(r"^([+-]?\d)?([A-Z]{2})$")


@dataclass(frozen=True)
class ScheduleFacts:
    """What a schedule (ORUK `schedule`) says about when a service is open."""

    freq: str = ""  # "WEEKLY", "MONTHLY" or ""
    interval: int | None = None
    byday: str = ""  # "MO,WE" or, monthly, "1MO,-1FR"
    bymonthday: str = ""  # "1,15"
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    description: str = ""


def time_in_words(value: datetime.time) -> str:
    """10am, 10:30am, midday, midnight (GOV.UK style)."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def _times_in_words(opens_at: datetime.time | None, closes_at: datetime.time | None) -> str:
    if opens_at and closes_at:
        return f"{time_in_words(opens_at)} to {time_in_words(closes_at)}"
    if opens_at:
        return f"from {time_in_words(opens_at)}"
    if closes_at:
        return f"until {time_in_words(closes_at)}"
    return ""


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _weekly_days_in_words(codes: set[str]) -> str:
    """Mondays; Mondays and Wednesdays; Monday to Friday; Monday to Friday and Sundays; every day."""
    if set(_DAY_ORDER) <= codes:
        return "every day"
    positions = sorted(_DAY_ORDER.index(code) for code in codes if code in DAY_NAMES)
    runs: list[list[int]] = []
    for position in positions:
        if runs and position == runs[-1][-1] + 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[_DAY_ORDER[run[0]]]} to {DAY_NAMES[_DAY_ORDER[run[-1]]]}")
        else:
            parts.extend(f"{DAY_NAMES[_DAY_ORDER[position]]}s" for position in run)
    return _join(parts)


def _ordinal_number(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _codes(text: str) -> list[str]:
    return [part.strip().upper() for part in (text or "").split(",") if part.strip()]


def _monthly_in_words(facts: ScheduleFacts) -> str:
    days: list[str] = []
    for code in _codes(facts.byday):
        match = _NTH_DAY.match(code)
        if not match or match.group(2) not in DAY_NAMES:
            continue
        nth = int(match.group(1)) if match.group(1) else None
        name = DAY_NAMES[match.group(2)]
        days.append(f"the {_ORDINALS[nth]} {name}" if nth in _ORDINALS else f"every {name}")
    for part in _codes(facts.bymonthday):
        if part.lstrip("-").isdigit():
            number = int(part)
            days.append("the last day" if number == -1 else f"the {_ordinal_number(number)}" if number > 0 else "")
    days = [day for day in days if day]
    return f"{_join(days)} of each month" if days else ""


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def opening_times_in_words(schedules: Iterable[ScheduleFacts]) -> list[str]:
    """One line per pattern of opening, with days that share the same hours put together:
    "Mondays and Wednesdays, 10am to 2pm"; "Every other Tuesday, from 6pm"; "The first Monday of each
    month, 10am to midday". A schedule's own description follows, as the editor wrote it."""
    weekly: dict[tuple, set[str]] = {}
    lines: list[str] = []
    described: list[str] = []
    for facts in schedules:
        times = _times_in_words(facts.opens_at, facts.closes_at)
        if facts.freq == "MONTHLY":
            days = _monthly_in_words(facts)
            if days:
                lines.append(_capitalise(f"{days}, {times}" if times else days))
        else:
            codes = {code for code in _codes(facts.byday) if code in DAY_NAMES}
            if codes:
                weekly.setdefault((facts.interval or 1, times), set()).update(codes)
            elif times:
                lines.append(f"Open {times}")
        description = " ".join((facts.description or "").split())
        if description and description not in described:
            described.append(description)
    weekly_lines = []
    for (interval, times), codes in weekly.items():
        days = _weekly_days_in_words(codes)
        if interval == 2:
            days = f"every other {days.removesuffix('s')}" if len(codes) == 1 else f"every other week: {days}"
        elif interval > 2:
            days = f"every {interval} weeks: {days}"
        first = min(_DAY_ORDER.index(code) for code in codes)
        weekly_lines.append((first, _capitalise(f"{days}, {times}" if times else days)))
    return [line for _, line in sorted(weekly_lines)] + lines + described


def age_range_in_words(minimum: int | None, maximum: int | None) -> str:
    """ "Aged 18 and over", "aged 18 to 65", "aged 25 and under"; empty when any age will do."""
    if minimum and maximum is not None:
        return f"Aged {minimum} to {maximum}"
    if minimum:
        return f"Aged {minimum} and over"
    if maximum is not None:
        return f"Aged {maximum} and under"
    return ""


def distance_in_words(metres: float) -> str:
    """Miles to one decimal place: "0.8 miles away"."""
    value = round(miles(max(metres, 0.0)), 1)
    if value < 0.1:
        return "Less than 0.1 miles away"
    return f"{value:.1f} miles away"
