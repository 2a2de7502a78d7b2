"""The support plan's lifecycle: its statuses and the one table of moves allowed between them.

A plan is written (draft), sent (submitted), checked by a practitioner (in review), put to whoever
may decide it under the financial delegation (awaiting decision), and decided: approved, approved
with conditions, returned with comments, or declined with reasons. The person or their
representative may ask for a decision to be looked at again (reconsideration), and someone other
than the first decider decides it. An approved plan is superseded when a newer one is approved.

Who may make each move is named by the part they play, not by their role: which users play which
part is for planning/permissions.py to say.
"""

from enum import StrEnum


class PlanStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    AWAITING_DECISION = "awaiting_decision"
    RETURNED = "returned"
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    DECLINED = "declined"
    RECONSIDERATION_REQUESTED = "reconsideration_requested"
    SUPERSEDED = "superseded"


class Part(StrEnum):
    """The part someone plays in a move."""

    #: Writes the plan: the person, their representative, the broker they chose, or a practitioner.
    AUTHOR = "author"
    #: A practitioner in the person's team, checking the plan.
    REVIEWER = "reviewer"
    #: A team manager or funding panel member whose delegation covers the plan's weekly cost.
    DECIDER = "decider"
    #: The person, or their representative, asking for a decision to be looked at again.
    REQUESTER = "requester"
    #: The service itself (a newer plan approved).
    SYSTEM = "system"


S = PlanStatus

#: Statuses in which the plan's contents may be changed.
EDITABLE = frozenset({S.DRAFT, S.RETURNED})
#: The four outcomes of a decision.
DECISIONS = frozenset({S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.RETURNED, S.DECLINED})
#: Decisions that agree the plan and make a personal budget agreement.
APPROVALS = frozenset({S.APPROVED, S.APPROVED_WITH_CONDITIONS})
#: Decisions that may be asked to be looked at again.
RECONSIDERABLE = frozenset({S.APPROVED_WITH_CONDITIONS, S.RETURNED, S.DECLINED})
#: Decisions whose reason must be written: all of them, as nothing is decided without a reason.
NEEDS_REASON = frozenset(DECISIONS | {S.RECONSIDERATION_REQUESTED})
#: Statuses a plan is "open" in: not yet decided, or decided but being looked at again.
OPEN = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.AWAITING_DECISION, S.RETURNED, S.RECONSIDERATION_REQUESTED})
#: Statuses that wait on the council, for queues and waiting times.
WAITING_ON_COUNCIL = frozenset({S.SUBMITTED, S.IN_REVIEW, S.AWAITING_DECISION, S.RECONSIDERATION_REQUESTED})

#: (from, to) -> who may make the move. Nothing else is allowed.
TRANSITIONS: dict[tuple[PlanStatus, PlanStatus], Part] = {
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


class TransitionNotAllowed(Exception):
    """The move is not in the table, or the one making it does not play the part it needs."""


def part_needed(from_status: PlanStatus, to_status: PlanStatus) -> Part:
    """The part the move needs; TransitionNotAllowed if the move is not in the table."""
    part = TRANSITIONS.get((PlanStatus(from_status), PlanStatus(to_status)))
    if part is None:
        raise TransitionNotAllowed(
            f"A plan that is {LABELS[PlanStatus(from_status)].lower()} cannot become "
            f"{LABELS[PlanStatus(to_status)].lower()}."
        )
    return part


def check_transition(from_status: PlanStatus, to_status: PlanStatus, parts: frozenset[Part] | set[Part]) -> Part:
    """Refuse a move not in the table, or one made by someone who does not play the part it needs."""
    part = part_needed(from_status, to_status)
    if part not in parts:
        raise TransitionNotAllowed(PART_REFUSALS[part])
    return part


def moves_from(status: PlanStatus) -> list[tuple[PlanStatus, Part]]:
    return [(to, part) for (start, to), part in TRANSITIONS.items() if start == status]


LABELS: dict[PlanStatus, str] = {
    S.DRAFT: "Being written",
    S.SUBMITTED: "Sent for checking",
    S.IN_REVIEW: "Being checked by a practitioner",
    S.AWAITING_DECISION: "Waiting for a decision",
    S.RETURNED: "Returned with comments",
    S.APPROVED: "Approved",
    S.APPROVED_WITH_CONDITIONS: "Approved with conditions",
    S.DECLINED: "Declined",
    S.RECONSIDERATION_REQUESTED: "Being looked at again",
    S.SUPERSEDED: "Replaced by a newer plan",
}

PART_REFUSALS: dict[Part, str] = {
    Part.AUTHOR: "Only the person, someone acting for them, the broker they chose or their practitioner can send the plan.",
    Part.REVIEWER: "Only a practitioner in the person's team can check the plan.",
    Part.DECIDER: "Only a team manager or funding panel member whose delegation covers this plan's cost can decide it.",
    Part.REQUESTER: "Only the person or someone acting for them can ask for the decision to be looked at again.",
    Part.SYSTEM: "This change is made by the service itself.",
}
