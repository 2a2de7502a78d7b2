"""Recording that paying the person's spouse or partner, or a close relative who lives with them, from
a direct payment is necessary (Care and Support (Direct Payments) Regulations 2014 reg 3; REFERENCE.md
§4.2, §12 rule 7): who may record it, for which payees, and when it must be agreed again."""

from decimal import Decimal

import pytest

from firstperson.planning import services
from firstperson.planning.exceptions import TransitionRefused
from firstperson.planning.models import ManagedBy, PayeeRelationship, PlanItem
from firstperson.planning.tests import fixtures
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .flow import fresh, submit

D = Decimal
SPOUSE, RELATIVE, NOT_FAMILY = (
    PayeeRelationship.SPOUSE_OR_PARTNER,
    PayeeRelationship.CLOSE_RELATIVE,
    PayeeRelationship.NOT_FAMILY,
)


def pay(plan, actor, relationship, lives_with) -> PlanItem:
    """The personal assistant is now paid to someone in the given relationship to Sam."""
    plan = fresh(plan)
    item = plan.items.get(description="Personal assistant for morning routine")
    return services.item_update(
        item=item, revision=plan.revision, actor=actor,
        values={"payee_relationship": relationship, "payee_lives_with_person": lives_with},
    )  # fmt: skip


def record(item, actor, basis="care_needs", reason="No one else can give care at 6am."):
    plan = fresh(item.plan)
    return services.item_record_relative_exception(
        item=item, revision=plan.revision, actor=actor, basis=basis, reason=reason
    )


def sign(plan, actor):
    plan = fresh(plan)
    return services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=actor, typed_name="Sam Kowalski")


@pytest.mark.parametrize(("relationship", "lives_with"), [(SPOUSE, True), (SPOUSE, False), (RELATIVE, True)], ids=str)
def test_without_an_exception_the_plan_cannot_be_sent_and_with_one_it_can(
    complete_plan, resident, practitioner, relationship, lives_with
):
    item = pay(complete_plan, resident, relationship, lives_with)
    sign(complete_plan, resident)
    assert fixtures.checks_failed(fresh(complete_plan)) == ["no_prohibited_payees"]
    item = record(item, practitioner, basis="administration", reason="  Helps with the paperwork.  ")
    item.refresh_from_db()
    assert (item.relative_exception_basis, item.relative_exception_reason) == (
        "administration",
        "Helps with the paperwork.",
    )
    assert item.relative_exception_recorded_by == practitioner and item.relative_exception_recorded_at is not None
    event = AuditEvent.objects.get(verb=AuditVerb.SUPPORT_PLAN_EXCEPTION_RECORDED)
    assert event.actor == practitioner and event.payload["basis"] == "administration"
    sign(complete_plan, resident)
    assert fixtures.checks_failed(fresh(complete_plan)) == []
    assert submit(complete_plan, resident).number == 1


@pytest.mark.parametrize(("relationship", "lives_with"), [(RELATIVE, False), (NOT_FAMILY, True), (NOT_FAMILY, False)])
def test_a_payee_who_needs_no_exception_cannot_be_given_one(
    complete_plan, resident, practitioner, relationship, lives_with
):
    item = pay(complete_plan, resident, relationship, lives_with)
    revision = fresh(complete_plan).revision
    with pytest.raises(TransitionRefused, match="needs no exception"):
        record(item, practitioner)
    item.refresh_from_db()
    assert item.relative_exception_basis == "" and item.relative_exception_recorded_by is None
    assert fresh(complete_plan).revision == revision
    assert not AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_EXCEPTION_RECORDED).exists()


def test_only_a_practitioner_in_the_team_records_an_exception_with_a_basis_and_a_reason(
    complete_plan, resident, practitioner, team_manager, broker, panel_member
):
    item = pay(complete_plan, resident, SPOUSE, True)
    for not_council in (resident, broker, panel_member):
        with pytest.raises(TransitionRefused, match="Only a practitioner"):
            record(item, not_council)
    with pytest.raises(TransitionRefused, match="Choose why"):
        record(item, practitioner, basis="because")
    with pytest.raises(TransitionRefused, match="Say why"):
        record(item, practitioner, reason="  ")
    item.refresh_from_db()
    assert item.relative_exception_basis == ""
    assert record(item, team_manager).relative_exception_recorded_by == team_manager


@pytest.mark.parametrize(
    "change",
    [
        {"payee_relationship": RELATIVE},  # who is paid
        {"payee_lives_with_person": False},  # where they live
        {"provider_name": "Alex Kowalski"},
        {"description": "Personal assistant, mornings and evenings"},
        {"hours_per_week": D("12")},  # the cost
        {"hourly_rate": D("15.00")},
        {"employer_costs_weekly": D("20.00")},
        {"managed_by": ManagedBy.COUNCIL_MANAGED},  # how it is paid
    ],
    ids=lambda change: next(iter(change)),
)
def test_an_exception_is_cleared_when_what_it_was_agreed_for_changes(complete_plan, resident, practitioner, change):
    item = record(pay(complete_plan, resident, SPOUSE, True), practitioner)
    plan = fresh(complete_plan)
    item = services.item_update(item=item, revision=plan.revision, actor=resident, values=change)
    item.refresh_from_db()
    assert item.relative_exception_basis == "" and item.relative_exception_reason == ""
    assert item.relative_exception_recorded_by is None and item.relative_exception_recorded_at is None


def test_an_exception_stays_when_nothing_it_was_agreed_for_changes(complete_plan, resident, practitioner):
    item = record(pay(complete_plan, resident, SPOUSE, True), practitioner)
    plan = fresh(complete_plan)
    same = {"payee_relationship": SPOUSE, "payee_lives_with_person": True, "hours_per_week": D("10"),
            "informal_agreement_recorded": True}  # fmt: skip
    item = services.item_update(item=item, revision=plan.revision, actor=resident, values=same)
    item.refresh_from_db()
    assert item.relative_exception_basis == "care_needs" and item.relative_exception_recorded_by == practitioner
