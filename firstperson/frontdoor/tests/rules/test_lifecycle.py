"""The contact lifecycle: every pair of statuses against the table of allowed moves."""

import itertools

import pytest

from firstperson.frontdoor.rules.lifecycle import (
    ALLOWED_MOVES,
    CLOSED,
    IN_PROGRESS,
    REASON_MAX_CHARACTERS,
    WAITING,
    move_is_allowed,
    move_problem,
)

STATUSES = [WAITING, IN_PROGRESS, CLOSED]

EXPECTED = {
    (WAITING, WAITING): False,
    (WAITING, IN_PROGRESS): True,
    (WAITING, CLOSED): True,
    (IN_PROGRESS, WAITING): True,
    (IN_PROGRESS, IN_PROGRESS): False,
    (IN_PROGRESS, CLOSED): True,
    (CLOSED, WAITING): False,
    (CLOSED, IN_PROGRESS): True,
    (CLOSED, CLOSED): False,
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_every_move_is_allowed_or_refused_as_the_table_says(current, target):
    assert move_is_allowed(current, target) is EXPECTED[(current, target)]
    problem = move_problem(current=current, target=target, reason="Spoke to her daughter", has_outcome=True)
    assert (problem is None) is EXPECTED[(current, target)]
    if problem is not None:
        assert problem.field == "to_status"


def test_the_table_covers_every_status_and_names_only_known_ones():
    assert set(ALLOWED_MOVES) == set(STATUSES)
    assert set().union(*ALLOWED_MOVES.values()) <= set(STATUSES)


def test_unknown_statuses_are_refused():
    assert not move_is_allowed("lost", WAITING)
    assert not move_is_allowed(WAITING, "lost")


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_every_move_needs_a_reason(reason):
    problem = move_problem(current=WAITING, target=IN_PROGRESS, reason=reason, has_outcome=False)
    assert problem is not None
    assert problem.field == "reason"
    assert problem.message == "Give a reason for the change"


def test_a_reason_has_a_length_limit():
    too_long = "x" * (REASON_MAX_CHARACTERS + 1)
    problem = move_problem(current=WAITING, target=IN_PROGRESS, reason=too_long, has_outcome=False)
    assert problem is not None and problem.field == "reason"
    assert move_problem(current=WAITING, target=IN_PROGRESS, reason=too_long[:-1], has_outcome=False) is None


@pytest.mark.parametrize("current", [WAITING, IN_PROGRESS])
def test_closing_needs_an_outcome(current):
    problem = move_problem(current=current, target=CLOSED, reason="All done", has_outcome=False)
    assert problem is not None
    assert problem.message == "Record the outcome before you close the contact"
    assert move_problem(current=current, target=CLOSED, reason="All done", has_outcome=True) is None
