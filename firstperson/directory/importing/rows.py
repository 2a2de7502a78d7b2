"""Ids read from records, and rows found by id, a batch at a time."""

import uuid
from collections.abc import Iterator
from typing import Any

from django.db import models

from .limits import ID_CHUNK


def chunks(values: list, size: int = ID_CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing_rows(model: type[models.Model], ids: set, *fields: str) -> dict:
    """{id: (fields...)} of the rows of `model` with these ids."""
    found: dict = {}
    for chunk in chunks(sorted(ids, key=str)):
        for row in model._default_manager.filter(id__in=chunk).values_list("id", *fields):
            found[row[0]] = row[1:]
    return found


def uid(value: Any) -> uuid.UUID:
    return uuid.UUID(str(value))


def maybe_uid(value: Any) -> uuid.UUID | None:
    """The id, or None when it is not one (that is reported by the record's own checks)."""
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def dicts(obj: Any, key: str) -> list[tuple[int, dict]]:
    """The objects of a child list, with their positions; anything else is skipped."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def object_at(obj: Any, key: str) -> dict | None:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else None
