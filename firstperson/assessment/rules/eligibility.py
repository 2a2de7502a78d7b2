"""The Care Act 2014 eligibility test, for adults and for carers, as a consistency check.

Source: the Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313) reg 2 (adults)
and reg 3 (carers); ../shared/domain/REFERENCE.md §1.2-1.4. A practitioner makes the judgement and
records reasons; this function says whether the findings they recorded add up to eligibility, and
why. It never overrules them: a decision that differs from it must say why (see the services).

Adults: eligible when (1) the needs arise from a physical or mental impairment or illness, (2) as a
result the adult is unable to achieve TWO or more of the ten outcomes, and (3) as a consequence there
is, or is likely to be, a significant impact on their wellbeing.

Carers: eligible when (1) the needs arise from providing necessary care to an adult, (2) as a result
the carer's physical or mental health is deteriorating or at risk of deteriorating, OR they are
unable to achieve ONE or more of the eight carer outcomes, and (3) there is, or is likely to be, a
significant impact on their wellbeing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

# Reg 2(2)(a)-(j): the ten outcomes for adults with care needs.
ADULT_OUTCOMES: dict[str, str] = {
    "A_NUTRITION": "managing and maintaining nutrition",
    "A_HYGIENE": "maintaining personal hygiene",
    "A_TOILET": "managing toilet needs",
    "A_CLOTHED": "being appropriately clothed",
    "A_HOME_SAFE": "being able to make use of the home safely",
    "A_HABITABLE": "maintaining a habitable home environment",
    "A_RELATIONSHIPS": "developing and maintaining family or other personal relationships",
    "A_WORK_EDU": "accessing and engaging in work, training, education or volunteering",
    "A_COMMUNITY": "making use of necessary facilities or services in the local community, "
    "including public transport and recreational facilities or services",
    "A_CHILD_CARING": "carrying out any caring responsibilities for a child",
}

# Reg 3: the eight outcomes for carers.
CARER_OUTCOMES: dict[str, str] = {
    "C_CHILD_CARING": "carrying out any caring responsibilities for a child",
    "C_OTHER_CARING": "providing care to other people they care for",
    "C_HABITABLE": "maintaining a habitable home environment in their own home",
    "C_NUTRITION": "managing and maintaining nutrition",
    "C_RELATIONSHIPS": "developing and maintaining family or other personal relationships",
    "C_WORK_EDU": "engaging in work, training, education or volunteering",
    "C_COMMUNITY": "making use of necessary facilities or services in the local community, "
    "including recreational facilities or services",
    "C_RECREATION": "engaging in recreational activities",
}

# Care Act 2014 s1(2): the areas of wellbeing that condition 3 is judged against.
WELLBEING_DOMAINS: dict[str, str] = {
    "W_DIGNITY": "personal dignity, including being treated with respect",
    "W_HEALTH": "physical and mental health and emotional wellbeing",
    "W_PROTECTION": "protection from abuse and neglect",
    "W_CONTROL": "control over day-to-day life, including care and support",
    "W_PARTICIPATION": "participation in work, education, training or recreation",
    "W_SOCIAL_ECONOMIC": "social and economic wellbeing",
    "W_RELATIONSHIPS": "domestic, family and personal relationships",
    "W_ACCOMMODATION": "suitability of living accommodation",
    "W_CONTRIBUTION": "the individual's contribution to society",
}

ADULT_MINIMUM_OUTCOMES = 2
CARER_MINIMUM_OUTCOMES = 1


class UnableReason(StrEnum):
    """Reg 2(3): the ways an adult counts as unable to achieve an outcome. Carers have the first
    three only (reg 3(3) has no "takes significantly longer" limb; REFERENCE.md §1.3 marks this
    unverified, so it is a named constant to change in one place)."""

    NEEDS_ASSISTANCE = "needs_assistance"
    PAIN_DISTRESS_ANXIETY = "pain_distress_anxiety"
    ENDANGERS_HEALTH_SAFETY = "endangers_health_safety"
    TAKES_SIGNIFICANTLY_LONGER = "takes_significantly_longer"


UNABLE_REASON_TEXT = {
    UnableReason.NEEDS_ASSISTANCE: "cannot do it without help, including prompting",
    UnableReason.PAIN_DISTRESS_ANXIETY: "can do it, but it causes significant pain, distress or anxiety",
    UnableReason.ENDANGERS_HEALTH_SAFETY: "can do it, but it puts their or others' health or safety at risk",
    UnableReason.TAKES_SIGNIFICANTLY_LONGER: "can do it, but it takes significantly longer than normal",
}
CARER_UNABLE_REASONS = frozenset(
    {UnableReason.NEEDS_ASSISTANCE, UnableReason.PAIN_DISTRESS_ANXIETY, UnableReason.ENDANGERS_HEALTH_SAFETY}
)


class InvalidFindings(ValueError):
    """The findings contradict themselves (for example "unable" with no reason)."""


@dataclass(frozen=True)
class OutcomeFinding:
    code: str
    unable: bool
    reasons: frozenset[UnableReason] = frozenset()
    notes: str = ""


@dataclass(frozen=True)
class AdultFindings:
    needs_from_impairment_or_illness: bool
    outcomes: tuple[OutcomeFinding, ...]
    significant_impact_on_wellbeing: bool
    wellbeing_impacts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CarerFindings:
    needs_from_providing_necessary_care: bool
    health_deteriorating_or_at_risk: bool
    outcomes: tuple[OutcomeFinding, ...]
    significant_impact_on_wellbeing: bool
    wellbeing_impacts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EligibilityResult:
    eligible: bool
    outcomes_unable: tuple[str, ...]
    reasons: tuple[str, ...] = field(default=())  # plain English, in the order the test is applied


def _check_outcomes(
    outcomes: Iterable[OutcomeFinding], known: dict[str, str], allowed: frozenset[UnableReason]
) -> tuple[str, ...]:
    seen: set[str] = set()
    unable: list[str] = []
    for finding in outcomes:
        if finding.code not in known:
            raise InvalidFindings(f"{finding.code} is not one of the outcomes in the regulations")
        if finding.code in seen:
            raise InvalidFindings(f"{finding.code} is recorded twice")
        seen.add(finding.code)
        if finding.unable and not finding.reasons:
            raise InvalidFindings(f"Say why they are unable to achieve {known[finding.code]}")
        if not finding.unable and finding.reasons:
            raise InvalidFindings(f"{known[finding.code]} has reasons but is not marked as unable")
        if not finding.reasons <= allowed:
            raise InvalidFindings(f"{known[finding.code]}: that reason does not apply here")
        if finding.unable:
            unable.append(finding.code)
    return tuple(code for code in known if code in unable)


def _check_wellbeing(impacts: frozenset[str]) -> None:
    unknown = impacts - set(WELLBEING_DOMAINS)
    if unknown:
        raise InvalidFindings(f"Not areas of wellbeing in the Care Act: {', '.join(sorted(unknown))}")


def adult_eligibility(findings: AdultFindings) -> EligibilityResult:
    unable = _check_outcomes(findings.outcomes, ADULT_OUTCOMES, frozenset(UnableReason))
    _check_wellbeing(findings.wellbeing_impacts)
    reasons = []
    if not findings.needs_from_impairment_or_illness:
        reasons.append("The needs do not arise from a physical or mental impairment or illness.")
    if len(unable) < ADULT_MINIMUM_OUTCOMES:
        reasons.append(
            f"They are unable to achieve {len(unable)} of the outcomes; the law needs at least {ADULT_MINIMUM_OUTCOMES}."
        )
    else:
        reasons.append(f"They are unable to achieve {len(unable)} of the outcomes.")
    if not findings.significant_impact_on_wellbeing:
        reasons.append("There is not, and is not likely to be, a significant impact on their wellbeing.")
    eligible = (
        findings.needs_from_impairment_or_illness
        and len(unable) >= ADULT_MINIMUM_OUTCOMES
        and findings.significant_impact_on_wellbeing
    )
    if eligible:
        reasons.append("All three conditions are met: the needs are eligible.")
    return EligibilityResult(eligible=eligible, outcomes_unable=unable, reasons=tuple(reasons))


def carer_eligibility(findings: CarerFindings) -> EligibilityResult:
    unable = _check_outcomes(findings.outcomes, CARER_OUTCOMES, CARER_UNABLE_REASONS)
    _check_wellbeing(findings.wellbeing_impacts)
    reasons = []
    if not findings.needs_from_providing_necessary_care:
        reasons.append("The needs do not arise from providing necessary care to an adult.")
    second_condition = findings.health_deteriorating_or_at_risk or len(unable) >= CARER_MINIMUM_OUTCOMES
    if findings.health_deteriorating_or_at_risk:
        reasons.append("Caring is harming, or putting at risk, the carer's physical or mental health.")
    if unable:
        reasons.append(f"The carer is unable to achieve {len(unable)} of the carer outcomes.")
    if not second_condition:
        reasons.append("Caring is not harming the carer's health, and they can achieve all of the carer outcomes.")
    if not findings.significant_impact_on_wellbeing:
        reasons.append("There is not, and is not likely to be, a significant impact on their wellbeing.")
    eligible = (
        findings.needs_from_providing_necessary_care and second_condition and findings.significant_impact_on_wellbeing
    )
    if eligible:
        reasons.append("All three conditions are met: the carer's needs are eligible.")
    return EligibilityResult(eligible=eligible, outcomes_unable=unable, reasons=tuple(reasons))
