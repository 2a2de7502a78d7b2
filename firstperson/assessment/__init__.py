"""Assessment: questionnaires as versioned data, self-assessments (the person's own, or supported by a
practitioner), eligibility determinations under the Care Act 2014 and their letters.

Owns: Questionnaire, QuestionnaireVersion, Section, Question, AnswerOption, SelfAssessment, Answer,
EligibilityDetermination, OutcomeFindingRecord. Pure rules: rules/eligibility.py (the Care Act test),
rules/questionnaire.py (checking questionnaire files), rules/advice.py (where to point people).

May call: platform, people.
"""
