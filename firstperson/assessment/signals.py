"""Signals the assessment app sends, for apps above it to act on without assessment importing them.

    self_assessment_submitted   a self-assessment has been sent to the council. Sent once the
                                submission is committed (transaction.on_commit), so a receiver's
                                work, or its failure, can never undo the submission. Arguments:
                                sender=SelfAssessment, assessment (the submitted SelfAssessment),
                                actor (the user who sent it).

The allocation app connects a receiver in its AppConfig.ready(): it works out the indicative
budget at once when a RAS configuration is in force for the questionnaire.
"""

from django.dispatch import Signal

self_assessment_submitted = Signal()
