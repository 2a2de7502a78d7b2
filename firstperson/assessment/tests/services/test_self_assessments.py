"""Self-assessments: started for yourself, by a representative with authority, or with a practitioner;
every answer saved (and audited) as it is given, so the person can stop and come back; sent only when
complete and with the declaration; after that, nothing changes."""

import pytest

from firstperson.assessment import services
from firstperson.assessment.exceptions import (
    AnswerRejected,
    AssessmentClosed,
    AssessmentNotAllowed,
    IncompleteAssessment,
)
from firstperson.assessment.models import Answer, AssessmentStatus, SelfAssessment
from firstperson.assessment.selectors import assessment_progress
from firstperson.people.choices import AuthorityScope
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb


def test_a_resident_starts_their_own_and_it_is_audited(small_version, person, resident):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert assessment.started_by == resident and assessment.supported_by is None
    event = AuditEvent.objects.get(verb=AuditVerb.SELF_ASSESSMENT_STARTED)
    assert event.person_id == person.pk and event.payload["supported"] is False


def test_starting_again_returns_the_one_in_progress(small_version, person, resident):
    first = services.self_assessment_start(actor=resident, person=person, version=small_version)
    again = services.self_assessment_start(actor=resident, person=person, version=small_version)
    assert again == first
    assert SelfAssessment.objects.count() == 1


def test_each_answer_is_saved_at_once_and_audited(small_version, person, resident):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    services.self_assessment_answer(
        actor=resident, assessment=assessment, question_code="washing", option_code="some", more_detail="On bad days"
    )
    answer = Answer.objects.get(assessment=assessment, question__code="washing")
    assert (answer.option.code, answer.more_detail, answer.answered_by) == ("some", "On bad days", resident)
    event = AuditEvent.objects.get(verb=AuditVerb.SELF_ASSESSMENT_ANSWERED)
    assert event.payload == {
        "question": "washing",
        "option": "some",
        "previous_option": None,
        "more_detail_given": True,
        "given_by": "",
    }


def test_changing_an_answer_replaces_it_and_the_audit_keeps_both(small_version, person, resident):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    services.self_assessment_answer(actor=resident, assessment=assessment, question_code="washing", option_code="some")
    services.self_assessment_answer(actor=resident, assessment=assessment, question_code="washing", option_code="all")
    assert Answer.objects.get(assessment=assessment).option.code == "all"
    events = AuditEvent.objects.filter(verb=AuditVerb.SELF_ASSESSMENT_ANSWERED).order_by("sequence")
    assert [(e.payload["option"], e.payload["previous_option"]) for e in events] == [("some", None), ("all", "some")]


def test_the_person_can_stop_and_come_back_where_they_left_off(small_version, person, resident):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    services.self_assessment_answer(actor=resident, assessment=assessment, question_code="washing", option_code="none")
    progress = assessment_progress(assessment=SelfAssessment.objects.get(pk=assessment.pk))
    assert progress.answered_count == 1
    assert progress.next_to_answer.code == "dressing"
    assert [section.status for section in progress.sections] == ["In progress", "Not started"]
    assert [q.code for q in progress.missing_required] == ["dressing"]


