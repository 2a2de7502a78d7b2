"""The review workflow of a directory record: which moves are allowed.

An organisation drafts and submits; an editor publishes, asks for changes or rejects (with a
reason); a published record can be archived, and an archived one brought back for review.
"""

DRAFT = "draft"
SUBMITTED = "submitted"
CHANGES_REQUESTED = "changes_requested"
PUBLISHED = "published"
REJECTED = "rejected"
ARCHIVED = "archived"

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SUBMITTED, ARCHIVED}),
    SUBMITTED: frozenset({PUBLISHED, CHANGES_REQUESTED, REJECTED}),
    CHANGES_REQUESTED: frozenset({SUBMITTED, ARCHIVED}),
    PUBLISHED: frozenset({ARCHIVED}),
    REJECTED: frozenset({DRAFT}),
    ARCHIVED: frozenset({SUBMITTED}),
}
#: Moves an editor must explain.
NEEDS_REASON = frozenset({CHANGES_REQUESTED, REJECTED, ARCHIVED})
#: Moves only a directory editor may make; the others the owning organisation may make too.
EDITOR_ONLY = frozenset({PUBLISHED, CHANGES_REQUESTED, REJECTED})


def move_is_allowed(current: str, target: str) -> bool:
    return target in ALLOWED_MOVES.get(current, frozenset())
