"""Recording an eligibility determination: the practitioner's findings as structured data, the rule's
result beside the decision, a reason required when they differ, and every gap named."""

import pytest

from firstperson.assessment import services
from firstperson.assessment.exceptions import AssessmentNotAllowed, InvalidDetermination
from firstperson.assessment.models import EligibilityDetermination, OutcomeFindingRecord
from firstperson.people.services import person_break_glass_open
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..builders import findings


def test_an_eligible_decision_that_agrees_with_the_rule(submitted, practitioner):
    recorded = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE", "A_CLOTHED"), eligible=True),
    )
    assert recorded.eligible and recorded.rule_eligible and not recorded.differs_from_rule
    assert recorded.outcomes_unable == ["A_HYGIENE", "A_CLOTHED"]
    assert recorded.rule_reasons[-1] == "All three conditions are met: the needs are eligible."
    assert recorded.rule_version == services.RULE_VERSION
    assert recorded.decided_by == practitioner and recorded.person == submitted.person
    rows = OutcomeFindingRecord.objects.filter(determination=recorded)
    assert rows.count() == 10
    assert rows.get(outcome_code="A_HYGIENE").reasons == ["needs_assistance"]
    assert rows.get(outcome_code="A_NUTRITION").unable is False
    event = AuditEvent.objects.get(verb=AuditVerb.ELIGIBILITY_DECIDED)
    assert event.payload["eligible"] is True and event.payload["differs_from_rule"] is False


def test_one_outcome_is_not_enough_for_an_adult(submitted, practitioner):
    recorded = services.eligibility_determination_record(
        actor=practitioner, assessment=submitted, findings=findings(unable=("A_HYGIENE",), eligible=False)
    )
    assert recorded.rule_eligible is False
    assert "the law needs at least 2" in recorded.rule_reasons[0]


def test_a_decision_that_differs_from_the_rule_needs_a_reason_and_is_not_overruled(submitted, practitioner):
    differing = findings(unable=("A_HYGIENE",), eligible=True)
    with pytest.raises(InvalidDetermination) as caught:
        services.eligibility_determination_record(actor=practitioner, assessment=submitted, findings=differing)
    assert caught.value.problems == [
        (
            "disagreement_reason",
            "Your decision (eligible) differs from what the Care Act test gives for these findings (not eligible): "
            "explain why you decided otherwise",
        )
    ]
    assert caught.value.rule_result.eligible is False
    assert not EligibilityDetermination.objects.exists()

    reasoned = findings(
        unable=("A_HYGIENE",),
        eligible=True,
        disagreement_reason="His needs fluctuate: on bad weeks he cannot dress either.",
    )
    recorded = services.eligibility_determination_record(actor=practitioner, assessment=submitted, findings=reasoned)
    assert recorded.eligible is True and recorded.rule_eligible is False and recorded.differs_from_rule
    assert recorded.disagreement_reason == "His needs fluctuate: on bad weeks he cannot dress either."


def test_every_missing_finding_is_named(submitted, practitioner):
    empty = services.DeterminationInput(
        condition_1_met=None,
        condition_1_evidence="",
        outcomes=(),
        wellbeing_impacts=(),
        significant_impact=None,
        eligible=None,
        reasons="",
    )
    with pytest.raises(InvalidDetermination) as caught:
        services.eligibility_determination_record(actor=practitioner, assessment=submitted, findings=empty)
    fields = [field for field, _ in caught.value.problems]
    assert fields[:2] == ["condition_1_met", "condition_1_evidence"]
    assert "outcome_A_NUTRITION_unable" in fields and "outcome_A_CHILD_CARING_unable" in fields
    assert fields[-3:] == ["significant_impact", "eligible", "reasons"]
    assert (
        dict(caught.value.problems)["outcome_A_TOILET_unable"]
        == "Select yes if they are unable to achieve managing toilet needs, or no if they can"
    )
    assert not EligibilityDetermination.objects.exists()


def test_unable_needs_a_reason_and_able_has_none(submitted, practitioner):
    contradictory = findings(unable=("A_HYGIENE", "A_TOILET"), unable_reasons=(), eligible=True)
    with pytest.raises(InvalidDetermination) as caught:
        services.eligibility_determination_record(actor=practitioner, assessment=submitted, findings=contradictory)
    assert caught.value.problems == [
        ("outcome_A_HYGIENE_reasons", "Choose why they are unable to achieve maintaining personal hygiene"),
        ("outcome_A_TOILET_reasons", "Choose why they are unable to achieve managing toilet needs"),
    ]


