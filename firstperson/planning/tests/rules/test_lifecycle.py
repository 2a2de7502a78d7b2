"""The one table of moves a plan may make, and who may make each one."""

import itertools

import pytest

from firstperson.planning.rules import lifecycle
from firstperson.planning.rules.lifecycle import (
    APPROVALS,
    DECISIONS,
    EDITABLE,
    LABELS,
    OPEN,
    PART_REFUSALS,
    RECONSIDERABLE,
    TRANSITIONS,
    WAITING_ON_COUNCIL,
    Part,
    PlanStatus,
    TransitionNotAllowed,
    check_transition,
    moves_from,
    part_needed,
)

S = PlanStatus
ALL_PARTS = frozenset(Part)
ALL_PAIRS = list(itertools.product(PlanStatus, PlanStatus))

EXPECTED = {
    (S.DRAFT, S.SUBMITTED): Part.AUTHOR,
    (S.RETURNED, S.SUBMITTED): Part.AUTHOR,
    (S.SUBMITTED, S.IN_REVIEW): Part.REVIEWER,
    (S.IN_REVIEW, S.RETURNED): Part.REVIEWER,
    (S.IN_REVIEW, S.AWAITING_DECISION): Part.REVIEWER,
    (S.AWAITING_DECISION, S.APPROVED): Part.DECIDER,
    (S.AWAITING_DECISION, S.APPROVED_WITH_CONDITIONS): Part.DECIDER,
    (S.AWAITING_DECISION, S.RETURNED): Part.DECIDER,
    (S.AWAITING_DECISION, S.DECLINED): Part.DECIDER,
    (S.APPROVED_WITH_CONDITIONS, S.RECONSIDERATION_REQUESTED): Part.REQUESTER,
    (S.RETURNED, S.RECONSIDERATION_REQUESTED): Part.REQUESTER,
    (S.DECLINED, S.RECONSIDERATION_REQUESTED): Part.REQUESTER,
    (S.RECONSIDERATION_REQUESTED, S.APPROVED): Part.DECIDER,
    (S.RECONSIDERATION_REQUESTED, S.APPROVED_WITH_CONDITIONS): Part.DECIDER,
    (S.RECONSIDERATION_REQUESTED, S.RETURNED): Part.DECIDER,
    (S.RECONSIDERATION_REQUESTED, S.DECLINED): Part.DECIDER,
    (S.APPROVED, S.SUPERSEDED): Part.SYSTEM,
    (S.APPROVED_WITH_CONDITIONS, S.SUPERSEDED): Part.SYSTEM,
}


def test_the_table_is_exactly_the_documented_moves():
    assert TRANSITIONS == EXPECTED


@pytest.mark.parametrize(("move", "part"), sorted(EXPECTED.items()))
def test_each_allowed_move_needs_exactly_its_part(move, part):
    from_status, to_status = move
    assert part_needed(from_status, to_status) == part
    assert check_transition(from_status, to_status, {part}) == part
    assert check_transition(from_status, to_status, ALL_PARTS) == part
    for other in ALL_PARTS - {part}:
        with pytest.raises(TransitionNotAllowed) as refusal:
            check_transition(from_status, to_status, {other})
        assert str(refusal.value) == PART_REFUSALS[part]
    with pytest.raises(TransitionNotAllowed):
        check_transition(from_status, to_status, frozenset())


@pytest.mark.parametrize(("from_status", "to_status"), [pair for pair in ALL_PAIRS if pair not in EXPECTED])
def test_every_other_move_is_refused_whoever_asks(from_status, to_status):
    with pytest.raises(TransitionNotAllowed) as refusal:
        check_transition(from_status, to_status, ALL_PARTS)
    assert str(refusal.value) == (
        f"A plan that is {LABELS[from_status].lower()} cannot become {LABELS[to_status].lower()}."
    )
    with pytest.raises(TransitionNotAllowed):
        part_needed(from_status.value, to_status.value)  # stored strings too


def test_an_unknown_status_is_not_a_move():
    with pytest.raises(ValueError):
        part_needed("lost", S.DRAFT)


def test_no_status_moves_to_itself_and_draft_is_never_returned_to():
    assert all(start != end for start, end in TRANSITIONS)
    assert all(end != S.DRAFT for _, end in TRANSITIONS)


def reachable_from(start: PlanStatus) -> set[PlanStatus]:
    seen, todo = {start}, [start]
    while todo:
        for to_status, _ in moves_from(todo.pop()):
            if to_status not in seen:
                seen.add(to_status)
                todo.append(to_status)
    return seen


def test_every_status_can_be_reached_from_draft():
    assert reachable_from(S.DRAFT) == set(PlanStatus)


def test_superseded_is_the_only_end():
    ends = {status for status in PlanStatus if not moves_from(status)}
    assert ends == {S.SUPERSEDED}


def test_the_sets_agree_with_the_table():
    decided_moves = {end for (start, end), part in TRANSITIONS.items() if part == Part.DECIDER}
    assert decided_moves == DECISIONS
    assert APPROVALS <= DECISIONS
    assert {start for (start, end) in TRANSITIONS if end == S.RECONSIDERATION_REQUESTED} == RECONSIDERABLE
    assert RECONSIDERABLE <= DECISIONS
    assert S.APPROVED not in RECONSIDERABLE  # nothing to ask again about an unconditional approval
    assert {start for (start, end) in TRANSITIONS if end == S.SUPERSEDED} == APPROVALS
    # The plan can be changed only where an author may send it on.
    assert {start for (start, end), part in TRANSITIONS.items() if part == Part.AUTHOR} == EDITABLE
    assert EDITABLE <= OPEN
    assert WAITING_ON_COUNCIL <= OPEN
    assert WAITING_ON_COUNCIL.isdisjoint(EDITABLE)
    # Open: not decided for good. A plan that is approved, declined or replaced is not open.
    assert OPEN.isdisjoint(APPROVALS | {S.DECLINED, S.SUPERSEDED})
    assert OPEN | APPROVALS | {S.DECLINED, S.SUPERSEDED} == set(PlanStatus)
    # Waiting on the council: exactly the statuses from which only the council may move the plan.
    council = {Part.REVIEWER, Part.DECIDER}
    for status in PlanStatus:
        parts = {part for _, part in moves_from(status)}
        assert (status in WAITING_ON_COUNCIL) == bool(parts and parts <= council), status


def test_every_status_and_part_has_plain_words():
    assert set(LABELS) == set(PlanStatus)
    assert set(PART_REFUSALS) == set(Part)
    assert DECISIONS | {S.RECONSIDERATION_REQUESTED} == lifecycle.NEEDS_REASON


def test_moves_from_lists_each_move_once():
    assert sorted(moves_from(S.AWAITING_DECISION)) == sorted(
        [(S.APPROVED, Part.DECIDER), (S.APPROVED_WITH_CONDITIONS, Part.DECIDER), (S.RETURNED, Part.DECIDER),
         (S.DECLINED, Part.DECIDER)]
    )  # fmt: skip
    assert sum(len(moves_from(status)) for status in PlanStatus) == len(TRANSITIONS)
