"""Financial assessments: started online or by a finance officer, filled in, sent, checked item by
item against evidence, completed into a contribution, and reassessed when circumstances change.

Each write is one transaction with its audit event. Rules of the workflow:

- One assessment in progress per person: starting again returns it.
- Online, every answer is saved as given (`assessment_update` marks its step done), so the person
  can stop and come back. Sending needs every step of the journey and the declaration.
- After sending, an *estimate* of the contribution is worked out (ChargingCalculation status
  "estimate") if the weekly cost of care is known. It is marked as not final until checked.
- A finance officer confirms or queries each capital and income item, with a note and the evidence
  it was checked against; sets the weekly cost of care; and completes the assessment. Completing
  needs every item confirmed. It works out the current calculation, starts a new Contribution from
  the effective date and closes the row in force on that date the day before, and supersedes the
  assessment it replaces (and any older completed one). Rows that start later (next year's, made by
  an approved uprating from the old answers) are REPLACED: deleted, listed in the audit event, and
  made again from the new answers with that year's figures, so the history stays one unbroken line.
- Declined and light-touch outcomes chosen by an officer (regulation 10) need the person's consent,
  or their decision to decline, and a reason: both go into the audit event.
- A lone parent needs at least one child: sending and completing refuse otherwise.
- A reassessment (a change of circumstances, with a reason) copies the assessment and its items into
  a new one that `replaces` it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from firstperson.people.models import Person
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

from ..exceptions import NoParametersInForce
from ..models import (
    AssessmentStatus,
    CalculationStatus,
    CapitalHolding,
    ChargingCalculation,
    CheckStatus,
    Contribution,
    ContributionReason,
    Evidence,
    FinancialAssessment,
    IncomeSource,
    ScanStatus,
    StartedVia,
)
from ..rules import charging as rules
from ..rules.reference_2025_26 import INCOME_TYPES
from . import calculations
from . import parameters as parameter_service
from .letters import outcome_letter_issue

#: The online journey, in order. Capital, income and evidence are "add another" loops.
STEPS = (
    "full-assessment",
    "household",
    "children",
    "premiums",
    "capital",
    "income",
    "housing",
    "disability-costs",
    "evidence",
)
#: Steps a person who declines a full assessment still answers.
DECLINED_STEPS = ("full-assessment",)
NOTE_MAX = 1000
REASON_MIN = 10
#: Outcomes without a full assessment (regulation 10): they need the person's consent (or their
#: decision to decline) and a reason, recorded in the audit trail.
OUTCOMES_NEEDING_CONSENT = frozenset(
    {rules.AssessmentKind.DECLINED, rules.AssessmentKind.LIGHT_TOUCH_BELOW, rules.AssessmentKind.LIGHT_TOUCH_ABOVE}
)
LONE_PARENT_NO_CHILDREN = "You said you live with your children: enter how many"


class FinancialAssessmentError(ApplicationError):
    pass


def _audit(actor, verb, assessment: FinancialAssessment, **payload) -> None:
    audit_record(
        actor=actor,
        verb=verb,
        object_type="charging.financialassessment",
        object_id=assessment.pk,
        person_id=assessment.person_id,
        payload=payload,
    )


def steps_needed(assessment: FinancialAssessment) -> tuple[str, ...]:
    return DECLINED_STEPS if assessment.kind == rules.AssessmentKind.DECLINED else STEPS


def steps_missing(assessment: FinancialAssessment) -> list[str]:
    done = set(assessment.completed_steps or [])
    return [step for step in steps_needed(assessment) if step not in done]


def _latest_cost_of_care(person) -> Decimal | None:
    earlier = (
        FinancialAssessment.objects.filter(person=person, weekly_cost_of_care__isnull=False)
        .order_by("-started_at")
        .values_list("weekly_cost_of_care", flat=True)
        .first()
    )
    return earlier


@transaction.atomic
def assessment_start(*, actor, person, via: str) -> FinancialAssessment:
    """Start a financial assessment for the person, or return the one in progress.

    The weekly cost of care is carried over from their last assessment that had one (someone
    already getting care), so that an estimate can be shown when the new one is sent."""
    # Lock the person so that two starts at once (a double submit) cannot make two in progress.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    existing = FinancialAssessment.objects.filter(person=person, status=AssessmentStatus.IN_PROGRESS).first()
    if existing is not None:
        return existing
    assessment = FinancialAssessment.objects.create(
        person=person,
        started_via=via,
        started_by=actor,
        weekly_cost_of_care=_latest_cost_of_care(person),
    )
    _audit(actor, AuditVerb.FINANCIAL_ASSESSMENT_STARTED, assessment, via=via)
    return assessment


def _require_open(assessment: FinancialAssessment, *, officer: bool) -> None:
    """Refuse a change unless the assessment, as it is in the database now (locked), is still open."""
    allowed = {AssessmentStatus.IN_PROGRESS} | ({AssessmentStatus.SUBMITTED} if officer else set())
    status = (
        FinancialAssessment.objects.select_for_update()
        .filter(pk=assessment.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status not in allowed:
        raise FinancialAssessmentError(
            "This financial assessment has been sent, so it cannot be changed online. Call us if something has changed."
            if not officer
            else "This financial assessment is finished and cannot be changed: start a reassessment instead."
        )


UPDATABLE_FIELDS = frozenset(
    {
        "kind",
        "household",
        "disability_premium",
        "enhanced_disability_premium",
        "carer_premium",
        "dependent_children",
        "housing_costs_amount",
        "housing_costs_period",
        "dre_itemised",
        "dre_weekly",
        "dre_details",
        "night_care_arranged",
        "service",
        "weekly_cost_of_care",
    }
)


def _check_values(values: dict) -> None:
    for name in ("housing_costs_amount", "dre_weekly", "weekly_cost_of_care"):
        value = values.get(name)
        if value is not None and value < 0:
            raise FinancialAssessmentError("Enter an amount of £0 or more", field=name)
    if values.get("dependent_children") is not None and values["dependent_children"] < 0:
        raise FinancialAssessmentError("Enter 0 or more children", field="dependent_children")
    if values.get("dre_itemised") and values.get("dre_weekly") is None:
        raise FinancialAssessmentError("Enter how much your extra costs come to each week", field="dre_weekly")


def _check_outcome(*, old_kind: str, new_kind, consent: bool | None, reason: str, officer: bool) -> dict:
    """An officer choosing an outcome without a full assessment (regulation 10) records that the person
    consented (or declined) and why. Returns what goes into the audit payload."""
    if not officer or new_kind is None or new_kind == old_kind or new_kind not in OUTCOMES_NEEDING_CONSENT:
        return {}
    declined = new_kind == rules.AssessmentKind.DECLINED
    if not consent:
        raise FinancialAssessmentError(
            "Confirm that the person declined a financial assessment"
            if declined
            else "Confirm that the person consented to a light-touch assessment",
            field="outcome_consent",
        )
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN:
        raise FinancialAssessmentError(
            f"Say why, in at least {REASON_MIN} characters" + (": what the person told you" if declined else ""),
            field="outcome_reason",
        )
    if len(reason) > NOTE_MAX:
        raise FinancialAssessmentError(f"The reason must be {NOTE_MAX:,} characters or fewer", field="outcome_reason")
    return {"outcome": str(new_kind), "consent": True, "consent_reason": reason}


def lone_parent_without_children(assessment: FinancialAssessment) -> bool:
    return (
        assessment.kind == rules.AssessmentKind.FULL
        and assessment.household == rules.Household.LONE_PARENT
        and (assessment.dependent_children or 0) < 1
    )


@transaction.atomic
def assessment_update(
    *,
    actor,
    assessment: FinancialAssessment,
    values: dict,
    step: str = "",
    officer: bool = False,
    outcome_consent: bool | None = None,
    outcome_reason: str = "",
) -> FinancialAssessment:
    """Save answers as given, and mark the step they belong to as done. An officer changing the kind
    to declined or light touch must give `outcome_consent` and `outcome_reason` (regulation 10)."""
    assessment = FinancialAssessment.objects.select_for_update().get(pk=assessment.pk)
    _require_open(assessment, officer=officer)
    unknown = set(values) - UPDATABLE_FIELDS
    if unknown:
        raise ValueError(f"Not fields of the online form: {sorted(unknown)}")
    _check_values({**{name: getattr(assessment, name) for name in values}, **values})
    consent = _check_outcome(
        old_kind=assessment.kind,
        new_kind=values.get("kind"),
        consent=outcome_consent,
        reason=outcome_reason,
        officer=officer,
    )
    changed = [name for name, value in values.items() if getattr(assessment, name) != value]
    for name, value in values.items():
        setattr(assessment, name, value)
    if assessment.dre_itemised is False:
        assessment.dre_weekly = None
    if step and step not in (assessment.completed_steps or []):
        assessment.completed_steps = [*(assessment.completed_steps or []), step]
    assessment.save()
    _audit(actor, AuditVerb.FINANCIAL_ASSESSMENT_CHANGED, assessment, fields=sorted(changed), step=step, **consent)
    return assessment


@transaction.atomic
def step_done(*, actor, assessment: FinancialAssessment, step: str, officer: bool = False) -> FinancialAssessment:
    """Mark a loop step (capital, income, evidence) as finished."""
    return assessment_update(actor=actor, assessment=assessment, values={}, step=step, officer=officer)


def _decimal(value, field: str, words: str) -> Decimal:
    if value is None or value < 0:
        raise FinancialAssessmentError(f"Enter {words} of £0 or more", field=field)
    return value


@transaction.atomic
def capital_add(
    *, actor, assessment: FinancialAssessment, type: str, value, share=Decimal(1), description: str = "", officer=False
) -> CapitalHolding:
    _require_open(assessment, officer=officer)
    value = _decimal(value, "value", "a value")
    if share is None or not (Decimal(0) < share <= Decimal(1)):
        raise FinancialAssessmentError("Your share must be more than 0% and no more than 100%", field="share")
    holding = CapitalHolding.objects.create(
        assessment=assessment, type=rules.CapitalType(type), value=value, share=share, description=description[:200]
    )
    _audit(actor, AuditVerb.FINANCIAL_ASSESSMENT_CHANGED, assessment, added_capital=str(holding.pk), type=str(type))
    return holding


@transaction.atomic
def income_add(
    *, actor, assessment: FinancialAssessment, code: str, amount, period: str, description: str = "", officer=False
) -> IncomeSource:
    _require_open(assessment, officer=officer)
    amount = _decimal(amount, "amount", "an amount")
    if code not in INCOME_TYPES:
        raise FinancialAssessmentError("Select the kind of income", field="code")
    source = IncomeSource.objects.create(
        assessment=assessment,
        code=code,
        amount=amount,
        period=rules.IncomePeriod(period),
        description=description[:200],
    )
    _audit(actor, AuditVerb.FINANCIAL_ASSESSMENT_CHANGED, assessment, added_income=str(source.pk), code=code)
    return source


@transaction.atomic
def item_remove(*, actor, item: CapitalHolding | IncomeSource, officer: bool = False) -> None:
    assessment = item.assessment
    _require_open(assessment, officer=officer)
    kind = "capital" if isinstance(item, CapitalHolding) else "income"
    _audit(actor, AuditVerb.FINANCIAL_ASSESSMENT_CHANGED, assessment, **{f"removed_{kind}": str(item.pk)})
    item.delete()


@transaction.atomic
def assessment_submit(*, actor, assessment: FinancialAssessment, declaration: bool) -> FinancialAssessment:
    assessment = FinancialAssessment.objects.select_for_update().get(pk=assessment.pk)
    _require_open(assessment, officer=False)
    missing = steps_missing(assessment)
    if missing:
        raise FinancialAssessmentError("Answer every question before you send the assessment")
    if lone_parent_without_children(assessment):
        raise FinancialAssessmentError(LONE_PARENT_NO_CHILDREN, field="dependent_children")
    if not declaration:
        raise FinancialAssessmentError("Confirm that what you have told us is true", field="declaration")
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.declaration_made_by = actor
    assessment.save(update_fields=["status", "submitted_at", "declaration_made_by", "updated_at"])
    _audit(actor, AuditVerb.FINANCIAL_ASSESSMENT_SUBMITTED, assessment)
    estimate_calculate(actor=actor, assessment=assessment)
    return assessment


def estimate_calculate(*, actor, assessment: FinancialAssessment) -> ChargingCalculation | None:
    """An estimate of the contribution, stored and marked as such; None when the weekly cost of care
    is not known yet or no charging figures are published."""
    if assessment.weekly_cost_of_care is None:
        return None
    parameter_set = parameter_service.parameters_for_estimate(timezone.localdate())
    if parameter_set is None:
        return None
    try:
        return calculations.calculate_for_assessment(
            assessment,
            as_at=timezone.localdate(),
            user=actor,
            status=CalculationStatus.ESTIMATE,
            parameter_set=parameter_set,
        )
    except rules.ChargingInputError:
        return None


@transaction.atomic
def item_check(
    *,
    actor,
    item: CapitalHolding | IncomeSource,
    status: str,
    note: str = "",
    evidence: Evidence | None = None,
) -> CapitalHolding | IncomeSource:
    assessment = item.assessment
    _require_open(assessment, officer=True)
    if status not in (CheckStatus.CONFIRMED, CheckStatus.QUERIED):
        raise FinancialAssessmentError("Select whether the item is confirmed or queried", field="status")
    note = (note or "").strip()
    if status == CheckStatus.QUERIED and not note:
        raise FinancialAssessmentError("Say what needs to be asked about this item", field="note")
    if len(note) > NOTE_MAX:
        raise FinancialAssessmentError(f"The note must be {NOTE_MAX:,} characters or fewer", field="note")
    if evidence is not None and (evidence.assessment_id != assessment.pk or evidence.scan_status != ScanStatus.CLEAN):
        raise FinancialAssessmentError("Select evidence from this assessment", field="evidence")
    item.check_status = status
    item.check_note = note
    item.checked_by = actor
    item.checked_at = timezone.now()
    item.evidence = evidence
    item.save()
    kind = "capital" if isinstance(item, CapitalHolding) else "income"
    _audit(
        actor,
        AuditVerb.FINANCIAL_ASSESSMENT_ITEM_CHECKED,
        assessment,
        item=str(item.pk),
        kind=kind,
        status=status,
        evidence=str(evidence.pk) if evidence else None,
    )
    return item


def items_not_confirmed(assessment: FinancialAssessment) -> list:
    return [
        item
        for item in [*assessment.capital.all(), *assessment.income.all()]
        if item.check_status != CheckStatus.CONFIRMED
    ]


@transaction.atomic
def assessment_complete(*, actor, assessment: FinancialAssessment, effective_from: datetime.date) -> Contribution:
    """Work out the contribution from `effective_from` and make it the person's current one."""
    assessment = FinancialAssessment.objects.select_for_update().select_related("person").get(pk=assessment.pk)
    if assessment.status == AssessmentStatus.IN_PROGRESS and assessment.started_via == StartedVia.ONLINE:
        raise FinancialAssessmentError("The person has not sent this assessment yet")
    _require_open(assessment, officer=True)
    if assessment.weekly_cost_of_care is None:
        raise FinancialAssessmentError("Enter the weekly cost of care first", field="weekly_cost_of_care")
    if assessment.kind == rules.AssessmentKind.FULL:
        unchecked = items_not_confirmed(assessment)
        if unchecked:
            raise FinancialAssessmentError(
                f"Confirm every item against its evidence first: {len(unchecked)} not confirmed yet"
            )
    if lone_parent_without_children(assessment):
        raise FinancialAssessmentError(LONE_PARENT_NO_CHILDREN, field="effective_from")
    person = assessment.person
    rows = Contribution.objects.select_for_update().filter(person=person)
    previous = rows.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=effective_from), effective_from__lte=effective_from
    ).first()
    if previous is not None and effective_from <= previous.effective_from:
        raise FinancialAssessmentError(
            f"The new contribution must start after the one in force then, which started on "
            f"{previous.effective_from:%-d %B %Y}",
            field="effective_from",
        )
    # Rows starting later (next year's, from an approved uprating) were worked out from the old
    # answers: they are replaced by this assessment worked out with that year's figures.
    later = list(rows.filter(effective_from__gt=effective_from).order_by("effective_from"))
    # An outcome letter issued for one of them is kept with its own assessment when the row goes
    # (ContributionLetter.contribution is set to null): the letter stays as it was sent.
    reason = ContributionReason.REASSESSMENT if assessment.replaces_id else ContributionReason.ASSESSMENT
    starts = [effective_from, *sorted({row.effective_from for row in later})]
    replaced = [
        {
            "contribution": str(row.pk),
            "effective_from": row.effective_from.isoformat(),
            "weekly_amount": str(row.weekly_amount),
            "letter_issued_at": row.letter_issued_at.isoformat() if row.letter_issued_at else None,
        }
        for row in later
    ]
    calculations_made = []
    for start in starts:
        try:
            calculations_made.append(calculations.calculate_for_assessment(assessment, as_at=start, user=actor))
        except NoParametersInForce as error:
            raise FinancialAssessmentError(
                f"{error}. Choose a date in a year with published figures, or publish that year's figures first.",
                field="effective_from",
            ) from error
        except rules.ChargingInputError as error:
            raise FinancialAssessmentError(str(error)) from error
    if later:
        Contribution.objects.filter(pk__in=[row.pk for row in later]).delete()
    if previous is not None:
        previous.effective_to = effective_from - datetime.timedelta(days=1)
        previous.save(update_fields=["effective_to"])
    made = []
    for index, (start, calculation) in enumerate(zip(starts, calculations_made, strict=True)):
        ends = starts[index + 1] - datetime.timedelta(days=1) if index + 1 < len(starts) else None
        made.append(
            Contribution.objects.create(
                person=person,
                calculation=calculation,
                weekly_amount=calculation.weekly_contribution,
                effective_from=start,
                effective_to=ends,
                reason=reason,
                created_by=actor,
            )
        )
    contribution, calculation = made[0], calculations_made[0]
    # Only one completed assessment per person: the one it replaces, and any older one, is superseded.
    older = FinancialAssessment.objects.filter(person=person, status=AssessmentStatus.COMPLETED).exclude(
        pk=assessment.pk
    )
    older_ids = list(older.values_list("pk", flat=True))
    if older_ids:
        ChargingCalculation.objects.filter(assessment_id__in=older_ids, status=CalculationStatus.CURRENT).update(
            status=CalculationStatus.SUPERSEDED
        )
        FinancialAssessment.objects.filter(pk__in=older_ids).update(
            status=AssessmentStatus.SUPERSEDED, updated_at=timezone.now()
        )
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.completed_by = actor
    assessment.save(update_fields=["status", "completed_at", "completed_by", "updated_at"])
    _audit(
        actor,
        AuditVerb.FINANCIAL_ASSESSMENT_COMPLETED,
        assessment,
        weekly_contribution=str(calculation.weekly_contribution),
        effective_from=effective_from.isoformat(),
        parameters_version=calculation.parameters_version,
        superseded=[str(pk) for pk in older_ids],
        previous_contribution=str(previous.pk) if previous else None,
        replaced_later_contributions=replaced,
        later_contributions=[
            {
                "contribution": str(row.pk),
                "effective_from": row.effective_from.isoformat(),
                "weekly_amount": str(row.weekly_amount),
            }
            for row in made[1:]
        ],
    )
    return contribution


