"""One support plan's own pages: the person's list of plans, starting one, the plan's task list, choosing
a broker, "check your plan", signing off, sending, the versions sent and what changed between them, and
the plan's history (who changed what, and every move through its lifecycle).

Who may see a plan is planning/permissions.py's to say: anyone else gets 404 (plan_get_for_actor).
Every page that shows a plan's contents records that it was looked at (SUPPORT_PLAN_VIEWED). Every form
that changes a plan carries the revision it was read at; a plan saved by someone else since, a plan
that can no longer be changed, or a move the lifecycle refuses is shown as a GOV.UK error summary and
nothing is saved.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from firstperson.people import permissions as people_permissions
from firstperson.people.selectors import person_get_for_actor
from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import CASEWORK_ROLES, RESIDENT_FACE_ROLES, Role
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.ui.form_errors import form_error_from

from .. import permissions, selectors, services
from ..exceptions import PlanAlreadyOpen, PlanChangedSinceRead, PlanChecksFailed
from ..forms import plan_pages as forms
from ..models import ManagedBy, PayeeRelationship, PlanStatus, SupportPlan
from ..rules import costing, lifecycle
from ..rules.lifecycle import Part

#: Everyone who may be shown some plan; which plans is for permissions.plans_visible_to.
PLAN_READERS = for_roles(
    RESIDENT_FACE_ROLES | CASEWORK_ROLES | {Role.BROKER, Role.PANEL_MEMBER},
    "People who may see a support plan: the person, their representatives, their broker, their team, the panel",
)
RESIDENTS = for_roles(RESIDENT_FACE_ROLES, "Residents and the people acting for them")
PLAN_STARTERS = for_roles(RESIDENT_FACE_ROLES | CASEWORK_ROLES, "The person, their representative, their team")

#: Status tag colours (GOV.UK Frontend tag modifiers).
TAG_COLOURS = {
    PlanStatus.DRAFT: "govuk-tag--grey",
    PlanStatus.SUBMITTED: "govuk-tag--blue",
    PlanStatus.IN_REVIEW: "govuk-tag--blue",
    PlanStatus.AWAITING_DECISION: "govuk-tag--purple",
    PlanStatus.RETURNED: "govuk-tag--orange",
    PlanStatus.APPROVED: "govuk-tag--green",
    PlanStatus.APPROVED_WITH_CONDITIONS: "govuk-tag--green",
    PlanStatus.DECLINED: "govuk-tag--red",
    PlanStatus.RECONSIDERATION_REQUESTED: "govuk-tag--yellow",
    PlanStatus.SUPERSEDED: "govuk-tag--grey",
}


def audit_viewed(request, plan: SupportPlan) -> None:
    audit_record(
        actor=request.user,
        verb=AuditVerb.SUPPORT_PLAN_VIEWED,
        object_type="planning.supportplan",
        object_id=plan.pk,
        person_id=plan.person_id,
        page=request.path,
        payload={"revision": plan.revision},
    )


def staff_description(user) -> str:
    """A member of staff as residents and representatives see them: by role and team, never by name
    ("A practitioner in the West locality team")."""
    role = user.role_label.lower() if user.role_label else "member of staff"
    article = "An" if role[:1] in "aeiou" else "A"
    team = getattr(user, "team", None)
    if user.role in CASEWORK_ROLES and team is not None:
        return f"{article} {role} in the {team.name}"
    return f"{article} {role}"


def shown_by_name(viewer, user) -> bool:
    """Staff, and anyone a resident-face viewer chose (their broker) or acts with, are named; council
    staff are described to residents and representatives by role and team."""
    if user is None or not viewer.uses_resident_face:
        return True
    return user.role in RESIDENT_FACE_ROLES or user.role == Role.BROKER


def who_for(viewer, user) -> str:
    """Who did something, for the middle of a sentence: a name, or "a practitioner in the … team"."""
    if user is None:
        return "the council"
    if shown_by_name(viewer, user):
        return user.display_name
    text = staff_description(user)
    return text[:1].lower() + text[1:]


def budget_figures(plan: SupportPlan) -> dict:
    """The plan's weekly cost against its weekly budget, for the budget panel."""
    budget = plan.weekly_budget_amount
    difference = None if budget is None else budget - plan.weekly_total
    return {
        "weekly_budget": budget,
        "weekly_cost": plan.weekly_total,
        "difference": difference,
        "over_budget": difference is not None and difference < 0,
        "over_by": -difference if difference is not None and difference < 0 else Decimal("0"),
        "one_off_total": plan.one_off_total,
    }


