"""Questionnaires as versioned data: import, export, new versions, publishing, and a published version
that never changes. Every bad file is refused with messages naming the line, and nothing is saved."""

import datetime
import json
from decimal import Decimal

import pytest
import yaml

from firstperson.assessment import services
from firstperson.assessment.exceptions import InvalidQuestionnaire, QuestionnaireStatusError, QuestionnaireVersionLocked
from firstperson.assessment.models import (
    AnswerOption,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
    VersionStatus,
)
from firstperson.assessment.questionnaire_files import questionnaire_file_write
from firstperson.assessment.selectors import questionnaire_version_as_data, questionnaire_version_current
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..builders import SMALL_QUESTIONNAIRE


def _counts():
    return (Questionnaire.objects.count(), QuestionnaireVersion.objects.count(), Question.objects.count())


def test_import_makes_a_draft_with_every_section_question_and_option(db, administrator):
    version = services.questionnaire_import(actor=administrator, content=SMALL_QUESTIONNAIRE)
    assert version.status == VersionStatus.DRAFT
    assert version.number == 1
    assert version.questionnaire.name == "A short self-assessment"
    assert [s.code for s in version.sections.order_by("order")] == ["personal_care", "family_support"]
    washing = Question.objects.get(section__version=version, code="washing")
    assert washing.easy_read_text == "Do you need help to wash?"
    assert washing.why_we_ask == "It tells us whether you can keep clean."
    assert washing.outcome_code == "A_HYGIENE"
    assert [(o.code, o.points) for o in washing.options.all()] == [
        ("none", Decimal("0")),
        ("some", Decimal("5")),
        ("all", Decimal("10")),
    ]
    family = Question.objects.get(section__version=version, code="family_support")
    assert family.required is False and family.allows_more_detail is False
    event = AuditEvent.objects.get(verb=AuditVerb.QUESTIONNAIRE_IMPORTED)
    assert event.actor == administrator
    assert event.payload == {"questionnaire": "small-test", "number": 1, "sections": 2, "questions": 3}


def test_importing_the_same_code_again_makes_the_next_version_and_leaves_the_first_alone(db, administrator):
    first = services.questionnaire_import(actor=administrator, content=SMALL_QUESTIONNAIRE, publish=True)
    changed = SMALL_QUESTIONNAIRE.replace("points: 10", "points: 12")
    second = services.questionnaire_import(actor=administrator, content=changed)
    assert (first.number, second.number) == (1, 2)
    assert AnswerOption.objects.get(question__section__version=first, question__code="washing", code="all").points == 10
    assert (
        AnswerOption.objects.get(question__section__version=second, question__code="washing", code="all").points == 12
    )


def test_export_then_import_gives_back_the_same_questionnaire(db, administrator):
    original = services.questionnaire_import(actor=administrator, content=SMALL_QUESTIONNAIRE)
    for file_format in ("yaml", "json"):
        text = questionnaire_file_write(questionnaire_version_as_data(original), file_format=file_format)
        again = services.questionnaire_import(actor=administrator, content=text.encode())
        first, second = questionnaire_version_as_data(original), questionnaire_version_as_data(again)
        assert first.pop("version")["number"] == 1
        assert second.pop("version")["number"] == again.number
        assert first == second


def test_the_json_export_is_json_and_the_yaml_export_is_yaml(default_version):
    data = questionnaire_version_as_data(default_version)
    assert json.loads(questionnaire_file_write(data, file_format="json")) == data
    assert yaml.safe_load(questionnaire_file_write(data, file_format="yaml")) == data


