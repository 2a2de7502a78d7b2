"""rules/questionnaire.py and rules/advice.py, without a database: what a questionnaire file must be,
and where a letter points people."""

import re
from decimal import Decimal

import pytest

from firstperson.assessment.rules.advice import OUTCOME_PLAIN, WELLBEING_PLAIN, directory_categories_for
from firstperson.assessment.rules.eligibility import ADULT_OUTCOMES, CARER_OUTCOMES, WELLBEING_DOMAINS
from firstperson.assessment.rules.questionnaire import questionnaire_parse, questionnaire_unusable_because

KINDS = {"self_assessment", "carer"}
OUTCOMES = set(ADULT_OUTCOMES) | set(CARER_OUTCOMES)


def _file(**question):
    base = {
        "code": "q",
        "text": "Q?",
        "options": [{"code": "a", "text": "A", "points": 0}, {"code": "b", "text": "B", "points": 1}],
    }
    base.update(question)
    return {
        "questionnaire": {"code": "t", "kind": "self_assessment", "name": "T"},
        "sections": [{"code": "s", "title": "S", "questions": [base]}],
    }


def _messages(data):
    spec, problems = questionnaire_parse(data, kinds=KINDS, outcome_codes=OUTCOMES)
    return spec, [(problem.path, problem.message) for problem in problems]


def test_a_sound_file_gives_a_spec_with_decimal_points():
    spec, problems = _messages(
        _file(options=[{"code": "a", "text": "A", "points": 0}, {"code": "b", "text": "B", "points": 2.5}])
    )
    assert problems == []
    assert spec.sections[0].questions[0].options[1].points == Decimal("2.5")
    assert spec.sections[0].questions[0].required is True


@pytest.mark.parametrize(
    ("question", "path", "message"),
    [
        (
            {"options": [{"code": "a", "text": "A", "points": 0}]},
            ("sections", 0, "questions", 0, "options"),
            "needs at least 2 answer options; it has 1",
        ),
        ({"options": None}, ("sections", 0, "questions", 0, "options"), "has no answer options"),
        ({"text": ""}, ("sections", 0, "questions", 0, "text"), "'text' is missing"),
        ({"text": "x" * 301}, ("sections", 0, "questions", 0, "text"), "must be 300 characters or fewer (it has 301)"),
        ({"required": "sometimes"}, ("sections", 0, "questions", 0, "required"), "'required' must be true or false"),
        (
            {"code": "has space"},
            ("sections", 0, "questions", 0, "code"),
            "may use only letters, numbers, hyphens and underscores",
        ),
        ({"code": True}, ("sections", 0, "questions", 0, "code"), "put it in quotes"),
        (
            {"options": [{"code": "a", "text": "A", "points": 0}, {"code": "b", "text": "B", "points": 1.234}]},
            ("sections", 0, "questions", 0, "options", 1, "points"),
            "at most 2 decimal places",
        ),
        (
            {"options": [{"code": "a", "text": "A", "points": 0}, {"code": "b", "text": "B", "points": True}]},
            ("sections", 0, "questions", 0, "options", 1, "points"),
            "points must be a number",
        ),
        (
            {"options": [{"code": "a", "text": "A", "points": 0}, {"code": "b", "text": "B", "points": "NaN"}]},
            ("sections", 0, "questions", 0, "options", 1, "points"),
            "points must be a number",
        ),
        (
            {"options": [{"code": "a", "text": "A", "points": 0}, {"code": "b", "text": "B", "points": 100000}]},
            ("sections", 0, "questions", 0, "options", 1, "points"),
            "points must be 99999.99 or less",
        ),
    ],
)
def test_each_problem_names_its_place(question, path, message):
    spec, problems = _messages(_file(**question))
    assert spec is None
    assert len(problems) == 1
    assert problems[0][0] == path
    assert message in problems[0][1]