def plan_summary(plan: SupportPlan) -> dict:
    """What the read-only summary partial shows: outcomes with the ways each is met, risks and totals."""
    names = selectors.outcome_names(plan.eligibility.kind) if plan.eligibility else {}
    outcomes = [
        {
            "outcome": outcome,
            "eligible_name": names.get(outcome.eligible_outcome_code, outcome.eligible_outcome_code),
            "items": [
                {
                    "item": item,
                    "hourly": item.kind in costing.HOURLY_KINDS,
                    "unpaid": item.kind in costing.UNPAID_KINDS,
                    # Paid from a direct payment to a partner, or a close relative at home: needs an exception.
                    "relative_at_home": item.managed_by == ManagedBy.DIRECT_PAYMENT
                    and (
                        item.payee_relationship == PayeeRelationship.SPOUSE_OR_PARTNER
                        or (
                            item.payee_relationship == PayeeRelationship.CLOSE_RELATIVE and item.payee_lives_with_person
                        )
                    ),
                    "partner": item.payee_relationship == PayeeRelationship.SPOUSE_OR_PARTNER,
                }
                for item in outcome.items.all()
            ],
        }
        for outcome in selectors.plan_outcomes_with_items(plan=plan)
    ]
    return {
        "outcomes": outcomes,
        "risks": list(plan.risks.all().order_by("order", "id")),
        "budget": budget_figures(plan),
    }


class _PlanMixin(AccessPolicyMixin):
    """Loads the plan (404 for anyone who may not see it) and the parts the user plays in it."""

    access_policy = PLAN_READERS

    def load_objects(self, request, *args, **kwargs):
        self.plan = selectors.plan_get_for_actor(actor=request.user, plan_id=kwargs["plan_id"])
        self.parts = permissions.parts_for(request.user, self.plan)
        return None

    def reload_plan(self) -> None:
        self.plan = selectors.plan_get_for_actor(actor=self.request.user, plan_id=self.plan.pk)

    @property
    def may_edit(self) -> bool:
        """The user writes this plan and it is being written or was returned."""
        return Part.AUTHOR in self.parts and self.plan.editable

    def detail_url(self) -> str:
        return reverse("plans:plan-detail", kwargs={"plan_id": self.plan.pk})

    def plan_context(self) -> dict:
        return {
            "plan": self.plan,
            "person": self.plan.person,
            "tag_colour": TAG_COLOURS.get(self.plan.status, ""),
            "may_edit": self.may_edit,
            "detail_url": self.detail_url(),
            "is_staff_view": self.request.user.uses_workspace,
        }