def test_fractional_points_survive_the_round_trip(db, administrator):
    version = services.questionnaire_import(
        actor=administrator, content=SMALL_QUESTIONNAIRE.replace("points: 5", "points: 2.35")
    )
    text = questionnaire_file_write(questionnaire_version_as_data(version), file_format="json")
    again = services.questionnaire_import(actor=administrator, content=text)
    option = AnswerOption.objects.get(question__section__version=again, question__code="washing", code="some")
    assert option.points == Decimal("2.35")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("- {code: some, text: I need some help, points: 2}", "- {code: none, text: I need some help, points: 2}"),
            "Line 24: Section 1 (personal_care), question 2 (dressing), option 2 (none): the code 'none' is used "
            "twice in this question",
        ),
        (
            ("points: 5", "points: -5"),
            "Line 17: Section 1 (personal_care), question 1 (washing), option 2 (some): points must be 0 or more, not -5",
        ),
        (
            ("points: 5", "points: lots"),
            "Line 17: Section 1 (personal_care), question 1 (washing), option 2 (some): points must be a number, "
            "like 0, 5 or 2.5 (not 'lots')",
        ),
        (
            ("- code: dressing", "- code: washing"),
            "Line 19: Section 1 (personal_care), question 2 (washing): the code 'washing' is already used by a "
            "question in section personal_care",
        ),
        (
            ("outcome: A_CLOTHED", "outcome: A_CLOTHING"),
            "Line 21: Section 1 (personal_care), question 2 (dressing): 'A_CLOTHING' is not a Care Act outcome code "
            "(for example A_NUTRITION or C_RECREATION)",
        ),
        (
            ("kind: self_assessment", "kind: survey"),
            "Line 3: Questionnaire: kind must be one of carer, self_assessment, not 'survey'",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_line_and_nothing_is_saved(db, administrator, change, expected):
    before = _counts()
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=SMALL_QUESTIONNAIRE.replace(*change, 1))
    assert caught.value.problems == [expected]
    assert caught.value.message == "The file has a problem: nothing was imported"
    assert _counts() == before
    assert not AuditEvent.objects.filter(verb=AuditVerb.QUESTIONNAIRE_IMPORTED).exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("sections:\n", "sections:\n  - {}\n"),
            "Line 6: Section 1 is empty",
        ),
        (
            ("    questions:\n", "    questions:\n      - {}\n"),
            "Line 9: Section 1 (personal_care), question 1 is empty",
        ),
        (
            ("        options:\n", "        options:\n          - {}\n"),
            "Line 16: Section 1 (personal_care), question 1 (washing), option 1 is empty",
        ),
    ],
)
def test_an_empty_entry_is_refused_naming_its_line_and_nothing_is_published(db, administrator, change, expected):
    before = _counts()
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(
            actor=administrator,
            content=SMALL_QUESTIONNAIRE.replace(*change, 1),
            publish=True,
            effective_from=datetime.date(2027, 4, 1),
        )
    assert caught.value.problems == [expected]
    assert _counts() == before


def test_a_file_whose_only_section_is_empty_is_refused(db, administrator):
    content = "questionnaire: {code: bare, kind: self_assessment, name: Bare}\nsections:\n  - {}\n"
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=content, publish=True)
    assert caught.value.problems == ["Line 3: Section 1 is empty"]
    assert not Questionnaire.objects.filter(code="bare").exists()


def test_a_draft_with_nothing_to_answer_cannot_be_published(db, administrator):
    draft = services.questionnaire_import(actor=administrator, content=SMALL_QUESTIONNAIRE)
    Question.objects.filter(section__version=draft, section__code="family_support").delete()
    with pytest.raises(QuestionnaireStatusError) as caught:
        services.questionnaire_version_publish(
            actor=administrator, version=draft, effective_from=datetime.date(2027, 4, 1)
        )
    assert caught.value.message == (
        "Version 1 of A short self-assessment cannot be published. Section 2 has no questions. "
        "Import a corrected file as a new version."
    )
    Section.objects.filter(version=draft).delete()
    with pytest.raises(QuestionnaireStatusError, match="It has no sections."):
        services.questionnaire_version_publish(
            actor=administrator, version=draft, effective_from=datetime.date(2027, 4, 1)
        )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_question_with_a_missing_option_is_refused(db, administrator):
    lines = SMALL_QUESTIONNAIRE.split("\n")
    one_option = "\n".join(line for line in lines if "I dress myself" not in line and "points: 2}" not in line)
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=one_option)
    assert caught.value.problems == [
        "Line 22: Section 1 (personal_care), question 2 (dressing) needs at least 2 answer options; it has 1"
    ]


def test_every_problem_is_listed_at_once(db, administrator):
    content = SMALL_QUESTIONNAIRE.replace("points: 5", "points: -1").replace("points: 2}", "}")
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=content)
    assert caught.value.message == "The file has 2 problems: nothing was imported"
    assert len(caught.value.problems) == 2
    assert "'points' is missing" in caught.value.problems[1]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "The file is empty"),
        ("sections: [unclosed", "the file is not valid YAML or JSON"),
        (b"\xff\xfe\x00binary", "The file is not a text file"),
        ("- just\n- a list\n", "The file must be a set of named fields"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_plainly(db, administrator, content, expected):
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=content)
    assert expected in caught.value.problems[0]
    assert Questionnaire.objects.filter(code="small-test").count() == 0


def test_a_file_with_shortcuts_is_refused_not_a_crash(db, administrator):
    content = SMALL_QUESTIONNAIRE.replace("sections:\n", "sections: &all [*all]\nother:\n", 1)
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=content)
    assert caught.value.problems == ["Line 5: write each value out in full. The file cannot use & or * shortcuts."]
    assert not Questionnaire.objects.filter(code="small-test").exists()


def test_points_given_twice_are_refused_not_the_last_kept(db, administrator):
    content = SMALL_QUESTIONNAIRE.replace("points: 0}", "points: 0, points: 5}", 1)
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=content)
    assert caught.value.problems == ["Line 16: 'points' is given twice. Keep the one you mean and delete the other."]
    assert not Questionnaire.objects.filter(code="small-test").exists()


def test_a_code_that_looks_like_a_number_is_imported_as_written(db, administrator):
    content = SMALL_QUESTIONNAIRE.replace("- code: washing", "- code: 0012", 1)
    version = services.questionnaire_import(actor=administrator, content=content)
    assert Question.objects.filter(section__version=version, code="0012").exists()
    assert not Question.objects.filter(section__version=version, code="10").exists()


def test_a_different_kind_under_an_existing_code_is_refused(default_version, administrator):
    content = SMALL_QUESTIONNAIRE.replace(
        "code: small-test, kind: self_assessment", "code: self-assessment, kind: carer"
    )
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=content)
    assert caught.value.problems == [
        "Line 3: The questionnaire 'self-assessment' is a self-assessment of care and support needs; this file says "
        "it is a carer's self-assessment. Use another code for a different kind."
    ]
    assert default_version.questionnaire.versions.count() == 1


def test_a_published_version_never_changes(default_version, administrator):
    question = Question.objects.get(section__version=default_version, code="washing")
    with pytest.raises(QuestionnaireVersionLocked) as caught:
        services.question_update(
            actor=administrator,
            question=question,
            changes=services.QuestionChanges(text="Changed?", option_points={"none": "3"}),
        )
    assert caught.value.message == (
        "Version 1 of Your care and support needs is published, and a published version never changes. "
        "Make a new version to change it."
    )
    question.refresh_from_db()
    assert question.text == "How much help do you need to wash, bathe or shower?"
    assert question.options.get(code="none").points == 0


def test_make_a_new_version_copies_it_to_a_draft_that_can_change(default_version, administrator):
    draft = services.questionnaire_version_copy(actor=administrator, version=default_version)
    assert (draft.number, draft.status, draft.effective_from) == (2, VersionStatus.DRAFT, None)
    first, second = questionnaire_version_as_data(default_version), questionnaire_version_as_data(draft)
    first.pop("version"), second.pop("version")
    assert first == second
    question = Question.objects.get(section__version=draft, code="washing")
    services.question_update(
        actor=administrator,
        question=question,
        changes=services.QuestionChanges(text="How much help do you need to wash?", option_points={"all": "9.5"}),
    )
    assert question.options.get(code="all").points == Decimal("9.5")
    original = Question.objects.get(section__version=default_version, code="washing")
    assert original.text == "How much help do you need to wash, bathe or shower?"
    assert original.options.get(code="all").points == 8
    assert AuditEvent.objects.filter(verb=AuditVerb.QUESTIONNAIRE_CHANGED).count() == 1


@pytest.mark.parametrize("points", ["-1", "many", "1.234"])
def test_changing_points_to_something_that_is_not_points_is_refused(default_version, administrator, points):
    draft = services.questionnaire_version_copy(actor=administrator, version=default_version)
    question = Question.objects.get(section__version=draft, code="washing")
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.question_update(
            actor=administrator,
            question=question,
            changes=services.QuestionChanges(text="Q", option_points={"all": points}),
        )
    assert (
        caught.value.message
        == "Points for 'I need someone to wash me completely, sometimes two people' must be a number from 0 to 99999.99, like 5 or 2.5"
    )
    assert question.options.get(code="all").points == 8


def test_publishing_needs_a_date_and_then_the_version_is_current(default_version, administrator):
    draft = services.questionnaire_version_copy(actor=administrator, version=default_version)
    with pytest.raises(QuestionnaireStatusError, match="Enter the date the version takes effect"):
        services.questionnaire_version_publish(actor=administrator, version=draft, effective_from=None)
    services.questionnaire_version_publish(actor=administrator, version=draft, effective_from=datetime.date(2027, 4, 1))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED and draft.published_by == administrator
    questionnaire = default_version.questionnaire
    assert questionnaire_version_current(questionnaire=questionnaire, on=datetime.date(2027, 3, 31)) == default_version
    assert questionnaire_version_current(questionnaire=questionnaire, on=datetime.date(2027, 4, 1)) == draft
    with pytest.raises(QuestionnaireStatusError, match="only a draft can be published"):
        services.questionnaire_version_publish(actor=administrator, version=draft, effective_from=datetime.date.today())


def test_a_retired_version_is_not_offered_but_only_a_published_one_can_be_retired(default_version, administrator):
    questionnaire = default_version.questionnaire
    services.questionnaire_version_retire(actor=administrator, version=default_version)
    assert questionnaire_version_current(questionnaire=questionnaire) is None
    with pytest.raises(QuestionnaireStatusError, match="only a published version can be retired"):
        services.questionnaire_version_retire(actor=administrator, version=default_version)
    assert AuditEvent.objects.filter(verb=AuditVerb.QUESTIONNAIRE_RETIRED).count() == 1


def test_easy_read_section_titles_and_why_we_ask_are_imported_and_survive_export_and_import(db, administrator):
    original = services.questionnaire_import(actor=administrator, content=SMALL_QUESTIONNAIRE)
    assert Section.objects.get(version=original, code="family_support").easy_read_title == "People who help you"
    assert Section.objects.get(version=original, code="personal_care").easy_read_title == ""
    family = Question.objects.get(section__version=original, code="family_support")
    assert family.easy_read_why_we_ask == "So we know who helps you now."
    for file_format in ("yaml", "json"):
        text = questionnaire_file_write(questionnaire_version_as_data(original), file_format=file_format)
        assert "easy_read_title" in text and "easy_read_why_we_ask" in text
        again = services.questionnaire_import(actor=administrator, content=text.encode())
        assert Section.objects.get(version=again, code="family_support").easy_read_title == "People who help you"
        assert (
            Question.objects.get(section__version=again, code="family_support").easy_read_why_we_ask
            == "So we know who helps you now."
        )


def test_an_over_long_easy_read_title_is_refused_naming_it_and_nothing_is_saved(db, administrator):
    before = (_counts(), Section.objects.count())
    content = SMALL_QUESTIONNAIRE.replace("easy_read_title: People who help you", "easy_read_title: " + "x" * 201)
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.questionnaire_import(actor=administrator, content=content)
    assert caught.value.problems == [
        "Line 28: Section 2 (family_support): 'easy_read_title' must be 200 characters or fewer (it has 201)"
    ]
    assert (_counts(), Section.objects.count()) == before
    assert not Questionnaire.objects.filter(code="small-test").exists()


def test_make_a_new_version_copies_the_easy_read_titles_and_why_we_ask(small_version, administrator):
    draft = services.questionnaire_version_copy(actor=administrator, version=small_version)
    assert Section.objects.get(version=draft, code="family_support").easy_read_title == "People who help you"
    assert (
        Question.objects.get(section__version=draft, code="family_support").easy_read_why_we_ask
        == "So we know who helps you now."
    )


def test_a_draft_s_easy_read_why_we_ask_can_change_but_a_published_one_never_does(small_version, administrator):
    question = Question.objects.get(section__version=small_version, code="family_support")
    changes = services.QuestionChanges(text=question.text, easy_read_why_we_ask="Changed?")
    with pytest.raises(QuestionnaireVersionLocked):
        services.question_update(actor=administrator, question=question, changes=changes)
    question.refresh_from_db()
    assert question.easy_read_why_we_ask == "So we know who helps you now."

    draft = services.questionnaire_version_copy(actor=administrator, version=small_version)
    copied = Question.objects.get(section__version=draft, code="family_support")
    services.question_update(
        actor=administrator,
        question=copied,
        changes=services.QuestionChanges(text=copied.text, easy_read_why_we_ask="  So we know who helps you.  "),
    )
    copied.refresh_from_db()
    assert copied.easy_read_why_we_ask == "So we know who helps you."


def test_a_draft_section_s_easy_read_title_can_change_but_a_published_one_never_does(small_version, administrator):
    section = Section.objects.get(version=small_version, code="family_support")
    with pytest.raises(QuestionnaireVersionLocked):
        services.section_update(actor=administrator, section=section, easy_read_title="Changed?")
    section.refresh_from_db()
    assert section.easy_read_title == "People who help you"

    draft = services.questionnaire_version_copy(actor=administrator, version=small_version)
    copied = Section.objects.get(version=draft, code="personal_care")
    with pytest.raises(InvalidQuestionnaire) as caught:
        services.section_update(actor=administrator, section=copied, easy_read_title="x" * 201)
    assert caught.value.problems == ["The Easy Read title must be 200 characters or fewer"]
    services.section_update(actor=administrator, section=copied, easy_read_title="  Looking after yourself ")
    copied.refresh_from_db()
    assert (copied.title, copied.easy_read_title) == ("Personal care", "Looking after yourself")
    event = AuditEvent.objects.filter(verb=AuditVerb.QUESTIONNAIRE_CHANGED).get()
    assert (event.object_id, event.payload) == (str(draft.pk), {"section": "personal_care"})
