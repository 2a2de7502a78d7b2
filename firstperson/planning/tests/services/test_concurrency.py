"""Two people at once: optimistic locking refuses the second save made on an old reading of the plan,
and a decision on a plan that has changed since it was read; on PostgreSQL, where requests truly run
in parallel, the row lock lets exactly one of two simultaneous sends or decisions through."""

import pytest

from firstperson.planning import services
from firstperson.planning.exceptions import PlanChangedSinceRead
from firstperson.planning.models import (
    PlanDecision,
    PlanOutcome,
    PlanStatus,
    PlanStatusChange,
    PlanSubmission,
    PractitionerReview,
    Reconsideration,
)
from tests.concurrency import at_once, postgresql_only

from .flow import ALL_TICKED, decide, fresh, put_forward, to_review


def test_the_second_of_two_editors_reading_the_same_revision_is_refused_and_changes_nothing(
    plan, resident, representative
):
    read_by_both = fresh(plan).revision
    services.support_plan_update(plan=plan, revision=read_by_both, actor=resident, contingency_plan="Mum covers.")
    with pytest.raises(PlanChangedSinceRead, match="Someone else changed this plan"):
        services.support_plan_update(plan=plan, revision=read_by_both, actor=representative, contingency_plan="Agency.")
    with pytest.raises(PlanChangedSinceRead):
        services.outcome_add(
            plan=plan, revision=read_by_both, actor=representative,
            values=services.OutcomeValues(in_own_words="Go swimming"),
        )  # fmt: skip
    plan = fresh(plan)
    assert plan.contingency_plan == "Mum covers."
    assert plan.revision == read_by_both + 1
    assert not PlanOutcome.objects.filter(plan=plan).exists()


