"""Checks on what someone tells us when they ask for help: their phone number and the lengths of
what they write. Messages are plain English, for the person who typed it."""

import re
import unicodedata

NAME_MAX = 200
RELATIONSHIP_MAX = 100
PHONE_MAX = 30
EMAIL_MAX = 254
REASON_MAX = 2000
ADVICE_MAX = 4000

_PHONE_ALLOWED = re.compile(r"^\+?[0-9 ()\-.]+$")


def phone_problem(raw: str) -> str | None:
    """UK numbers (10 or 11 digits, starting 0, or +44) and international numbers (+ and 8 to 15
    digits, as ITU-T E.164 allows) are accepted; a relative abroad can give their own number."""
    text = raw.strip()
    if not text:
        return "Enter a phone number"
    if len(text) > PHONE_MAX:
        return f"Phone number must be {PHONE_MAX} characters or fewer"
    if not _PHONE_ALLOWED.match(text) or text.count("+") > 1:
        return "Enter a phone number using numbers only, like 01632 960 001 or +33 6 12 34 56 78"
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        if digits.startswith("44"):
            national = digits[2:].removeprefix("0")
            if len(national) not in (9, 10):
                return "Enter a UK phone number with the right number of digits, like +44 1632 960 001"
        elif not 8 <= len(digits) <= 15:
            return "Enter an international phone number with its country code, like +33 6 12 34 56 78"
        return None
    if digits.startswith("00"):
        return "Start an international number with +, like +33 6 12 34 56 78"
    if not digits.startswith("0") or len(digits) not in (10, 11):
        return "Enter a UK phone number with 10 or 11 digits starting with 0, like 01632 960 001"
    return None


def phone_normalise(raw: str) -> str:
    """Keep the number as typed but with single spaces, so it reads back as the person wrote it."""
    return " ".join(raw.split())


def plain_text(raw: str) -> str:
    """Text as typed, without control characters (other than new lines) and trailing spaces.

    Markup is kept as the characters typed: pages escape it, so it shows and never runs."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return kept.strip()


def length_problem(text: str, *, limit: int, what: str) -> str | None:
    if len(text) > limit:
        return f"{what} must be {limit} characters or fewer"
    return None
