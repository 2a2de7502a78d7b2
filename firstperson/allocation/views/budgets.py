"""Staff pages about a person's indicative budget: see it with every step and its history, work it
out from the latest submitted self-assessment, change it with a reason, and (team managers) agree or
decline a change that was beyond tolerance."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from firstperson.people.services import person_record_view
from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.exceptions import ApplicationError

from .. import explanations, forms, permissions, selectors, services
from ..exceptions import AnswersDoNotFit
from ..explanations import method_sentences, period_words
from ..models import ModerationStatus
from ..rules.ras import pounds
from .configurations import form_error_from

READERS = for_roles(permissions.BUDGET_READERS, "Practitioners, team managers and finance officers")
WORKERS = for_roles(permissions.BUDGET_WORKERS, "Practitioners and team managers")
DECIDERS = for_roles(permissions.DECIDERS, "Team managers")


def budget_context(budget, *, about: str | None = None, reader: str = explanations.STAFF) -> dict:
    """What every page that explains a budget shows: the figure that stands, the points, the steps
    the rule wrote (amounts as decimals), how the method works, and every change with its reason.
    `about` is the person's name when the reader is someone else (see `method_sentences`); `reader`
    is explanations.STAFF or RESIDENT (the person or their representative: plain words throughout)."""
    if budget is None:
        return {"budget": None, "about": about, "for_resident": reader != explanations.STAFF}
    configuration = budget.configuration
    return {
        "budget": budget,
        "agreed": selectors.budget_agreed_figure(budget=budget),
        "moderations": list(selectors.budget_moderations(budget=budget)),
        "earlier_moderations": list(selectors.budget_earlier_moderations(budget=budget)),
        "pending": selectors.budget_pending_moderation(budget=budget),
        "domain_points": [row for row in budget.domain_points if Decimal(row["points"]) != 0],
        # Residents read an adjustment's line in words; staff read the rule's own text, as stored.
        "steps": explanations.step_rows(budget.steps)
        if reader == explanations.STAFF
        else explanations.plain_steps(configuration, budget.steps, rule_version=budget.rule_version),
        "per": period_words(budget.period),
        "method_sentences": method_sentences(configuration, about=about, reader=reader),
        "about": about,
        "for_resident": reader != explanations.STAFF,
        "configuration_words": explanations.configuration_words(configuration),
    }


class _PersonBudgetPage(AccessPolicyMixin):
    def load_objects(self, request, *args, **kwargs):
        self.person = selectors.person_get_for_budget(actor=request.user, person_id=kwargs["person_id"])
        self.budget = selectors.budget_current_for(actor=request.user, person=self.person)
        return None

    def to_budget(self):
        return redirect("allocation:budget-detail", person_id=self.person.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        # Staff read about the person by name, never as "you".
        context.update(budget_context(self.budget, about=self.person.known_as))
        return context


class BudgetDetailView(_PersonBudgetPage, TemplateView):
    access_policy = READERS
    template_name = "allocation/budget_detail.html"

    def get(self, request, *args, **kwargs):
        person_record_view(actor=request.user, person=self.person, page=request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assessment = selectors.assessment_latest_submitted(person=self.person)
        pending = context.get("pending")
        context.update(
            assessment=assessment,
            can_calculate=assessment is not None and permissions.can_calculate(user, self.person),
            can_moderate=self.budget is not None and pending is None and permissions.can_moderate(user, self.budget),
            can_decide=pending is not None and permissions.can_decide(user, pending),
            previous=[
                (old, selectors.budget_agreed_figure(budget=old))
                for old in selectors.budget_previous_for(actor=user, person=self.person)[:10]
            ],
        )
        return context


class BudgetCalculateView(_PersonBudgetPage, FormView):
    """Work the indicative budget out from the latest submitted self-assessment."""

    access_policy = WORKERS
    template_name = "allocation/budget_calculate.html"
    form_class = forms.ConfirmForm

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        if not permissions.can_calculate(request.user, self.person):
            return self.to_budget()
        self.assessment = selectors.assessment_latest_submitted(person=self.person)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        in_force = None
        if self.assessment is not None:
            in_force = selectors.configuration_in_force(questionnaire_id=self.assessment.version.questionnaire_id)
        context.update(assessment=self.assessment, in_force=in_force)
        return context

    def form_valid(self, form):
        if self.assessment is None:
            form.add_error(None, "There is no submitted self-assessment to work from.")
            return self.form_invalid(form)
        try:
            budget = services.indicative_budget_calculate(actor=self.request.user, assessment=self.assessment)
        except AnswersDoNotFit as error:
            for code, message in error.problems.items():
                form.add_error(None, f"{code}: {message}")
            return self.form_invalid(form)
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Indicative budget worked out: {pounds(budget.annual_amount)} a year ({pounds(budget.weekly_amount)} a week).",
        )
        return self.to_budget()


class BudgetModerateView(_PersonBudgetPage, FormView):
    """Change the indicative figure, with a reason. Beyond tolerance, it waits for a team manager."""

    access_policy = WORKERS
    template_name = "allocation/budget_moderate.html"
    form_class = forms.ModerationForm

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        if self.budget is None or not permissions.can_moderate(request.user, self.budget):
            return self.to_budget()
        if selectors.budget_pending_moderation(budget=self.budget) is not None:
            return self.to_budget()
        return None

    def get_initial(self):
        return {"period": self.budget.period}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tolerance"] = self.budget.configuration.tolerance_percent
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            moderation = services.budget_moderate(
                actor=self.request.user,
                budget=self.budget,
                amount=data["amount"],
                period=data["period"],
                reason=data["reason"],
                shown_budget_id=self.request.POST.get("budget", ""),
            )
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        if moderation.status == ModerationStatus.PENDING:
            messages.success(
                self.request, "The change is beyond tolerance. It is waiting for a team manager to agree it."
            )
        else:
            messages.success(self.request, f"The figure is now {pounds(moderation.annual_amount)} a year.")
        return self.to_budget()


class ModerationDecideView(_PersonBudgetPage, FormView):
    """A team manager agrees, or does not agree, a change that was beyond tolerance."""

    access_policy = DECIDERS
    template_name = "allocation/moderation_decide.html"
    form_class = forms.DecisionForm

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        self.moderation = selectors.budget_pending_moderation(budget=self.budget) if self.budget else None
        if self.moderation is None or not permissions.can_decide(request.user, self.moderation):
            return self.to_budget()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["moderation"] = self.moderation
        return context

    def form_valid(self, form):
        try:
            decided = services.moderation_decide(
                actor=self.request.user,
                moderation=self.moderation,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                shown_moderation_id=self.request.POST.get("moderation", ""),
            )
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Decision recorded: {decided.get_status_display().lower()}.")
        return self.to_budget()


class ModerationQueueView(AccessPolicyMixin, TemplateView):
    access_policy = DECIDERS
    template_name = "allocation/moderation_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["waiting"] = [
            (moderation, moderation.proposed_by_id != user.pk)
            for moderation in selectors.moderation_queue_for(actor=user)
        ]
        return context
