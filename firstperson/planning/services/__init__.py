"""Writes of the planning app, each one transaction with a named actor and its own audit event.

plans       start a plan; change its outcomes, items, risks and details; exceptions; broker; sign-off
decisions   send, check, put forward, decide, ask for reconsideration (the lifecycle)
agreements  the personal budget agreement made on approval
policy      the financial delegation policy and the list of prohibited purchases
"""

from .agreements import budget_agreement_end, budget_agreement_make
from .decisions import (
    support_plan_decide,
    support_plan_refer_to_panel,
    support_plan_request_reconsideration,
    support_plan_review,
    support_plan_start_review,
    support_plan_submit,
)
from .plans import (
    OutcomeValues,
    item_add,
    item_record_relative_exception,
    item_remove,
    item_update,
    outcome_add,
    outcome_remove,
    outcome_update,
    risk_add,
    risk_remove,
    risk_update,
    support_plan_choose_broker,
    support_plan_refresh_budget,
    support_plan_sign_off,
    support_plan_start,
    support_plan_update,
)
from .policy import decision_policy_create, prohibited_purchase_save, prohibited_purchases_load_default

__all__ = [
    "OutcomeValues",
    "budget_agreement_end",
    "budget_agreement_make",
    "decision_policy_create",
    "item_add",
    "item_record_relative_exception",
    "item_remove",
    "item_update",
    "outcome_add",
    "outcome_remove",
    "outcome_update",
    "prohibited_purchase_save",
    "prohibited_purchases_load_default",
    "risk_add",
    "risk_remove",
    "risk_update",
    "support_plan_choose_broker",
    "support_plan_decide",
    "support_plan_refer_to_panel",
    "support_plan_refresh_budget",
    "support_plan_request_reconsideration",
    "support_plan_review",
    "support_plan_sign_off",
    "support_plan_start",
    "support_plan_start_review",
    "support_plan_submit",
    "support_plan_update",
]
