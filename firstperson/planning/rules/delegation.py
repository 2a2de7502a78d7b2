"""Who may decide a plan: financial delegation by weekly cost.

The council sets, in a dated policy, the largest weekly cost each role may approve on its own. A plan
above every limit goes to the funding panel, which may decide any plan. The plan's weekly cost here is
the larger of its weekly total and the personal budget, so that a plan can't slip under a limit by
leaving costs out.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


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


def decision_amount(weekly_total: Decimal, weekly_budget: Decimal | None) -> Decimal:
    return max(weekly_total, weekly_budget or Decimal("0"))


def may_decide(role: str, weekly_amount: Decimal, limits: DelegationLimits) -> bool:
    if role == Decider.PANEL:
        return True
    if role == Decider.TEAM_MANAGER:
        limit = limits.team_manager_weekly_limit
    elif role == Decider.PRACTITIONER:
        limit = limits.practitioner_weekly_limit
    else:
        return False
    return limit is not None and weekly_amount <= limit


def decided_by_tier(weekly_amount: Decimal, limits: DelegationLimits) -> Decider:
    """The lowest tier whose delegation covers the amount: where the plan goes to be decided."""
    for tier in TIERS:
        if may_decide(tier, weekly_amount, limits):
            return tier
    return Decider.PANEL
