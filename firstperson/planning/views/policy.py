"""Ravi's configuration pages: the financial delegation policy (a new one from a date; one already
started is never changed) and the list of purchases a personal budget may not pay for."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.ui.form_errors import form_error_from

from .. import selectors, services
from ..forms import policy as forms

ADMINISTRATORS = for_roles([Role.ADMINISTRATOR], "Administrators")


class DecisionPolicyListView(AccessPolicyMixin, TemplateView):
    access_policy = ADMINISTRATORS
    template_name = "planning/policy_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        in_force = selectors.decision_policy_in_force()
        context.update(
            policies=selectors.decision_policy_list(),
            in_force=in_force,
        )
        return context


class DecisionPolicyCreateView(AccessPolicyMixin, FormView):
    access_policy = ADMINISTRATORS
    template_name = "planning/policy_form.html"
    form_class = forms.DecisionPolicyForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["in_force"] = selectors.decision_policy_in_force()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            policy = services.decision_policy_create(
                actor=self.request.user,
                version=data["version"].strip(),
                effective_from=data["effective_from"],
                practitioner_weekly_limit=data["practitioner_weekly_limit"],
                team_manager_weekly_limit=data["team_manager_weekly_limit"],
                practitioner_one_off_limit=data["practitioner_one_off_limit"],
                team_manager_one_off_limit=data["team_manager_one_off_limit"],
                direct_payment_interval_weeks=data["direct_payment_interval_weeks"],
                panel_target_days=data["panel_target_days"],
                first_review_weeks=data["first_review_weeks"],
                notes=data["notes"],
            )
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Policy \u201c{policy.version}\u201d saved. It starts on {policy.effective_from.day} {policy.effective_from:%B %Y}.",
        )
        return HttpResponseRedirect(reverse("planning:policy-list"))


class ProhibitedListView(AccessPolicyMixin, TemplateView):
    access_policy = ADMINISTRATORS
    template_name = "planning/prohibited_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = selectors.prohibited_purchase_list()
        return context


class ProhibitedEditView(AccessPolicyMixin, FormView):
    """Add an entry (no code in the URL) or change one (by its code, which then stays fixed)."""

    access_policy = ADMINISTRATORS
    template_name = "planning/prohibited_form.html"

    def load_objects(self, request, *args, **kwargs):
        self.entry = None
        code = kwargs.get("code")
        if code is not None:
            self.entry = selectors.prohibited_purchase_get(code=code)
        return None

    def get_form(self, form_class=None):
        return forms.ProhibitedPurchaseForm(**self.get_form_kwargs(), editing=self.entry is not None)

    def get_initial(self):
        if self.entry is None:
            return {"active": True}
        return {
            "label": self.entry.label,
            "keywords": self.entry.keywords,
            "reason": self.entry.reason,
            "active": self.entry.active,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        code = self.entry.code if self.entry is not None else data["code"]
        keywords = "\n".join(line.strip() for line in data["keywords"].splitlines() if line.strip())
        try:
            entry = services.prohibited_purchase_save(
                actor=self.request.user,
                code=code,
                label=data["label"].strip(),
                keywords=keywords,
                reason=data["reason"].strip(),
                active=data["active"],
                creating=self.entry is None,
            )
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"\u201c{entry.label}\u201d saved.")
        return HttpResponseRedirect(reverse("planning:prohibited-list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entry"] = self.entry
        return context
