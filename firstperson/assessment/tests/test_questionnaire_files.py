"""questionnaire_files.py, without a database: reading a YAML or JSON file strictly, so that what is
imported is what the administrator wrote, and a crafted file is refused with a plain message."""

import textwrap

import pytest

from firstperson.assessment.questionnaire_files import QuestionnaireFileError, questionnaire_file_read


def _refusal(content):
    with pytest.raises(QuestionnaireFileError) as caught:
        questionnaire_file_read(textwrap.dedent(content))
    return str(caught.value)


SHORTCUTS = "write each value out in full. The file cannot use & or * shortcuts."


@pytest.mark.parametrize(
    ("content", "line"),
    [
        # A list that holds itself: reading it used to crash (RecursionError).
        ("format: firstperson-questionnaire/1\nsections: &s [*s]\n", 2),
        # A "billion laughs", kept small: each level is ten of the one before.
        (
            """\
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            """,
            1,
        ),
        # An alias to a whole option, or an anchor never used: refused alike.
        (
            """\
            first: &none {code: none, text: No help, points: 0}
            again: *none
            """,
            1,
        ),
        ("options:\n  - {code: a, text: A, points: 0}\n  - &b {code: b, text: B, points: 1}\n", 3),
    ],
)
def test_anchors_and_aliases_are_refused_naming_the_line(content, line):
    assert _refusal(content) == f"Line {line}: {SHORTCUTS}"


def test_json_is_read_with_line_numbers():
    parsed = questionnaire_file_read('{\n  "questionnaire": {\n    "code": "t"\n  }\n}\n')
    assert parsed.data == {"questionnaire": {"code": "t"}}
    assert parsed.line_of(("questionnaire", "code")) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            """\
            options:
              - {code: a, text: A, points: 0, points: 5}
            """,
            "Line 2: 'points' is given twice. Keep the one you mean and delete the other.",
        ),
        (
            """\
            questionnaire:
              code: t
              name: T
              code: u
            """,
            "Line 4: 'code' is given twice. Keep the one you mean and delete the other.",
        ),
        (
            '{\n  "sections": [],\n  "format": "firstperson-questionnaire/1",\n  "sections": []\n}\n',
            "Line 4: 'sections' is given twice. Keep the one you mean and delete the other.",
        ),
    ],
)
def test_a_field_given_twice_is_refused_naming_the_line(content, expected):
    assert _refusal(content) == expected


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("0012", "0012"),  # YAML alone reads 10, an octal number
        ("12", "12"),
        ("1.50", "1.50"),  # YAML alone reads 1.5
        ("1_000", "1_000"),  # YAML alone reads 1000
        ("yes", "yes"),  # YAML alone reads true
        ("'0012'", "0012"),
        ('"0012"', "0012"),
        ("", None),  # no code at all: the checker says it is missing
        ("~", None),
    ],
)
def test_a_code_is_kept_exactly_as_written(written, code):
    parsed = questionnaire_file_read(f"options:\n  - {{code: {written}, text: A, points: 0012}}\n")
    assert parsed.data["options"][0]["code"] == code
    # Only codes are kept as text: points are still numbers.
    assert parsed.data["options"][0]["points"] == 10


def test_a_code_in_json_is_kept_as_written():
    assert questionnaire_file_read('{"code": 0012, "name": "0012"}').data == {"code": "0012", "name": "0012"}


def test_lists_nested_too_deeply_are_refused_not_a_crash():
    # Without a limit, reading ten thousand lists one inside another crashed with a RecursionError.
    assert _refusal("[" * 10_000 + "]" * 10_000) == (
        "Line 1: the file has too many levels, one inside another. A questionnaire file needs no more than 20 levels."
    )
    block = "sections:\n" + "".join("  " * depth + "-\n" for depth in range(1, 30))
    assert _refusal(block).startswith("Line 21: the file has too many levels")
