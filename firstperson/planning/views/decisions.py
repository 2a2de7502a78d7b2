"""The decision pages of one plan: the practitioner's check, the decision, the person's request for
a decision to be looked at again, and the exception for paying a close relative at home.

Each page loads the plan through plan_get_for_actor (404 for anyone who may not see it) and answers
404 too to anyone who does not play the part the page is for (permissions.parts_for). The decider
reads the latest submitted version, exactly as it was sent, with the checks it passed.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.ui.form_errors import form_error_from

from .. import permissions, selectors, services
from ..exceptions import DecisionNotAllowed, PlanChangedSinceRead
from ..forms import decisions as forms
from ..models import PayeeRelationship, PlanStatus
from ..rules import checks, delegation, lifecycle
from ..rules.lifecycle import Part

CASEWORKERS = for_roles([Role.PRACTITIONER, Role.TEAM_MANAGER], "Practitioners and team managers in the person's team")
DECIDERS = for_roles(
    [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PANEL_MEMBER],
    "Team managers and panel members; practitioners whose delegation covers the plan",
)
REQUESTERS = for_roles([Role.RESIDENT, Role.REPRESENTATIVE], "The person or someone acting for them")

ROUTE_NAMES = {
    delegation.Decider.PRACTITIONER: "a practitioner",
    delegation.Decider.TEAM_MANAGER: "a team manager",
    delegation.Decider.PANEL: "the funding panel",
}


def submission_outcomes(snapshot: dict) -> list[dict]:
    """The snapshot's outcomes, each with the items that meet it (items name their outcome by its words)."""
    outcomes = [{**outcome, "items": []} for outcome in snapshot.get("outcomes", [])]
    by_label = {outcome["label"]: outcome for outcome in outcomes}
    unlinked = []
    for item in snapshot.get("items", []):
        owner = by_label.get(item.get("outcome", ""))
        (owner["items"] if owner else unlinked).append(item)
    if unlinked:
        outcomes.append(
            {"label": "", "in_own_words": "Not linked to an outcome", "eligible_outcome": "", "items": unlinked}
        )
    return outcomes


class PlanPageMixin(AccessPolicyMixin):
    """Loads the plan (404 if the user may not see it) and the parts the user plays; the page answers
    404 unless the user plays `part`."""

    part: Part

    def load_objects(self, request, *args, **kwargs):
        self.plan = selectors.plan_get_for_actor(actor=request.user, plan_id=kwargs["plan_id"])
        self.parts = permissions.parts_for(request.user, self.plan)
        if self.part not in self.parts:
            raise Http404("No page here.")
        return None

    def audit_view(self) -> None:
        audit_record(
            actor=self.request.user,
            verb=AuditVerb.SUPPORT_PLAN_VIEWED,
            object_type="planning.supportplan",
            object_id=self.plan.pk,
            person_id=self.plan.person_id,
            page=self.request.path,
        )

    def render_to_response(self, context, **response_kwargs):
        # Every page that shows the plan, first read or re-shown with errors, is a view of it.
        self.audit_view()
        return super().render_to_response(context, **response_kwargs)

    def plan_url(self) -> str:
        return reverse("plans:plan-detail", kwargs={"plan_id": self.plan.pk})

    def submission_context(self) -> dict:
        """The latest submitted version, as it was sent, with the checks it passed."""
        submission = selectors.plan_submissions(plan=self.plan).first()
        if submission is None:
            return {"submission": None}
        snapshot = submission.snapshot
        over = None
        if submission.weekly_budget_amount is not None and submission.weekly_total > submission.weekly_budget_amount:
            over = submission.weekly_total - submission.weekly_budget_amount
        return {
            "submission": submission,
            "snapshot": snapshot,
            "snapshot_outcomes": submission_outcomes(snapshot),
            "submission_checks": submission.checks,
            "over_budget_weekly_amount": over,
        }


