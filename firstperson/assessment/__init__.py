"""Assessment: questionnaires (versioned data), supported self-assessments and their answers,
eligibility determinations under the Care Act 2014, and carers' assessments.

May call: platform, people.
"""
