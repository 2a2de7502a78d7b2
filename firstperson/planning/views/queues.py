"""Staff lists of plans: to check, to decide, the funding panel's queue, a team's caseload, and a
broker's plans. Longest waiting first where the plan waits on the council.

Each list reads its rows through one selector that loads the person and broker with the plan
(select_related / only), pages them 50 at a time, and works out days waiting from the rows
themselves, so the number of queries does not grow with the number of plans.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import TemplateView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role

from .. import selectors
from ..models import PlanStatus

PAGE_SIZE = 50
WAITING_FOR_DECISION = (PlanStatus.AWAITING_DECISION, PlanStatus.RECONSIDERATION_REQUESTED)

CASEWORKERS = for_roles([Role.PRACTITIONER, Role.TEAM_MANAGER], "Practitioners and team managers")


def rows_for(plans, *, target_days: int | None = None) -> list[dict]:
    """Each plan with its days waiting and, against a target, whether it is overdue."""
    rows = []
    for plan in plans:
        days = selectors.days_waiting(plan)
        rows.append(
            {
                "plan": plan,
                "days_waiting": days,
                "overdue": target_days is not None and plan.waiting_since is not None and days > target_days,
                "over_budget": plan.weekly_budget_amount is not None and plan.weekly_total > plan.weekly_budget_amount,
            }
        )
    return rows


class QueuePage(AccessPolicyMixin, TemplateView):
    """A paged list of plans: `plans()` gives the whole queue as one queryset. `against_target`: the
    policy's target for a decision applies to this list's waits (not to plans waiting to be checked)."""

    against_target = True

    def plans(self):
        raise NotImplementedError

    def page(self, plans):
        return Paginator(plans, PAGE_SIZE).get_page(self.request.GET.get("page"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = selectors.decision_policy_in_force()
        page = self.page(self.plans())
        context.update(
            policy=policy,
            page=page,
            rows=rows_for(
                page.object_list,
                target_days=policy.panel_target_days if policy and self.against_target else None,
            ),
            page_numbers=list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
            if page.paginator.num_pages > 1
            else [],
        )
        return context


class ReviewQueueView(QueuePage):
    """Plans sent for checking, or being checked, in Chloe's team: longest waiting first."""

    access_policy = CASEWORKERS
    template_name = "planning/queue_review.html"
    # The decision target is the panel's; a plan waiting to be checked is shown with its days waiting only.
    against_target = False

    def plans(self):
        return selectors.review_queue_for(actor=self.request.user)


class DecisionQueueView(QueuePage):
    """Plans waiting for Tom's decision (or a practitioner's, where the policy lets them decide)."""

    access_policy = CASEWORKERS
    template_name = "planning/queue_decisions.html"

    def load_objects(self, request, *args, **kwargs):
        if request.user.role == Role.PRACTITIONER:
            policy = selectors.decision_policy_in_force()
            limit = policy.practitioner_weekly_limit if policy else None
            if not limit:
                raise Http404("No page here.")
        return None

    def plans(self):
        return selectors.decision_queue_for(actor=self.request.user)


class PanelQueueView(QueuePage):
    """The funding panel's queue: plans above every delegation, with days waiting against the target.
    Team managers see it too, as the panel's chair, for the people in their team."""

    access_policy = for_roles([Role.PANEL_MEMBER, Role.TEAM_MANAGER], "Funding panel members and team managers")
    template_name = "planning/queue_panel.html"

    def plans(self):
        return selectors.panel_queue_for(actor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = context["policy"]
        target = policy.panel_target_days if policy else None
        # Counted by the database, in a few small queries however long the queue is.
        context.update(target_days=target, **selectors.panel_queue_summary(actor=self.request.user, target_days=target))
        return context


class CaseloadPlansView(QueuePage):
    """Every open plan in the team's caseload, with its status, cost against budget and days waiting."""

    access_policy = CASEWORKERS
    template_name = "planning/queue_caseload.html"

    def plans(self):
        return selectors.caseload_plans_for(actor=self.request.user)


class BrokerPlansView(QueuePage):
    """Grace's plans: the open plans of the people who chose her as their broker."""

    access_policy = for_roles([Role.BROKER], "Brokers")
    template_name = "planning/queue_broker.html"

    def plans(self):
        return selectors.caseload_plans_for(actor=self.request.user)