def letter_refusal(*, contribution: Contribution, today: datetime.date | None = None) -> str:
    """Why no letter may be issued for this contribution, or "" if one may."""
    today = today or timezone.localdate()
    assessment = contribution.calculation.assessment
    if assessment.status != AssessmentStatus.COMPLETED:
        return "This financial assessment has been replaced by a newer one: issue the letter from that one."
    if contribution.effective_to is not None and contribution.effective_to < today:
        return f"This contribution ended on {contribution.effective_to:%-d %B %Y}: there is no letter to issue for it."
    return ""


@transaction.atomic
def letter_issue(*, actor, contribution: Contribution, again: bool = False, reason: str = "") -> Contribution:
    """Record that the outcome letter was issued, and keep the letter as issued in a row of its own
    (its HTML and SHA-256, the fingerprint in the audit event too). A letter already issued is issued
    again only when asked to, with a reason (for example, the first one went to an old address); the
    letter sent again gets its own row and the ones before it are kept as they were. One transaction:
    if drawing the letter or the audit fails, nothing is saved."""
    contribution = (
        Contribution.objects.select_for_update().select_related("calculation__assessment").get(pk=contribution.pk)
    )
    refusal = letter_refusal(contribution=contribution)
    if refusal:
        raise FinancialAssessmentError(refusal)
    reason = (reason or "").strip()
    previously = contribution.letter_issued_at
    if previously is not None:
        if not again:
            raise FinancialAssessmentError(
                f"The letter was already issued on {timezone.localtime(previously):%-d %B %Y}. "
                'To send it again, select "Issue it again" and say why.',
                field="again",
            )
        if len(reason) < REASON_MIN:
            raise FinancialAssessmentError(
                f"Say why the letter is being issued again, in at least {REASON_MIN} characters", field="reason"
            )
        if len(reason) > NOTE_MAX:
            raise FinancialAssessmentError(f"The reason must be {NOTE_MAX:,} characters or fewer", field="reason")
    issued_at = timezone.now()
    contribution.letter_issued_at = issued_at
    contribution.save(update_fields=["letter_issued_at"])
    again = previously is not None
    letter = outcome_letter_issue(
        contribution=contribution, issued_at=issued_at, issued_by=actor, again=again, reason=reason if again else ""
    )
    assessment = contribution.calculation.assessment
    _audit(
        actor,
        AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED,
        assessment,
        contribution=str(contribution.pk),
        weekly_amount=str(contribution.weekly_amount),
        again=again,
        previously_issued_at=previously.isoformat() if previously else None,
        reason=letter.reason,
        letter=str(letter.pk),
        letter_sha256=letter.sha256,
    )
    return contribution


