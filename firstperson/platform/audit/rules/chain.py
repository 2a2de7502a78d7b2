"""The hash chain: how a row's hash is made, and how a run of rows is checked.

A row's hash is SHA-256 over a canonical JSON of its contents and the previous row's hash. Editing a
row changes its hash; deleting one breaks the link from the next row; inserting one breaks the link
into the row after it, or the sequence. The newest hash is also kept in a head row, so that a row
deleted from the end is noticed too.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def row_hash(contents: Mapping[str, Any], previous_hash: str) -> str:
    material = canonical_json({"contents": contents, "previous_hash": previous_hash})
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    sequence: int
    contents: Mapping[str, Any]
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class ChainProblem:
    sequence: int | None
    kind: str  # "edited", "missing", "out_of_order", "head_mismatch"
    message: str


def chain_verify(rows: Iterable[ChainRow], *, head_sequence: int, head_hash: str) -> list[ChainProblem]:
    """Check rows given in ascending sequence order against each other and against the head."""
    problems: list[ChainProblem] = []
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    last_sequence = 0
    last_hash = GENESIS_HASH
    for row in rows:
        if row_hash(row.contents, row.previous_hash) != row.hash:
            problems.append(
                ChainProblem(row.sequence, "edited", f"Row {row.sequence} was changed after it was written.")
            )
        if row.sequence > expected_sequence:
            problems.append(
                ChainProblem(
                    row.sequence,
                    "missing",
                    f"Rows {expected_sequence} to {row.sequence - 1} are missing: they were deleted.",
                )
            )
        elif row.previous_hash != expected_previous:
            problems.append(
                ChainProblem(
                    row.sequence,
                    "out_of_order",
                    f"Row {row.sequence} does not follow the row before it: a row was inserted or moved.",
                )
            )
        expected_previous = row.hash
        expected_sequence = row.sequence + 1
        last_sequence, last_hash = row.sequence, row.hash
    if (last_sequence, last_hash) != (head_sequence, head_hash):
        problems.append(
            ChainProblem(
                None,
                "head_mismatch",
                f"The newest row is {last_sequence}, but the chain head records row {head_sequence}: "
                "rows were deleted from, or added to, the end.",
            )
        )
    return problems
