"""A plan's history for people: who changed what, and every move through its lifecycle, newest first.

django-simple-history keeps a row per change of the plan, its outcomes, items and risks; the services
name the actor on each (`_history_user`). Rows saved before that, or by the service itself, take
the actor from the plan's `updated_by`, which each change writes in the same transaction.
"""

import bisect
from typing import Any

from ..models import PlanItem, PlanOutcome, PlanRisk, SupportPlan
from ..rules import lifecycle
from .plans import plan_status_history

#: The plan's own fields whose changes the history names (the rest are bookkeeping or shown elsewhere).
PLAN_FIELDS_SHOWN = {
    "management_method": "How the budget is managed",
    "direct_payment_recipient": "Who receives the direct payment",
    "isf_provider_name": "Provider holding the Individual Service Fund",
    "over_budget_justification": "Why more than the budget is needed",
    "contingency_plan": "Contingency plan",
    "helped_by": "Who helped write the plan",
    "broker_id": "Broker",
    "weekly_budget_amount": "Weekly personal budget",
    "signed_off_name": "Sign-off",
}
ROW_FIELDS_SHOWN: dict[Any, dict[str, str]] = {
    PlanOutcome: {"in_own_words": "In the person's words", "eligible_outcome_code": "Eligible outcome it meets"},
    PlanItem: {
        "kind": "Kind of support",
        "description": "What it is",
        "provider_name": "Who provides it",
        "hours_per_week": "Hours a week",
        "hourly_rate": "Hourly rate",
        "employer_costs_weekly": "Employer's costs a week",
        "weekly_amount": "Weekly amount",
        "one_off_amount": "One-off amount",
        "managed_by": "Paid for by",
        "payee_relationship": "Who is paid",
        "payee_lives_with_person": "Whether they live with the person",
        "relative_exception_basis": "Exception recorded",
        "informal_agreement_recorded": "They agree to give this help",
        "outcome_id": "Outcome it meets",
    },
    PlanRisk: {
        "description": "The risk",
        "likelihood": "How likely",
        "reduced_by": "What reduces it",
        "responsible": "Who is responsible",
        "persons_view": "The person's view",
    },
}
ROW_NOUNS = {PlanOutcome: "an outcome", PlanItem: "support", PlanRisk: "a risk"}


def _who(user, plan: SupportPlan, describe=None) -> str:
    """How the history names who did something. `describe(user)` may give another wording (staff by
    role and team for residents); it returns None to keep the default."""
    if user is None:
        return "The service"
    if describe is not None and (described := describe(user)) is not None:
        return described
    if plan.person.account_id == user.pk:
        return f"{user.display_name} (the person)"
    return f"{user.display_name} ({user.role_label.lower()})" if user.role_label else user.display_name


def _row_label(model, record) -> str:
    text = record.in_own_words if model is PlanOutcome else record.description
    return text if len(text) <= 80 else text[:79] + "\u2026"


def _changed_fields(previous, record, fields: dict[str, str]) -> list[str]:
    return [label for name, label in fields.items() if getattr(previous, name) != getattr(record, name)]


def _entry(record, who: str, what: str, fields=()) -> dict:
    return {"when": record.history_date, "who": who, "what": what, "fields": list(fields)}


def plan_history_entries(plan: SupportPlan, describe=None) -> list[dict]:
    """Who changed what, and every status change, newest first. Five queries, however long the history.

    Each change to an outcome, item or risk is saved with the plan in the same transaction, which records
    the actor as `updated_by`; that names who made the change when there was no request to take it from
    (history_user is set from the signed-in request)."""
    entries = []
    plan_records = list(
        plan.history.select_related("history_user__team", "updated_by__team").order_by("history_date", "history_id")
    )
    plan_dates = [record.history_date for record in plan_records]

    def actor_at(record):
        index = bisect.bisect_left(plan_dates, record.history_date)
        following = plan_records[index] if index < len(plan_records) else None
        return (following.updated_by if following else None) or record.history_user

    previous = None
    for record in plan_records:
        who = _who(record.updated_by or record.history_user, plan, describe)
        if record.history_type == "+":
            entries.append(_entry(record, who, "Started the plan"))
        elif previous is not None:
            changed = _changed_fields(previous, record, PLAN_FIELDS_SHOWN)
            sign_off = PLAN_FIELDS_SHOWN["signed_off_name"]
            if record.signed_off_name and record.signed_off_name != previous.signed_off_name:
                entries.append(_entry(record, who, f"Signed off the plan as \u201c{record.signed_off_name}\u201d"))
                changed = [label for label in changed if label != sign_off]
            elif previous.signed_off_name and not record.signed_off_name:
                changed = [label for label in changed if label != sign_off]
                changed.append("Sign-off cleared, because the plan changed")
            if changed:
                entries.append(_entry(record, who, "Changed the plan", changed))
        previous = record
    for model, fields in ROW_FIELDS_SHOWN.items():
        before: dict = {}
        noun = ROW_NOUNS[model]
        records = (
            model.history.filter(plan_id=plan.pk)
            .select_related("history_user__team")
            .order_by("history_date", "history_id")
        )
        for record in records:
            who = _who(actor_at(record), plan, describe)
            label = _row_label(model, record)
            if record.history_type == "+":
                entries.append(_entry(record, who, f"Added {noun}: \u201c{label}\u201d"))
            elif record.history_type == "-":
                entries.append(_entry(record, who, f"Removed {noun}: \u201c{label}\u201d"))
            elif record.id in before:
                changed = _changed_fields(before[record.id], record, fields)
                if changed:
                    entries.append(_entry(record, who, f"Changed {noun}: \u201c{label}\u201d", changed))
            before[record.id] = record
    for change in plan_status_history(plan=plan):
        entries.append(
            {
                "when": change.changed_at,
                "who": _who(change.changed_by, plan, describe),
                "what": f"{lifecycle.LABELS[lifecycle.PlanStatus(change.from_status)]} \u2192 "
                f"{lifecycle.LABELS[lifecycle.PlanStatus(change.to_status)]}",
                "status_change": change,
                "fields": [],
            }
        )
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries
