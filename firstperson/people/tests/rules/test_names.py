"""The name search key: lower case, accents removed, spaces folded. No database needed."""

import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.people.rules.names import name_search_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Zoë", "zoe"),
        ("zoe", "zoe"),
        ("ZOE", "zoe"),
        ("Zoe\u0308", "zoe"),  # the same name typed with a combining diaeresis
        ("Wiśniewski", "wisniewski"),
        ("Ciarán", "ciaran"),
        ("Siân", "sian"),
        ("Müller", "muller"),
        ("François", "francois"),
        ("Dvořák", "dvorak"),
        ("Straße", "strasse"),
        ("O'Brien", "o'brien"),
        ("Smith-Jones", "smith-jones"),
        ("  Mary   Jane  ", "mary jane"),
        ("Mary\tJane\nSmith", "mary jane smith"),
        ("Mary\u00a0Jane", "mary jane"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_name_search_key(name, key):
    assert name_search_key(name) == key


def test_zoe_matches_however_it_is_written():
    assert name_search_key("Zoë") == name_search_key("zoe") == name_search_key("ZOE") == name_search_key("ZOË")


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (("Zoë", "", "Smith"), "zoe smith"),
        (("Ciarán", "Ciaran", "O'Neill"), "ciaran ciaran o'neill"),
        ((" Anna ", " Wiśniewska "), "anna wisniewska"),
        (("", ""), ""),
        ((), ""),
    ],
)
def test_name_search_key_joins_the_parts_and_skips_empty_ones(parts, key):
    assert name_search_key(*parts) == key


@given(st.text())
def test_name_search_key_is_idempotent(name):
    once = name_search_key(name)

    assert name_search_key(once) == once


@given(st.text())
def test_name_search_key_has_no_combining_marks_or_spare_spaces(name):
    key = name_search_key(name)

    assert key == key.strip()
    assert "  " not in key
    assert not any(char.isspace() and char != " " for char in key)
    assert key == key.casefold()
    assert not any(unicodedata.combining(char) for char in key)


@given(st.text(alphabet=string.ascii_letters + " -'"))
def test_name_search_key_ignores_case_in_plain_names(name):
    assert name_search_key(name.upper()) == name_search_key(name.lower()) == name_search_key(name)


@given(st.lists(st.text(), max_size=4))
def test_name_search_key_of_parts_is_the_key_of_the_parts_joined_with_spaces(parts):
    assert name_search_key(*parts) == name_search_key(" ".join(parts))


@pytest.mark.parametrize(("typed", "stored"), [("Łukasz", "lukasz"), ("Søren", "soren"), ("Strauß", "strauss")])
def test_letters_without_a_separate_accent_are_made_plain_too(typed, stored):
    assert name_search_key(typed) == stored
