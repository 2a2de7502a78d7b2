""" "How we worked out your budget": the person's own page, and the page of someone they represent.

The same explanation staff see, in plain English: every line, the changes made and why, and a
plain statement that the figure is a starting point for planning, not a limit. Staff are named by
role and team, as on "Who has looked at my record" (portal).
"""

from django.shortcuts import redirect
from django.views.generic import TemplateView

from firstperson.people.budget_panels import agreed_personal_budget, budget_panels_for, net_weekly_amount
from firstperson.people.choices import PreferredFormat
from firstperson.people.selectors import person_of_account
from firstperson.people.services import person_record_view
from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES
from firstperson.platform.ui.easy_read import EasyReadSwitch, format_switch_url

from .. import explanations, selectors
from .budgets import budget_context

RESIDENTS = for_roles(RESIDENT_FACE_ROLES, "Residents and representatives")

# Whoever is reading chooses per person: a representative may read two people's budgets.
FORMAT_SWITCH = EasyReadSwitch(session_key="budget-format")


class _ResidentBudgetPage(AccessPolicyMixin, TemplateView):
    access_policy = RESIDENTS
    template_name = "allocation/resident_budget.html"
    person = None

    def get(self, request, *args, **kwargs):
        if self.person is not None and FORMAT_SWITCH.remember(request, remembered_for=self.person.pk):
            return redirect(request.path)
        if self.person is not None:
            person_record_view(actor=request.user, person=self.person, page=request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        budget = selectors.budget_current_for(actor=user, person=self.person) if self.person else None
        is_own = self.person is not None and self.person.account_id == user.pk
        # Someone acting for the person reads about them by name, never as "you".
        about = None if is_own or self.person is None else self.person.known_as
        context.update(budget_context(budget, about=about, reader=explanations.RESIDENT))
        # What other apps add (people/budget_panels.py): the charging app's weekly contribution,
        # taken off the personal budget to show the council's net amount.
        # Once a support plan is agreed, its personal budget replaces the indicative figure there.
        panels = budget_panels_for(actor=user, person=self.person) if self.person else []
        deducting = [panel for panel in panels if panel.weekly_deduction is not None]
        agreement = agreed_personal_budget(panels)
        weekly_budget = agreement.weekly_personal_budget if agreement else None
        if weekly_budget is None and budget is not None:
            weekly_budget = context["agreed"].weekly_amount
        context.update(
            budget_panels=panels,
            personal_budget_panel=agreement,
            weekly_personal_budget=weekly_budget,
            net_weekly_amount=net_weekly_amount(weekly_budget, panels)
            if weekly_budget is not None and deducting
            else None,
        )
        easy_read = self.person is not None and FORMAT_SWITCH.is_easy_read(
            self.request,
            remembered_for=self.person.pk,
            prefers_easy_read=self.person.preferred_format == PreferredFormat.EASY_READ,
        )
        if easy_read and budget is not None:
            context["easy_read_words"] = explanations.easy_read_words(
                budget, context["agreed"], about=about, plan_agreed=agreement is not None
            )
            context["easy_read_money_now"] = explanations.easy_read_money_now(
                about=about, agreement=agreement, paying=deducting, council_pays_weekly=context["net_weekly_amount"]
            )
        context.update(
            easy_read=easy_read,
            format_switch_url=format_switch_url(self.request.path, easy_read=easy_read),
            person=self.person,
            is_own=is_own,
            about=about,
            represented=list(selectors.people_represented_for_budgets(actor=user)),
        )
        return context


class MyBudgetView(_ResidentBudgetPage):
    def load_objects(self, request, *args, **kwargs):
        self.person = person_of_account(user=request.user)
        return None


class PersonBudgetView(_ResidentBudgetPage):
    def load_objects(self, request, *args, **kwargs):
        self.person = selectors.person_get_for_budget(actor=request.user, person_id=kwargs["person_id"])
        return None
