"""rules/text.py: search words and plain-English words for people. No database."""

import datetime
import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.directory.rules.text import (
    DAY_NAMES,
    FILLER_WORDS,
    ScheduleFacts,
    SynonymTable,
    age_range_in_words,
    distance_in_words,
    has_search_words,
    index_terms,
    opening_times_in_words,
    plain_words,
    query_term_groups,
    terms_of,
    time_in_words,
)

NO_SYNONYMS = SynonymTable({})
COUNCIL_SYNONYMS = SynonymTable.from_groups(
    ["carer, carers, caring, caregiver", "lunch, luncheon, dinner, meal, meals"]
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Carers' Café", ["carers", "cafe"]),
        ("Carer's allowance", ["carer", "allowance"]),
        ("Alzheimer\u2019s Society", ["alzheimer", "society"]),
        ("<p>Day <strong>centre</strong></p>", ["day", "centre"]),
        ("don't", ["dont"]),
        ("'; DROP TABLE services; --", ["drop", "table", "services"]),
        (".*(", []),
        ("%_", []),
        ("Ł\u00f3d\u017a", ["odz"]),
    ],
)
def test_plain_words(text, words):
    assert plain_words(text) == words


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("carer", ["carer"]),
        ("carers", ["carer"]),
        ("caring", ["carer"]),  # not "care": a carers' search must not find every care service
        ("care", ["care"]),
        ("lunches", ["lunch"]),
        ("help for the carers", ["help", "carer"]),
    ],
)
def test_word_forms_meet(text, terms):
    assert terms_of(text) == terms


def test_a_search_word_is_widened_to_its_synonyms_and_keeps_the_word_as_typed():
    groups = query_term_groups("caring lunch", COUNCIL_SYNONYMS)
    assert [(group.original, group.terms) for group in groups] == [
        ("carer", frozenset({"carer", "caregiv"})),
        ("lunch", frozenset({"lunch", "luncheon", "dinner", "meal"})),
    ]


def test_synonyms_of_one_group_are_asked_for_once():
    assert len(query_term_groups("lunch dinner meals", COUNCIL_SYNONYMS)) == 1


def test_filler_words_are_optional():
    groups = query_term_groups("help for carers near me", NO_SYNONYMS)
    assert [(group.original, group.optional) for group in groups] == [
        ("help", True),
        ("carer", False),
        ("near", True),
    ]


def test_a_search_is_at_most_twelve_words():
    assert len(query_term_groups(" ".join(f"word{n}" for n in range(30)), NO_SYNONYMS)) == 12


def test_has_search_words():
    assert has_search_words("lunch club")
    assert not has_search_words(".*(")
    assert not has_search_words("the")


def test_index_keeps_the_most_important_place_a_word_appears():
    weights = index_terms(name="Carers café", description="A café for carers and friends", keywords=["Support"])
    assert weights == {"carer": 8, "cafe": 8, "friend": 1, "support": 4}


# --- properties (no deadline for any property test: see the root conftest.py) ----------------------

any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
words = st.lists(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=12), min_size=1, max_size=5)


@given(any_text)
def test_normalising_is_idempotent(text):
    once = plain_words(text)
    assert plain_words(" ".join(once)) == once


@given(any_text)
def test_every_search_word_is_found_in_an_index_of_the_same_text(text):
    index = index_terms(name=text, description="")
    for group in query_term_groups(text, NO_SYNONYMS):
        assert group.original in index


@given(any_text)
def test_search_terms_are_short_plain_ascii(text):
    for term in terms_of(text):
        assert re.fullmatch(r"[a-z0-9]{1,40}", term)


@given(words)
def test_every_word_of_a_synonym_group_finds_every_other(group_words):
    table = SynonymTable.from_groups([", ".join(group_words)])
    terms = {terms_of(word)[0] for word in group_words if terms_of(word)}
    for term in terms:
        assert table.expand(term) == terms


@given(st.floats(min_value=0, max_value=1_000_000, allow_nan=False))
def test_distance_is_miles_to_one_decimal_place(metres):
    assert re.fullmatch(r"(Less than 0\.1|\d+\.\d) miles away", distance_in_words(metres))


def test_filler_words_are_real_words():
    assert all(word.isalpha() for word in FILLER_WORDS)


# --- words for people ------------------------------------------------------------------------------

