"""Moderation of an indicative budget: who must agree a change to the figure, and what it needs.

Source: ../shared/domain/REFERENCE.md §2.1 and §2.7. The RAS figure is a starting point and never
a cap (R (KM) v Cambridgeshire CC [2012] UKSC 23): a practitioner may set a different figure, higher
or lower, above the configuration's maximum if need be, but always with a reason. A change within
the configuration's tolerance (±x% of the calculated figure) is applied at once; a bigger one waits
for a team manager's approval.

The percentage is measured against the calculated figure, not the last agreed one, so that a series
of small changes cannot add up to a large one without approval.

applied    within tolerance: the new figure stands at once
pending    beyond tolerance: waiting for a team manager
approved   a team manager agreed it, with a reason: the new figure stands
declined   a team manager did not agree it, with a reason: the figure is unchanged
withdrawn  the budget was worked out again before anyone decided
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal

APPLIED = "applied"
PENDING = "pending"
APPROVED = "approved"
DECLINED = "declined"
WITHDRAWN = "withdrawn"

#: The one table of allowed moves (STYLE.md item 6). A change is created applied or pending.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    PENDING: frozenset({APPROVED, DECLINED, WITHDRAWN}),
    APPLIED: frozenset(),
    APPROVED: frozenset(),
    DECLINED: frozenset(),
    WITHDRAWN: frozenset(),
}
#: Statuses whose figure stands, from the moment they take effect.
IN_EFFECT = frozenset({APPLIED, APPROVED})

REASON_MIN_CHARACTERS = 10
REASON_MAX_CHARACTERS = 2000
HUNDRED = Decimal(100)
CHANGE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ModerationRoute:
    #: The change from the calculated figure, in per cent to two places (half up, except that a
    #: change beyond the tolerance never reads as within it); None when that figure is 0.
    change_percent: Decimal | None
    needs_approval: bool


def moderation_route(*, calculated: Decimal, proposed: Decimal, tolerance_percent: Decimal) -> ModerationRoute:
    """Whether a change from the calculated figure to `proposed` needs a team manager's approval.

    Both figures are in the same period. A change of exactly the tolerance is within it. From a
    calculated figure of nothing, any change is beyond every tolerance.
    """
    if calculated == 0:
        return ModerationRoute(change_percent=None, needs_approval=proposed != 0)
    exact = (proposed - calculated) * HUNDRED / calculated
    needs_approval = abs(exact) > tolerance_percent
    shown = exact.quantize(CHANGE_PLACES, rounding=ROUND_HALF_UP)
    if needs_approval and abs(shown) <= tolerance_percent:
        # Just beyond the tolerance (10.004% of 10%): rounded half up it would read as the
        # tolerance itself beside "this needs a team manager". Away from nought, it reads 10.01%.
        shown = exact.quantize(CHANGE_PLACES, rounding=ROUND_UP)
    return ModerationRoute(change_percent=shown, needs_approval=needs_approval)


def reason_problem(reason: str, *, what: str = "why you are changing the figure") -> str | None:
    """Why a written reason will not do, or None. Reasons are kept and shown to the person."""
    text = reason.strip()
    if len(text) < REASON_MIN_CHARACTERS:
        return f"Explain {what}, in at least {REASON_MIN_CHARACTERS} characters"
    if len(text) > REASON_MAX_CHARACTERS:
        return f"The reason must be {REASON_MAX_CHARACTERS} characters or fewer"
    return None


def move_is_allowed(current: str, target: str) -> bool:
    return target in ALLOWED_MOVES.get(current, frozenset())
