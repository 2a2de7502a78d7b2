"""The problem-details body every FirstPerson API answers errors with."""

import pytest

from firstperson.api.common import as_sentence, problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This field is not part of the request", "This field is not part of the request."),
        ("There is no question with this code.", "There is no question with this code."),
        ("Is this the right year?", "Is this the right year?"),
        ("Stop!", "Stop!"),
        ("income must be a list  ", "income must be a list."),
        ("", ""),
    ],
)
def test_a_message_ends_as_a_sentence(text, expected):
    assert as_sentence(text) == expected


def test_the_detail_and_every_message_end_with_a_full_stop_and_nothing_else_changes():
    body = problem(
        400,
        "Invalid request",
        detail="Two problems",
        errors=[
            {"field": "answers.pets", "message": "There is no question with this code"},
            {"parameter": "page", "message": "page must be a whole number of 1 or more."},
        ],
    )
    assert body == {
        "status": 400,
        "title": "Invalid request",
        "detail": "Two problems.",
        "errors": [
            {"field": "answers.pets", "message": "There is no question with this code."},
            {"parameter": "page", "message": "page must be a whole number of 1 or more."},
        ],
    }