class PlanReviewView(PlanPageMixin, FormView):
    """Chloe checks a plan someone has sent: she starts checking, reads the version sent and its
    checks, ticks her checklist, and sends it for a decision or returns it with comments."""

    access_policy = CASEWORKERS
    part = Part.REVIEWER
    template_name = "planning/plan_review.html"

    def get_form_class(self):
        return forms.StartReviewForm if self.plan.status == PlanStatus.SUBMITTED else forms.ReviewForm

    def get_initial(self):
        return {"revision": self.plan.revision}

    def post(self, request, *args, **kwargs):
        if self.plan.status not in {PlanStatus.SUBMITTED, PlanStatus.IN_REVIEW}:
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        try:
            if isinstance(form, forms.StartReviewForm):
                services.support_plan_start_review(plan=self.plan, actor=user)
                messages.success(self.request, "You have started checking this plan.")
                return HttpResponseRedirect(self.request.path)
            put_forward = form.cleaned_data["action"] == forms.PUT_FORWARD
            services.support_plan_review(
                plan=self.plan,
                revision=form.cleaned_data["revision"],
                actor=user,
                checklist=form.checklist_values(),
                comments=form.cleaned_data["comments"],
                put_forward=put_forward,
            )
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        self.plan.refresh_from_db()
        if put_forward:
            route = ROUTE_NAMES.get(self.plan.decision_route, "a decision-maker")
            messages.success(self.request, f"The plan has been sent to {route} for a decision.")
        else:
            messages.success(self.request, "The plan has been returned with your comments.")
        return HttpResponseRedirect(self.plan_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.plan
        policy = selectors.decision_policy_in_force()
        amount = delegation.decision_amount(plan.weekly_total, plan.weekly_budget_amount)
        route = delegation.decided_by_tier(amount, policy.limits(), plan.one_off_total) if policy else None
        context.update(
            plan=plan,
            person=plan.person,
            policy=policy,
            decision_amount=amount,
            route_name=ROUTE_NAMES.get(route, "") if route else "",
            reviewing=plan.status == PlanStatus.IN_REVIEW,
            waiting_to_start=plan.status == PlanStatus.SUBMITTED,
            plan_url=self.plan_url(),
            **self.submission_context(),
        )
        return context


class PlanDecideView(PlanPageMixin, FormView):
    """Tom (within his delegation) or the funding panel decides a plan, with written reasons, on the
    version they read: if the plan has changed since, the decision is refused. When the user's
    delegation does not cover the version (its weekly or its one-off costs), the page says so and
    offers to refer the plan to the funding panel instead; a team manager may refer a plan they could
    decide, too."""

    access_policy = DECIDERS
    part = Part.DECIDER
    template_name = "planning/plan_decide.html"
    form_class = forms.DecisionForm
    REFER = "refer"

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        plan = self.plan
        self.policy = selectors.decision_policy_in_force()
        self.submission = selectors.plan_submissions(plan=plan).first()
        figures = self.submission or plan
        self.amount = delegation.decision_amount(figures.weekly_total, figures.weekly_budget_amount)
        self.one_off_amount = figures.one_off_total
        role = str(request.user.role)
        self.with_panel = plan.decision_route == delegation.Decider.PANEL
        self.within_delegation = (
            self.policy is not None
            and not (self.with_panel and role != delegation.Decider.PANEL)
            and delegation.may_decide(role, self.amount, self.policy.limits(), self.one_off_amount)
        )
        # Only the tier the plan was sent to refers it on; the panel is the last tier.
        self.can_refer = self.waiting() and not self.with_panel and role == plan.decision_route
        # A practitioner decides (or refers) only plans sent to them; to anyone else they are no decider.
        if request.user.role == Role.PRACTITIONER and not (self.within_delegation or self.can_refer):
            raise Http404("No page here.")
        return None

    def waiting(self) -> bool:
        return self.plan.status in {PlanStatus.AWAITING_DECISION, PlanStatus.RECONSIDERATION_REQUESTED}

    def get_initial(self):
        return {"revision": self.plan.revision, "start_date": timezone.localdate()}

    def refer_form(self, data=None):
        return forms.ReferToPanelForm(data=data, initial={"revision": self.plan.revision}, prefix=self.REFER)

    def post(self, request, *args, **kwargs):
        if not self.waiting():
            return HttpResponseRedirect(request.path)
        if self.REFER in request.POST:
            return self.refer(request)
        return super().post(request, *args, **kwargs)

    def refer(self, request):
        refer_form = self.refer_form(request.POST)
        if not self.can_refer:
            return HttpResponseRedirect(request.path)
        if refer_form.is_valid():
            try:
                services.support_plan_refer_to_panel(
                    plan=self.plan,
                    revision=refer_form.cleaned_data["revision"],
                    actor=request.user,
                    reason=refer_form.cleaned_data["refer_reason"],
                )
            except ApplicationError as error:
                field = "refer_reason" if error.field is None and not isinstance(error, PlanChangedSinceRead) else None
                refer_form.add_error(field if field in refer_form.fields else None, error.message)
            else:
                messages.success(request, "The plan has been sent to the funding panel for a decision.")
                return HttpResponseRedirect(self.plan_url())
        form = self.get_form_class()(initial=self.get_initial())
        return self.render_to_response(self.get_context_data(form=form, refer_form=refer_form))

    def form_valid(self, form):
        data = form.cleaned_data
        outcome = data["outcome"]
        try:
            decision = services.support_plan_decide(
                plan=self.plan,
                revision=data["revision"],
                actor=self.request.user,
                outcome=outcome,
                reasons=data["reasons"],
                conditions=data["conditions"] if outcome == PlanStatus.APPROVED_WITH_CONDITIONS else "",
                start_date=data["start_date"] if outcome in forms.APPROVALS else None,
            )
        except PlanChangedSinceRead as error:
            self.plan.refresh_from_db()
            form.add_error(None, error.message)
            self.changed_since_read = True
            return self.form_invalid(form)
        except DecisionNotAllowed as error:
            # Who may decide, not what was typed: shown at the decision question.
            form.add_error("outcome", error.message)
            return self.form_invalid(form)
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Decision recorded: {decision.get_outcome_display().lower()}.")
        return HttpResponseRedirect(self.plan_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.plan
        user = self.request.user
        submission = self.submission_context()
        version = submission["submission"]
        review = None
        if version is not None:
            review = version.reviews.select_related("reviewer").first()
        reconsideration = None
        if plan.status == PlanStatus.RECONSIDERATION_REQUESTED:
            reconsideration = plan.reconsiderations.select_related(
                "requested_by", "original_decision", "original_decision__decided_by"
            ).first()
        checklist = []
        if review is not None:
            checklist = [(label, bool(review.checklist.get(code))) for code, label in checks.PRACTITIONER_CHECKLIST]
        checked_it = version is not None and version.reviews.filter(reviewer=user, put_forward=True).exists()
        decided_it = (
            reconsideration is not None and version is not None and version.decisions.filter(decided_by=user).exists()
        )
        context.update(
            plan=plan,
            person=plan.person,
            policy=self.policy,
            decision_amount=self.amount,
            one_off_amount=self.one_off_amount,
            within_delegation=self.within_delegation,
            with_panel=self.with_panel,
            is_panel=str(user.role) == delegation.Decider.PANEL,
            can_refer=self.can_refer,
            refer_form=kwargs.get("refer_form") or self.refer_form(),
            route_name=ROUTE_NAMES.get(plan.decision_route, ""),
            waiting=self.waiting(),
            review=review,
            review_checklist=checklist,
            reconsideration=reconsideration,
            checked_it=checked_it,
            first_decider=decided_it,
            may_decide_here=self.within_delegation and not checked_it and not decided_it,
            changed_since_read=getattr(self, "changed_since_read", False),
            plan_url=self.plan_url(),
            **submission,
        )
        if context["changed_since_read"]:
            # Offer the form again at the plan's revision now, with what was typed kept.
            context["form"].data = context["form"].data.copy()
            context["form"].data["revision"] = str(plan.revision)
        return context


class ReconsiderationRequestView(PlanPageMixin, FormView):
    """Sam (or Margaret, for Ted) asks for a decision to be looked at again (by the funding panel), and
    is shown the complaints route. Only the decisions rules.lifecycle.RECONSIDERABLE allows may be
    looked at again: approved with conditions, returned, declined. A returned plan that has been
    changed since is refused by the service: the page then offers to send the changed plan."""

    access_policy = REQUESTERS
    part = Part.REQUESTER
    template_name = "planning/plan_reconsideration.html"
    form_class = forms.ReconsiderationForm

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        self.decision = selectors.plan_latest_decision(plan=self.plan)
        return None

    def can_ask(self) -> bool:
        return self.decision is not None and self.plan.status in lifecycle.RECONSIDERABLE

    def get(self, request, *args, **kwargs):
        if self.plan.status == PlanStatus.RECONSIDERATION_REQUESTED:
            self.audit_view()
            return render(request, "planning/plan_reconsideration_sent.html", self.common_context())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.can_ask():
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"revision": self.plan.revision}

    def form_valid(self, form):
        try:
            services.support_plan_request_reconsideration(
                plan=self.plan,
                actor=self.request.user,
                reasons=form.cleaned_data["reasons"],
                revision=form.cleaned_data["revision"],
            )
        except PlanChangedSinceRead as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.request.path)

    def common_context(self) -> dict:
        return {
            "plan": self.plan,
            "person": self.plan.person,
            "decision": self.decision,
            "plan_url": self.plan_url(),
            "council_name": getattr(settings, "COUNCIL_NAME", "the council"),
            "council_phone": getattr(settings, "COUNCIL_PHONE", ""),
            "is_the_person": self.plan.person.account_id == self.request.user.pk,
            "returned": self.plan.status == PlanStatus.RETURNED,
            "check_url": reverse("plans:plan-check", kwargs={"plan_id": self.plan.pk}),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.common_context(), can_ask=self.can_ask())
        return context


