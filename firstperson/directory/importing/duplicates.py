"""Services that may be one and the same: listed for an editor, never merged."""

import re
import uuid
from collections.abc import Iterator

from django.db import models

from ..choices import RecordStatus
from ..models import (
    Contact,
    Phone,
    Service,
)
from .limits import MAX_DUPLICATE_PAIRS
from .report import DuplicateSuggestion
from .rows import chunks

_NOT_DUPLICATE_CANDIDATES = (RecordStatus.ARCHIVED, RecordStatus.REJECTED)


def _phone_key(number: str) -> str:
    digits = re.sub(r"\D", "", number or "")
    if digits.startswith("44") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits if len(digits) >= 6 else ""


def _website_key(url: str) -> str:
    text = (url or "").strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text)
    return text.rstrip("/")


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (name or "").lower()).split())


def _postcode_key(postcode: str) -> str:
    return "".join((postcode or "").upper().split())


def _service_keys(services: models.QuerySet) -> Iterator[tuple[uuid.UUID, tuple[str, str], str]]:
    """(service id, matching key, what to show) for every way two services may be the same one."""
    for service_id, name, postcode in services.values_list(
        "id", "name", "service_at_locations__location__addresses__postal_code"
    ).iterator(chunk_size=2000):
        if postcode and _name_key(name):
            yield service_id, ("name+postcode", f"{_name_key(name)}|{_postcode_key(postcode)}"), postcode.upper()
    for service_id, email, url in services.values_list("id", "email", "url").iterator(chunk_size=2000):
        if email:
            yield service_id, ("email", email.strip().lower()), email.strip().lower()
        if _website_key(url):
            yield service_id, ("website", _website_key(url)), _website_key(url)
    for service_id, email in (
        Contact.objects.filter(service__in=services)
        .exclude(email="")
        .values_list("service_id", "email")
        .iterator(chunk_size=2000)
    ):
        yield service_id, ("email", email.strip().lower()), email.strip().lower()
    phones = Phone.objects.filter(models.Q(service__in=services) | models.Q(contact__service__in=services))
    for service_id, contact_service_id, number in phones.values_list(
        "service_id", "contact__service_id", "number"
    ).iterator(chunk_size=2000):
        if _phone_key(number):
            yield service_id or contact_service_id, ("phone", _phone_key(number)), number.strip()


_REASON_WORDS = {
    "name+postcode": "same name and postcode",
    "email": "same email address",
    "website": "same website",
    "phone": "same phone number",
}


def duplicate_suggestions(*, service_ids) -> tuple[list[DuplicateSuggestion], bool]:
    """Pairs of services that may be one and the same: at least one of each pair is among
    `service_ids`, the other anywhere in the directory (archived and rejected records aside). Returns
    the pairs (at most MAX_DUPLICATE_PAIRS) and whether there were more."""
    ids = set(service_ids)
    if not ids:
        return [], False
    candidates = Service.objects.exclude(record_status__in=_NOT_DUPLICATE_CANDIDATES)
    wanted: dict[tuple[str, str], str] = {}
    for chunk in chunks(sorted(ids, key=str)):
        for _, key, shown in _service_keys(candidates.filter(id__in=chunk)):
            wanted.setdefault(key, shown)
    groups: dict[tuple[str, str], set] = {}
    for service_id, key, _ in _service_keys(candidates):
        if key in wanted:
            groups.setdefault(key, set()).add(service_id)
    pairs: dict[tuple, list[str]] = {}
    more = False
    for key in sorted(groups, key=lambda k: (k[0], k[1])):
        members = sorted(groups[key], key=str)
        for first_index, first in enumerate(members):
            for second in members[first_index + 1 :]:
                if first not in ids and second not in ids:
                    continue
                pair = (first, second)
                if pair not in pairs and len(pairs) >= MAX_DUPLICATE_PAIRS:
                    more = True
                    continue
                reason = f"{_REASON_WORDS[key[0]]} ({wanted[key]})"
                pairs.setdefault(pair, [])
                if reason not in pairs[pair]:
                    pairs[pair].append(reason)
    names = dict(Service.objects.filter(id__in={i for pair in pairs for i in pair}).values_list("id", "name"))
    suggestions = [
        DuplicateSuggestion(
            first_id=first,
            first_name=names.get(first, ""),
            second_id=second,
            second_name=names.get(second, ""),
            reasons=tuple(reasons),
        )
        for (first, second), reasons in pairs.items()
    ]
    suggestions.sort(key=lambda s: (s.first_name.lower(), s.second_name.lower(), str(s.first_id), str(s.second_id)))
    return suggestions, more