class _PlanPage(_PlanMixin):
    """A page of one plan: its template is given the plan's own context (plan_context) too."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.plan_context())
        return context


class _PlanContentsPage(_PlanPage, TemplateView):
    """A page that shows what the plan says: each look at it is recorded (SUPPORT_PLAN_VIEWED)."""

    def get(self, request, *args, **kwargs):
        audit_viewed(request, self.plan)
        return super().get(request, *args, **kwargs)


class _PlanFormPage(_PlanPage, FormView):
    """A form about the plan for those `permitted` lets use it (anyone else gets 404). It carries the
    revision the plan was read at."""

    def permitted(self, user) -> bool:
        return True

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        if not self.permitted(request.user):
            raise Http404("No page here.")
        return None

    def get_initial(self):
        return {**super().get_initial(), "revision": self.plan.revision}


# --- The person's list of plans -----------------------------------------------------------------


class MyPlansView(AccessPolicyMixin, TemplateView):
    access_policy = RESIDENTS
    template_name = "planning/plan_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        plans = list(permissions.plans_visible_to(user).select_related("person").order_by("-created_at"))
        people = list(people_permissions.visible_to(user).order_by("legal_family_name", "legal_given_name"))
        rows = []
        for person in people:
            own_plans = [plan for plan in plans if plan.person_id == person.pk]
            has_open = any(plan.status in lifecycle.OPEN for plan in own_plans)
            may_start = not has_open and permissions.can_start_plan(user, person)
            if not own_plans and not may_start:
                continue
            rows.append(
                {
                    "person": person,
                    "is_self": person.account_id == user.pk,
                    "plans": [
                        {"plan": plan, "tag_colour": TAG_COLOURS.get(plan.status, ""), "budget": budget_figures(plan)}
                        for plan in own_plans
                    ],
                    "may_start": may_start,
                }
            )
        context["rows"] = rows
        return context


# --- Starting a plan ----------------------------------------------------------------------------


class PlanStartView(AccessPolicyMixin, FormView):
    access_policy = PLAN_STARTERS
    template_name = "planning/plan_start.html"
    form_class = forms.StartForm

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        if not permissions.can_start_plan(request.user, self.person):
            raise Http404("No page here.")
        return None

    def get(self, request, *args, **kwargs):
        open_plan = selectors.plan_open_for(person=self.person)
        if open_plan is not None and permissions.can_view(request.user, open_plan):
            messages.info(request, "There is already a support plan being written or decided. This is it.")
            return redirect("plans:plan-detail", plan_id=open_plan.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(person=self.person, is_self=self.person.account_id == self.request.user.pk)
        return context

    def form_valid(self, form):
        try:
            plan = services.support_plan_start(person=self.person, started_by=self.request.user)
        except PlanAlreadyOpen as error:
            open_plan = selectors.plan_open_for(person=self.person)
            if open_plan is not None and permissions.can_view(self.request.user, open_plan):
                messages.info(self.request, error.message)
                return redirect("plans:plan-detail", plan_id=open_plan.pk)
            form_error_from(form, error)
            return self.form_invalid(form)
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect("plans:plan-detail", plan_id=plan.pk)


# --- The plan's task list -----------------------------------------------------------------------

COMPLETED = "Completed"
INCOMPLETE = "Incomplete"
CANNOT_START = "Cannot start yet"


def _task(name: str, url: str, status: str, hint: str = "") -> dict:
    return {"name": name, "url": url if status != CANNOT_START else "", "status": status, "hint": hint}


def plan_tasks(plan: SupportPlan, results, *, outcomes: int, risks: int) -> list[dict]:
    """The parts of writing a plan, each with its status, in the GOV.UK task list pattern."""
    passed = {result.code: result.passed for result in results}

    def url(name: str, **kwargs) -> str:
        return reverse(f"plans:{name}", kwargs={"plan_id": plan.pk, **kwargs})

    done = lambda ok: COMPLETED if ok else INCOMPLETE  # noqa: E731
    tasks = [
        _task(
            "What you want to achieve, and how",
            url("outcome-add") if not outcomes else "#plan-outcomes",
            done(outcomes and passed.get("outcomes_addressed", False)),
            "Say what matters to you in your own words, and what will help with each thing.",
        ),
        _task(
            "Risks, and what makes them smaller",
            url("risk-add") if not risks else "#plan-risks",
            done(risks and passed.get("risks_assessed", False)),
            "Think about what could go wrong, and what would help.",
        ),
        _task(
            "What happens if support lets you down",
            url("plan-contingency"),
            done(passed.get("contingency_plan", False)),
        ),
        _task("How the money will be managed", url("plan-management"), done(passed.get("management_clear", False))),
    ]
    if plan.weekly_budget_amount is not None and plan.weekly_total > plan.weekly_budget_amount:
        tasks.append(
            _task(
                "Why the plan needs more than the budget",
                url("plan-justification"),
                done(passed.get("within_budget", False)),
            )
        )
    tasks += [
        _task("Who helped you write the plan", url("plan-helpers"), done(bool(plan.helped_by.strip()))),
        _task(
            "A broker to help you (if you want one)",
            url("plan-broker"),
            done(plan.broker_id is not None),
            "A broker is someone independent who helps you plan and find support.",
        ),
    ]
    tasks.append(_task("Check and sign off your plan", url("plan-check"), done(passed.get("signed_off", False))))
    tasks.append(_task("Send your plan", url("plan-check"), INCOMPLETE if all(passed.values()) else CANNOT_START))
    return tasks


class PlanDetailView(_PlanContentsPage):
    template_name = "planning/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan, user = self.plan, self.request.user
        summary = plan_summary(plan)
        context.update(summary)
        if self.may_edit:
            results = selectors.plan_check_results(plan=plan)
            context["tasks"] = plan_tasks(plan, results, outcomes=len(summary["outcomes"]), risks=len(summary["risks"]))
        decision = selectors.plan_latest_decision(plan=plan)
        context["waiting_on_council"] = plan.status in lifecycle.WAITING_ON_COUNCIL
        latest = selectors.plan_submissions(plan=plan).first()
        decided_this_version = decision is not None and latest is not None and decision.submission_id == latest.pk
        # Only a decision on the version sent last is news: one on an earlier version is in the history.
        context["decision"] = decision if decided_this_version else None
        if plan.status == PlanStatus.RETURNED and not decided_this_version:
            # Returned by the practitioner who checked it, with comments rather than a decision.
            returned = selectors.plan_status_history(plan=plan).last()
            context["returned_comments"] = returned
            context["returned_by"] = who_for(user, returned.changed_by if returned is not None else None)
        context["actions"] = self.actions(decision)
        context["can_record_exception"] = permissions.can_record_exception(user, plan) and plan.editable
        context["can_choose_broker"] = permissions.can_choose_broker(user, plan) and plan.editable
        # The cost against the net budget: what the person pays towards it, and what the council pays
        # (only for those who may see what the person pays).
        if permissions.can_see_contribution(user, plan):
            contribution = selectors.plan_contribution_weekly(plan=plan)
            if contribution is not None:
                context["is_the_person"] = plan.person.account_id == user.pk
                context["contribution_weekly"] = contribution
                context["council_pays_weekly"] = plan.weekly_total - contribution
        return context

    def actions(self, decision) -> list[dict]:
        """What the user may do next with the plan, by the parts they play in it."""
        plan, user = self.plan, self.request.user
        url = lambda name: reverse(f"plans:{name}", kwargs={"plan_id": plan.pk})  # noqa: E731
        actions = []
        if Part.REVIEWER in self.parts and plan.status in {PlanStatus.SUBMITTED, PlanStatus.IN_REVIEW}:
            actions.append({"text": "Check this plan", "url": url("plan-review")})
        if (
            Part.DECIDER in self.parts
            and plan.status in {PlanStatus.AWAITING_DECISION, PlanStatus.RECONSIDERATION_REQUESTED}
            and plan.decision_route in permissions.decider_roles_for_queue(user)
        ):
            actions.append({"text": "Decide on this plan", "url": url("plan-decide")})
        if (
            Part.REQUESTER in self.parts
            and plan.status in lifecycle.RECONSIDERABLE
            and decision is not None
            and decision.outcome == plan.status
        ):
            actions.append({"text": "Ask for the decision to be looked at again", "url": url("plan-reconsideration")})
        if plan.status in lifecycle.APPROVALS:
            agreement = selectors.agreement_current_for(person=plan.person)
            if agreement is not None and agreement.plan_id == plan.pk:
                actions.append(
                    {
                        "text": "Read the personal budget agreement",
                        "url": reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk}),
                    }
                )
        return actions


# --- Choosing a broker --------------------------------------------------------------------------


class PlanBrokerView(_PlanFormPage):
    template_name = "planning/plan_broker.html"
    form_class = forms.BrokerForm

    def get(self, request, *args, **kwargs):
        audit_viewed(request, self.plan)
        return super().get(request, *args, **kwargs)

    def permitted(self, user) -> bool:
        return permissions.can_choose_broker(user, self.plan)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["brokers"] = list(selectors.active_brokers())
        return kwargs

    def get_initial(self):
        return {
            **super().get_initial(),
            "broker": str(self.plan.broker_id) if self.plan.broker_id else forms.NO_BROKER,
        }

    def form_valid(self, form):
        try:
            services.support_plan_choose_broker(
                plan=self.plan,
                revision=form.cleaned_data["revision"],
                actor=self.request.user,
                broker=form.chosen_broker(),
            )
        except PlanChangedSinceRead as error:
            # Who helps does not depend on what the plan says: the page offers the choice again, as of now.
            self.reload_plan()
            form = forms.BrokerForm(
                data={"revision": self.plan.revision, "broker": form.cleaned_data["broker"]},
                brokers=list(selectors.active_brokers()),
            )
            form.is_valid()
            form.add_error(None, error.message)
            return self.form_invalid(form)
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        broker = form.chosen_broker()
        messages.success(
            self.request,
            f"{broker.display_name} can now help with this plan." if broker else "No broker is helping with this plan.",
        )
        return redirect(self.detail_url())


# --- Check your plan, and sending it ------------------------------------------------------------


class _CheckPageMixin(_PlanMixin):
    """The "check your plan" page, shown by the check view and again by the send view on a refusal."""

    template_name = "planning/plan_check.html"

    def check_context(self, *, submit_form=None, error_items=()) -> dict:
        plan = self.plan
        results = selectors.plan_check_results(plan=plan)
        context = self.plan_context()
        context.update(plan_summary(plan))
        context.update(
            results=results,
            failed=[result for result in results if not result.passed],
            passed=[result for result in results if result.passed],
            all_passed=all(result.passed for result in results),
            can_sign_off=permissions.can_sign_off(self.request.user, plan) and plan.editable,
            can_submit=self.may_edit,
            form=submit_form or forms.SubmitForm(initial={"revision": plan.revision}),
            error_items=list(error_items),
            can_record_exception=permissions.can_record_exception(self.request.user, plan) and plan.editable,
            can_choose_broker=permissions.can_choose_broker(self.request.user, plan),
        )
        return context


class PlanCheckView(_CheckPageMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        audit_viewed(request, self.plan)
        return self.render_to_response(self.check_context())


class PlanSubmitView(_CheckPageMixin, TemplateView):
    """POST only: send the plan. A GET goes to the check page, where the button is."""

    def get(self, request, *args, **kwargs):
        return redirect("plans:plan-check", plan_id=self.plan.pk)

    def post(self, request, *args, **kwargs):
        form = forms.SubmitForm(request.POST)
        if not form.is_valid():
            return self.refused([{"text": error, "href": ""} for errors in form.errors.values() for error in errors])
        try:
            services.support_plan_submit(plan=self.plan, revision=form.cleaned_data["revision"], actor=request.user)
        except PlanChecksFailed as refusal:
            items = [
                {"text": problem, "href": f"#check-{result.code}"}
                for result in refusal.results
                if not result.passed
                for problem in result.problems
            ]
            return self.refused(items)
        except PlanChangedSinceRead as error:
            self.reload_plan()
            return self.refused([{"text": error.message, "href": ""}])
        except ApplicationError as error:
            return self.refused([{"text": error.message, "href": ""}])
        return redirect("plans:plan-submitted", plan_id=self.plan.pk)

    def refused(self, error_items: list[dict]):
        """Nothing was sent: the check page again, as the plan is now, with what stopped it at the top.
        The send button then carries the plan's revision now: the page shows exactly that plan."""
        audit_viewed(self.request, self.plan)
        form = forms.SubmitForm(data={"revision": self.plan.revision})
        form.is_valid()
        form.add_error(None, "The plan has not been sent.")
        return self.render_to_response(self.check_context(submit_form=form, error_items=error_items))