@pytest.mark.parametrize(
    ("question", "option", "detail", "message", "field"),
    [
        ("washing", "", "", 'Select the answer that fits best for "How much help do you need to wash?"', "option"),
        (
            "dressing",
            "",
            "",
            'Select the answer that fits best for "How much help do you need to get dressed?"',
            "option",
        ),
        ("washing", "sometimes", "", "Select one of the answers shown", "option"),
        (
            "washing",
            "some",
            "x" * 2001,
            "What you tell us must be 2,000 characters or fewer (it has 2,001)",
            "more_detail",
        ),
        ("family_support", "some", "More", "This question does not take more detail", "more_detail"),
        ("no-such-question", "some", "", "That question is not part of this assessment", None),
        ("washing", "", "I can wash my hands", "Choose an answer so that we can save what you wrote", "option"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_saved(
    small_version, person, resident, question, option, detail, message, field
):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    with pytest.raises(AnswerRejected) as caught:
        services.self_assessment_answer(
            actor=resident, assessment=assessment, question_code=question, option_code=option, more_detail=detail
        )
    assert (caught.value.message, caught.value.field) == (message, field)
    assert not Answer.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.SELF_ASSESSMENT_ANSWERED).exists()


def test_an_optional_question_can_be_left(small_version, person, resident):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    assert (
        services.self_assessment_answer(
            actor=resident, assessment=assessment, question_code="family_support", option_code=""
        )
        is None
    )
    assert not Answer.objects.exists()


def test_an_optional_question_left_with_words_written_asks_for_an_answer(small_version, person, practitioner):
    """Whose answer it is, written with no answer chosen, is refused rather than dropped."""
    assessment = services.self_assessment_start(
        actor=practitioner, person=person, version=small_version, people_present="Sam and his wife"
    )
    with pytest.raises(AnswerRejected, match="Choose an answer so that we can save what you wrote"):
        services.self_assessment_answer(
            actor=practitioner,
            assessment=assessment,
            question_code="family_support",
            option_code="",
            given_by="His wife",
        )
    assert not Answer.objects.exists()


def test_continue_goes_past_an_optional_question_left_on_purpose(administrator, person, resident):
    """Family support (optional) comes first here. Left empty and gone past, it no longer holds the
    person back: "continue" goes on from where they are, and its section counts as completed. Not yet
    reached, an optional question is still where "continue" goes, so nobody misses it."""
    from ..builders import SMALL_QUESTIONNAIRE

    head, rest = SMALL_QUESTIONNAIRE.split("  - code: personal_care\n")
    personal_care, family = rest.split("  - code: family_support\n", 1)
    content = head + "  - code: family_support\n" + family + "  - code: personal_care\n" + personal_care
    version = services.questionnaire_import(
        actor=administrator, content=content.replace("small-test", "optional-first"), publish=True
    )
    assessment = services.self_assessment_start(actor=resident, person=person, version=version)

    def progress():
        return assessment_progress(assessment=SelfAssessment.objects.get(pk=assessment.pk))

    assert progress().next_to_answer.code == "family_support"
    assert [section.status for section in progress().sections] == ["Not started", "Not started"]
    services.self_assessment_answer(actor=resident, assessment=assessment, question_code="washing", option_code="none")
    assert progress().next_to_answer.code == "dressing"
    assert [section.status for section in progress().sections] == ["Completed", "In progress"]
    services.self_assessment_answer(actor=resident, assessment=assessment, question_code="dressing", option_code="none")
    assert progress().next_to_answer is None and progress().complete
    assert [section.status for section in progress().sections] == ["Completed", "Completed"]


def test_continue_returns_to_a_required_question_left_behind(small_version, person, resident):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    services.self_assessment_answer(
        actor=resident, assessment=assessment, question_code="family_support", option_code="some"
    )
    progress = assessment_progress(assessment=SelfAssessment.objects.get(pk=assessment.pk))
    assert progress.next_to_answer.code == "washing"
    assert [section.status for section in progress.sections] == ["In progress", "Completed"]


def test_it_can_be_sent_only_when_every_required_question_is_answered(small_version, person, resident):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    services.self_assessment_answer(actor=resident, assessment=assessment, question_code="washing", option_code="some")
    with pytest.raises(IncompleteAssessment) as caught:
        services.self_assessment_submit(actor=resident, assessment=assessment, declaration=True)
    assert (
        caught.value.message == "Answer every question before you send the assessment: 1 question is not answered yet"
    )
    assert [question.code for question in caught.value.missing] == ["dressing"]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS and assessment.submitted_at is None


def test_it_needs_the_declaration(small_version, person, resident, answer_all):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    answer_all(assessment, resident)
    with pytest.raises(IncompleteAssessment) as caught:
        services.self_assessment_submit(actor=resident, assessment=assessment, declaration=False)
    assert (caught.value.message, caught.value.field) == (
        "Confirm that the answers are true to send the assessment",
        "declaration",
    )
    assert SelfAssessment.objects.get().status == AssessmentStatus.IN_PROGRESS


def test_sending_records_who_and_when_and_then_nothing_changes(small_version, person, resident, answer_all):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    answer_all(assessment, resident, level=2)
    sent = services.self_assessment_submit(actor=resident, assessment=assessment, declaration=True)
    assert sent.status == AssessmentStatus.SUBMITTED
    assert sent.submitted_by == resident and sent.declaration_accepted_at is not None
    event = AuditEvent.objects.get(verb=AuditVerb.SELF_ASSESSMENT_SUBMITTED)
    assert event.payload == {"answered": 3, "total_points": "14.00"}
    with pytest.raises(AssessmentClosed):
        services.self_assessment_answer(actor=resident, assessment=sent, question_code="washing", option_code="none")
    with pytest.raises(AssessmentClosed):
        services.self_assessment_submit(actor=resident, assessment=sent, declaration=True)
    assert Answer.objects.get(question__code="washing").option.code == "all"


def test_a_representative_with_authority_over_assessments_completes_one(small_version, person, represent, answer_all):
    linda = represent(person, first_name="Linda")
    assessment = services.self_assessment_start(actor=linda, person=person, version=small_version)
    answer_all(assessment, linda)
    services.self_assessment_submit(actor=linda, assessment=assessment, declaration=True)
    assert set(Answer.objects.values_list("answered_by", flat=True)) == {linda.pk}


def test_a_representative_without_that_authority_cannot(small_version, person, represent):
    viewer = represent(person, scope=(AuthorityScope.VIEW_ONLINE, AuthorityScope.MONEY))
    with pytest.raises(AssessmentNotAllowed):
        services.self_assessment_start(actor=viewer, person=person, version=small_version)
    assert not SelfAssessment.objects.exists()


def test_nobody_else_can_answer(small_version, person, resident, make_user, make_person, other_team):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    stranger = make_user(Role.RESIDENT)
    make_person(account=stranger)
    outsider = make_user(Role.PRACTITIONER, team=other_team)
    for actor in (stranger, outsider, make_user(Role.ADMINISTRATOR)):
        with pytest.raises(AssessmentNotAllowed):
            services.self_assessment_answer(
                actor=actor, assessment=assessment, question_code="washing", option_code="some"
            )
    assert not Answer.objects.exists()


def test_a_supported_self_assessment_records_the_practitioner_who_was_there_and_whose_answer(
    small_version, person, practitioner
):
    with pytest.raises(AnswerRejected, match="Say who is taking part"):
        services.self_assessment_start(actor=practitioner, person=person, version=small_version)
    assessment = services.self_assessment_start(
        actor=practitioner, person=person, version=small_version, people_present="Sam; his support worker Jo"
    )
    assert assessment.supported_by == practitioner
    assert assessment.people_present == "Sam; his support worker Jo"
    services.self_assessment_answer(
        actor=practitioner, assessment=assessment, question_code="washing", option_code="some", given_by="Jo"
    )
    answer = Answer.objects.get()
    assert (answer.answered_by, answer.given_by) == (practitioner, "Jo")


def test_a_practitioner_joins_an_assessment_the_person_started(small_version, person, resident, practitioner):
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    services.self_assessment_record_support(actor=practitioner, assessment=assessment, people_present="Sam")
    assessment.refresh_from_db()
    assert assessment.supported_by == practitioner and assessment.started_by == resident
    with pytest.raises(AssessmentNotAllowed):
        services.self_assessment_record_support(actor=resident, assessment=assessment, people_present="Me")


def test_a_carer_assessment_records_whom_they_care_for(carer_version, make_person, make_user, team):
    margaret_account = make_user(Role.RESIDENT)
    margaret = make_person(team=team, account=margaret_account, legal_given_name="Margaret")
    ted = make_person(team=team, legal_given_name="Ted")
    assessment = services.self_assessment_start(
        actor=margaret_account, person=margaret, version=carer_version, cared_for=ted
    )
    assert assessment.cared_for == ted
    with pytest.raises(AnswerRejected, match="about someone else"):
        services.self_assessment_start(
            actor=margaret_account, person=margaret, version=carer_version, cared_for=margaret
        )
