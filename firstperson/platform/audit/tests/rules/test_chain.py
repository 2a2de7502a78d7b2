"""The audit hash chain: hashing rows and finding edits, deletions and insertions. No database needed."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.platform.audit.rules.chain import GENESIS_HASH, ChainRow, chain_verify, row_hash


def _contents(sequence: int, payload=None) -> dict:
    # Like the real audit_event_contents, the sequence is one of the hashed fields.
    return {"sequence": sequence, "verb": "person_viewed", "object_id": f"object-{sequence}", "payload": payload}


def _build_chain(payloads) -> list[ChainRow]:
    """An honest chain, each row hashed over its contents and the hash of the row before."""
    rows = []
    previous = GENESIS_HASH
    for sequence, payload in enumerate(payloads, start=1):
        contents = _contents(sequence, payload)
        digest = row_hash(contents, previous)
        rows.append(ChainRow(sequence=sequence, contents=contents, previous_hash=previous, hash=digest))
        previous = digest
    return rows


def _chain(length: int) -> list[ChainRow]:
    return _build_chain([{"n": sequence} for sequence in range(1, length + 1)])


def _head(rows: list[ChainRow]) -> dict:
    if not rows:
        return {"head_sequence": 0, "head_hash": GENESIS_HASH}
    return {"head_sequence": rows[-1].sequence, "head_hash": rows[-1].hash}


def _found(problems) -> list[tuple]:
    return [(problem.sequence, problem.kind) for problem in problems]


def _reseal(row: ChainRow, **changes) -> ChainRow:
    """A row changed and given a matching hash, as a careful tamperer would."""
    row = dataclasses.replace(row, **changes)
    return dataclasses.replace(row, hash=row_hash(row.contents, row.previous_hash))


# --- row_hash -------------------------------------------------------------------------------


def test_row_hash_is_sha256_hex_and_repeatable():
    digest = row_hash({"verb": "person_viewed", "payload": {"a": 1}}, GENESIS_HASH)

    assert len(digest) == 64
    assert set(digest) <= set("0123456789abcdef")
    assert digest == row_hash({"verb": "person_viewed", "payload": {"a": 1}}, GENESIS_HASH)


def test_row_hash_does_not_depend_on_key_order():
    assert row_hash({"a": 1, "b": [1, 2]}, GENESIS_HASH) == row_hash({"b": [1, 2], "a": 1}, GENESIS_HASH)


@pytest.mark.parametrize(
    ("contents", "previous_hash"),
    [
        ({"verb": "person_viewed", "payload": {"a": 2}}, GENESIS_HASH),  # a value changed
        ({"verb": "person_viewed", "payload": {"a": 1, "b": None}}, GENESIS_HASH),  # a key added
        ({"verb": "person_viewed", "payload": {"a": "1"}}, GENESIS_HASH),  # a type changed
        ({"verb": "person_viewed", "payload": {"a": 1.0}}, GENESIS_HASH),
        ({"verb": "person_viewed", "payload": {"a": True}}, GENESIS_HASH),
        ({"verb": "person_edited", "payload": {"a": 1}}, GENESIS_HASH),
        ({"verb": "person_viewed", "payload": {"a": 1}}, "f" * 64),  # chained from another row
    ],
)
def test_row_hash_changes_when_anything_hashed_changes(contents, previous_hash):
    original = row_hash({"verb": "person_viewed", "payload": {"a": 1}}, GENESIS_HASH)

    assert row_hash(contents, previous_hash) != original


def test_genesis_hash_is_64_zeros():
    assert GENESIS_HASH == "0" * 64


# --- An intact chain ------------------------------------------------------------------------


@pytest.mark.parametrize("length", [0, 1, 2, 5, 50])
def test_an_intact_chain_with_the_correct_head_has_no_problems(length):
    rows = _chain(length)

    assert chain_verify(rows, **_head(rows)) == []


def test_chain_verify_accepts_any_iterable_of_rows():
    rows = _chain(5)

    assert chain_verify(iter(rows), **_head(rows)) == []


# --- Edits ----------------------------------------------------------------------------------


@pytest.mark.parametrize("edited", [1, 3, 5])
def test_editing_a_rows_contents_is_reported_as_edited_for_that_row(edited):
    rows = _chain(5)
    index = edited - 1
    rows[index] = dataclasses.replace(rows[index], contents=_contents(edited, {"n": "changed"}))

    problems = chain_verify(rows, **_head(_chain(5)))

    assert _found(problems) == [(edited, "edited")]
    assert problems[0].message == f"Row {edited} was changed after it was written."


@pytest.mark.parametrize("edited", [1, 3, 4])
def test_editing_and_resealing_a_row_breaks_the_link_into_the_next_row(edited):
    rows = _chain(5)
    index = edited - 1
    rows[index] = _reseal(rows[index], contents=_contents(edited, {"n": "changed"}))

    problems = chain_verify(rows, **_head(_chain(5)))

    assert _found(problems) == [(edited + 1, "out_of_order")]


def test_editing_and_resealing_the_last_row_is_caught_by_the_head():
    rows = _chain(5)
    rows[4] = _reseal(rows[4], contents=_contents(5, {"n": "changed"}))

    problems = chain_verify(rows, **_head(_chain(5)))

    assert _found(problems) == [(None, "head_mismatch")]


def test_editing_a_rows_stored_previous_hash_is_reported():
    rows = _chain(5)
    rows[2] = dataclasses.replace(rows[2], previous_hash="f" * 64)

    problems = chain_verify(rows, **_head(rows))

    assert (3, "edited") in _found(problems)
    assert (3, "out_of_order") in _found(problems)


# --- Deletions ------------------------------------------------------------------------------


def test_deleting_a_middle_row_is_reported_as_missing():
    rows = _chain(5)
    head = _head(rows)
    del rows[2]

    problems = chain_verify(rows, **head)

    assert _found(problems) == [(4, "missing")]
    assert problems[0].message == "Rows 3 to 3 are missing: they were deleted."


def test_deleting_several_middle_rows_names_the_whole_gap():
    rows = _chain(6)
    head = _head(rows)
    del rows[1:4]

    problems = chain_verify(rows, **head)

    assert _found(problems) == [(5, "missing")]
    assert problems[0].message == "Rows 2 to 4 are missing: they were deleted."


def test_deleting_the_first_row_is_reported_as_missing():
    rows = _chain(3)
    head = _head(rows)
    del rows[0]

    assert _found(chain_verify(rows, **head)) == [(2, "missing")]


def test_deleting_the_last_row_without_updating_the_head_is_a_head_mismatch():
    rows = _chain(5)
    head = _head(rows)
    del rows[-1]

    problems = chain_verify(rows, **head)

    assert _found(problems) == [(None, "head_mismatch")]
    assert "The newest row is 4, but the chain head records row 5" in problems[0].message


def test_deleting_every_row_without_updating_the_head_is_a_head_mismatch():
    rows = _chain(3)

    assert _found(chain_verify([], **_head(rows))) == [(None, "head_mismatch")]


def test_a_head_with_the_right_sequence_but_the_wrong_hash_is_a_head_mismatch():
    rows = _chain(3)

    assert _found(chain_verify(rows, head_sequence=3, head_hash="f" * 64)) == [(None, "head_mismatch")]


def test_a_row_added_to_the_end_without_updating_the_head_is_a_head_mismatch():
    rows = _chain(4)
    head = _head(rows[:3])

    assert _found(chain_verify(rows, **head)) == [(None, "head_mismatch")]


# --- Insertions and moves -------------------------------------------------------------------


def test_a_row_inserted_after_row_2_and_the_later_rows_renumbered_is_out_of_order():
    rows = _chain(5)
    contents = _contents(3, {"n": "inserted"})
    inserted = ChainRow(
        sequence=3, contents=contents, previous_hash=rows[1].hash, hash=row_hash(contents, rows[1].hash)
    )
    renumbered = [dataclasses.replace(row, sequence=row.sequence + 1) for row in rows[2:]]
    tampered = [*rows[:2], inserted, *renumbered]

    # Even with the head moved to the new last row, the old row 3 (now 4) no longer follows its predecessor.
    problems = chain_verify(tampered, **_head(tampered))

    assert _found(problems) == [(4, "out_of_order")]
    assert problems[0].message == "Row 4 does not follow the row before it: a row was inserted or moved."


def test_a_row_inserted_and_the_later_rows_renumbered_in_their_contents_too_is_detected():
    rows = _chain(5)
    contents = _contents(3, {"n": "inserted"})
    inserted = ChainRow(
        sequence=3, contents=contents, previous_hash=rows[1].hash, hash=row_hash(contents, rows[1].hash)
    )
    renumbered = [
        dataclasses.replace(row, sequence=row.sequence + 1, contents=_contents(row.sequence + 1, {"n": row.sequence}))
        for row in rows[2:]
    ]
    tampered = [*rows[:2], inserted, *renumbered]

    problems = chain_verify(tampered, **_head(_chain(5)))

    assert _found(problems) == [
        (4, "edited"),
        (4, "out_of_order"),
        (5, "edited"),
        (6, "edited"),
        (None, "head_mismatch"),
    ]


def test_a_row_whose_previous_hash_does_not_match_the_row_before_is_out_of_order():
    rows = _chain(5)
    contents = _contents(3, {"n": "inserted"})
    stranger = ChainRow(sequence=3, contents=contents, previous_hash="f" * 64, hash=row_hash(contents, "f" * 64))
    tampered = [*rows[:2], stranger, *(dataclasses.replace(row, sequence=row.sequence + 1) for row in rows[2:])]

    problems = chain_verify(tampered, **_head(tampered))

    assert _found(problems) == [(3, "out_of_order"), (4, "out_of_order")]


def test_two_rows_swapped_are_out_of_order():
    rows = _chain(5)
    swapped = [
        rows[0],
        dataclasses.replace(rows[2], sequence=2),
        dataclasses.replace(rows[1], sequence=3),
        *rows[3:],
    ]

    problems = chain_verify(swapped, **_head(rows))

    assert (2, "out_of_order") in _found(problems)
    assert all(kind == "out_of_order" for _, kind in _found(problems))


# --- Properties -----------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**9), max_value=10**9)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
payload_lists = st.lists(json_values, min_size=1, max_size=8)


@given(st.lists(json_values, max_size=8))
def test_an_honestly_built_chain_always_verifies_clean(payloads):
    rows = _build_chain(payloads)

    assert chain_verify(rows, **_head(rows)) == []


@given(payload_lists, st.data())
def test_editing_any_one_rows_contents_is_always_detected(payloads, data):
    rows = _build_chain(payloads)
    head = _head(rows)
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1), label="row index")
    new_payload = data.draw(json_values.filter(lambda value: value != payloads[index]), label="new payload")
    rows[index] = dataclasses.replace(rows[index], contents=_contents(index + 1, new_payload))

    assert _found(chain_verify(rows, **head)) == [(index + 1, "edited")]


@given(payload_lists, st.data())
def test_editing_and_resealing_any_one_row_is_always_detected(payloads, data):
    rows = _build_chain(payloads)
    head = _head(rows)
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1), label="row index")
    new_payload = data.draw(json_values.filter(lambda value: value != payloads[index]), label="new payload")
    rows[index] = _reseal(rows[index], contents=_contents(index + 1, new_payload))

    expected = [(None, "head_mismatch")] if index == len(rows) - 1 else [(index + 2, "out_of_order")]
    assert _found(chain_verify(rows, **head)) == expected


@given(payload_lists, st.data())
def test_deleting_any_one_row_is_always_detected(payloads, data):
    rows = _build_chain(payloads)
    head = _head(rows)
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1), label="row index")
    del rows[index]

    problems = chain_verify(rows, **head)

    assert problems != []
    assert {kind for _, kind in _found(problems)} <= {"missing", "head_mismatch"}
