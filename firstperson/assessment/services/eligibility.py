"""Recording an eligibility determination (Care Act 2014 s13; SI 2015/313 regs 2 and 3).

The practitioner records their findings as structured data and makes the decision, with reasons. The
pure rule (rules/eligibility.py) says what the findings add up to; it never overrules them. A decision
that differs from the rule's must say why, and both are kept.

Once a decision is recorded, the person and the representatives who may read it are told that there
is a decision to read, in the service and by email; never what it is.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from firstperson.people.selectors import accounts_to_tell
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.notify.services import notification_send

from .. import permissions
from ..exceptions import AssessmentNotAllowed, InvalidDetermination
from ..letters import eligibility_letter_issue
from ..models import (
    AssessmentStatus,
    DeterminationKind,
    EligibilityDetermination,
    FacsBand,
    FacsThreshold,
    OutcomeFindingRecord,
    QuestionnaireKind,
    SelfAssessment,
)
from ..rules.eligibility import (
    ADULT_OUTCOMES,
    CARER_OUTCOMES,
    CARER_UNABLE_REASONS,
    UNABLE_REASON_TEXT,
    WELLBEING_DOMAINS,
    AdultFindings,
    CarerFindings,
    EligibilityResult,
    InvalidFindings,
    OutcomeFinding,
    UnableReason,
    adult_eligibility,
    carer_eligibility,
)
from ..selectors import eligibility_determination_current_id

RULE_VERSION = "SI-2015-313-v1"
UNABLE_REASON_CODES = frozenset(str(reason) for reason in UnableReason)
TEXT_MAX = 5000


@dataclass(frozen=True)
class OutcomeInput:
    code: str
    unable: bool | None
    reasons: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class DeterminationInput:
    """What the practitioner recorded. None means "not answered"."""

    condition_1_met: bool | None
    condition_1_evidence: str
    outcomes: tuple[OutcomeInput, ...]
    wellbeing_impacts: tuple[str, ...]
    significant_impact: bool | None
    eligible: bool | None
    reasons: str
    disagreement_reason: str = ""
    health_deteriorating_or_at_risk: bool | None = None
    legacy_facs_band: str = ""
    legacy_facs_threshold: str = ""


def determination_kind_for(assessment: SelfAssessment) -> DeterminationKind:
    if assessment.version.questionnaire.kind == QuestionnaireKind.CARER:
        return DeterminationKind.CARER
    return DeterminationKind.ADULT


def outcomes_for(kind: str) -> dict[str, str]:
    return CARER_OUTCOMES if kind == DeterminationKind.CARER else ADULT_OUTCOMES


def unable_reasons_for(kind: str) -> list[UnableReason]:
    if kind == DeterminationKind.CARER:
        return [reason for reason in UnableReason if reason in CARER_UNABLE_REASONS]
    return list(UnableReason)


def _check(kind: str, findings: DeterminationInput) -> list[tuple[str | None, str]]:
    problems: list[tuple[str | None, str]] = []
    carer = kind == DeterminationKind.CARER
    if findings.condition_1_met is None:
        cause = "providing necessary care to an adult" if carer else "a physical or mental impairment or illness"
        problems.append(("condition_1_met", f"Say whether the needs arise from {cause}"))
    if not findings.condition_1_evidence.strip():
        problems.append(("condition_1_evidence", "Give the evidence for your answer about where the needs come from"))
    elif len(findings.condition_1_evidence) > TEXT_MAX:
        problems.append(("condition_1_evidence", f"The evidence must be {TEXT_MAX:,} characters or fewer"))
    if carer and findings.health_deteriorating_or_at_risk is None:
        problems.append(
            ("health_deteriorating_or_at_risk", "Say whether caring is harming, or putting at risk, the carer's health")
        )
    known = outcomes_for(kind)
    allowed = {str(reason) for reason in unable_reasons_for(kind)}
    given = {outcome.code: outcome for outcome in findings.outcomes}
    for code in set(given) - set(known):
        problems.append((None, f"{code} is not one of the outcomes in the regulations"))
    for code, text in known.items():
        outcome = given.get(code)
        field = f"outcome_{code}"
        if outcome is None or outcome.unable is None:
            problems.append((f"{field}_unable", f"Select yes if they are unable to achieve {text}, or no if they can"))
            continue
        if outcome.unable and not outcome.reasons:
            problems.append((f"{field}_reasons", f"Choose why they are unable to achieve {text}"))
        if not outcome.unable and outcome.reasons:
            problems.append(
                (f"{field}_reasons", f"You chose reasons for {text}, but said they can achieve it: remove the reasons")
            )
        wrong = [reason for reason in outcome.reasons if reason not in allowed]
        if wrong:
            problems.append((f"{field}_reasons", f"{text}: that reason does not apply to this test"))
        if len(outcome.notes) > TEXT_MAX:
            problems.append((f"{field}_notes", f"Notes on {text} must be {TEXT_MAX:,} characters or fewer"))
    unknown = set(findings.wellbeing_impacts) - set(WELLBEING_DOMAINS)
    if unknown:
        problems.append(("wellbeing_impacts", "Choose areas of wellbeing from the list"))
    if findings.significant_impact is None:
        problems.append(
            ("significant_impact", "Say whether there is, or is likely to be, a significant impact on their wellbeing")
        )
    elif findings.significant_impact and not findings.wellbeing_impacts:
        problems.append(("wellbeing_impacts", "Choose the areas of wellbeing that are affected"))
    if findings.eligible is None:
        problems.append(("eligible", "Choose your decision: eligible or not eligible"))
    if not findings.reasons.strip():
        problems.append(("reasons", "Give the reasons for your decision"))
    elif len(findings.reasons) > TEXT_MAX:
        problems.append(("reasons", f"The reasons must be {TEXT_MAX:,} characters or fewer"))
    if findings.legacy_facs_band and findings.legacy_facs_band not in FacsBand.values:
        problems.append(("legacy_facs_band", "Choose a FACS band from the list, or leave it empty"))
    if findings.legacy_facs_threshold and findings.legacy_facs_threshold not in FacsThreshold.values:
        problems.append(
            ("legacy_facs_threshold", "Choose the council's FACS threshold from the list, or leave it empty")
        )
    elif findings.legacy_facs_threshold and not findings.legacy_facs_band:
        problems.append(("legacy_facs_threshold", "Choose the FACS band too, or leave the threshold empty"))
    return problems


def eligibility_rule_result(*, kind: str, findings: DeterminationInput) -> EligibilityResult | None:
    """What the Care Act test gives for these findings, or None if they are not complete enough."""
    known = outcomes_for(kind)
    given = {outcome.code: outcome for outcome in findings.outcomes}
    if findings.condition_1_met is None or findings.significant_impact is None:
        return None
    if any(given.get(code) is None or given[code].unable is None for code in known):
        return None
    if kind == DeterminationKind.CARER and findings.health_deteriorating_or_at_risk is None:
        return None
    outcomes = tuple(
        OutcomeFinding(
            code=code,
            unable=bool(given[code].unable),
            reasons=frozenset(UnableReason(reason) for reason in given[code].reasons if reason in UNABLE_REASON_CODES),
            notes=given[code].notes,
        )
        for code in known
    )
    impacts = frozenset(code for code in findings.wellbeing_impacts if code in WELLBEING_DOMAINS)
    try:
        if kind == DeterminationKind.CARER:
            return carer_eligibility(
                CarerFindings(
                    needs_from_providing_necessary_care=findings.condition_1_met,
                    health_deteriorating_or_at_risk=bool(findings.health_deteriorating_or_at_risk),
                    outcomes=outcomes,
                    significant_impact_on_wellbeing=findings.significant_impact,
                    wellbeing_impacts=impacts,
                )
            )
        return adult_eligibility(
            AdultFindings(
                needs_from_impairment_or_illness=findings.condition_1_met,
                outcomes=outcomes,
                significant_impact_on_wellbeing=findings.significant_impact,
                wellbeing_impacts=impacts,
            )
        )
    except InvalidFindings:
        return None


#: What people are told when a decision is recorded, as (subject, body), by (the decision replaces an
#: earlier one, told to the person themselves). Only that there is a decision to read: emails are not
#: a secure channel, so never whether the needs are eligible, or why. As for support plans, a message
#: to someone who acts for the person does not name them: the link shows whose assessment it is. The
#: same words are the message in the service, read signed in, and the email, which carries the link:
#: so they say the decision "is ready to read", never "sign in".
DECISION_NOTICES: dict[tuple[bool, bool], tuple[str, str]] = {
    (False, True): (
        "We have made a decision about your assessment",
        "We have made a decision about your assessment. It is ready to read.",
    ),
    (False, False): (
        "We have made a decision about an assessment you help with",
        "We have made a decision about an assessment you help with. It is ready to read.",
    ),
    (True, True): (
        "We have made a new decision about your assessment",
        "We have made a new decision about your assessment. It replaces our earlier decision. It is ready to read.",
    ),
    (True, False): (
        "We have made a new decision about an assessment you help with",
        "We have made a new decision about an assessment you help with. It replaces our earlier decision. "
        "It is ready to read.",
    ),
}


def _tell(assessment: SelfAssessment, determination: EligibilityDetermination, *, replaces_earlier: bool) -> None:
    """Tell the person (for a carer's assessment, the carer, not the person they care for) and the
    representatives who may read the decision (permissions.SEEING_AUTHORITIES) that it is ready.
    The message links to this decision, as its letter does: after a newer one, that page says so."""
    url = reverse(
        "assessment-resident:determination",
        kwargs={"assessment_id": assessment.pk, "determination_id": determination.pk},
    )
    for account, is_the_person in accounts_to_tell(
        person=assessment.person, authorities=permissions.SEEING_AUTHORITIES
    ):
        subject, body = DECISION_NOTICES[(replaces_earlier, is_the_person)]
        notification_send(recipient=account, subject=subject, body=body, url=url)


def _decision_word(eligible: bool) -> str:
    return "eligible" if eligible else "not eligible"


NOT_SENT = "The self-assessment has not been sent yet: decide eligibility once it is"
WITHDRAWN = "The self-assessment has been withdrawn: there is nothing to decide"
STALE_DETERMINATION = (
    "Another decision was recorded for this assessment after you opened this page. Read it before you record a new one."
)


def _not_open_to_decide(assessment: SelfAssessment) -> InvalidDetermination | None:
    if assessment.status == AssessmentStatus.SUBMITTED:
        return None
    return InvalidDetermination([(None, WITHDRAWN if assessment.status == AssessmentStatus.WITHDRAWN else NOT_SENT)])


def _stale(assessment: SelfAssessment, shown_determination_id: str | None) -> InvalidDetermination | None:
    """Refuses a decision made on a page that showed another current decision (or none) than there
    is now: a practitioner never replaces a decision they have not read."""
    if shown_determination_id is None or shown_determination_id == eligibility_determination_current_id(
        assessment=assessment
    ):
        return None
    return InvalidDetermination([(None, STALE_DETERMINATION)])


def eligibility_determination_record(
    *,
    actor,
    assessment: SelfAssessment,
    findings: DeterminationInput,
    shown_determination_id: str | None = None,
) -> EligibilityDetermination:
    """Record the practitioner's eligibility decision on a sent self-assessment, and tell the person
    and their representatives who may read it that it is ready (once the decision is saved: nothing
    is emailed if it is not).

    A decision can be recorded again: the new one replaces the earlier (the newest is the current
    one), and people are told again, in words that say it is a new decision.

    `shown_determination_id` is the current decision the practitioner's page showed ("" when it
    showed none); the decision form always sends it. When it is not the current decision any more,
    nothing is saved and nobody is told: the practitioner reads the newer decision first. None means
    no page was shown (demo data and tests), and there is nothing to check.

    The assessment's row is locked while the decision is recorded, so of two practitioners recording
    at the same moment the second waits, then finds the first's decision: it is refused as above
    when their page showed another, and otherwise told as a new decision; never two "first" ones.

    Raises InvalidDetermination listing every problem, with the rule's result attached as
    `rule_result` when the findings were complete enough to work it out."""
    if not permissions.can_decide_eligibility(actor, assessment.person):
        raise AssessmentNotAllowed("Only a practitioner or team manager in the person's team can decide eligibility")
    refused = _not_open_to_decide(assessment) or _stale(assessment, shown_determination_id)
    if refused:
        raise refused
    kind = determination_kind_for(assessment)
    problems = _check(kind, findings)
    result = eligibility_rule_result(kind=kind, findings=findings) if not problems else None
    if not problems and result is None:
        problems.append((None, "The findings contradict each other: check each outcome and its reasons"))
    differs_without_reason = (
        result is not None
        and findings.eligible is not None
        and findings.eligible != result.eligible
        and not findings.disagreement_reason.strip()
    )
    if differs_without_reason:
        assert result is not None and findings.eligible is not None
        problems.append(
            (
                "disagreement_reason",
                f"Your decision ({_decision_word(findings.eligible)}) differs from what the Care Act test gives "
                f"for these findings ({_decision_word(result.eligible)}): explain why you decided otherwise",
            )
        )
    if len(findings.disagreement_reason) > TEXT_MAX:
        problems.append(("disagreement_reason", f"The explanation must be {TEXT_MAX:,} characters or fewer"))
    if problems:
        raise InvalidDetermination(problems, rule_result=eligibility_rule_result(kind=kind, findings=findings))
    assert result is not None and findings.eligible is not None and findings.condition_1_met is not None
    assert findings.significant_impact is not None
    differs = findings.eligible != result.eligible
    with transaction.atomic():
        # Checked again under the lock: another decision may have been recorded since the checks above.
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        refused = _not_open_to_decide(locked) or _stale(locked, shown_determination_id)
        if refused:
            raise refused
        replaces_earlier = eligibility_determination_current_id(assessment=locked) != ""
        determination = EligibilityDetermination.objects.create(
            person=assessment.person,
            assessment=assessment,
            kind=kind,
            condition_1_met=findings.condition_1_met,
            condition_1_evidence=findings.condition_1_evidence.strip(),
            health_deteriorating_or_at_risk=(
                findings.health_deteriorating_or_at_risk if kind == DeterminationKind.CARER else None
            ),
            wellbeing_impacts=[code for code in WELLBEING_DOMAINS if code in findings.wellbeing_impacts],
            significant_impact=findings.significant_impact,
            rule_version=RULE_VERSION,
            rule_eligible=result.eligible,
            rule_reasons=list(result.reasons),
            outcomes_unable=list(result.outcomes_unable),
            eligible=findings.eligible,
            reasons=findings.reasons.strip(),
            disagreement_reason=findings.disagreement_reason.strip() if differs else "",
            legacy_facs_band=findings.legacy_facs_band,
            legacy_facs_threshold=findings.legacy_facs_threshold,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        given = {outcome.code: outcome for outcome in findings.outcomes}
        OutcomeFindingRecord.objects.bulk_create(
            OutcomeFindingRecord(
                determination=determination,
                outcome_code=code,
                unable=bool(given[code].unable),
                reasons=[str(reason) for reason in unable_reasons_for(kind) if str(reason) in given[code].reasons],
                notes=given[code].notes.strip(),
                order=order,
            )
            for order, code in enumerate(outcomes_for(kind), start=1)
        )
        eligibility_letter_issue(determination)
        audit_record(
            actor=actor,
            verb=AuditVerb.ELIGIBILITY_DECIDED,
            object_type="eligibility_determination",
            object_id=determination.pk,
            person_id=assessment.person_id,
            payload={
                "kind": kind,
                "eligible": findings.eligible,
                "rule_eligible": result.eligible,
                "differs_from_rule": differs,
                "outcomes_unable": list(result.outcomes_unable),
                "self_assessment": str(assessment.pk),
                "letter_sha256": determination.letter_sha256,
            },
        )
        _tell(assessment, determination, replaces_earlier=replaces_earlier)
    return determination


REASON_TEXT = {str(reason): text for reason, text in UNABLE_REASON_TEXT.items()}
