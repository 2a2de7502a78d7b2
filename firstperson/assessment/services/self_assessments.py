"""Writes to self-assessments: start, answer one question (saved as it is given), send.

Each is one transaction with a named actor and its own audit event. The person, a representative with
authority over assessments, or a practitioner with the person (a supported self-assessment) may
answer; every answer records who entered it and, in a supported self-assessment, whose answer it is.
"""

from django.db import transaction
from django.utils import timezone

from firstperson.people.models import Person
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import permissions
from ..exceptions import AnswerMissing, AnswerRejected, AssessmentClosed, AssessmentNotAllowed, IncompleteAssessment
from ..models import Answer, AssessmentStatus, QuestionnaireKind, QuestionnaireVersion, SelfAssessment, VersionStatus
from ..selectors import assessment_progress, in_progress_assessment_for, version_questions
from ..signals import self_assessment_submitted

MORE_DETAIL_MAX = 2000
PEOPLE_PRESENT_MAX = 1000
GIVEN_BY_MAX = 200


def _refuse_unless_may_complete(actor, person: Person) -> None:
    if not permissions.can_complete_for(actor, person):
        raise AssessmentNotAllowed("You cannot complete an assessment for this person")


SENT_CANNOT_CHANGE = (
    "This assessment has been sent, so its answers cannot change. Call us if something needs correcting."
)


def _refuse_unless_open(assessment: SelfAssessment) -> None:
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        raise AssessmentClosed(SENT_CANNOT_CHANGE)


def _is_staff(actor) -> bool:
    return bool(getattr(actor, "uses_workspace", False))


def self_assessment_start(
    *,
    actor,
    person: Person,
    version: QuestionnaireVersion,
    people_present: str = "",
    cared_for: Person | None = None,
) -> SelfAssessment:
    """Start a self-assessment, or return the one already in progress on the same questionnaire.

    Started by a practitioner, it is a supported self-assessment: they are recorded as supporting
    it, and must say who is taking part."""
    _refuse_unless_may_complete(actor, person)
    if version.status != VersionStatus.PUBLISHED:
        raise AssessmentNotAllowed("This questionnaire is not in use: choose another")
    people_present = people_present.strip()
    supported = _is_staff(actor)
    if supported and not people_present:
        raise AnswerRejected("Say who is taking part, for example the person and their wife", field="people_present")
    if len(people_present) > PEOPLE_PRESENT_MAX:
        raise AnswerRejected(
            f"Who is taking part must be {PEOPLE_PRESENT_MAX:,} characters or fewer", field="people_present"
        )
    if cared_for is not None:
        if version.questionnaire.kind != QuestionnaireKind.CARER:
            cared_for = None
        elif cared_for.pk == person.pk:
            raise AnswerRejected("A carer's assessment is about someone else you look after", field="cared_for")
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        existing = in_progress_assessment_for(person=person, version=version)
        if existing is not None:
            return existing
        assessment = SelfAssessment.objects.create(
            person=person,
            version=version,
            started_by=actor,
            supported_by=actor if supported else None,
            people_present=people_present,
            cared_for=cared_for,
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.SELF_ASSESSMENT_STARTED,
            object_type="self_assessment",
            object_id=assessment.pk,
            person_id=person.pk,
            payload={
                "questionnaire": version.questionnaire.code,
                "version": version.number,
                "supported": supported,
                "people_present": people_present,
                "cared_for": str(cared_for.pk) if cared_for else None,
            },
        )
    return assessment


def self_assessment_record_support(*, actor, assessment: SelfAssessment, people_present: str) -> SelfAssessment:
    """A practitioner joins an assessment in progress (a supported self-assessment) and says who is there."""
    _refuse_unless_may_complete(actor, assessment.person)
    _refuse_unless_open(assessment)
    if not _is_staff(actor):
        raise AssessmentNotAllowed("Only a practitioner can support a self-assessment")
    people_present = people_present.strip()
    if not people_present:
        raise AnswerRejected("Say who is taking part, for example the person and their wife", field="people_present")
    if len(people_present) > PEOPLE_PRESENT_MAX:
        raise AnswerRejected(
            f"Who is taking part must be {PEOPLE_PRESENT_MAX:,} characters or fewer", field="people_present"
        )
    with transaction.atomic():
        # Each session's list of who took part is kept in the audit trail, as the record holds the latest.
        previous = assessment.people_present
        assessment.supported_by = actor
        assessment.people_present = people_present
        assessment.save(update_fields=["supported_by", "people_present"])
        audit_record(
            actor=actor,
            verb=AuditVerb.SELF_ASSESSMENT_STARTED,
            object_type="self_assessment",
            object_id=assessment.pk,
            person_id=assessment.person_id,
            payload={
                "supported": True,
                "joined": True,
                "people_present": people_present,
                "previous_people_present": previous,
            },
        )
    return assessment


