"""The "Indicative budget" panel on a person's staff record page (people/record_panels.py)."""

from django.urls import reverse

from firstperson.people.record_panels import RecordPanel

from . import permissions, selectors
from .rules.ras import pounds


def indicative_budget_panel(actor, person) -> RecordPanel | None:
    if not getattr(actor, "is_authenticated", False) or actor.role not in permissions.BUDGET_READERS:
        return None
    href = reverse("allocation:budget-detail", args=[person.pk])
    budget = selectors.budget_current_for(actor=actor, person=person)
    if budget is None:
        items = [{"text": "Work out or see the indicative budget", "href": href, "meta": "None worked out yet"}]
    else:
        agreed = selectors.budget_agreed_figure(budget=budget)
        meta = "changed with a reason" if agreed.moderated else f"worked out with {budget.configuration_version}"
        items = [
            {
                "text": f"{pounds(agreed.annual_amount)} a year ({pounds(agreed.weekly_amount)} a week)",
                "href": href,
                "meta": meta,
            }
        ]
    return RecordPanel(
        title="Indicative budget",
        template_name="people/_record_panel_list.html",
        context={"items": items},
    )