def test_a_significant_impact_names_the_areas_of_wellbeing(submitted, practitioner):
    with pytest.raises(InvalidDetermination) as caught:
        services.eligibility_determination_record(
            actor=practitioner,
            assessment=submitted,
            findings=findings(unable=("A_HYGIENE", "A_TOILET"), eligible=True, wellbeing_impacts=()),
        )
    assert caught.value.problems == [("wellbeing_impacts", "Choose the areas of wellbeing that are affected")]


def test_a_carer_is_eligible_on_the_health_limb_alone(
    carer_version, make_person, make_user, team, practitioner, answer_all
):
    margaret_account = make_user(Role.RESIDENT)
    margaret = make_person(team=team, account=margaret_account, legal_given_name="Margaret")
    assessment = services.self_assessment_start(actor=margaret_account, person=margaret, version=carer_version)
    answer_all(assessment, margaret_account, level=2)
    assessment = services.self_assessment_submit(actor=margaret_account, assessment=assessment, declaration=True)
    recorded = services.eligibility_determination_record(
        actor=practitioner,
        assessment=assessment,
        findings=findings("carer", health_deteriorating_or_at_risk=True, eligible=True),
    )
    assert recorded.kind == "carer" and recorded.rule_eligible is True
    assert recorded.health_deteriorating_or_at_risk is True
    assert OutcomeFindingRecord.objects.filter(determination=recorded).count() == 8


def test_carers_have_no_takes_longer_limb(carer_version, make_person, make_user, team, practitioner, answer_all):
    account = make_user(Role.RESIDENT)
    carer = make_person(team=team, account=account)
    assessment = services.self_assessment_start(actor=account, person=carer, version=carer_version)
    answer_all(assessment, account)
    assessment = services.self_assessment_submit(actor=account, assessment=assessment, declaration=True)
    with pytest.raises(InvalidDetermination) as caught:
        services.eligibility_determination_record(
            actor=practitioner,
            assessment=assessment,
            findings=findings(
                "carer", unable=("C_RECREATION",), unable_reasons=("takes_significantly_longer",), eligible=True
            ),
        )
    assert caught.value.problems == [
        ("outcome_C_RECREATION_reasons", "engaging in recreational activities: that reason does not apply to this test")
    ]


def test_only_a_caseworker_in_the_persons_team_decides(submitted, make_user, other_team, resident):
    outsider = make_user(Role.PRACTITIONER, team=other_team)
    person_break_glass_open(actor=outsider, person=submitted.person, reason="Covering for a colleague today")
    for actor in (outsider, resident, make_user(Role.FINANCE_OFFICER)):
        with pytest.raises(AssessmentNotAllowed):
            services.eligibility_determination_record(
                actor=actor, assessment=submitted, findings=findings(unable=("A_HYGIENE", "A_TOILET"), eligible=True)
            )
    assert not EligibilityDetermination.objects.exists()


def test_not_before_the_self_assessment_is_sent(small_version, person, resident, practitioner):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    with pytest.raises(InvalidDetermination, match="has not been sent yet"):
        services.eligibility_determination_record(
            actor=practitioner,
            assessment=assessment,
            findings=findings(unable=("A_HYGIENE", "A_TOILET"), eligible=True),
        )


def test_a_legacy_facs_band_is_kept_but_decides_nothing(submitted, practitioner):
    recorded = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=(), eligible=False, legacy_facs_band="critical", significant_impact=False),
    )
    assert recorded.legacy_facs_band == "critical" and recorded.rule_eligible is False and recorded.eligible is False


def test_a_legacy_facs_band_keeps_the_councils_threshold_then(submitted, practitioner):
    recorded = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(
            unable=(),
            eligible=False,
            legacy_facs_band="moderate",
            legacy_facs_threshold="substantial",
            significant_impact=False,
        ),
    )
    assert (recorded.legacy_facs_band, recorded.get_legacy_facs_threshold_display()) == (
        "moderate",
        "Substantial and above",
    )


@pytest.mark.parametrize(
    ("band", "threshold", "message"),
    [
        ("", "substantial", "Choose the FACS band too, or leave the threshold empty"),
        ("moderate", "medium", "Choose the council's FACS threshold from the list, or leave it empty"),
        ("serious", "", "Choose a FACS band from the list, or leave it empty"),
    ],
)
def test_a_legacy_facs_threshold_is_refused_without_a_band_or_from_outside_the_list(
    submitted, practitioner, band, threshold, message
):
    with pytest.raises(InvalidDetermination) as refused:
        services.eligibility_determination_record(
            actor=practitioner,
            assessment=submitted,
            findings=findings(
                unable=(),
                eligible=False,
                legacy_facs_band=band,
                legacy_facs_threshold=threshold,
                significant_impact=False,
            ),
        )
    assert message in [text for _, text in refused.value.problems]
    assert not EligibilityDetermination.objects.exists()