class PlanSubmittedView(_PlanPage, TemplateView):
    template_name = "planning/plan_submitted.html"

    def get(self, request, *args, **kwargs):
        audit_viewed(request, self.plan)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = selectors.decision_policy_in_force()
        context["submission"] = selectors.plan_submissions(plan=self.plan).first()
        context["target_days"] = policy.panel_target_days if policy else None
        return context


# --- Signing off --------------------------------------------------------------------------------


class PlanSignOffView(_PlanFormPage):
    template_name = "planning/plan_sign_off.html"
    form_class = forms.SignOffForm

    def get(self, request, *args, **kwargs):
        audit_viewed(request, self.plan)
        return super().get(request, *args, **kwargs)

    def permitted(self, user) -> bool:
        return permissions.can_sign_off(user, self.plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_self"] = self.plan.person.account_id == self.request.user.pk
        return context

    def form_valid(self, form):
        try:
            services.support_plan_sign_off(
                plan=self.plan,
                revision=form.cleaned_data["revision"],
                actor=self.request.user,
                typed_name=form.cleaned_data["typed_name"],
            )
        except ApplicationError as error:
            # A stale revision is not refreshed here: the person must read the plan as it is now first.
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "You have signed off the plan. You can now send it.")
        return redirect("plans:plan-check", plan_id=self.plan.pk)