def self_assessment_answer(
    *,
    actor,
    assessment: SelfAssessment,
    question_code: str,
    option_code: str,
    more_detail: str = "",
    given_by: str = "",
) -> Answer | None:
    """Save one answer at once, replacing any earlier answer to the same question.

    An optional question left unanswered saves nothing and returns None; but words written with no
    answer chosen are refused, so they are never thrown away without the person knowing."""
    _refuse_unless_may_complete(actor, assessment.person)
    question = next((q for q in version_questions(assessment.version) if q.code == question_code), None)
    if question is None:
        raise AnswerRejected("That question is not part of this assessment")
    option_code = (option_code or "").strip()
    more_detail = (more_detail or "").strip()
    given_by = (given_by or "").strip()
    if not option_code:
        if more_detail or given_by:
            raise AnswerRejected("Choose an answer so that we can save what you wrote", field="option")
        if question.required:
            raise AnswerMissing(question.text)
        return None
    option = next((option for option in question.options.all() if option.code == option_code), None)
    if option is None:
        raise AnswerRejected("Select one of the answers shown", field="option")
    if more_detail and not question.allows_more_detail:
        raise AnswerRejected("This question does not take more detail", field="more_detail")
    if len(more_detail) > MORE_DETAIL_MAX:
        raise AnswerRejected(
            f"What you tell us must be {MORE_DETAIL_MAX:,} characters or fewer (it has {len(more_detail):,})",
            field="more_detail",
        )
    if len(given_by) > GIVEN_BY_MAX:
        raise AnswerRejected(f"Whose answer it is must be {GIVEN_BY_MAX} characters or fewer", field="given_by")
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        _refuse_unless_open(locked)
        previous = Answer.objects.filter(assessment=assessment, question=question).select_related("option").first()
        answer, _ = Answer.objects.update_or_create(
            assessment=assessment,
            question=question,
            defaults={"option": option, "more_detail": more_detail, "answered_by": actor, "given_by": given_by},
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.SELF_ASSESSMENT_ANSWERED,
            object_type="self_assessment",
            object_id=assessment.pk,
            person_id=assessment.person_id,
            payload={
                "question": question.code,
                "option": option.code,
                "previous_option": previous.option.code if previous else None,
                "more_detail_given": bool(more_detail),
                "given_by": given_by,
            },
        )
    return answer


def self_assessment_submit(*, actor, assessment: SelfAssessment, declaration: bool) -> SelfAssessment:
    """Send a finished self-assessment to the council. Every required question must be answered and
    the declaration accepted; after this its answers never change."""
    _refuse_unless_may_complete(actor, assessment.person)
    _refuse_unless_open(assessment)
    progress = assessment_progress(assessment=assessment)
    missing = progress.missing_required
    if missing:
        count = len(missing)
        noun = "question is" if count == 1 else "questions are"
        raise IncompleteAssessment(
            f"Answer every question before you send the assessment: {count} {noun} not answered yet",
            missing=missing,
        )
    if not declaration:
        raise IncompleteAssessment("Confirm that the answers are true to send the assessment", field="declaration")
    now = timezone.now()
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        _refuse_unless_open(locked)
        locked.status = AssessmentStatus.SUBMITTED
        locked.declaration_accepted_at = now
        locked.submitted_at = now
        locked.submitted_by = actor
        locked.save(update_fields=["status", "declaration_accepted_at", "submitted_at", "submitted_by"])
        audit_record(
            actor=actor,
            verb=AuditVerb.SELF_ASSESSMENT_SUBMITTED,
            object_type="self_assessment",
            object_id=assessment.pk,
            person_id=assessment.person_id,
            payload={"answered": progress.answered_count, "total_points": progress.total_points},
        )
        # Apps above this one act on a submission once it is committed (allocation works out the
        # budget); robust: a receiver's failure is logged and never turns a sent assessment into an error.
        transaction.on_commit(
            lambda: self_assessment_submitted.send(sender=SelfAssessment, assessment=locked, actor=actor), robust=True
        )
    assessment.refresh_from_db()
    return assessment