T = datetime.time


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (T(10), "10am"),
        (T(14), "2pm"),
        (T(10, 30), "10:30am"),
        (T(12), "midday"),
        (T(0), "midnight"),
        (T(12, 15), "12:15pm"),
    ],
)
def test_time_in_words(value, words):
    assert time_in_words(value) == words


@pytest.mark.parametrize(
    ("schedules", "lines"),
    [
        (
            [ScheduleFacts("WEEKLY", byday="MO,WE", opens_at=T(10), closes_at=T(14))],
            ["Mondays and Wednesdays, 10am to 2pm"],
        ),
        # One schedule a day, as ORUK feeds often have: days with the same hours are put together.
        (
            [
                ScheduleFacts("WEEKLY", byday="WE", opens_at=T(10), closes_at=T(14)),
                ScheduleFacts("WEEKLY", byday="MO", opens_at=T(10), closes_at=T(14)),
            ],
            ["Mondays and Wednesdays, 10am to 2pm"],
        ),
        (
            [ScheduleFacts("WEEKLY", byday="MO,TU,WE,TH,FR", opens_at=T(9), closes_at=T(17))],
            ["Monday to Friday, 9am to 5pm"],
        ),
        ([ScheduleFacts("WEEKLY", byday="MO,TU,WE,TH,FR,SA,SU", opens_at=T(8))], ["Every day, from 8am"]),
        (
            [ScheduleFacts("WEEKLY", byday="SU,MO,TU,WE,FR", closes_at=T(12))],
            ["Monday to Wednesday, Fridays and Sundays, until midday"],
        ),
        (
            [ScheduleFacts("WEEKLY", byday="MO", interval=2, opens_at=T(18), closes_at=T(20))],
            ["Every other Monday, 6pm to 8pm"],
        ),
        (
            [ScheduleFacts("MONTHLY", byday="1TH", opens_at=T(14), closes_at=T(16))],
            ["The first Thursday of each month, 2pm to 4pm"],
        ),
        ([ScheduleFacts("MONTHLY", byday="-1FR")], ["The last Friday of each month"]),
        ([ScheduleFacts("MONTHLY", bymonthday="1,15")], ["The 1st and the 15th of each month"]),
        (
            [
                ScheduleFacts("WEEKLY", byday="SA", opens_at=T(10), closes_at=T(12)),
                ScheduleFacts(
                    "WEEKLY", byday="TU", opens_at=T(13), closes_at=T(15), description="Not on bank holidays"
                ),
            ],
            ["Tuesdays, 1pm to 3pm", "Saturdays, 10am to midday", "Not on bank holidays"],
        ),
        ([ScheduleFacts("WEEKLY", byday="XX,??")], []),
        ([ScheduleFacts("", opens_at=T(10), closes_at=T(14))], ["Open 10am to 2pm"]),
        ([], []),
    ],
)
def test_opening_times_in_words(schedules, lines):
    assert opening_times_in_words(schedules) == lines


@given(
    st.lists(
        st.builds(
            ScheduleFacts,
            freq=st.sampled_from(["WEEKLY", "MONTHLY", ""]),
            interval=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
            byday=st.lists(st.sampled_from([*DAY_NAMES, "1MO", "-1FR", "9ZZ", ""])).map(",".join),
            bymonthday=st.lists(st.integers(min_value=-1, max_value=31).map(str)).map(",".join),
            opens_at=st.one_of(st.none(), st.times()),
            closes_at=st.one_of(st.none(), st.times()),
        ),
        max_size=5,
    )
)
def test_opening_times_never_fail_and_each_line_starts_with_a_capital(schedules):
    for line in opening_times_in_words(schedules):
        assert line[:1].isupper()


@pytest.mark.parametrize(
    ("minimum", "maximum", "words"),
    [
        (None, None, ""),
        (0, None, ""),
        (18, None, "Aged 18 and over"),
        (None, 25, "Aged 25 and under"),
        (0, 17, "Aged 17 and under"),
        (18, 64, "Aged 18 to 64"),
    ],
)
def test_age_range_in_words(minimum, maximum, words):
    assert age_range_in_words(minimum, maximum) == words


@pytest.mark.parametrize(
    ("metres", "words"),
    [
        (0, "Less than 0.1 miles away"),
        (1287.5, "0.8 miles away"),
        (1609.344, "1.0 miles away"),
        (16093.44, "10.0 miles away"),
    ],
)
def test_distance_in_words(metres, words):
    assert distance_in_words(metres) == words
