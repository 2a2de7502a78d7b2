"""Who may decide a plan: financial delegation by weekly cost.

The council sets, in a dated policy, the largest weekly cost and the largest one-off cost each role
may approve on its own. A plan above any of its limits goes to the funding panel, which may decide
any plan. The plan's weekly cost here is the larger of its weekly total and the personal budget, so
that a plan can't slip under a limit by leaving costs out; one-off costs (equipment, a short break)
are checked against their own limit, so that a large one-off purchase is not approved as if the plan
cost only its weekly amount.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal("0")


class Decider(StrEnum):
    PRACTITIONER = "practitioner"
    TEAM_MANAGER = "team_manager"
    PANEL = "panel_member"


#: From the lowest tier up; the panel is last and has no limit.
TIERS = (Decider.PRACTITIONER, Decider.TEAM_MANAGER, Decider.PANEL)


@dataclass(frozen=True)
class DelegationLimits:
    #: The largest weekly cost each may approve; None: this role may not decide at all.
    practitioner_weekly_limit: Decimal | None
    team_manager_weekly_limit: Decimal | None
    #: The largest total of one-off costs each may approve; None: none at all (only £0).
    practitioner_one_off_limit: Decimal | None = None
    team_manager_one_off_limit: Decimal | None = None


def decision_amount(weekly_total: Decimal, weekly_budget: Decimal | None) -> Decimal:
    return max(weekly_total, weekly_budget or Decimal("0"))


def may_decide(role: str, weekly_amount: Decimal, limits: DelegationLimits, one_off_amount: Decimal = ZERO) -> bool:
    if role == Decider.PANEL:
        return True
    if role == Decider.TEAM_MANAGER:
        weekly_limit, one_off_limit = limits.team_manager_weekly_limit, limits.team_manager_one_off_limit
    elif role == Decider.PRACTITIONER:
        weekly_limit, one_off_limit = limits.practitioner_weekly_limit, limits.practitioner_one_off_limit
    else:
        return False
    if weekly_limit is None or weekly_amount > weekly_limit:
        return False
    return one_off_amount <= (one_off_limit if one_off_limit is not None else ZERO)


def decided_by_tier(weekly_amount: Decimal, limits: DelegationLimits, one_off_amount: Decimal = ZERO) -> Decider:
    """The lowest tier whose delegation covers the amounts: where the plan goes to be decided."""
    for tier in TIERS:
        if may_decide(tier, weekly_amount, limits, one_off_amount):
            return tier
    return Decider.PANEL
