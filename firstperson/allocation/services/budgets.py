"""The indicative budget: the estimate (which stores nothing), working out and storing a submitted
self-assessment's budget under the configuration in force, and moderation of the figure. Each write
is one transaction with a named actor and its own audit event.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from firstperson.assessment.models import AssessmentStatus, SelfAssessment
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import selectors
from ..exceptions import AnswersDoNotFit, BudgetNotCalculable, ConfigurationUnavailable, ModerationRefused
from ..models import BudgetModeration, ConfigurationStatus, IndicativeBudget, ModerationStatus, Period, RasConfiguration
from ..rules import moderation as moderation_rules
from ..rules import ras
from .configurations import MAX_AMOUNT, signed_in_user

#: Stored with every budget. Change it whenever rules/ras.py changes how a figure is worked out, so
#: that a budget that no longer reproduces can be told apart from one whose data has changed.
RAS_RULE_VERSION = ras.RULE_VERSION


def _today() -> datetime.date:
    return timezone.localdate()


# --- The estimate (stores nothing) -------------------------------------------------------------


def configuration_for_estimate(*, configuration_id: str | None) -> RasConfiguration:
    """The configuration an estimate uses: the one named, if it is published, or else the current one."""
    if configuration_id is None:
        current = selectors.configuration_current()
        if current is None:
            raise ConfigurationUnavailable("There is no configuration in force today.", field="configuration")
        return current
    configuration = selectors.configuration_public_get(configuration_id=configuration_id)
    if configuration is None:
        raise ConfigurationUnavailable("There is no published configuration with this id.", field="configuration")
    if configuration.status == ConfigurationStatus.RETIRED:
        raise ConfigurationUnavailable(
            "This configuration has been retired and can no longer be used for estimates.", field="configuration"
        )
    return configuration


def indicative_budget_estimate(
    *, configuration: RasConfiguration, answers: Mapping[str, str], rules_config: ras.RasConfiguration | None = None
) -> ras.RasResult:
    """Work out a figure for these answers under this configuration, storing nothing. Used by the
    public estimate page, the estimate API and the administrators' preview. `rules_config` is the
    pure rule's configuration built from `configuration` (`selectors.ras_configuration_for`), when
    the caller has built it already; otherwise it is built here."""
    if rules_config is None:
        rules_config = selectors.ras_configuration_for(configuration)
    try:
        return ras.indicative_budget(rules_config, answers)
    except ras.InvalidAnswers as error:
        raise AnswersDoNotFit({problem.question: problem.message for problem in error.problems}) from error
    except ras.InvalidConfiguration as error:
        raise ConfigurationUnavailable(f"This configuration is not complete: {error}", field="configuration") from error


# --- Indicative budgets ------------------------------------------------------------------------


def indicative_budget_calculate(
    *, actor, assessment: SelfAssessment, on: datetime.date | None = None
) -> IndicativeBudget:
    """Work out and store the indicative budget of a submitted self-assessment, under the
    configuration in force on the day (today unless given). It becomes the assessment's current
    budget; an earlier one is kept. Any change still waiting for a decision on the person's current
    budgets (this assessment's, or an older assessment's, which the new figure takes over from on
    their page) is withdrawn: it was asked for against a figure that no longer stands."""
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise BudgetNotCalculable("The self-assessment has not been submitted yet.")
    day = on or _today()
    configuration = selectors.configuration_in_force(questionnaire_id=assessment.version.questionnaire_id, on=day)
    if configuration is None:
        raise BudgetNotCalculable(f"No RAS configuration is in force on {day.day} {day:%B %Y} for this questionnaire.")
    config = selectors.ras_configuration_for(configuration)
    answers = selectors.assessment_answers(assessment=assessment)
    try:
        result = ras.indicative_budget(config, answers)
    except ras.InvalidAnswers as error:
        raise AnswersDoNotFit({problem.question: problem.message for problem in error.problems}) from error
    with transaction.atomic():
        SelfAssessment.objects.select_for_update().filter(pk=assessment.pk).first()
        # The person's current budgets are locked first: a change being saved on one of them
        # (budget_moderate locks its budget) either commits before, and is withdrawn below, or
        # waits and then finds its budget no longer current. Without the lock, a change committed
        # between the withdrawal and the update would wait for ever on a budget that is not current.
        current = list(
            IndicativeBudget.objects.select_for_update().filter(person_id=assessment.person_id, is_current=True)
        )
        previous = [b for b in current if b.assessment_id == assessment.pk]
        waiting = BudgetModeration.objects.filter(budget__in=current, status=ModerationStatus.PENDING)
        withdrawn_ids = [str(pk) for pk in waiting.values_list("pk", flat=True)]
        waiting.update(
            status=ModerationStatus.WITHDRAWN,
            decided_at=timezone.now(),
            decision_reason="The budget was worked out again.",
        )
        IndicativeBudget.objects.filter(pk__in=[b.pk for b in previous]).update(is_current=False)
        budget = IndicativeBudget.objects.create(
            person_id=assessment.person_id,
            assessment=assessment,
            configuration=configuration,
            configuration_version=result.version,
            configuration_fingerprint=selectors.ras_configuration_fingerprint(config),
            rule_version=RAS_RULE_VERSION,
            answers=answers,
            total_points=result.total_points.quantize(Decimal("0.0001")),
            domain_points=selectors.stored_domain_points(result),
            steps=selectors.stored_steps(result),
            period=str(result.period),
            weekly_amount=ras.money(result.weekly_amount),
            annual_amount=ras.money(result.annual_amount),
            computed_at=timezone.now(),
            computed_by=signed_in_user(actor),
            is_current=True,
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.ALLOCATION_INDICATIVE_BUDGET_CALCULATED,
            object_type="indicative_budget",
            object_id=budget.pk,
            person_id=assessment.person_id,
            payload={
                "assessment": str(assessment.pk),
                "configuration": str(configuration.pk),
                "configuration_version": result.version,
                "total_points": str(result.total_points),
                "weekly_amount": str(budget.weekly_amount),
                "annual_amount": str(budget.annual_amount),
                "replaces": [str(b.pk) for b in previous],
                "withdrawn_changes": len(withdrawn_ids),
                "withdrawn": withdrawn_ids,
            },
        )
    return budget


STALE_BUDGET = (
    "The budget was worked out again while this page was open. Check the new figure below, then make your change again."
)
STALE_REQUEST = (
    "The change waiting for a decision is not the one this page showed. Read the change below, then make your decision."
)


def _both_periods(amount: Decimal, period: str) -> tuple[Decimal, Decimal]:
    """(weekly, annual) for an amount in `period`, the way the rule converts them (52 weeks)."""
    amount = ras.money(amount)
    if period == Period.WEEKLY:
        return amount, ras.money(amount * ras.WEEKS_PER_YEAR)
    return ras.money(amount / ras.WEEKS_PER_YEAR), amount


def budget_moderate(
    *,
    actor,
    budget: IndicativeBudget,
    amount: Decimal,
    period: str,
    reason: str,
    shown_budget_id: str | None = None,
) -> BudgetModeration:
    """A practitioner changes the indicative figure, with a reason. Within the configuration's
    tolerance of the calculated figure the change stands at once; beyond it, it waits for a team
    manager. There is no upper limit: the RAS figure is a starting point, never a cap.

    `shown_budget_id` is the budget the practitioner's page showed, when they used one: a figure
    typed against a budget since worked out again is never applied to the new one unread."""
    if shown_budget_id is not None and shown_budget_id != str(budget.pk):
        raise ModerationRefused(STALE_BUDGET)
    problem = moderation_rules.reason_problem(reason)
    if problem:
        raise ModerationRefused(problem, field="reason")
    if period not in Period.values:
        raise ModerationRefused("Say whether the figure is for a week or a year", field="period")
    if amount < 0:
        raise ModerationRefused("The figure cannot be less than £0.00", field="amount")
    # A weekly figure is checked as the year it makes, too: £9,999,999,999 a week would not fit.
    if amount > MAX_AMOUNT or (period == Period.WEEKLY and amount * ras.WEEKS_PER_YEAR > MAX_AMOUNT):
        raise ModerationRefused("The figure is too large", field="amount")
    weekly, annual = _both_periods(amount, period)
    with transaction.atomic():
        locked = IndicativeBudget.objects.select_for_update().select_related("configuration").get(pk=budget.pk)
        if not locked.is_current:
            raise ModerationRefused("This budget has been worked out again. Change the new one instead.")
        if locked.moderations.filter(status=ModerationStatus.PENDING).exists():
            raise ModerationRefused("A change to this budget is already waiting for a team manager.")
        agreed = selectors.budget_agreed_figure(budget=locked)
        if annual == agreed.annual_amount and weekly == agreed.weekly_amount:
            raise ModerationRefused("The new figure is the same as the figure now", field="amount")
        tolerance = locked.configuration.tolerance_percent
        route = moderation_rules.moderation_route(
            calculated=locked.annual_amount, proposed=annual, tolerance_percent=tolerance
        )
        now = timezone.now()
        moderation = BudgetModeration.objects.create(
            budget=locked,
            status=ModerationStatus.PENDING if route.needs_approval else ModerationStatus.APPLIED,
            period=period,
            weekly_amount=weekly,
            annual_amount=annual,
            previous_weekly_amount=agreed.weekly_amount,
            previous_annual_amount=agreed.annual_amount,
            change_percent=route.change_percent,
            tolerance_percent=tolerance,
            reason=reason.strip(),
            proposed_by=actor,
            proposed_at=now,
            effective_at=None if route.needs_approval else now,
        )
        audit_record(
            actor=actor,
            verb=(
                AuditVerb.ALLOCATION_MODERATION_REQUESTED
                if route.needs_approval
                else AuditVerb.ALLOCATION_INDICATIVE_BUDGET_MODERATED
            ),
            object_type="indicative_budget",
            object_id=locked.pk,
            person_id=locked.person_id,
            payload={
                "moderation": str(moderation.pk),
                "status": moderation.status,
                "from_annual_amount": str(agreed.annual_amount),
                "to_annual_amount": str(annual),
                "to_weekly_amount": str(weekly),
                "change_percent": None if route.change_percent is None else str(route.change_percent),
                "tolerance_percent": str(tolerance),
                "reason": moderation.reason,
            },
        )
    return moderation


def moderation_decide(
    *,
    actor,
    moderation: BudgetModeration,
    approve: bool,
    reason: str,
    shown_moderation_id: str | None = None,
) -> BudgetModeration:
    """A team manager agrees, or does not agree, a change that was beyond tolerance, with a reason.

    `shown_moderation_id` is the change the manager's page showed, when they used one: a decision
    is never applied to a change they have not read."""
    if shown_moderation_id is not None and shown_moderation_id != str(moderation.pk):
        raise ModerationRefused(STALE_REQUEST)
    problem = moderation_rules.reason_problem(reason, what="your decision")
    if problem:
        raise ModerationRefused(problem, field="reason")
    target = ModerationStatus.APPROVED if approve else ModerationStatus.DECLINED
    with transaction.atomic():
        locked = BudgetModeration.objects.select_for_update().select_related("budget").get(pk=moderation.pk)
        if not moderation_rules.move_is_allowed(locked.status, target):
            raise ModerationRefused("This change has already been decided.")
        if not locked.budget.is_current:
            raise ModerationRefused("This budget has been worked out again, so the change no longer applies.")
        if locked.proposed_by_id == getattr(actor, "pk", None):
            raise ModerationRefused("Another team manager must decide on a change you asked for.")
        now = timezone.now()
        locked.status = target
        locked.decided_by = actor
        locked.decided_at = now
        locked.decision_reason = reason.strip()
        locked.effective_at = now if approve else None
        locked.save()
        audit_record(
            actor=actor,
            verb=AuditVerb.ALLOCATION_MODERATION_APPROVED if approve else AuditVerb.ALLOCATION_MODERATION_DECLINED,
            object_type="budget_moderation",
            object_id=locked.pk,
            person_id=locked.budget.person_id,
            payload={
                "budget": str(locked.budget_id),
                "to_annual_amount": str(locked.annual_amount),
                "reason": locked.decision_reason,
            },
        )
    return locked