@pytest.mark.parametrize(
    ("sections", "path", "message"),
    [
        ([{}], ("sections", 0), "Section 1 is empty"),
        (
            [{"code": "s", "title": "S", "questions": [{}]}],
            ("sections", 0, "questions", 0),
            "Section 1 (s), question 1 is empty",
        ),
        (
            [
                {
                    "code": "s",
                    "title": "S",
                    "questions": [
                        {
                            "code": "q",
                            "text": "Q?",
                            "options": [{}, {"code": "a", "text": "A", "points": 0}],
                        }
                    ],
                }
            ],
            ("sections", 0, "questions", 0, "options", 0),
            "Section 1 (s), question 1 (q), option 1 is empty",
        ),
    ],
)
def test_an_empty_entry_is_named_not_skipped(sections, path, message):
    data = _file()
    data["sections"] = sections
    spec, problems = _messages(data)
    assert spec is None
    assert problems == [(path, message)]


def test_an_empty_questionnaire_heading_is_named_once():
    data = _file()
    data["questionnaire"] = {}
    assert _messages(data)[1] == [(("questionnaire",), "Questionnaire is empty")]


@pytest.mark.parametrize(
    ("option_counts", "reason"),
    [
        ([], "It has no sections."),
        ([[2], []], "Section 2 has no questions."),
        ([[2, 1]], "Section 1, question 2 has 1 answer options; it needs at least 2."),
        ([[2, 3], [5]], None),
    ],
)
def test_a_version_people_cannot_answer_cannot_be_published(option_counts, reason):
    assert questionnaire_unusable_because(option_counts) == reason


def test_no_sections_and_a_wrong_format_are_named():
    _, problems = _messages(
        {"format": "other/2", "questionnaire": {"code": "t", "kind": "carer", "name": "T"}, "sections": []}
    )
    assert [message for _, message in problems] == [
        "The file: format must be 'firstperson-questionnaire/1', not 'other/2'",
        "The questionnaire needs at least 1 section; it has 0",
    ]


def test_an_effective_date_must_be_a_date():
    data = _file()
    data["version"] = {"effective_from": "next April"}
    _, problems = _messages(data)
    assert problems == [
        (("version", "effective_from"), "Version: effective_from must be a date like 2026-04-01, not 'next April'")
    ]


def test_every_outcome_has_plain_words_and_directory_links():
    assert set(OUTCOME_PLAIN) == set(ADULT_OUTCOMES) | set(CARER_OUTCOMES)
    adult = directory_categories_for(["A_NUTRITION", "A_COMMUNITY", "A_NUTRITION"], carer=False)
    assert [slug for slug, _ in adult] == [
        "meals-and-lunch-clubs",
        "getting-out",
        "day-opportunities",
        "advice-and-advocacy",
        "health-and-exercise",
    ]
    assert [slug for slug, _ in directory_categories_for([], carer=True)] == ["carers-support", "advice-and-advocacy"]


@pytest.mark.parametrize("code", sorted(OUTCOME_PLAIN))
def test_the_plain_outcomes_name_no_person_so_they_read_right_for_you_and_for_they(code):
    assert not re.search(r"\b(you|your|yourself|they|their|them|themselves)\b", OUTCOME_PLAIN[code], re.IGNORECASE)


def test_every_area_of_wellbeing_has_plain_words_that_name_no_person():
    assert set(WELLBEING_PLAIN) == set(WELLBEING_DOMAINS)
    for words in WELLBEING_PLAIN.values():
        assert not re.search(r"\b(you|your|they|their|individual)\b", words, re.IGNORECASE), words


def test_easy_read_section_titles_and_why_we_ask_are_optional_and_a_title_has_a_limit():
    spec, problems = _messages(_file())
    assert problems == []
    assert (spec.sections[0].easy_read_title, spec.sections[0].questions[0].easy_read_why_we_ask) == ("", "")
    data = _file(easy_read_why_we_ask=" So we know. ")
    data["sections"][0]["easy_read_title"] = "Easy S"
    spec, problems = _messages(data)
    assert problems == []
    assert (spec.sections[0].easy_read_title, spec.sections[0].questions[0].easy_read_why_we_ask) == (
        "Easy S",
        "So we know.",
    )
    data["sections"][0]["easy_read_title"] = "x" * 201
    assert _messages(data) == (
        None,
        [
            (
                ("sections", 0, "easy_read_title"),
                "Section 1 (s): 'easy_read_title' must be 200 characters or fewer (it has 201)",
            )
        ],
    )
