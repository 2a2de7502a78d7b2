"""A documented hook: apps above `people` add to the person's budget page what they know about it.

The personal budget comes from the resource allocation system (`allocation`); what the person pays
towards it comes from their financial assessment (`charging`). The two apps sit in the same import
layer and may not import each other, so neither can show the other's figure. This registry, in the
layer below both, joins them, in the same way as record_panels.py does for the staff record page:

- an app registers a panel function in its AppConfig.ready() with `register_budget_panel(panel)`;
- a panel is a function (actor, person) -> BudgetPanel | None. It must scope what it shows to the
  actor, as every selector does, and return None when the actor may not see it or there is nothing;
- the page that shows the budget calls `budget_panels_for(actor=..., person=...)`, renders each
  panel's template, and takes `weekly_deduction` (what the person pays each week towards the cost of
  their care) off the weekly personal budget to show the council's net amount;
- once a support plan is agreed, the planning app's panel gives `weekly_personal_budget`, the agreed
  personal budget, which then takes the place of the indicative figure in that sum (the RAS figure
  was only a starting point).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class BudgetPanel:
    title: str
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)
    #: What the person pays each week towards their care, to take off the personal budget (None: nothing).
    weekly_deduction: Decimal | None = None
    #: Where the figure is explained in plain English.
    explanation_url: str = ""
    #: The agreed weekly personal budget, when there is one: it replaces the indicative figure.
    weekly_personal_budget: Decimal | None = None


BudgetPanelFunction = Callable[[Any, Any], BudgetPanel | None]
_PANELS: list[BudgetPanelFunction] = []


def register_budget_panel(panel: BudgetPanelFunction) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def budget_panels_for(*, actor, person) -> list[BudgetPanel]:
    panels = (panel(actor, person) for panel in _PANELS)
    return [panel for panel in panels if panel is not None]


def agreed_personal_budget(panels: list[BudgetPanel]) -> BudgetPanel | None:
    """The panel that gives the agreed personal budget, if any does."""
    return next((panel for panel in panels if panel.weekly_personal_budget is not None), None)


def net_weekly_amount(weekly_budget: Decimal, panels: list[BudgetPanel]) -> Decimal:
    """The council's share of a weekly personal budget: the budget less what the person pays, never
    below zero."""
    deductions = sum((panel.weekly_deduction for panel in panels if panel.weekly_deduction), Decimal("0.00"))
    return max(Decimal("0.00"), weekly_budget - deductions)
