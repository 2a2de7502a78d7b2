"""Writing a support plan: start it, change its parts, record exceptions, choose a broker, sign off.

Every change is one transaction that locks the plan row, refuses a stale form (the revision it was
read at is not the plan's revision now: someone else saved in between) and a plan that is not being
written, bumps the revision, works the totals out again and clears the person's sign-off (they signed
a different plan), and writes an audit event.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from firstperson.allocation.models import IndicativeBudget
from firstperson.allocation.selectors import budget_agreed_figure
from firstperson.people.models import Person
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import permissions, selectors
from ..exceptions import (
    PlanAlreadyOpen,
    PlanChangedSinceRead,
    PlanNotEditable,
    TransitionRefused,
)
from ..models import (
    ItemKind,
    PayeeRelationship,
    PlanItem,
    PlanOutcome,
    PlanRisk,
    RelativeExceptionBasis,
    SupportPlan,
)
from ..rules import costing

PLAN_FIELDS = (
    "management_method",
    "direct_payment_recipient",
    "isf_provider_name",
    "over_budget_justification",
    "contingency_plan",
    "helped_by",
)
OUTCOME_FIELDS = ("in_own_words", "eligible_outcome_code")
ITEM_FIELDS = (
    "kind",
    "description",
    "provider_name",
    "directory_service",
    "hours_per_week",
    "hourly_rate",
    "employer_costs_weekly",
    "weekly_amount",
    "one_off_amount",
    "managed_by",
    "payee_relationship",
    "payee_lives_with_person",
    "informal_agreement_recorded",
)
RISK_FIELDS = ("description", "likelihood", "reduced_by", "responsible", "persons_view")


def history_by(actor, instance: Any) -> Any:
    """Name the actor on the change-history row the next save or delete writes (django-simple-history
    otherwise takes it from the request, and there is none in a task, a command or a test)."""
    instance._history_user = actor if getattr(actor, "is_authenticated", False) else None
    return instance


def _current_budget(person: Person) -> IndicativeBudget | None:
    return IndicativeBudget.objects.filter(person=person, is_current=True).order_by("-computed_at").first()


def _audit(plan: SupportPlan, actor, verb: AuditVerb, **payload: Any) -> None:
    audit_record(
        actor=actor,
        verb=verb,
        object_type="planning.supportplan",
        object_id=plan.pk,
        person_id=plan.person_id,
        payload={"revision": plan.revision, **payload},
    )


def support_plan_start(*, person: Person, started_by) -> SupportPlan:
    """A new plan for the person, written against their current indicative budget and eligibility."""
    if not permissions.can_start_plan(started_by, person):
        raise TransitionRefused("You cannot start a plan for this person.")
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        if selectors.plan_open_for(person=person) is not None:
            raise PlanAlreadyOpen("There is already a plan being written or decided for this person.")
        budget = _current_budget(person)
        determination = selectors.eligibility_latest_for(person=person)
        plan = SupportPlan(
            person=person,
            indicative_budget=budget,
            eligibility=determination if determination is not None and determination.eligible else None,
            weekly_budget_amount=budget_agreed_figure(budget=budget).weekly_amount if budget else None,
            broker=None,
            created_by=started_by,
            updated_by=started_by,
        )
        history_by(started_by, plan).save()
        _audit(plan, started_by, AuditVerb.SUPPORT_PLAN_STARTED)
    return plan


def _lock(plan: SupportPlan, *, revision: int, actor) -> SupportPlan:
    """The plan row, locked, if the actor may write it, it is being written and nobody saved since."""
    locked = SupportPlan.objects.select_for_update(of=("self",)).select_related("person").get(pk=plan.pk)
    if not permissions.can_edit(actor, locked):
        raise TransitionRefused("You cannot change this plan.")
    if not locked.editable:
        raise PlanNotEditable(
            "This plan has been sent, so it cannot be changed now. It can be changed again if it is returned."
        )
    if locked.revision != revision:
        raise PlanChangedSinceRead(
            "Someone else changed this plan while you were working on it. Your change has not been saved. "
            "Look at the plan as it is now, then make your change again."
        )
    return locked


def _item_cost(item: PlanItem) -> costing.ItemCost:
    return costing.ItemCost(
        kind=costing.ItemKind(item.kind),
        hours_per_week=item.hours_per_week,
        hourly_rate=item.hourly_rate,
        employer_costs_weekly=item.employer_costs_weekly,
        weekly_amount=item.weekly_amount,
        one_off_amount=item.one_off_amount,
    )


def _changed(plan: SupportPlan, actor, what: str, *, keep_sign_off: bool = False) -> SupportPlan:
    """Bump the revision, work the totals out again, clear the sign-off, audit."""
    totals = costing.plan_totals([_item_cost(item) for item in plan.items.all()], plan.weekly_budget_amount)
    plan.weekly_total = totals.weekly_total
    plan.one_off_total = totals.one_off_total
    plan.revision += 1
    plan.updated_by = actor
    if not keep_sign_off:
        plan.signed_off_at = None
        plan.signed_off_by = None
        plan.signed_off_name = ""
    history_by(actor, plan).save()
    _audit(plan, actor, AuditVerb.SUPPORT_PLAN_CHANGED, what=what)
    return plan


def support_plan_update(*, plan: SupportPlan, revision: int, actor, **values: Any) -> SupportPlan:
    """Change the plan's own fields (how it is managed, justification, contingency, who helped)."""
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Not plan fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock(plan, revision=revision, actor=actor)
        for name, value in values.items():
            setattr(locked, name, value)
        return _changed(locked, actor, "details: " + ", ".join(sorted(values)))


