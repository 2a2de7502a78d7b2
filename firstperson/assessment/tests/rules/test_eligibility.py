"""The Care Act 2014 eligibility consistency check: SI 2015/313 reg 2 (adults) and reg 3 (carers).

REFERENCE.md §1.2-1.4: adults need condition 1, two or more outcomes unable and a significant
impact; carers need condition 1, the health limb or one or more outcomes unable, and a significant
impact. Findings that contradict themselves are refused.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.assessment.rules.eligibility import (
    ADULT_OUTCOMES,
    CARER_OUTCOMES,
    WELLBEING_DOMAINS,
    AdultFindings,
    CarerFindings,
    InvalidFindings,
    OutcomeFinding,
    UnableReason,
    adult_eligibility,
    carer_eligibility,
)

ADULT_CODES = tuple(ADULT_OUTCOMES)
CARER_CODES = tuple(CARER_OUTCOMES)
CARER_REASONS = (
    UnableReason.NEEDS_ASSISTANCE,
    UnableReason.PAIN_DISTRESS_ANXIETY,
    UnableReason.ENDANGERS_HEALTH_SAFETY,
)


def unable(code, *reasons):
    return OutcomeFinding(code, unable=True, reasons=frozenset(reasons or {UnableReason.NEEDS_ASSISTANCE}))


def able(code):
    return OutcomeFinding(code, unable=False)


def adult_outcomes(unable_count):
    """All ten outcomes, the first `unable_count` of them (in regulation order) unable."""
    return tuple(unable(code) if i < unable_count else able(code) for i, code in enumerate(ADULT_CODES))


def carer_outcomes(unable_count):
    return tuple(unable(code) if i < unable_count else able(code) for i, code in enumerate(CARER_CODES))


def adult(outcomes, *, condition1=True, impact=True, wellbeing=frozenset({"W_HEALTH"})):
    return AdultFindings(
        needs_from_impairment_or_illness=condition1,
        outcomes=tuple(outcomes),
        significant_impact_on_wellbeing=impact,
        wellbeing_impacts=frozenset(wellbeing),
    )


def carer(outcomes, *, condition1=True, health=False, impact=True, wellbeing=frozenset({"W_HEALTH"})):
    return CarerFindings(
        needs_from_providing_necessary_care=condition1,
        health_deteriorating_or_at_risk=health,
        outcomes=tuple(outcomes),
        significant_impact_on_wellbeing=impact,
        wellbeing_impacts=frozenset(wellbeing),
    )


# ---------------------------------------------------------------------------------------------
# Adults: the table
# ---------------------------------------------------------------------------------------------


def test_the_regulations_lists_are_the_ones_in_the_reference():
    assert len(ADULT_OUTCOMES) == 10
    assert len(CARER_OUTCOMES) == 8
    assert len(WELLBEING_DOMAINS) == 9
    assert set(UnableReason) == {
        "needs_assistance",
        "pain_distress_anxiety",
        "endangers_health_safety",
        "takes_significantly_longer",
    }


@pytest.mark.parametrize(
    ("unable_count", "eligible"),
    [(0, False), (1, False), (2, True), (3, True), (10, True)],
)
def test_adult_needs_two_or_more_outcomes_unable(unable_count, eligible):
    result = adult_eligibility(adult(adult_outcomes(unable_count)))
    assert result.eligible is eligible
    assert result.outcomes_unable == ADULT_CODES[:unable_count]


def test_adult_with_no_outcomes_recorded_is_not_eligible():
    result = adult_eligibility(adult(()))
    assert result.eligible is False
    assert result.outcomes_unable == ()


@pytest.mark.parametrize("reason", list(UnableReason))
def test_adult_each_unable_reason_alone_counts(reason):
    outcomes = (unable("A_NUTRITION", reason), unable("A_HYGIENE", reason), able("A_TOILET"))
    result = adult_eligibility(adult(outcomes))
    assert result.eligible is True
    assert result.outcomes_unable == ("A_NUTRITION", "A_HYGIENE")


@pytest.mark.parametrize(
    ("condition1", "unable_count", "impact", "eligible"),
    [
        (True, 2, True, True),
        (False, 10, True, False),  # condition 1 fails: not eligible even with every outcome
        (True, 10, False, False),  # no significant impact: not eligible even with every outcome
        (True, 1, True, False),
        (False, 0, False, False),
        (False, 2, False, False),
    ],
)
def test_adult_all_three_conditions_are_needed(condition1, unable_count, impact, eligible):
    result = adult_eligibility(adult(adult_outcomes(unable_count), condition1=condition1, impact=impact))
    assert result.eligible is eligible


def test_adult_outcomes_unable_keep_the_regulation_order():
    outcomes = (
        unable("A_CHILD_CARING"),
        able("A_NUTRITION"),
        unable("A_HOME_SAFE"),
        unable("A_HYGIENE"),
        unable("A_COMMUNITY"),
    )
    result = adult_eligibility(adult(outcomes))
    assert result.outcomes_unable == ("A_HYGIENE", "A_HOME_SAFE", "A_COMMUNITY", "A_CHILD_CARING")


# ---------------------------------------------------------------------------------------------
# Adults: the reasons in plain English
# ---------------------------------------------------------------------------------------------


def test_adult_reasons_when_eligible():
    result = adult_eligibility(adult(adult_outcomes(3)))
    assert result.reasons == (
        "They are unable to achieve 3 of the outcomes.",
        "All three conditions are met: the needs are eligible.",
    )


def test_adult_reasons_say_condition_one_failed():
    result = adult_eligibility(adult(adult_outcomes(10), condition1=False))
    assert result.reasons[0] == "The needs do not arise from a physical or mental impairment or illness."
    assert not any("All three conditions are met" in reason for reason in result.reasons)


def test_adult_reasons_say_too_few_outcomes():
    result = adult_eligibility(adult(adult_outcomes(1)))
    assert result.reasons == ("They are unable to achieve 1 of the outcomes; the law needs at least 2.",)


def test_adult_reasons_say_there_is_no_significant_impact():
    result = adult_eligibility(adult(adult_outcomes(10), impact=False))
    assert result.reasons[-1] == "There is not, and is not likely to be, a significant impact on their wellbeing."
    assert not any("All three conditions are met" in reason for reason in result.reasons)


def test_adult_reasons_list_every_failure_in_the_order_of_the_test():
    result = adult_eligibility(adult(adult_outcomes(0), condition1=False, impact=False))
    assert result.reasons == (
        "The needs do not arise from a physical or mental impairment or illness.",
        "They are unable to achieve 0 of the outcomes; the law needs at least 2.",
        "There is not, and is not likely to be, a significant impact on their wellbeing.",
    )


# ---------------------------------------------------------------------------------------------
# Carers: the table
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unable_count", "health", "eligible"),
    [
        (0, False, False),  # neither limb of condition 2
        (1, False, True),  # exactly one outcome is enough for a carer
        (0, True, True),  # health deteriorating is enough on its own
        (1, True, True),
        (8, False, True),
    ],
)
def test_carer_needs_the_health_limb_or_one_outcome(unable_count, health, eligible):
    result = carer_eligibility(carer(carer_outcomes(unable_count), health=health))
    assert result.eligible is eligible
    assert result.outcomes_unable == CARER_CODES[:unable_count]


@pytest.mark.parametrize("reason", CARER_REASONS)
def test_carer_each_of_the_three_unable_reasons_alone_counts(reason):
    result = carer_eligibility(carer((unable("C_RECREATION", reason), able("C_NUTRITION"))))
    assert result.eligible is True
    assert result.outcomes_unable == ("C_RECREATION",)


@pytest.mark.parametrize(
    ("condition1", "health", "unable_count", "impact", "eligible"),
    [
        (True, True, 8, True, True),
        (False, True, 8, True, False),  # condition 1 fails
        (True, True, 8, False, False),  # no significant impact
        (False, False, 0, False, False),
    ],
)
def test_carer_all_three_conditions_are_needed(condition1, health, unable_count, impact, eligible):
    findings = carer(carer_outcomes(unable_count), condition1=condition1, health=health, impact=impact)
    assert carer_eligibility(findings).eligible is eligible


@pytest.mark.parametrize(
    "reasons",
    [
        {UnableReason.TAKES_SIGNIFICANTLY_LONGER},
        {UnableReason.TAKES_SIGNIFICANTLY_LONGER, UnableReason.NEEDS_ASSISTANCE},
    ],
)
def test_carer_cannot_use_the_takes_significantly_longer_reason(reasons):
    with pytest.raises(InvalidFindings, match="that reason does not apply here"):
        carer_eligibility(carer((unable("C_NUTRITION", *reasons),)))


def test_carer_outcomes_unable_keep_the_regulation_order():
    outcomes = (unable("C_RECREATION"), unable("C_CHILD_CARING"), able("C_WORK_EDU"), unable("C_NUTRITION"))
    result = carer_eligibility(carer(outcomes))
    assert result.outcomes_unable == ("C_CHILD_CARING", "C_NUTRITION", "C_RECREATION")


def test_carer_reasons_when_eligible_by_both_limbs():
    result = carer_eligibility(carer(carer_outcomes(2), health=True))
    assert result.reasons == (
        "Caring is harming, or putting at risk, the carer's physical or mental health.",
        "The carer is unable to achieve 2 of the carer outcomes.",
        "All three conditions are met: the carer's needs are eligible.",
    )


def test_carer_reasons_say_neither_limb_of_condition_two_is_met():
    result = carer_eligibility(carer(carer_outcomes(0)))
    assert result.reasons == (
        "Caring is not harming the carer's health, and they can achieve all of the carer outcomes.",
    )


def test_carer_reasons_say_condition_one_and_impact_failed():
    result = carer_eligibility(carer(carer_outcomes(1), condition1=False, impact=False))
    assert result.reasons == (
        "The needs do not arise from providing necessary care to an adult.",
        "The carer is unable to achieve 1 of the carer outcomes.",
        "There is not, and is not likely to be, a significant impact on their wellbeing.",
    )


# ---------------------------------------------------------------------------------------------
# Findings that contradict themselves
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcomes", "message"),
    [
        ((unable("A_MADE_UP"),), "A_MADE_UP is not one of the outcomes"),
        ((unable("C_NUTRITION"),), "C_NUTRITION is not one of the outcomes"),  # a carer outcome for an adult
        ((unable("A_HYGIENE"), able("A_HYGIENE")), "A_HYGIENE is recorded twice"),
        ((able("A_TOILET"), able("A_TOILET")), "A_TOILET is recorded twice"),
        ((OutcomeFinding("A_NUTRITION", unable=True),), "Say why they are unable to achieve managing and maintaining"),
        (
            (OutcomeFinding("A_CLOTHED", unable=False, reasons=frozenset({UnableReason.NEEDS_ASSISTANCE})),),
            "being appropriately clothed has reasons but is not marked as unable",
        ),
        (
            (OutcomeFinding("A_CLOTHED", unable=True, reasons=frozenset({"made_up_reason"})),),
            "that reason does not apply here",
        ),
    ],
)
def test_adult_contradictory_outcomes_are_refused(outcomes, message):
    with pytest.raises(InvalidFindings, match=message):
        adult_eligibility(adult(outcomes))


@pytest.mark.parametrize(
    ("outcomes", "message"),
    [
        ((unable("C_MADE_UP"),), "C_MADE_UP is not one of the outcomes"),
        ((unable("A_NUTRITION"),), "A_NUTRITION is not one of the outcomes"),  # an adult outcome for a carer
        ((able("C_RECREATION"), unable("C_RECREATION")), "C_RECREATION is recorded twice"),
        ((OutcomeFinding("C_NUTRITION", unable=True),), "Say why they are unable to achieve managing and maintaining"),
        (
            (OutcomeFinding("C_HABITABLE", unable=False, reasons=frozenset({UnableReason.PAIN_DISTRESS_ANXIETY})),),
            "has reasons but is not marked as unable",
        ),
    ],
)
def test_carer_contradictory_outcomes_are_refused(outcomes, message):
    with pytest.raises(InvalidFindings, match=message):
        carer_eligibility(carer(outcomes, health=True))


@pytest.mark.parametrize("wellbeing", [{"W_MADE_UP"}, {"W_HEALTH", "W_MADE_UP"}, {"A_NUTRITION"}])
def test_unknown_wellbeing_domains_are_refused(wellbeing):
    with pytest.raises(InvalidFindings, match="Not areas of wellbeing in the Care Act"):
        adult_eligibility(adult(adult_outcomes(2), wellbeing=wellbeing))
    with pytest.raises(InvalidFindings, match="Not areas of wellbeing in the Care Act"):
        carer_eligibility(carer(carer_outcomes(1), wellbeing=wellbeing))


def test_every_wellbeing_domain_is_accepted():
    assert adult_eligibility(adult(adult_outcomes(2), wellbeing=set(WELLBEING_DOMAINS))).eligible is True
    assert carer_eligibility(carer(carer_outcomes(1), wellbeing=set(WELLBEING_DOMAINS))).eligible is True


def test_the_message_for_unknown_wellbeing_names_each_unknown_domain_once_in_order():
    with pytest.raises(InvalidFindings) as raised:
        adult_eligibility(adult(adult_outcomes(2), wellbeing={"W_ZZZ", "W_HEALTH", "W_AAA"}))
    assert str(raised.value) == "Not areas of wellbeing in the Care Act: W_AAA, W_ZZZ"


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------


@st.composite
def outcome_findings(draw, codes, reasons):
    """A consistent finding for a random subset of `codes`, listed in a random order."""
    chosen = draw(st.lists(st.sampled_from(codes), unique=True, max_size=len(codes)))
    findings = []
    for code in chosen:
        if draw(st.booleans()):
            findings.append(OutcomeFinding(code, True, frozenset(draw(st.sets(st.sampled_from(reasons), min_size=1)))))
        else:
            findings.append(OutcomeFinding(code, False))
    return tuple(findings)


wellbeing_sets = st.frozensets(st.sampled_from(tuple(WELLBEING_DOMAINS)))


@st.composite
def adult_findings(draw):
    return AdultFindings(
        needs_from_impairment_or_illness=draw(st.booleans()),
        outcomes=draw(outcome_findings(ADULT_CODES, tuple(UnableReason))),
        significant_impact_on_wellbeing=draw(st.booleans()),
        wellbeing_impacts=draw(wellbeing_sets),
    )


@st.composite
def carer_findings(draw):
    return CarerFindings(
        needs_from_providing_necessary_care=draw(st.booleans()),
        health_deteriorating_or_at_risk=draw(st.booleans()),
        outcomes=draw(outcome_findings(CARER_CODES, CARER_REASONS)),
        significant_impact_on_wellbeing=draw(st.booleans()),
        wellbeing_impacts=draw(wellbeing_sets),
    )


@given(adult_findings())
def test_adult_is_eligible_exactly_when_the_three_conditions_hold(findings):
    unable_codes = {finding.code for finding in findings.outcomes if finding.unable}
    expected = (
        findings.needs_from_impairment_or_illness
        and len(unable_codes) >= 2
        and findings.significant_impact_on_wellbeing
    )
    result = adult_eligibility(findings)
    assert result.eligible is expected
    assert result.outcomes_unable == tuple(code for code in ADULT_CODES if code in unable_codes)
    assert ("All three conditions are met: the needs are eligible." in result.reasons) is expected


@given(carer_findings())
def test_carer_is_eligible_exactly_when_the_three_conditions_hold(findings):
    unable_codes = {finding.code for finding in findings.outcomes if finding.unable}
    expected = (
        findings.needs_from_providing_necessary_care
        and (findings.health_deteriorating_or_at_risk or len(unable_codes) >= 1)
        and findings.significant_impact_on_wellbeing
    )
    result = carer_eligibility(findings)
    assert result.eligible is expected
    assert result.outcomes_unable == tuple(code for code in CARER_CODES if code in unable_codes)
    assert ("All three conditions are met: the carer's needs are eligible." in result.reasons) is expected


@given(adult_findings(), st.randoms(use_true_random=False))
def test_adult_result_does_not_depend_on_the_order_of_the_outcomes(findings, random):
    shuffled = list(findings.outcomes)
    random.shuffle(shuffled)
    reordered = AdultFindings(
        findings.needs_from_impairment_or_illness,
        tuple(shuffled),
        findings.significant_impact_on_wellbeing,
        findings.wellbeing_impacts,
    )
    assert adult_eligibility(reordered) == adult_eligibility(findings)


@given(carer_findings(), st.randoms(use_true_random=False))
def test_carer_result_does_not_depend_on_the_order_of_the_outcomes(findings, random):
    shuffled = list(findings.outcomes)
    random.shuffle(shuffled)
    reordered = CarerFindings(
        findings.needs_from_providing_necessary_care,
        findings.health_deteriorating_or_at_risk,
        tuple(shuffled),
        findings.significant_impact_on_wellbeing,
        findings.wellbeing_impacts,
    )
    assert carer_eligibility(reordered) == carer_eligibility(findings)


@given(carer_findings(), st.sampled_from(CARER_CODES))
def test_carer_takes_significantly_longer_is_always_refused(findings, code):
    others = tuple(finding for finding in findings.outcomes if finding.code != code)
    longer = OutcomeFinding(code, True, frozenset({UnableReason.TAKES_SIGNIFICANTLY_LONGER}))
    with pytest.raises(InvalidFindings):
        carer_eligibility(
            CarerFindings(
                findings.needs_from_providing_necessary_care,
                findings.health_deteriorating_or_at_risk,
                (*others, longer),
                findings.significant_impact_on_wellbeing,
                findings.wellbeing_impacts,
            )
        )