# --- Versions -----------------------------------------------------------------------------------


def snapshot_rows(snapshot: dict) -> dict:
    """A submitted version's snapshot, laid out to read: the plan's details, each outcome with the
    ways it is met, and the risks."""
    names = selectors.SNAPSHOT_FIELD_NAMES
    detail_keys = (
        "weekly_budget_amount",
        "weekly_total",
        "one_off_total",
        "management_method",
        "direct_payment_recipient",
        "isf_provider_name",
        "over_budget_justification",
        "contingency_plan",
        "helped_by",
        "signed_off_name",
    )
    item_keys = (
        "kind",
        "provider_name",
        "hours_per_week",
        "hourly_rate",
        "employer_costs_weekly",
        "weekly_cost",
        "one_off_cost",
        "managed_by",
        "payee",
        "relative_exception",
        "informal_agreement",
    )
    risk_keys = ("likelihood", "reduced_by", "responsible", "persons_view")

    def shown(value) -> str:
        if value is True:
            return "Yes"
        if value is False:
            return "No"
        return "" if value is None else str(value)

    def fields(row: dict, keys) -> list[dict]:
        return [{"label": names.get(key, key), "value": shown(row.get(key))} for key in keys if shown(row.get(key))]

    items = snapshot.get("items", [])
    outcomes = []
    for outcome in snapshot.get("outcomes", []):
        label = outcome.get("in_own_words", "")[:80]
        outcomes.append(
            {
                "in_own_words": outcome.get("in_own_words", ""),
                "eligible_outcome": outcome.get("eligible_outcome", ""),
                "items": [
                    {"description": item.get("description", ""), "fields": fields(item, item_keys)}
                    for item in items
                    if item.get("outcome", "") == label
                ],
            }
        )
    return {
        "details": [{"label": names.get(key, key), "value": shown(snapshot.get(key))} for key in detail_keys],
        "outcomes": outcomes,
        "risks": [
            {"description": risk.get("description", ""), "fields": fields(risk, risk_keys)}
            for risk in snapshot.get("risks", [])
        ],
    }