@transaction.atomic
def reassessment_start(*, actor, assessment: FinancialAssessment, reason: str) -> FinancialAssessment:
    """A change of circumstances: a new assessment that replaces a completed one, with its answers and
    items copied (unchecked again) for the officer to change."""
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN:
        raise FinancialAssessmentError(
            f"Say what has changed, in at least {REASON_MIN} characters", field="change_of_circumstances"
        )
    # Lock the person so that two reassessments at once (a double submit) cannot both start.
    Person.objects.select_for_update().filter(pk=assessment.person_id).first()
    assessment = FinancialAssessment.objects.get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.COMPLETED:
        raise FinancialAssessmentError("Only a completed financial assessment can be reassessed")
    if FinancialAssessment.objects.filter(
        person=assessment.person, status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]
    ).exists():
        raise FinancialAssessmentError("Another financial assessment for this person is already open: finish it first")
    copied = {name: getattr(assessment, name) for name in UPDATABLE_FIELDS}
    new = FinancialAssessment.objects.create(
        person=assessment.person,
        started_via=StartedVia.OFFICER,
        started_by=actor,
        replaces=assessment,
        change_of_circumstances=reason,
        completed_steps=list(assessment.completed_steps or []),
        **copied,
    )
    CapitalHolding.objects.bulk_create(
        CapitalHolding(assessment=new, type=c.type, description=c.description, value=c.value, share=c.share)
        for c in assessment.capital.all()
    )
    IncomeSource.objects.bulk_create(
        IncomeSource(assessment=new, code=i.code, description=i.description, amount=i.amount, period=i.period)
        for i in assessment.income.all()
    )
    _audit(
        actor,
        AuditVerb.FINANCIAL_ASSESSMENT_REASSESSMENT_STARTED,
        new,
        replaces=str(assessment.pk),
        reason=reason,
    )
    return new


def assessment_viewed(*, actor, assessment: FinancialAssessment, page: str) -> None:
    """Add a look at a financial assessment to the access log."""
    audit_record(
        actor=actor,
        verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED,
        object_type="charging.financialassessment",
        object_id=assessment.pk,
        person_id=assessment.person_id,
        page=page,
    )
