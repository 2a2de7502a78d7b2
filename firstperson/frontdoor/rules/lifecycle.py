"""The lifecycle of a contact: which status moves are allowed, and what each move needs.

waiting      in the advisers' queue; nobody has picked it up yet
in_progress  an adviser is working on it
closed       the front door's part is done, with an outcome recorded (it can be reopened)
"""

from dataclasses import dataclass

WAITING = "waiting"
IN_PROGRESS = "in_progress"
CLOSED = "closed"

#: The one table of allowed moves (STYLE.md item 6).
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    WAITING: frozenset({IN_PROGRESS, CLOSED}),
    IN_PROGRESS: frozenset({WAITING, CLOSED}),
    CLOSED: frozenset({IN_PROGRESS}),
}

REASON_MAX_CHARACTERS = 1000


@dataclass(frozen=True)
class MoveProblem:
    message: str
    field: str


def move_is_allowed(current: str, target: str) -> bool:
    return target in ALLOWED_MOVES.get(current, frozenset())


def move_problem(*, current: str, target: str, reason: str, has_outcome: bool) -> MoveProblem | None:
    """Why a status change cannot be made, or None when it can.

    Every move is explained, so the history says why a contact went back to the queue or was closed;
    a contact is closed only once its outcome is recorded.
    """
    if not move_is_allowed(current, target):
        return MoveProblem("A contact cannot be moved from its current status to that one", "to_status")
    if not reason.strip():
        return MoveProblem("Give a reason for the change", "reason")
    if len(reason.strip()) > REASON_MAX_CHARACTERS:
        return MoveProblem(f"The reason must be {REASON_MAX_CHARACTERS} characters or fewer", "reason")
    if target == CLOSED and not has_outcome:
        return MoveProblem("Record the outcome before you close the contact", "to_status")
    return None
