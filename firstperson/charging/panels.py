"""What charging adds to pages of other apps, through the people app's documented hooks:

- the staff record page (people/record_panels.py): "Financial assessment", the current weekly
  contribution, and for finance officers a link to the person's charging page;
- the person's budget page (people/budget_panels.py): "What you pay towards your care", with the
  weekly contribution the budget page takes off the personal budget to show the council's net amount.

Each panel scopes what it shows to the viewer (permissions.py) and returns None otherwise.
"""

from __future__ import annotations

from django.urls import reverse

from firstperson.people.budget_panels import BudgetPanel, register_budget_panel
from firstperson.people.record_panels import RecordPanel, register_record_panel
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES

from . import permissions, selectors
from .rules.charging import pounds


def contribution_record_panel(actor, person) -> RecordPanel | None:
    if not getattr(actor, "is_authenticated", False) or actor.role in RESIDENT_FACE_ROLES:
        return None
    if actor.role not in permissions.CONTRIBUTION_READERS or not permissions.can_see_contribution(actor, person):
        return None
    officer = permissions.is_finance_officer(actor)
    href = reverse("charging:assessment-person", args=[person.pk]) if officer else ""
    current = selectors.contribution_current(person=person)
    items = []
    if current is not None:
        items.append(
            {
                "text": f"Pays {pounds(current.weekly_amount)} a week towards care",
                "href": reverse("charging:assessment-detail", args=[current.calculation.assessment_id])
                if officer
                else "",
                "meta": f"from {current.effective_from:%-d %B %Y}",
            }
        )
    upcoming = selectors.contribution_next(person=person)
    if upcoming is not None:
        items.append(
            {
                "text": f"From {upcoming.effective_from:%-d %B %Y} will pay {pounds(upcoming.weekly_amount)} a week",
                "href": "",
                "meta": "",
            }
        )
    open_one = selectors.financial_assessment_open(person=person)
    if open_one is not None:
        items.append(
            {
                "text": f"A financial assessment is {open_one.get_status_display().lower()}",
                "href": reverse("charging:assessment-detail", args=[open_one.pk]) if officer else "",
                "meta": f"started {open_one.started_at:%-d %B %Y}",
            }
        )
    if officer:
        items.append({"text": "Charging history, or start a financial assessment", "href": href, "meta": ""})
    return RecordPanel(
        title="Financial assessment",
        template_name="people/_record_panel_list.html",
        context={"items": items, "empty": "No financial assessment yet."},
    )


def contribution_budget_panel(actor, person) -> BudgetPanel | None:
    """For the person and their representative for money, on the budget page."""
    if not getattr(actor, "is_authenticated", False) or actor.role not in RESIDENT_FACE_ROLES:
        return None
    if not permissions.can_fill_in_online(actor, person):
        return None
    is_own = person.account_id == actor.pk
    title = "What you pay towards your care" if is_own else f"What {person.known_as} pays towards their care"
    current = selectors.contribution_current(person=person)
    if current is None:
        # One already filled in or sent is said as such: asking again to "do one" would mislead.
        open_one = selectors.financial_assessment_open(person=person)
        return BudgetPanel(
            title=title,
            template_name="charging/resident_budget_panel.html",
            context={"contribution": None, "start_url": reverse("charging-resident:home"), "open_one": open_one},
        )
    explanation = reverse("charging-resident:explanation", args=[current.calculation.assessment_id])
    return BudgetPanel(
        title=title,
        template_name="charging/resident_budget_panel.html",
        context={
            "contribution": current,
            "explanation_url": explanation,
            "next": selectors.contribution_next(person=person),
        },
        weekly_deduction=current.weekly_amount,
        explanation_url=explanation,
    )


def register() -> None:
    register_record_panel(contribution_record_panel)
    register_budget_panel(contribution_budget_panel)