def support_plan_refresh_budget(*, plan: SupportPlan, revision: int, actor) -> SupportPlan:
    """Write the plan against the person's budget as it stands now (after a moderation, say)."""
    with transaction.atomic():
        locked = _lock(plan, revision=revision, actor=actor)
        budget = _current_budget(locked.person)
        locked.indicative_budget = budget
        locked.weekly_budget_amount = budget_agreed_figure(budget=budget).weekly_amount if budget else None
        return _changed(locked, actor, "budget refreshed")


@dataclass(frozen=True)
class OutcomeValues:
    in_own_words: str
    eligible_outcome_code: str = ""


def outcome_add(*, plan: SupportPlan, revision: int, actor, values: OutcomeValues) -> PlanOutcome:
    with transaction.atomic():
        locked = _lock(plan, revision=revision, actor=actor)
        order = locked.outcomes.count()
        outcome = PlanOutcome(plan=locked, order=order, **values.__dict__)
        history_by(actor, outcome).save()
        _changed(locked, actor, "outcome added")
    return outcome


def outcome_update(*, outcome: PlanOutcome, revision: int, actor, values: OutcomeValues) -> PlanOutcome:
    with transaction.atomic():
        locked = _lock(outcome.plan, revision=revision, actor=actor)
        for name, value in values.__dict__.items():
            setattr(outcome, name, value)
        history_by(actor, outcome).save()
        _changed(locked, actor, "outcome changed")
    return outcome


def outcome_remove(*, outcome: PlanOutcome, revision: int, actor) -> None:
    """Remove an outcome and the ways it was to be met."""
    with transaction.atomic():
        locked = _lock(outcome.plan, revision=revision, actor=actor)
        for item in outcome.items.all():
            history_by(actor, item).delete()
        history_by(actor, outcome).delete()
        _changed(locked, actor, "outcome removed")


def _apply_item_values(item: PlanItem, values: dict[str, Any]) -> PlanItem:
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"Not item fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(item, name, value)
    if item.kind == ItemKind.INFORMAL:
        item.managed_by = ""
    cost = _item_cost(item)
    item.weekly_cost = costing.item_weekly_cost(cost)
    item.one_off_cost = costing.item_one_off_cost(cost)
    return item


def item_add(*, outcome: PlanOutcome, revision: int, actor, values: dict[str, Any]) -> PlanItem:
    with transaction.atomic():
        locked = _lock(outcome.plan, revision=revision, actor=actor)
        item = _apply_item_values(PlanItem(plan=locked, outcome=outcome, order=locked.items.count()), values)
        history_by(actor, item).save()
        _changed(locked, actor, "support added")
    return item


def item_update(*, item: PlanItem, revision: int, actor, values: dict[str, Any]) -> PlanItem:
    """Change an item. A change to who is paid clears any exception recorded for the old payee."""
    with transaction.atomic():
        locked = _lock(item.plan, revision=revision, actor=actor)
        payee_before = _exception_covers(item)
        _apply_item_values(item, values)
        if _exception_covers(item) != payee_before:
            _clear_exception(item)
        history_by(actor, item).save()
        _changed(locked, actor, "support changed")
    return item


def item_remove(*, item: PlanItem, revision: int, actor) -> None:
    with transaction.atomic():
        locked = _lock(item.plan, revision=revision, actor=actor)
        history_by(actor, item).delete()
        _changed(locked, actor, "support removed")


def _exception_covers(item: PlanItem) -> tuple:
    """What an exception to pay a relative was agreed for: who is paid, where they live, how much
    and how it is paid. A change to any of these needs the exception agreed again."""
    return (
        item.payee_relationship,
        item.payee_lives_with_person,
        item.provider_name,
        item.description,
        item.weekly_cost,
        item.one_off_cost,
        item.managed_by,
    )


