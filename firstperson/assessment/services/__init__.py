"""Writes of the assessment app. Each service is one transaction with a named actor and an audit event."""

from .eligibility import (
    RULE_VERSION,
    DeterminationInput,
    OutcomeInput,
    determination_kind_for,
    eligibility_determination_record,
    eligibility_rule_result,
    outcomes_for,
    unable_reasons_for,
)
from .questionnaires import (
    QuestionChanges,
    question_update,
    questionnaire_import,
    questionnaire_spec_from,
    questionnaire_version_copy,
    questionnaire_version_publish,
    questionnaire_version_retire,
    section_update,
)
from .self_assessments import (
    GIVEN_BY_MAX,
    MORE_DETAIL_MAX,
    SENT_CANNOT_CHANGE,
    self_assessment_answer,
    self_assessment_record_support,
    self_assessment_start,
    self_assessment_submit,
)

__all__ = [
    "GIVEN_BY_MAX",
    "MORE_DETAIL_MAX",
    "RULE_VERSION",
    "SENT_CANNOT_CHANGE",
    "DeterminationInput",
    "OutcomeInput",
    "QuestionChanges",
    "determination_kind_for",
    "eligibility_determination_record",
    "eligibility_rule_result",
    "outcomes_for",
    "question_update",
    "questionnaire_import",
    "questionnaire_spec_from",
    "questionnaire_version_copy",
    "questionnaire_version_publish",
    "questionnaire_version_retire",
    "section_update",
    "self_assessment_answer",
    "self_assessment_record_support",
    "self_assessment_start",
    "self_assessment_submit",
    "unable_reasons_for",
]