class PlanVersionsView(_PlanContentsPage):
    template_name = "planning/plan_versions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submissions = list(selectors.plan_submissions(plan=self.plan))
        viewer = self.request.user
        context["submissions"] = [(submission, who_for(viewer, submission.submitted_by)) for submission in submissions]
        return context


class PlanVersionView(_PlanContentsPage):
    template_name = "planning/plan_version.html"

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        self.submission = selectors.plan_submissions(plan=self.plan).filter(number=kwargs["number"]).first()
        if self.submission is None:
            raise Http404("No version with that number.")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submission"] = self.submission
        context["sent_by"] = who_for(self.request.user, self.submission.submitted_by)
        context["version"] = snapshot_rows(self.submission.snapshot)
        context["failed_checks"] = [check for check in self.submission.checks if not check.get("passed")]
        return context


class PlanVersionCompareView(_PlanContentsPage):
    """?from=N&to=M; with neither, the latest two versions."""

    template_name = "planning/plan_version_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submissions = {submission.number: submission for submission in selectors.plan_submissions(plan=self.plan)}
        numbers = sorted(submissions)
        context["numbers"] = numbers
        query = self.request.GET
        if len(numbers) < 2:
            form = forms.CompareForm(numbers=numbers)
        elif "from" in query or "to" in query:
            form = forms.CompareForm(query, numbers=numbers)
        elif len(numbers) >= 2:
            form = forms.CompareForm({"from": numbers[-2], "to": numbers[-1]}, numbers=numbers)
        else:
            form = forms.CompareForm(numbers=numbers)
        context["form"] = form
        if form.is_bound and form.is_valid():
            before, after = submissions[form.cleaned_data["from"]], submissions[form.cleaned_data["to"]]
            context.update(before=before, after=after)
            context["changes"] = selectors.submission_changes(before=before, after=after)
        return context


class PlanHistoryView(_PlanContentsPage):
    template_name = "planning/plan_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        viewer = self.request.user

        def describe(user):
            # Residents and representatives see council staff by role and team, never by name.
            return None if shown_by_name(viewer, user) else staff_description(user)

        context["entries"] = selectors.plan_history_entries(self.plan, describe)
        return context