def _clear_exception(item: PlanItem) -> None:
    item.relative_exception_basis = ""
    item.relative_exception_reason = ""
    item.relative_exception_recorded_by = None
    item.relative_exception_recorded_at = None


def item_record_relative_exception(*, item: PlanItem, revision: int, actor, basis: str, reason: str) -> PlanItem:
    """The council agrees that paying the person's spouse or partner, or a close relative who lives
    with them, from a direct payment is necessary (Care and Support (Direct Payments) Regulations
    2014 reg 3; REFERENCE.md §4.2): for care needs, or for administration and management support."""
    if not permissions.can_record_exception(actor, item.plan):
        raise TransitionRefused("Only a practitioner in the person's team can record this exception.")
    needs_one = item.payee_relationship == PayeeRelationship.SPOUSE_OR_PARTNER or (
        item.payee_relationship == PayeeRelationship.CLOSE_RELATIVE and item.payee_lives_with_person
    )
    if not needs_one:
        raise TransitionRefused("Paying this person from a direct payment needs no exception.")
    if basis not in RelativeExceptionBasis.values:
        raise TransitionRefused("Choose why paying this relative is necessary.")
    if not reason.strip():
        raise TransitionRefused("Say why paying this relative is necessary.")
    with transaction.atomic():
        locked = _lock(item.plan, revision=revision, actor=actor)
        item.relative_exception_basis = basis
        item.relative_exception_reason = reason.strip()
        item.relative_exception_recorded_by = actor
        item.relative_exception_recorded_at = timezone.now()
        history_by(actor, item).save()
        _changed(locked, actor, "relative exception recorded")
        _audit(locked, actor, AuditVerb.SUPPORT_PLAN_EXCEPTION_RECORDED, item=str(item.pk), basis=basis)
    return item


def risk_add(*, plan: SupportPlan, revision: int, actor, values: dict[str, Any]) -> PlanRisk:
    with transaction.atomic():
        locked = _lock(plan, revision=revision, actor=actor)
        risk = PlanRisk(plan=locked, order=locked.risks.count(), **_risk_values(values))
        history_by(actor, risk).save()
        _changed(locked, actor, "risk added")
    return risk


def _risk_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(RISK_FIELDS)
    if unknown:
        raise ValueError(f"Not risk fields: {sorted(unknown)}")
    return values


def risk_update(*, risk: PlanRisk, revision: int, actor, values: dict[str, Any]) -> PlanRisk:
    with transaction.atomic():
        locked = _lock(risk.plan, revision=revision, actor=actor)
        for name, value in _risk_values(values).items():
            setattr(risk, name, value)
        history_by(actor, risk).save()
        _changed(locked, actor, "risk changed")
    return risk


def risk_remove(*, risk: PlanRisk, revision: int, actor) -> None:
    with transaction.atomic():
        locked = _lock(risk.plan, revision=revision, actor=actor)
        history_by(actor, risk).delete()
        _changed(locked, actor, "risk removed")


def support_plan_choose_broker(*, plan: SupportPlan, revision: int, actor, broker) -> SupportPlan:
    """The person chooses a broker to help them plan (or stops using one: broker None)."""
    if not permissions.can_choose_broker(actor, plan):
        raise TransitionRefused("Only the person, or someone acting for them, can choose a broker.")
    if broker is not None and (broker.role != Role.BROKER or not broker.is_active):
        raise TransitionRefused("Choose a broker from the list.")
    with transaction.atomic():
        locked = _lock(plan, revision=revision, actor=actor)
        locked.broker = broker
        _changed(locked, actor, "broker chosen", keep_sign_off=True)
        _audit(locked, actor, AuditVerb.SUPPORT_PLAN_BROKER_CHOSEN, broker=str(broker.pk) if broker else "")
    return locked


def support_plan_sign_off(*, plan: SupportPlan, revision: int, actor, typed_name: str) -> SupportPlan:
    """The person (or someone acting for them) has read the plan and agrees it, typing their name."""
    if not permissions.can_sign_off(actor, plan):
        raise TransitionRefused("Only the person, or someone acting for them, can sign off the plan.")
    if not typed_name.strip():
        raise TransitionRefused("Type your full name to sign off the plan.")
    with transaction.atomic():
        locked = _lock(plan, revision=revision, actor=actor)
        locked.signed_off_at = timezone.now()
        locked.signed_off_by = actor
        locked.signed_off_name = typed_name.strip()
        _changed(locked, actor, "signed off", keep_sign_off=True)
        _audit(locked, actor, AuditVerb.SUPPORT_PLAN_SIGNED_OFF)
    return locked
