"""Waiting times in plain words."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.frontdoor.rules.waiting import waiting_in_words

minutes = datetime.timedelta(minutes=1)
hours = datetime.timedelta(hours=1)
days = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("waited", "words"),
    [
        (datetime.timedelta(seconds=0), "less than a minute"),
        (datetime.timedelta(seconds=59), "less than a minute"),
        (minutes, "1 minute"),
        (59 * minutes, "59 minutes"),
        (hours, "1 hour"),
        (3 * hours + 59 * minutes, "3 hours"),
        (23 * hours + 59 * minutes, "23 hours"),
        (days, "1 day"),
        (2 * days + 23 * hours, "2 days"),
        (40 * days, "40 days"),
        (datetime.timedelta(seconds=-5), "less than a minute"),  # clocks a little apart
    ],
)
def test_waiting_in_words(waited, words):
    assert waiting_in_words(waited) == words


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=10**8))
def test_a_longer_wait_never_reads_as_a_shorter_one(a, b):
    order = {"less than a minute": 0, "minute": 1, "hour": 2, "day": 3}

    def key(seconds):
        words = waiting_in_words(datetime.timedelta(seconds=seconds))
        if words == "less than a minute":
            return (0, 0)
        count, unit = words.split()
        return (order[unit.rstrip("s")], int(count))

    shorter, longer = sorted((a, b))
    assert key(shorter) <= key(longer)
