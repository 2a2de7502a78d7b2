"""NHS numbers, UK postcodes and UPRNs: normalising, checking and showing them.

Sources: ../shared/domain/REFERENCE.md §10 (NHS number modulus 11; postcode format; UPRN).
A valid check digit does not prove an NHS number was issued, and a well-formed postcode may not
exist: these are format checks only.
"""

import re
from dataclasses import dataclass

from firstperson.platform.geography.rules.postcodes import postcode_is_valid, postcode_normalise

__all__ = [
    "IdentifierProblem",
    "nhs_number_check_digit",
    "nhs_number_display",
    "nhs_number_is_valid",
    "nhs_number_normalise",
    "nhs_number_problem",
    "postcode_is_valid",
    "postcode_normalise",
    "uprn_is_valid",
    "uprn_normalise",
]

_NHS_SEPARATORS = re.compile(r"[\s\-]")
# Only 0-9: str.isdigit() and \d also accept other scripts' digits (full-width, superscript).
_ASCII_DIGITS = re.compile(r"[0-9]+")
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class IdentifierProblem:
    message: str


def nhs_number_check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit for nine digits, or None when it would be 10 (never issued)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _NHS_WEIGHTS, strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number_normalise(raw: str) -> str:
    """Strip the spaces and dashes people type; the result may still be invalid."""
    return _NHS_SEPARATORS.sub("", raw or "")


def nhs_number_problem(raw: str) -> IdentifierProblem | None:
    """Why an NHS number is not valid, in plain English; None when it is valid."""
    number = nhs_number_normalise(raw)
    if not _ASCII_DIGITS.fullmatch(number):
        return IdentifierProblem("NHS number must only include numbers, spaces and dashes")
    if len(number) != 10:
        return IdentifierProblem("NHS number must be 10 digits")
    expected = nhs_number_check_digit(number[:9])
    if expected is None or expected != int(number[9]):
        return IdentifierProblem("Enter a real NHS number: check you have typed it correctly")
    return None


def nhs_number_is_valid(raw: str) -> bool:
    return nhs_number_problem(raw) is None


def nhs_number_display(number: str) -> str:
    """Shown as 3-3-4 digits, for example 943 476 5919."""
    if len(number) != 10:
        return number
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def uprn_normalise(raw: str) -> str:
    """A UPRN is up to 12 digits with no check digit; zero-padding is dropped."""
    digits = (raw or "").strip()
    return digits.lstrip("0") or ("0" if digits else "")


def uprn_is_valid(raw: str) -> bool:
    digits = (raw or "").strip()
    return bool(re.fullmatch(r"[0-9]{1,12}", digits)) and int(digits) > 0
