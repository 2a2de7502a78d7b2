"""Checks on what people type when they ask for help."""

import pytest

from firstperson.frontdoor.rules.enquiry import length_problem, phone_normalise, phone_problem, plain_text


@pytest.mark.parametrize(
    "number",
    [
        "01632 960 001",
        "01632960001",
        "(01632) 960001",
        "07700 900 123",
        "020 7946 0000",
        "+44 7700 900123",
        "+44 (0)1632 960 001",
        "+33 6 12 34 56 78",  # Daniel, abroad
        "+1 202-555-0143",
    ],
)
def test_real_numbers_are_accepted(number):
    assert phone_problem(number) is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("", "Enter a phone number"),
        ("phone me", "Enter a phone number using numbers only, like 01632 960 001 or +33 6 12 34 56 78"),
        ("<script>", "Enter a phone number using numbers only, like 01632 960 001 or +33 6 12 34 56 78"),
        ("01632 96", "Enter a UK phone number with 10 or 11 digits starting with 0, like 01632 960 001"),
        ("1632 960 001", "Enter a UK phone number with 10 or 11 digits starting with 0, like 01632 960 001"),
        ("016329600011234", "Enter a UK phone number with 10 or 11 digits starting with 0, like 01632 960 001"),
        ("0033 6 12 34 56 78", "Start an international number with +, like +33 6 12 34 56 78"),
        ("+44 1632", "Enter a UK phone number with the right number of digits, like +44 1632 960 001"),
        ("+33 6", "Enter an international phone number with its country code, like +33 6 12 34 56 78"),
        ("++44 1632 960 001", "Enter a phone number using numbers only, like 01632 960 001 or +33 6 12 34 56 78"),
        ("0" * 31, "Phone number must be 30 characters or fewer"),
    ],
)
def test_wrong_numbers_are_explained(number, message):
    assert phone_problem(number) == message


def test_numbers_keep_their_spacing_tidied():
    assert phone_normalise("  01632   960 001 ") == "01632 960 001"


def test_plain_text_keeps_markup_as_characters_but_drops_control_characters():
    assert plain_text("<b>Help</b>\x00\x07 please\r\nnow  ") == "<b>Help</b> please\nnow"
    assert plain_text("\t indented") == "indented"


def test_length_problem():
    assert length_problem("x" * 10, limit=10, what="Reason") is None
    assert length_problem("x" * 11, limit=10, what="Reason") == "Reason must be 10 characters or fewer"