class ItemExceptionView(PlanPageMixin, FormView):
    """Chloe records why paying the person's spouse or partner, or a close relative who lives with
    them, from a direct payment is necessary (Care and Support (Direct Payments) Regulations 2014
    reg 3): for care needs, or for administration and management support."""

    access_policy = CASEWORKERS
    part = Part.REVIEWER
    template_name = "planning/item_exception.html"
    form_class = forms.RelativeExceptionForm

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        if not permissions.can_record_exception(request.user, self.plan):
            raise Http404("No page here.")
        self.item = self.plan.items.select_related("outcome").filter(pk=kwargs["item_id"]).first()
        if self.item is None:
            raise Http404("No item here.")
        return None

    def get_initial(self):
        return {
            "revision": self.plan.revision,
            "basis": self.item.relative_exception_basis or None,
            "reason": self.item.relative_exception_reason,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.item_record_relative_exception(
                item=self.item,
                revision=data["revision"],
                actor=self.request.user,
                basis=data["basis"],
                reason=data["reason"],
            )
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Exception recorded for \u201c{self.item.description}\u201d.")
        return HttpResponseRedirect(self.plan_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            plan=self.plan,
            person=self.plan.person,
            item=self.item,
            is_partner=self.item.payee_relationship == PayeeRelationship.SPOUSE_OR_PARTNER,
            plan_url=self.plan_url(),
        )
        return context
