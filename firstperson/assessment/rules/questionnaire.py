"""Checking a questionnaire written as data (YAML or JSON) before anything is saved.

Pure Python: the file has already been read into plain dicts and lists. `questionnaire_parse` returns
either a frozen QuestionnaireSpec or every problem it found, each with the path to the bad value (so
the file reader can name its line) and a message in plain English that says where and what.

The format (one file is one version of one questionnaire):

    format: firstperson-questionnaire/1
    questionnaire: {code: self-assessment, kind: self_assessment, name: Your care and support needs}
    version: {number: 1, effective_from: 2026-04-01, notes: ...}      # number is for information only
    sections:
      - code: personal_care
        title: Personal care
        easy_read_title: ...             # optional: the title in Easy Read
        questions:
          - code: washing
            text: How much help do you need to wash?
            easy_read_text: ...          # optional
            help_text: ...               # optional
            why_we_ask: ...              # optional
            easy_read_why_we_ask: ...    # optional: "why we ask" in Easy Read
            outcome: A_HYGIENE           # optional: the Care Act outcome it informs
            required: true               # optional, true unless told
            allows_more_detail: true     # optional, true unless told
            options:
              - {code: none, text: I do not need help, points: 0}
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

FORMAT = "firstperson-questionnaire/1"
CODE_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")
CODE_MAX = 60
TITLE_MAX = 200
TEXT_MAX = 300
MIN_OPTIONS = 2
MAX_POINTS = Decimal("99999.99")

Path = tuple[str | int, ...]

_TOP_KEYS = {"format", "questionnaire", "version", "sections"}
_QUESTIONNAIRE_KEYS = {"code", "kind", "name"}
_VERSION_KEYS = {"number", "effective_from", "notes", "status"}
_SECTION_KEYS = {"code", "title", "easy_read_title", "questions"}
_QUESTION_KEYS = {
    "code",
    "text",
    "easy_read_text",
    "help_text",
    "why_we_ask",
    "easy_read_why_we_ask",
    "outcome",
    "required",
    "allows_more_detail",
    "options",
}
_OPTION_KEYS = {"code", "text", "easy_read_text", "help_text", "points"}


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str


@dataclass(frozen=True)
class OptionSpec:
    code: str
    text: str
    points: Decimal
    easy_read_text: str = ""
    help_text: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    text: str
    options: tuple[OptionSpec, ...]
    easy_read_text: str = ""
    help_text: str = ""
    why_we_ask: str = ""
    easy_read_why_we_ask: str = ""
    outcome: str = ""
    required: bool = True
    allows_more_detail: bool = True


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str
    questions: tuple[QuestionSpec, ...]
    easy_read_title: str = ""


@dataclass(frozen=True)
class QuestionnaireSpec:
    code: str
    kind: str
    name: str
    sections: tuple[SectionSpec, ...]
    effective_from: datetime.date | None = None
    notes: str = ""


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value: Any, path: Path, where: str, allowed: set[str], *, may_be_empty: bool = False) -> dict:
        """The fields of a mapping, each checked against `allowed`. An empty one is a problem unless it
        `may_be_empty`: an empty entry in a list would otherwise vanish from the import unnoticed."""
        if not isinstance(value, dict):
            self.add(path, f"{where} must be a set of named fields")
            return {}
        if not value and not may_be_empty:
            self.add(path, f"{where} is empty")
            return {}
        for key in value:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.add(path + (str(key),), f"{where}: '{key}' is not a field we know (use {known})")
        return value

    def text(self, data: dict, key: str, path: Path, where: str, *, required: bool, maximum: int | None = None) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.add(path + (key,), f"{where}: '{key}' is missing")
            return ""
        if not isinstance(value, str):
            self.add(path + (key,), f"{where}: '{key}' must be text")
            return ""
        value = value.strip()
        if required and not value:
            self.add(path + (key,), f"{where}: '{key}' is missing")
        if maximum is not None and len(value) > maximum:
            self.add(path + (key,), f"{where}: '{key}' must be {maximum} characters or fewer (it has {len(value)})")
        return value

    def code(self, data: dict, path: Path, where: str) -> str:
        value = data.get("code")
        if value is None or value == "":
            self.add(path + ("code",), f"{where}: 'code' is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.add(
                path + ("code",),
                f"{where}: the code must be text; put it in quotes (YAML reads yes, no, on and off as true or false)",
            )
            return ""
        value = str(value)
        if not CODE_PATTERN.match(value):
            self.add(
                path + ("code",),
                f"{where}: the code '{value}' may use only letters, numbers, hyphens and underscores",
            )
        elif len(value) > CODE_MAX:
            self.add(path + ("code",), f"{where}: the code '{value}' must be {CODE_MAX} characters or fewer")
        return value

    def flag(self, data: dict, key: str, path: Path, where: str) -> bool:
        value = data.get(key, True)
        if not isinstance(value, bool):
            self.add(path + (key,), f"{where}: '{key}' must be true or false")
            return True
        return value

    def sequence(self, value: Any, path: Path, where: str, what: str, minimum: int) -> list:
        if value is None:
            self.add(path, f"{where} has no {what}")
            return []
        if not isinstance(value, list):
            self.add(path, f"{where}: '{path[-1]}' must be a list of {what}")
            return []
        if len(value) < minimum:
            noun = what if minimum != 1 else what.rstrip("s")
            self.add(path, f"{where} needs at least {minimum} {noun}; it has {len(value)}")
        return value


def _points(checker: _Checker, option: dict, path: Path, where: str) -> Decimal:
    raw = option.get("points")
    if raw is None or raw == "":
        checker.add(path + ("points",), f"{where}: 'points' is missing")
        return Decimal(0)
    if isinstance(raw, bool):
        checker.add(path + ("points",), f"{where}: points must be a number, like 0, 5 or 2.5")
        return Decimal(0)
    try:
        points = Decimal(str(raw))
    except InvalidOperation:
        checker.add(path + ("points",), f"{where}: points must be a number, like 0, 5 or 2.5 (not '{raw}')")
        return Decimal(0)
    if not points.is_finite():
        checker.add(path + ("points",), f"{where}: points must be a number, like 0, 5 or 2.5 (not '{raw}')")
        return Decimal(0)
    if points < 0:
        checker.add(path + ("points",), f"{where}: points must be 0 or more, not {raw}")
    elif points > MAX_POINTS:
        checker.add(path + ("points",), f"{where}: points must be {MAX_POINTS} or less, not {raw}")
    elif points != points.quantize(Decimal("0.01")):
        checker.add(path + ("points",), f"{where}: points may have at most 2 decimal places, not {raw}")
    return points


def _effective_from(checker: _Checker, version: dict, path: Path) -> datetime.date | None:
    raw = version.get("effective_from")
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    try:
        return datetime.date.fromisoformat(str(raw))
    except ValueError:
        checker.add(path + ("effective_from",), f"Version: effective_from must be a date like 2026-04-01, not '{raw}'")
        return None


def questionnaire_parse(
    data: Any, *, kinds: Iterable[str], outcome_codes: Iterable[str]
) -> tuple[QuestionnaireSpec | None, list[Problem]]:
    """Check a questionnaire file's contents. Returns (spec, []) when it is sound, else (None, problems)."""
    checker = _Checker()
    kinds = set(kinds)
    outcome_codes = set(outcome_codes)
    top = checker.mapping(data, (), "The file", _TOP_KEYS)
    if not top:
        return None, checker.problems
    if top.get("format", FORMAT) != FORMAT:
        checker.add(("format",), f"The file: format must be '{FORMAT}', not '{top.get('format')}'")

    head = checker.mapping(top.get("questionnaire"), ("questionnaire",), "Questionnaire", _QUESTIONNAIRE_KEYS)
    code = checker.code(head, ("questionnaire",), "Questionnaire") if head else ""
    kind = str(head.get("kind") or "") if head else ""
    if head and kind not in kinds:
        allowed = ", ".join(sorted(kinds))
        checker.add(("questionnaire", "kind"), f"Questionnaire: kind must be one of {allowed}, not '{kind}'")
    name = (
        checker.text(head, "name", ("questionnaire",), "Questionnaire", required=True, maximum=TITLE_MAX)
        if head
        else ""
    )

    version = top.get("version") or {}
    version = checker.mapping(version, ("version",), "Version", _VERSION_KEYS, may_be_empty=True)
    effective_from = _effective_from(checker, version, ("version",))
    notes = checker.text(version, "notes", ("version",), "Version", required=False)

    sections: list[SectionSpec] = []
    section_codes: set[str] = set()
    question_codes: dict[str, str] = {}
    for s_index, raw_section in enumerate(
        checker.sequence(top.get("sections"), ("sections",), "The questionnaire", "sections", 1)
    ):
        s_path: Path = ("sections", s_index)
        s_where = f"Section {s_index + 1}"
        section = checker.mapping(raw_section, s_path, s_where, _SECTION_KEYS)
        if not section:
            continue
        s_code = checker.code(section, s_path, s_where)
        if s_code:
            s_where = f"Section {s_index + 1} ({s_code})"
            if s_code in section_codes:
                checker.add(s_path + ("code",), f"{s_where}: the code '{s_code}' is used by another section")
            section_codes.add(s_code)
        title = checker.text(section, "title", s_path, s_where, required=True, maximum=TITLE_MAX)
        easy_read_title = checker.text(section, "easy_read_title", s_path, s_where, required=False, maximum=TITLE_MAX)
        questions: list[QuestionSpec] = []
        raw_questions = checker.sequence(section.get("questions"), s_path + ("questions",), s_where, "questions", 1)
        for q_index, raw_question in enumerate(raw_questions):
            q_path: Path = s_path + ("questions", q_index)
            q_where = f"{s_where}, question {q_index + 1}"
            question = checker.mapping(raw_question, q_path, q_where, _QUESTION_KEYS)
            if not question:
                continue
            q_code = checker.code(question, q_path, q_where)
            if q_code:
                q_where = f"{s_where}, question {q_index + 1} ({q_code})"
                if q_code in question_codes:
                    checker.add(
                        q_path + ("code",),
                        f"{q_where}: the code '{q_code}' is already used by a question in {question_codes[q_code]}",
                    )
                else:
                    question_codes[q_code] = f"section {s_code or s_index + 1}"
            outcome = str(question.get("outcome") or "")
            if outcome and outcome not in outcome_codes:
                checker.add(
                    q_path + ("outcome",),
                    f"{q_where}: '{outcome}' is not a Care Act outcome code (for example A_NUTRITION or C_RECREATION)",
                )
            options: list[OptionSpec] = []
            option_codes: set[str] = set()
            raw_options = checker.sequence(
                question.get("options"), q_path + ("options",), q_where, "answer options", MIN_OPTIONS
            )
            for o_index, raw_option in enumerate(raw_options):
                o_path: Path = q_path + ("options", o_index)
                o_where = f"{q_where}, option {o_index + 1}"
                option = checker.mapping(raw_option, o_path, o_where, _OPTION_KEYS)
                if not option:
                    continue
                o_code = checker.code(option, o_path, o_where)
                if o_code:
                    o_where = f"{q_where}, option {o_index + 1} ({o_code})"
                    if o_code in option_codes:
                        checker.add(
                            o_path + ("code",), f"{o_where}: the code '{o_code}' is used twice in this question"
                        )
                    option_codes.add(o_code)
                options.append(
                    OptionSpec(
                        code=o_code,
                        text=checker.text(option, "text", o_path, o_where, required=True, maximum=TEXT_MAX),
                        points=_points(checker, option, o_path, o_where),
                        easy_read_text=checker.text(
                            option, "easy_read_text", o_path, o_where, required=False, maximum=TEXT_MAX
                        ),
                        help_text=checker.text(option, "help_text", o_path, o_where, required=False),
                    )
                )
            questions.append(
                QuestionSpec(
                    code=q_code,
                    text=checker.text(question, "text", q_path, q_where, required=True, maximum=TEXT_MAX),
                    options=tuple(options),
                    easy_read_text=checker.text(
                        question, "easy_read_text", q_path, q_where, required=False, maximum=TEXT_MAX
                    ),
                    help_text=checker.text(question, "help_text", q_path, q_where, required=False),
                    why_we_ask=checker.text(question, "why_we_ask", q_path, q_where, required=False),
                    easy_read_why_we_ask=checker.text(
                        question, "easy_read_why_we_ask", q_path, q_where, required=False
                    ),
                    outcome=outcome,
                    required=checker.flag(question, "required", q_path, q_where),
                    allows_more_detail=checker.flag(question, "allows_more_detail", q_path, q_where),
                )
            )
        sections.append(
            SectionSpec(code=s_code, title=title, questions=tuple(questions), easy_read_title=easy_read_title)
        )

    if checker.problems:
        return None, checker.problems
    spec = QuestionnaireSpec(
        code=code, kind=kind, name=name, sections=tuple(sections), effective_from=effective_from, notes=notes
    )
    return spec, []


def questionnaire_unusable_because(option_counts: Sequence[Sequence[int]]) -> str | None:
    """Why a version with these contents cannot be published, or None if people can answer it.

    `option_counts` has one entry a section, in order: the number of answer options of each of its
    questions. A published version must have at least one section, every section at least one
    question, and every question at least MIN_OPTIONS options to choose from."""
    if not option_counts:
        return "It has no sections."
    for s_number, questions in enumerate(option_counts, start=1):
        if not questions:
            return f"Section {s_number} has no questions."
        for q_number, options in enumerate(questions, start=1):
            if options < MIN_OPTIONS:
                return f"Section {s_number}, question {q_number} has {options} answer options; it needs at least {MIN_OPTIONS}."
    return None
