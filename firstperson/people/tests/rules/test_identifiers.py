"""NHS numbers, postcodes and UPRNs: the pure format rules (REFERENCE.md §10). No database needed."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from firstperson.people.rules.identifiers import (
    nhs_number_check_digit,
    nhs_number_display,
    nhs_number_is_valid,
    nhs_number_normalise,
    nhs_number_problem,
    postcode_is_valid,
    postcode_normalise,
    uprn_is_valid,
    uprn_normalise,
)

DIGITS = "0123456789"
nine_digits = st.text(alphabet=DIGITS, min_size=9, max_size=9)
ten_digits = st.text(alphabet=DIGITS, min_size=10, max_size=10)


def _stem_with_no_check_digit() -> str:
    """The first nine-digit stem from 999000000 upward whose modulus-11 check digit would be 10."""
    for stem in range(999_000_000, 1_000_000_000):
        digits = str(stem)
        total = sum(int(digit) * weight for digit, weight in zip(digits, range(10, 1, -1), strict=True))
        if 11 - total % 11 == 10:
            return digits
    raise AssertionError("no stem found")  # pragma: no cover


def _valid_nhs_number(stem: str) -> str:
    check = nhs_number_check_digit(stem)
    assert check is not None
    return stem + str(check)


# --- NHS number: check digit ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "check"),
    [
        ("943476591", 9),  # the reference's worked example: sum 299, 299 mod 11 = 2, 11 - 2 = 9
        ("000000000", 0),  # sum 0, 11 - 0 = 11, which becomes 0
        ("401023213", 7),
    ],
)
def test_check_digit_follows_modulus_11(stem, check):
    assert nhs_number_check_digit(stem) == check


def test_a_stem_whose_check_digit_would_be_10_has_no_check_digit():
    stem = _stem_with_no_check_digit()

    assert nhs_number_check_digit(stem) is None


def test_every_number_on_a_stem_whose_check_digit_would_be_10_is_invalid():
    stem = _stem_with_no_check_digit()

    for last in DIGITS:
        number = stem + last
        assert not nhs_number_is_valid(number), number
        assert nhs_number_problem(number).message == "Enter a real NHS number: check you have typed it correctly"


# --- NHS number: valid and invalid ------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "9434765919",
        "943 476 5919",
        "943-476-5919",
        " 943 476 5919 ",
        "943 - 476 - 5919",
        "\t943\u00a0476\n5919",
        "0000000000",  # passes the checksum: a format check cannot prove the number was issued
    ],
)
def test_valid_nhs_numbers(raw):
    assert nhs_number_is_valid(raw)
    assert nhs_number_problem(raw) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("9434765918", "Enter a real NHS number: check you have typed it correctly"),
        ("9434765910", "Enter a real NHS number: check you have typed it correctly"),
        ("4943765919", "Enter a real NHS number: check you have typed it correctly"),  # two digits swapped
        ("943476591", "NHS number must be 10 digits"),
        ("94347659190", "NHS number must be 10 digits"),
        ("943 476 591", "NHS number must be 10 digits"),
        ("94347659AB", "NHS number must only include numbers, spaces and dashes"),
        ("ABCDEFGHIJ", "NHS number must only include numbers, spaces and dashes"),
        ("943 476 591O", "NHS number must only include numbers, spaces and dashes"),
        ("943.476.5919", "NHS number must only include numbers, spaces and dashes"),
        ("943/476/5919", "NHS number must only include numbers, spaces and dashes"),
        ("+9434765919", "NHS number must only include numbers, spaces and dashes"),
        ("", "NHS number must only include numbers, spaces and dashes"),
        ("   ", "NHS number must only include numbers, spaces and dashes"),
    ],
)
def test_invalid_nhs_numbers_say_why(raw, message):
    assert not nhs_number_is_valid(raw)
    assert nhs_number_problem(raw).message == message


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("943-476-5919", "9434765919"),
        (" 943 476 5919 ", "9434765919"),
        ("943 - 476 - 5919", "9434765919"),
        ("9434765919", "9434765919"),
        ("94347659AB", "94347659AB"),  # normalising only removes separators; it does not validate
        ("", ""),
        (None, ""),
    ],
)
def test_nhs_number_normalise_strips_spaces_and_dashes(raw, normalised):
    assert nhs_number_normalise(raw) == normalised


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("9434765919", "943 476 5919"),
        ("0000000000", "000 000 0000"),
        ("943476591", "943476591"),  # not 10 characters: shown as it is
        ("", ""),
    ],
)
def test_nhs_number_display_is_3_3_4(number, shown):
    assert nhs_number_display(number) == shown


def test_nhs_number_with_a_superscript_digit_is_a_problem_not_a_crash():
    assert nhs_number_problem("943476591\u00b2") is not None


def test_nhs_number_with_full_width_digits_is_invalid():
    assert not nhs_number_is_valid("\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19")


# --- NHS number: properties -------------------------------------------------------------------


@given(nine_digits)
def test_appending_the_check_digit_makes_a_valid_number_and_any_other_last_digit_does_not(stem):
    check = nhs_number_check_digit(stem)
    assume(check is not None)

    assert nhs_number_is_valid(stem + str(check))
    for other in DIGITS:
        if other != str(check):
            assert not nhs_number_is_valid(stem + other)


@given(st.text(alphabet=DIGITS, min_size=8, max_size=8))
def test_a_stem_with_no_check_digit_has_no_valid_number(first_eight):
    # Choose the ninth digit so that the weighted sum is 1 mod 11, making the check digit 10.
    partial = sum(int(digit) * weight for digit, weight in zip(first_eight, range(10, 2, -1), strict=True))
    ninth = (1 - partial) * 6 % 11  # 6 is the inverse of the ninth weight, 2, modulo 11
    assume(ninth <= 9)
    stem = first_eight + str(ninth)

    assert nhs_number_check_digit(stem) is None
    assert not any(nhs_number_is_valid(stem + last) for last in DIGITS)


@given(nine_digits, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_changing_any_one_digit_of_a_valid_number_makes_it_invalid(stem, position, shift):
    check = nhs_number_check_digit(stem)
    assume(check is not None)
    number = stem + str(check)

    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]

    assert not nhs_number_is_valid(changed)


@given(st.text())
def test_nhs_number_normalise_is_idempotent(raw):
    once = nhs_number_normalise(raw)

    assert nhs_number_normalise(once) == once
    assert "-" not in once
    assert not any(char.isspace() for char in once)


@given(ten_digits)
def test_nhs_number_display_then_normalise_round_trips(number):
    shown = nhs_number_display(number)

    assert nhs_number_normalise(shown) == number
    assert len(shown) == 12
    assert nhs_number_is_valid(shown) == nhs_number_is_valid(number)


@given(nine_digits, st.lists(st.tuples(st.integers(min_value=0, max_value=10), st.sampled_from([" ", "-", "  "]))))
def test_spaces_and_dashes_anywhere_do_not_change_a_valid_number(stem, separators):
    assume(nhs_number_check_digit(stem) is not None)
    number = _valid_nhs_number(stem)
    typed = number
    for position, separator in sorted(separators, reverse=True):
        typed = typed[:position] + separator + typed[position:]

    assert nhs_number_is_valid(typed)
    assert nhs_number_normalise(typed) == number


# --- Postcodes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "M1 1AA",
        "M60 1NW",
        "CR2 6XH",
        "DN55 1PT",
        "W1A 1HQ",
        "EC1A 1BB",
        "SW1A 2AA",
        "GIR 0AA",
        "sw1a 2aa",
        "SW1A2AA",
        "sw1a2aa",
        "  ec1a   1bb  ",
        "m11aa",
    ],
)
def test_valid_postcodes(raw):
    assert postcode_is_valid(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "QA1 1AA",  # Q is never first
        "VA1 1AA",  # V is never first
        "XA1 1AA",  # X is never first
        "AI1 1AA",  # I is never second
        "M1 1CA",  # the inward code never uses C
        "M1 1AI",  # ... or I
        "M1 1AK",  # ... or K
        "M1 1MA",  # ... or M
        "M1 1AO",  # ... or O
        "M1 1VA",  # ... or V
        "",
        "   ",
        "12345",
        "SW1A",
        "SW1A 2AAA",
        "SW1A-2AA",
        "M1 AAA",
        None,
    ],
)
def test_invalid_postcodes(raw):
    assert not postcode_is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("sw1a2aa", "SW1A 2AA"),
        ("SW1A 2AA", "SW1A 2AA"),
        ("  ec1a   1bb ", "EC1A 1BB"),
        ("m11aa", "M1 1AA"),
        ("dn55\t1pt", "DN55 1PT"),
        ("12345", "12 345"),  # normalising does not validate
        ("abcd", "ABCD"),  # under five characters: left as they are
        ("", ""),
        (None, ""),
    ],
)
def test_postcode_normalise_puts_one_space_before_the_last_3_characters(raw, normalised):
    assert postcode_normalise(raw) == normalised


# Outward codes: A9, A99, AA9, AA99, A9A, AA9A (REFERENCE.md §10.2); inward: 9AA without C, I, K, M, O, V.
_OUTWARD = (
    r"([A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
well_formed_postcodes = st.from_regex(rf"\A{_OUTWARD} {_INWARD}\Z", fullmatch=True)


@given(well_formed_postcodes, st.sampled_from(["", " ", "   "]), st.booleans())
def test_any_well_formed_postcode_is_valid_however_it_is_typed(postcode, gap, lower):
    outward, inward = postcode.split(" ")
    typed = f" {outward}{gap}{inward} "
    if lower:
        typed = typed.lower()

    assert postcode_is_valid(typed)
    assert postcode_normalise(typed) == postcode


@given(well_formed_postcodes, st.sampled_from("CIKMOV"), st.integers(min_value=0, max_value=1))
def test_a_forbidden_inward_letter_makes_any_postcode_invalid(postcode, letter, which):
    position = len(postcode) - 2 + which
    changed = postcode[:position] + letter + postcode[position + 1 :]

    assert not postcode_is_valid(changed)


@given(st.text())
def test_postcode_normalise_is_idempotent(raw):
    once = postcode_normalise(raw)

    assert postcode_normalise(once) == once


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t", min_size=0, max_size=12))
def test_postcode_normalise_leaves_at_most_one_space_and_it_is_before_the_last_3(raw):
    normalised = postcode_normalise(raw)
    compact = "".join(raw.split())

    if len(compact) >= 5:
        assert normalised.count(" ") == 1
        assert normalised[-4] == " "
    else:
        assert normalised == compact
    assert normalised.replace(" ", "") == compact


# --- UPRNs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("100023336956", "100023336956"),  # 10 Downing Street
        ("000000199356", "199356"),
        (" 199356 ", "199356"),
        ("1", "1"),
        ("999999999999", "999999999999"),
    ],
)
def test_valid_uprns_and_their_normal_form(raw, normalised):
    assert uprn_is_valid(raw)
    assert uprn_normalise(raw) == normalised


@pytest.mark.parametrize(
    "raw",
    [
        "1000233369561",  # 13 digits
        "0000000000001",  # 13 characters, even though the number is small
        "10002333695A",
        "UPRN100023",
        "0",
        "000000000000",
        "-1",
        "1.5",
        "1 000",
        "",
        "   ",
        None,
    ],
)
def test_invalid_uprns(raw):
    assert not uprn_is_valid(raw)


@pytest.mark.parametrize(("raw", "normalised"), [("0", "0"), ("000", "0"), ("", ""), (None, "")])
def test_uprn_normalise_keeps_a_zero_and_an_empty_value(raw, normalised):
    assert uprn_normalise(raw) == normalised


def test_uprn_with_full_width_digits_is_invalid():
    assert not uprn_is_valid("\uff11\uff12\uff13")


@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_any_uprn_up_to_12_digits_is_valid_with_or_without_zero_padding(number):
    padded = str(number).zfill(12)

    assert uprn_is_valid(str(number))
    assert uprn_is_valid(padded)
    assert uprn_normalise(padded) == str(number)


@given(st.integers(min_value=10**12, max_value=10**15))
def test_any_uprn_over_12_digits_is_invalid(number):
    assert not uprn_is_valid(str(number))


@given(st.from_regex(r"\A *[0-9]{0,14} *\Z", fullmatch=True))
def test_uprn_normalise_is_idempotent(raw):
    once = uprn_normalise(raw)

    assert uprn_normalise(once) == once
