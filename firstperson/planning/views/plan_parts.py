"""Writing the parts of a support plan, one short page each: what the person wants to achieve, how
each outcome will be met and what it costs, the risks they choose to take, how the budget is
managed, what happens if support lets them down, why they need more than the budget, and who
helped them write it.

Only someone who may write the plan reaches these pages (the person, a representative acting for
them, the broker they chose, a practitioner in their team); anyone else gets 404, including those
who may only read it. Each form carries the revision of the plan it was read at; a services error
(someone else saved first, the plan has been sent) is shown in the error summary and nothing is saved.
"""

import uuid
from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from firstperson.directory.selectors import public_services
from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

from .. import permissions, selectors, services
from ..forms import plan_parts as forms
from ..models import ItemKind, ManagedBy, PayeeRelationship, PlanItem, PlanOutcome, PlanRisk
from ..rules import costing

#: How many directory services the community-service page offers for one search.
DIRECTORY_CHOICES = 50


def money(value: Decimal | None) -> str:
    return f"£{value or Decimal(0):,.2f}"


def hours(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return f"{text} hour" if value == 1 else f"{text} hours"


def worked_cost(item: PlanItem) -> str:
    """How the item's cost is worked out, in words: "10 hours × £13.50 + £12.00 = £147.00 a week"."""
    kind = costing.ItemKind(item.kind)
    cost = costing.ItemCost(
        kind=kind,
        hours_per_week=item.hours_per_week,
        hourly_rate=item.hourly_rate,
        employer_costs_weekly=item.employer_costs_weekly,
        weekly_amount=item.weekly_amount,
        one_off_amount=item.one_off_amount,
    )
    weekly = costing.item_weekly_cost(cost)
    one_off = costing.item_one_off_cost(cost)
    if kind in costing.UNPAID_KINDS:
        return "unpaid, so it costs nothing from your budget"
    if kind in costing.HOURLY_KINDS:
        sum_text = f"{hours(item.hours_per_week or Decimal(0))} × {money(item.hourly_rate)}"
        if kind == costing.ItemKind.PERSONAL_ASSISTANT and item.employer_costs_weekly:
            sum_text += f" + {money(item.employer_costs_weekly)}"
        return f"{sum_text} = {money(weekly)} a week"
    parts = []
    if weekly or not one_off:
        parts.append(f"{money(weekly)} a week")
    if one_off:
        parts.append(f"{money(one_off)} once")
    return " and ".join(parts)


def payee_rule_applies(item: PlanItem) -> bool:
    """Whether the plain-English note on paying family (REFERENCE.md §4.2) is about this item."""
    return item.payee_relationship == PayeeRelationship.SPOUSE_OR_PARTNER or (
        item.payee_relationship == PayeeRelationship.CLOSE_RELATIVE and item.payee_lives_with_person
    )


def exception_needed(item: PlanItem) -> bool:
    """The item pays a partner, or a close relative at home, from a direct payment, and the council has
    not yet recorded why that is necessary: a practitioner must, before the plan can be sent."""
    return (
        item.managed_by == ManagedBy.DIRECT_PAYMENT
        and payee_rule_applies(item)
        and item.relative_exception_recorded_at is None
    )


PAYEE_RULE = (
    "A direct payment can pay your husband, wife, civil partner or partner, or a close relative who lives "
    "with you, only if the council agrees it is necessary: to meet your care needs, or to help you manage "
    "the direct payment. Your practitioner will talk to you about this, and must record why before the plan "
    "can be sent."
)


class PlanPartView(AccessPolicyMixin, View):
    """A page that changes one part of a plan the user may write."""

    access_policy = SIGNED_IN
    template_name = ""

    def load_objects(self, request, *args, **kwargs):
        self.plan = selectors.plan_get_for_actor(actor=request.user, plan_id=kwargs["plan_id"])
        if not permissions.can_edit(request.user, self.plan):
            raise Http404("No page here.")
        self.plan_url = reverse("plans:plan-detail", kwargs={"plan_id": self.plan.pk})
        return self.load_part(request, **kwargs)

    def load_part(self, request, **kwargs):
        return None

    # --- what each page supplies

    def make_form(self, data=None):
        raise NotImplementedError

    def initial(self) -> dict:
        return {}

    def save(self, form):
        """Call the service; return the response to send."""
        raise NotImplementedError

    def extra_context(self) -> dict:
        return {}

    def back_url(self) -> str:
        return self.plan_url

    # --- the same for every page

    def form_kwargs(self, data) -> dict:
        if data is not None:
            return {"data": data}
        return {"initial": {"revision": self.plan.revision, **self.initial()}}

    def render_page(self, form):
        is_person = self.plan.person.account_id == self.request.user.pk
        context = {
            "plan": self.plan,
            "form": form,
            "plan_url": self.plan_url,
            "back_url": self.back_url(),
            "caption": "Your support plan" if is_person else f"Support plan for {self.plan.person.full_name}",
            **self.extra_context(),
        }
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        if not self.plan.editable:
            messages.info(
                request, "This plan has been sent, so it cannot be changed now. It can be changed if it is returned."
            )
            return redirect(self.plan_url)
        audit_record(
            actor=request.user,
            verb=AuditVerb.SUPPORT_PLAN_VIEWED,
            object_type="planning.supportplan",
            object_id=self.plan.pk,
            person_id=self.plan.person_id,
            page=request.path,
        )
        return self.render_page(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                return self.save(form)
            except ApplicationError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
        return self.render_page(form)

    def saved(self, message: str, url: str | None = None):
        messages.success(self.request, message)
        return redirect(url or self.plan_url)


# --- Outcomes -----------------------------------------------------------------------------------


class _OutcomeMixin:
    def load_outcome(self, outcome_id) -> PlanOutcome:
        return get_object_or_404(PlanOutcome, pk=outcome_id, plan=self.plan)


class OutcomeAddView(PlanPartView):
    template_name = "planning/outcome_form.html"

    def make_form(self, data=None):
        return forms.OutcomeForm(eligible=selectors.eligible_outcomes(plan=self.plan), **self.form_kwargs(data))

    def save(self, form):
        outcome = services.outcome_add(
            plan=self.plan,
            revision=form.cleaned_data["revision"],
            actor=self.request.user,
            values=services.OutcomeValues(
                in_own_words=form.cleaned_data["in_own_words"], eligible_outcome_code=form.outcome_code()
            ),
        )
        return self.saved(
            "Outcome added. Now say how it will be met.",
            reverse("plans:item-add", kwargs={"plan_id": self.plan.pk, "outcome_id": outcome.pk}),
        )


class OutcomeEditView(_OutcomeMixin, PlanPartView):
    template_name = "planning/outcome_form.html"

    def load_part(self, request, **kwargs):
        self.outcome = self.load_outcome(kwargs["outcome_id"])

    def initial(self):
        code = self.outcome.eligible_outcome_code
        return {"in_own_words": self.outcome.in_own_words, "eligible_outcome_code": code or forms.NONE_OF_THESE}

    def make_form(self, data=None):
        return forms.OutcomeForm(eligible=selectors.eligible_outcomes(plan=self.plan), **self.form_kwargs(data))

    def extra_context(self):
        return {"outcome": self.outcome}

    def save(self, form):
        services.outcome_update(
            outcome=self.outcome,
            revision=form.cleaned_data["revision"],
            actor=self.request.user,
            values=services.OutcomeValues(
                in_own_words=form.cleaned_data["in_own_words"], eligible_outcome_code=form.outcome_code()
            ),
        )
        return self.saved("Outcome changed.")


class OutcomeRemoveView(_OutcomeMixin, PlanPartView):
    template_name = "planning/outcome_remove.html"

    def load_part(self, request, **kwargs):
        self.outcome = self.load_outcome(kwargs["outcome_id"])

    def make_form(self, data=None):
        return forms.ConfirmForm(**self.form_kwargs(data))

    def extra_context(self):
        return {"outcome": self.outcome, "items": list(self.outcome.items.order_by("order", "id"))}

    def save(self, form):
        services.outcome_remove(outcome=self.outcome, revision=form.cleaned_data["revision"], actor=self.request.user)
        return self.saved("Outcome removed, with the ways it was to be met.")


# --- How an outcome is met ----------------------------------------------------------------------


class ItemKindView(_OutcomeMixin, PlanPartView):
    """Which kind of support: the first of the two pages that add a way of meeting an outcome."""

    template_name = "planning/item_kind.html"

    def load_part(self, request, **kwargs):
        self.outcome = self.load_outcome(kwargs["outcome_id"])

    def make_form(self, data=None):
        if data is not None:
            return forms.ItemKindForm(data=data)
        return forms.ItemKindForm(initial={"kind": self.request.GET.get("kind", "")})

    def extra_context(self):
        return {"outcome": self.outcome, "outcome_hint": f"You said: \u201c{self.outcome.in_own_words}\u201d"}

    def post(self, request, *args, **kwargs):
        # Nothing is saved here: the choice takes the person to that kind's page.
        form = self.make_form(request.POST)
        if form.is_valid():
            return redirect(
                "plans:item-add-details",
                plan_id=self.plan.pk,
                outcome_id=self.outcome.pk,
                kind=form.cleaned_data["kind"],
            )
        return self.render_page(form)


class _ItemFormMixin:
    template_name = "planning/item_form.html"

    def directory_services(self, current=None) -> list:
        """Published directory services to offer (community services): those matching the `q`
        search, the one posted, and the one already chosen."""
        found = []
        query = self.request.GET.get("q", "").strip()[:100]
        if query:
            found = list(public_services().filter(name__icontains=query).order_by("name")[:DIRECTORY_CHOICES])
        self.directory_query = query
        self.directory_found = len(found)
        wanted = [value for value in (self.request.POST.get("directory_service"), current) if value]
        for value in wanted:
            try:
                service = public_services().filter(pk=uuid.UUID(str(value))).first()
            except ValueError:  # not an id at all: the form says to choose from the list
                service = None
            if service is not None and all(s.pk != service.pk for s in found):
                found.insert(0, service)
        return found

    def build_item_form(self, kind: str, data, initial: dict | None):
        form_class = forms.ITEM_FORMS[kind]
        extra = {}
        if kind == ItemKind.COMMUNITY:
            current = getattr(getattr(self, "item", None), "directory_service_id", None)
            extra["services"] = self.directory_services(str(current) if current else None)
        if data is not None:
            return form_class(data=data, **extra)
        return form_class(initial={"revision": self.plan.revision, **(initial or {})}, **extra)

    def item_context(self, kind: str) -> dict:
        return {
            "kind": kind,
            "kind_label": ItemKind(kind).label,
            "payee_rule": PAYEE_RULE,
            "managed_by_hint": "" if forms.ITEM_FORMS[kind].needs_managed_by else "Answer this if it costs something.",
            "directory_query": getattr(self, "directory_query", ""),
            "directory_found": getattr(self, "directory_found", None),
        }

    def item_saved(self, item: PlanItem, what: str):
        self.plan.refresh_from_db()
        budget = (
            f" Your budget is {money(self.plan.weekly_budget_amount)} a week."
            if self.plan.weekly_budget_amount is not None
            else ""
        )
        if item.managed_by == ManagedBy.DIRECT_PAYMENT and payee_rule_applies(item):
            messages.warning(self.request, PAYEE_RULE)
        return self.saved(
            f"{what}: {item.description}, {worked_cost(item)}. "
            f"Your plan now costs {money(self.plan.weekly_total)} a week.{budget}"
        )


class ItemAddView(_ItemFormMixin, _OutcomeMixin, PlanPartView):
    def load_part(self, request, **kwargs):
        self.outcome = self.load_outcome(kwargs["outcome_id"])
        if kwargs["kind"] not in ItemKind.values:
            raise Http404("No such kind of support.")
        self.kind = kwargs["kind"]

    def make_form(self, data=None):
        return self.build_item_form(self.kind, data, None)

    def back_url(self):
        url = reverse("plans:item-add", kwargs={"plan_id": self.plan.pk, "outcome_id": self.outcome.pk})
        return f"{url}?kind={self.kind}"

    def extra_context(self):
        return {"outcome": self.outcome, "adding": True, **self.item_context(self.kind)}

    def save(self, form):
        item = services.item_add(
            outcome=self.outcome,
            revision=form.cleaned_data["revision"],
            actor=self.request.user,
            values=form.item_values(),
        )
        return self.item_saved(item, "Added")


class _ItemMixin:
    def load_item(self, item_id) -> PlanItem:
        return get_object_or_404(PlanItem.objects.select_related("outcome"), pk=item_id, plan=self.plan)


class ItemEditView(_ItemFormMixin, _ItemMixin, PlanPartView):
    def load_part(self, request, **kwargs):
        self.item = self.load_item(kwargs["item_id"])
        self.outcome = self.item.outcome

    def make_form(self, data=None):
        form_class = forms.ITEM_FORMS[self.item.kind]
        return self.build_item_form(self.item.kind, data, form_class.initial_from(self.item))

    def extra_context(self):
        return {
            "outcome": self.outcome,
            "item": self.item,
            "adding": False,
            "exception_needed": exception_needed(self.item),
            "can_record_exception": permissions.can_record_exception(self.request.user, self.plan),
            **self.item_context(self.item.kind),
        }

    def save(self, form):
        item = services.item_update(
            item=self.item,
            revision=form.cleaned_data["revision"],
            actor=self.request.user,
            values=form.item_values(),
        )
        return self.item_saved(item, "Changed")


class ItemRemoveView(_ItemMixin, PlanPartView):
    template_name = "planning/item_remove.html"

    def load_part(self, request, **kwargs):
        self.item = self.load_item(kwargs["item_id"])

    def make_form(self, data=None):
        return forms.ConfirmForm(**self.form_kwargs(data))

    def extra_context(self):
        return {"item": self.item, "cost": worked_cost(self.item)}

    def save(self, form):
        services.item_remove(item=self.item, revision=form.cleaned_data["revision"], actor=self.request.user)
        self.plan.refresh_from_db()
        return self.saved(f"Removed. Your plan now costs {money(self.plan.weekly_total)} a week.")


# --- Risks --------------------------------------------------------------------------------------


class RiskAddView(PlanPartView):
    template_name = "planning/risk_form.html"

    def make_form(self, data=None):
        return forms.RiskForm(**self.form_kwargs(data))

    def save(self, form):
        services.risk_add(
            plan=self.plan, revision=form.cleaned_data["revision"], actor=self.request.user, values=form.plan_values()
        )
        return self.saved("Risk added.")


class _RiskMixin:
    def load_part(self, request, **kwargs):
        self.risk = get_object_or_404(PlanRisk, pk=kwargs["risk_id"], plan=self.plan)

    def extra_context(self):
        return {"risk": self.risk}


class RiskEditView(_RiskMixin, PlanPartView):
    template_name = "planning/risk_form.html"

    def initial(self):
        return {name: getattr(self.risk, name) for name in forms.RiskForm.base_fields if name != "revision"}

    def make_form(self, data=None):
        return forms.RiskForm(**self.form_kwargs(data))

    def save(self, form):
        services.risk_update(
            risk=self.risk, revision=form.cleaned_data["revision"], actor=self.request.user, values=form.plan_values()
        )
        return self.saved("Risk changed.")


class RiskRemoveView(_RiskMixin, PlanPartView):
    template_name = "planning/risk_remove.html"

    def make_form(self, data=None):
        return forms.ConfirmForm(**self.form_kwargs(data))

    def save(self, form):
        services.risk_remove(risk=self.risk, revision=form.cleaned_data["revision"], actor=self.request.user)
        return self.saved("Risk removed.")


# --- The plan's own details ---------------------------------------------------------------------


class PlanManagementView(PlanPartView):
    template_name = "planning/plan_management.html"

    def initial(self):
        return {
            "management_method": self.plan.management_method,
            "direct_payment_recipient": self.plan.direct_payment_recipient,
            "isf_provider_name": self.plan.isf_provider_name,
        }

    def make_form(self, data=None):
        return forms.ManagementForm(**self.form_kwargs(data))

    def extra_context(self):
        # What the support in the plan costs each week, by how each part is paid for (a mix).
        totals, unassigned = selectors.plan_weekly_by_management(plan=self.plan)
        rows = [
            {"label": forms.MANAGED_BY_LABELS[value], "amount": money(amount)}
            for value, amount in totals.items()
            if amount
        ]
        if unassigned:
            rows.append({"label": "Not said yet", "amount": money(unassigned)})
        return {"paid_rows": rows}

    def save(self, form):
        services.support_plan_update(
            plan=self.plan, revision=form.cleaned_data["revision"], actor=self.request.user, **form.plan_values()
        )
        return self.saved("How your budget will be managed is saved.")


class PlanContingencyView(PlanPartView):
    template_name = "planning/plan_contingency.html"

    def initial(self):
        return {"contingency_plan": self.plan.contingency_plan}

    def make_form(self, data=None):
        return forms.ContingencyForm(**self.form_kwargs(data))

    def save(self, form):
        services.support_plan_update(
            plan=self.plan, revision=form.cleaned_data["revision"], actor=self.request.user, **form.plan_values()
        )
        return self.saved("Your plan for when support lets you down is saved.")


class PlanJustificationView(PlanPartView):
    template_name = "planning/plan_justification.html"

    def load_part(self, request, **kwargs):
        budget = self.plan.weekly_budget_amount
        self.over_budget = budget is not None and self.plan.weekly_total > budget
        self.difference = costing.pounds(self.plan.weekly_total - budget) if self.over_budget else None

    def initial(self):
        return {"over_budget_justification": self.plan.over_budget_justification}

    def make_form(self, data=None):
        return forms.JustificationForm(required=self.over_budget, **self.form_kwargs(data))

    def extra_context(self):
        return {
            "over_budget": self.over_budget,
            "budget": money(self.plan.weekly_budget_amount) if self.plan.weekly_budget_amount is not None else "",
            "cost": money(self.plan.weekly_total),
            "difference": money(self.difference) if self.difference is not None else "",
        }

    def save(self, form):
        services.support_plan_update(
            plan=self.plan, revision=form.cleaned_data["revision"], actor=self.request.user, **form.plan_values()
        )
        return self.saved("Why you need more than your budget is saved.")


class PlanHelpersView(PlanPartView):
    template_name = "planning/plan_helpers.html"

    def initial(self):
        return {"helped_by": self.plan.helped_by}

    def make_form(self, data=None):
        return forms.HelpersForm(**self.form_kwargs(data))

    def save(self, form):
        services.support_plan_update(
            plan=self.plan, revision=form.cleaned_data["revision"], actor=self.request.user, **form.plan_values()
        )
        return self.saved("Who helped you write your plan is saved.")
