"""What each item of a support plan costs, and the plan's totals against the budget.

Personal assistant hours are hours a week x the hourly rate, plus the employer's costs a week
(National Insurance, pension, holiday cover, insurance: REFERENCE.md §4.6 -- the direct payment must
be sufficient to pay them). Agency support is hours x rate. Other items have a weekly cost, a
one-off cost, or both. Unpaid support from family and friends and universal services cost nothing.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


class ItemKind(StrEnum):
    PERSONAL_ASSISTANT = "personal_assistant"
    AGENCY = "agency"
    DAY_OPPORTUNITY = "day_opportunity"
    EQUIPMENT = "equipment"
    ONE_OFF = "one_off"
    COMMUNITY = "community"
    INFORMAL = "informal"
    OTHER = "other"


#: Kinds costed as hours a week x an hourly rate.
HOURLY_KINDS = frozenset({ItemKind.PERSONAL_ASSISTANT, ItemKind.AGENCY})
#: Kinds that are never paid for from the budget.
UNPAID_KINDS = frozenset({ItemKind.INFORMAL})


def pounds(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemCost:
    kind: ItemKind
    hours_per_week: Decimal | None = None
    hourly_rate: Decimal | None = None
    employer_costs_weekly: Decimal | None = None
    weekly_amount: Decimal | None = None
    one_off_amount: Decimal | None = None


def item_weekly_cost(item: ItemCost) -> Decimal:
    kind = ItemKind(item.kind)
    if kind in UNPAID_KINDS:
        return ZERO
    if kind in HOURLY_KINDS:
        hours = item.hours_per_week or ZERO
        rate = item.hourly_rate or ZERO
        extra = (item.employer_costs_weekly or ZERO) if kind == ItemKind.PERSONAL_ASSISTANT else ZERO
        return pounds(hours * rate + extra)
    return pounds(item.weekly_amount or ZERO)


def item_one_off_cost(item: ItemCost) -> Decimal:
    if ItemKind(item.kind) in UNPAID_KINDS | HOURLY_KINDS:
        return ZERO
    return pounds(item.one_off_amount or ZERO)


@dataclass(frozen=True)
class PlanTotals:
    weekly_total: Decimal
    one_off_total: Decimal
    weekly_budget: Decimal | None
    #: Budget less the weekly total: negative when over budget; None with no budget.
    weekly_headroom: Decimal | None

    @property
    def over_budget(self) -> bool:
        return self.weekly_headroom is not None and self.weekly_headroom < ZERO


def plan_totals(items: list[ItemCost], weekly_budget: Decimal | None) -> PlanTotals:
    weekly = sum((item_weekly_cost(item) for item in items), ZERO)
    one_off = sum((item_one_off_cost(item) for item in items), ZERO)
    headroom = None if weekly_budget is None else pounds(weekly_budget - weekly)
    return PlanTotals(weekly_total=weekly, one_off_total=one_off, weekly_budget=weekly_budget, weekly_headroom=headroom)
