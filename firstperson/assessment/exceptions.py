"""Domain errors of assessment: questionnaires, self-assessments and eligibility decisions."""

from typing import Any

from firstperson.platform.exceptions import ApplicationError


class AssessmentError(ApplicationError):
    """Base of this app's errors."""


class InvalidQuestionnaire(AssessmentError):
    """A questionnaire file that cannot be imported. `problems` lists every one, each naming its line."""

    def __init__(self, message: str, *, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


class QuestionnaireVersionLocked(AssessmentError):
    """A published or retired version: it never changes. Make a new version instead."""


class QuestionnaireStatusError(AssessmentError):
    """A move between draft, published and retired that is not allowed."""


class AssessmentNotAllowed(AssessmentError):
    """The actor may not do this for this person."""


class AssessmentClosed(AssessmentError):
    """The self-assessment has been sent or withdrawn, so its answers can no longer change."""


class AnswerRejected(AssessmentError):
    """An answer that cannot be saved, named by `field`."""


class AnswerMissing(AnswerRejected):
    """A question that must be answered was left unanswered. The message names the question in the
    words given; a page that showed it in other words (Easy Read) says it again with `for_question`."""

    def __init__(self, question_words: str):
        super().__init__(self.for_question(question_words), field="option")

    @staticmethod
    def for_question(question_words: str) -> str:
        return f'Select the answer that fits best for "{question_words.strip()}"'


class IncompleteAssessment(AssessmentError):
    """A self-assessment sent before every required question was answered, or without the declaration."""

    def __init__(self, message: str, *, field: str | None = None, missing: list | None = None):
        super().__init__(message, field=field)
        self.missing = missing or []


class InvalidDetermination(AssessmentError):
    """Eligibility findings that cannot be recorded. `problems` is a list of (field, message)."""

    def __init__(self, problems: list[tuple[str | None, str]], *, rule_result: Any = None):
        super().__init__(problems[0][1], field=problems[0][0])
        self.problems = problems
        # What the Care Act test gives for the findings, when they were complete enough to work it out.
        self.rule_result = rule_result