def test_every_kind_of_change_refuses_an_old_revision(complete_plan, resident, practitioner):
    plan = fresh(complete_plan)
    # An exception is only recorded for a payee who needs one: the personal assistant is Sam's sister,
    # who lives with him.
    item = plan.items.get(description="Personal assistant for morning routine")
    services.item_update(item=item, revision=plan.revision, actor=resident,
                         values={"payee_relationship": "close_relative", "payee_lives_with_person": True})  # fmt: skip
    plan = fresh(plan)
    plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    old = plan.revision - 1
    outcome, risk = plan.outcomes.first(), plan.risks.first()
    attempts = [
        lambda: services.outcome_update(outcome=outcome, revision=old, actor=resident,
                                        values=services.OutcomeValues(in_own_words="x")),
        lambda: services.outcome_remove(outcome=outcome, revision=old, actor=resident),
        lambda: services.item_update(item=item, revision=old, actor=resident, values={"description": "x"}),
        lambda: services.item_remove(item=item, revision=old, actor=resident),
        lambda: services.risk_update(risk=risk, revision=old, actor=resident, values={"description": "x"}),
        lambda: services.risk_remove(risk=risk, revision=old, actor=resident),
        lambda: services.support_plan_sign_off(plan=plan, revision=old, actor=resident, typed_name="Sam"),
        lambda: services.support_plan_refresh_budget(plan=plan, revision=old, actor=resident),
        lambda: services.item_record_relative_exception(item=item, revision=old, actor=practitioner,
                                                        basis="care_needs", reason="Needed"),
        lambda: services.support_plan_submit(plan=plan, revision=old, actor=resident),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(PlanChangedSinceRead):
            attempt()
    after = fresh(complete_plan)
    assert (after.revision, after.status, after.signed_off_name) == (plan.revision, PlanStatus.DRAFT, "Sam Kowalski")
    assert after.items.count() == 3 and after.outcomes.count() == 3 and after.risks.count() == 1


def test_a_decision_on_a_revision_that_has_since_changed_is_refused(
    complete_plan, resident, practitioner, team_manager, second_team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    read_at = plan.revision
    # Meanwhile another manager returns it, the person changes it and it is put forward again.
    decide(plan, second_team_manager, "returned")
    plan = fresh(plan)
    plan = services.support_plan_update(plan=plan, revision=plan.revision, actor=resident, helped_by="Sam and Mum")
    plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    plan = put_forward(plan, resident, practitioner)
    with pytest.raises(PlanChangedSinceRead, match="your decision has not been recorded"):
        services.support_plan_decide(
            plan=plan, revision=read_at, actor=team_manager, outcome="approved", reasons="Looks fine."
        )
    assert fresh(plan).status == PlanStatus.AWAITING_DECISION
    assert PlanDecision.objects.filter(plan=plan).count() == 1  # only the return


def test_a_decision_form_opened_before_a_reconsideration_request_is_stale(
    complete_plan, resident, practitioner, team_manager, second_team_manager
):
    """The manager read the plan while it waited for a decision; since then it was declined and the
    person asked for the decision to be looked at again. Their old form must not decide the request
    without their having read the person's reasons."""
    plan = put_forward(complete_plan, resident, practitioner)
    read_at = plan.revision
    decide(plan, second_team_manager, "declined", reasons="Too costly.")
    services.support_plan_request_reconsideration(plan=fresh(plan), actor=resident, reasons="It is not too costly.")
    with pytest.raises(PlanChangedSinceRead):
        services.support_plan_decide(
            plan=fresh(plan), revision=read_at, actor=team_manager, outcome="approved", reasons="Fine."
        )
    assert fresh(plan).status == PlanStatus.RECONSIDERATION_REQUESTED
    assert PlanDecision.objects.filter(plan=plan).count() == 1


def test_a_review_on_an_old_revision_is_refused(complete_plan, resident, practitioner):
    plan = to_review(complete_plan, resident, practitioner)
    with pytest.raises(PlanChangedSinceRead):
        services.support_plan_review(
            plan=plan, revision=plan.revision - 1, actor=practitioner, checklist=ALL_TICKED, comments="",
            put_forward=True,
        )  # fmt: skip
    assert fresh(plan).status == PlanStatus.IN_REVIEW and not PractitionerReview.objects.exists()


# --- truly at once, on PostgreSQL ------------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_people_sending_at_once_make_one_version(complete_plan, resident, representative):
    plan = fresh(complete_plan)
    results, errors = at_once(
        lambda: services.support_plan_submit(plan=plan, revision=plan.revision, actor=resident),
        lambda: services.support_plan_submit(plan=plan, revision=plan.revision, actor=representative),
    )
    assert len(results) == 1 and len(errors) == 1
    # The second waits for the row lock, then finds the plan moved on (each move is a new revision).
    assert isinstance(errors[0], PlanChangedSinceRead)
    assert PlanSubmission.objects.filter(plan=plan).count() == 1
    assert PlanStatusChange.objects.filter(plan=plan, to_status="submitted").count() == 1
    assert fresh(plan).status == PlanStatus.SUBMITTED


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_managers_deciding_at_once_make_one_decision(
    complete_plan, resident, practitioner, team_manager, second_team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    results, errors = at_once(
        lambda: services.support_plan_decide(
            plan=plan, revision=plan.revision, actor=team_manager, outcome="approved", reasons="Good."
        ),
        lambda: services.support_plan_decide(
            plan=plan, revision=plan.revision, actor=second_team_manager, outcome="declined", reasons="No."
        ),
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], PlanChangedSinceRead)  # as above: the first decision moved the plan on
    decision = PlanDecision.objects.get(plan=plan)
    assert fresh(plan).status == decision.outcome
    assert PlanStatusChange.objects.filter(plan=plan, from_status="awaiting_decision").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_once_keep_exactly_one_change(plan, resident, representative):
    revision = fresh(plan).revision
    results, errors = at_once(
        lambda: services.support_plan_update(plan=plan, revision=revision, actor=resident, helped_by="Sam"),
        lambda: services.support_plan_update(plan=plan, revision=revision, actor=representative, helped_by="Linda"),
    )
    assert len(results) == 1 and [type(e) for e in errors] == [PlanChangedSinceRead]
    plan = fresh(plan)
    assert plan.revision == revision + 1 and plan.helped_by == results[0].helped_by


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_to_look_at_a_decision_again_make_one(
    complete_plan, resident, representative, practitioner, team_manager
):
    plan = put_forward(complete_plan, resident, practitioner)
    decide(plan, team_manager, "declined")
    plan = fresh(plan)
    results, errors = at_once(
        lambda: services.support_plan_request_reconsideration(plan=plan, actor=resident, reasons="Please."),
        lambda: services.support_plan_request_reconsideration(plan=plan, actor=representative, reasons="Please."),
    )
    assert len(results) == 1 and len(errors) == 1
    assert Reconsideration.objects.filter(plan=plan).count() == 1
    assert PlanStatusChange.objects.filter(plan=plan, to_status="reconsideration_requested").count() == 1
    assert fresh(plan).status == PlanStatus.RECONSIDERATION_REQUESTED
