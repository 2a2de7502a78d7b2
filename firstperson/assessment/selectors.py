"""Reads for assessment, scoped to the actor where they concern a person."""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from firstperson.people.choices import RelationshipKind
from firstperson.people.models import Person

from . import permissions
from .models import (
    Answer,
    EligibilityDetermination,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
    SelfAssessment,
    VersionStatus,
)
from .rules.questionnaire import FORMAT


def questionnaire_version_current(*, questionnaire: Questionnaire, on: datetime.date | None = None):
    """The published version in force on the day: the newest effective date not after it."""
    day = on or timezone.localdate()
    return (
        questionnaire.versions.filter(status=VersionStatus.PUBLISHED)
        .filter(Q(effective_from__isnull=True) | Q(effective_from__lte=day))
        .order_by("-effective_from", "-number")
        .first()
    )


def questionnaire_versions_to_start(*, on: datetime.date | None = None) -> list[QuestionnaireVersion]:
    """One current version for each questionnaire that has one, self-assessments first."""
    versions = []
    for questionnaire in Questionnaire.objects.order_by("-kind", "name"):
        current = questionnaire_version_current(questionnaire=questionnaire, on=on)
        if current is not None:
            versions.append(current)
    return versions


def questionnaire_list() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.prefetch_related("versions").order_by("name")


def questionnaire_version_get(*, version_id: uuid.UUID) -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.select_related("questionnaire").filter(pk=version_id).first()
    if version is None:
        raise Http404("No questionnaire version here.")
    return version


def wording(standard: str, easy_read_words: str, *, easy_read: bool) -> str:
    """The words a resident's page shows for a question, answer, section title or "why we ask": in
    Easy Read, the Easy Read wording when the questionnaire has one, otherwise the standard wording.
    Every page of the journey chooses through here, so that one page never mixes the two unasked."""
    return (easy_read_words if easy_read else "") or standard


def version_questions(version: QuestionnaireVersion) -> list[Question]:
    """Every question of a version in order, with its section and options loaded."""
    return list(
        Question.objects.filter(section__version=version)
        .select_related("section")
        .prefetch_related("options")
        .order_by("section__order", "order")
    )


def _number(points: Decimal) -> int | float:
    return int(points) if points == points.to_integral_value() else float(points)


def questionnaire_version_as_data(version: QuestionnaireVersion) -> dict[str, Any]:
    """A version as the plain data of a questionnaire file (rules/questionnaire.py describes it)."""
    questionnaire = version.questionnaire
    version_data: dict[str, Any] = {"number": version.number, "status": str(version.status)}
    if version.effective_from:
        version_data["effective_from"] = version.effective_from.isoformat()
    if version.notes:
        version_data["notes"] = version.notes
    sections: list[dict[str, Any]] = []
    by_section: dict[int, dict[str, Any]] = {}
    for question in version_questions(version):
        section = question.section
        if section.pk not in by_section:
            by_section[section.pk] = {"code": section.code, "title": section.title}
            if section.easy_read_title:
                by_section[section.pk]["easy_read_title"] = section.easy_read_title
            by_section[section.pk]["questions"] = []
            sections.append(by_section[section.pk])
        item: dict[str, Any] = {"code": question.code, "text": question.text}
        for key in ("easy_read_text", "help_text", "why_we_ask", "easy_read_why_we_ask"):
            if getattr(question, key):
                item[key] = getattr(question, key)
        if question.outcome_code:
            item["outcome"] = question.outcome_code
        if not question.required:
            item["required"] = False
        if not question.allows_more_detail:
            item["allows_more_detail"] = False
        options = []
        for option in question.options.all():
            option_item: dict[str, Any] = {"code": option.code, "text": option.text}
            if option.easy_read_text:
                option_item["easy_read_text"] = option.easy_read_text
            if option.help_text:
                option_item["help_text"] = option.help_text
            option_item["points"] = _number(option.points)
            options.append(option_item)
        item["options"] = options
        by_section[section.pk]["questions"].append(item)
    return {
        "format": FORMAT,
        "questionnaire": {"code": questionnaire.code, "kind": str(questionnaire.kind), "name": questionnaire.name},
        "version": version_data,
        "sections": sections,
    }


# --- self-assessments -----------------------------------------------------------------------------


def self_assessment_get_for_actor(*, actor, assessment_id: uuid.UUID) -> SelfAssessment:
    """The self-assessment, if the actor may see it; otherwise 404, whether or not it exists."""
    assessment = (
        permissions.assessments_visible_to(actor)
        .select_related("person", "version__questionnaire", "cared_for", "started_by", "supported_by")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        raise Http404("No assessment here.")
    return assessment


def self_assessments_for_actor(*, actor) -> QuerySet[SelfAssessment]:
    return (
        permissions.assessments_visible_to(actor)
        .select_related("person", "version__questionnaire", "cared_for")
        .order_by("-started_at")
    )


def self_assessments_of_person(*, actor, person: Person) -> QuerySet[SelfAssessment]:
    return self_assessments_for_actor(actor=actor).filter(person=person)


@dataclass(frozen=True)
class SectionProgress:
    code: str
    title: str
    number: int
    questions: list[Question]
    answered: int
    #: Every required question here is answered.
    required_answered: bool = False
    #: A question in a later section is answered: the person has gone past this one, so an
    #: optional question still unanswered here was left on purpose.
    passed: bool = False
    easy_read_title: str = ""

    def title_for(self, *, easy_read: bool) -> str:
        return wording(self.title, self.easy_read_title, easy_read=easy_read)

    @property
    def status(self) -> str:
        if self.answered == 0 and not self.passed:
            return "Not started"
        if self.required_answered and (self.passed or self.answered >= len(self.questions)):
            return "Completed"
        return "In progress"


@dataclass
class AssessmentProgress:
    """Where a self-assessment has got to: which questions are answered, and what comes next."""

    assessment: SelfAssessment
    questions: list[Question]
    answers: dict[int, Answer]
    sections: list[SectionProgress] = field(default_factory=list)

    @property
    def missing_required(self) -> list[Question]:
        return [q for q in self.questions if q.required and q.pk not in self.answers]

    @property
    def complete(self) -> bool:
        return not self.missing_required

    @property
    def next_to_answer(self) -> Question | None:
        """Where "continue" goes: the first question not answered after the last one that is (an
        optional question before it was left on purpose), else the first required question still
        missing; None when it is ready to check and send."""
        answered = [index for index, q in enumerate(self.questions) if q.pk in self.answers]
        after = answered[-1] + 1 if answered else 0
        following = next((q for q in self.questions[after:] if q.pk not in self.answers), None)
        return following or next(iter(self.missing_required), None)

    @property
    def answered_count(self) -> int:
        return len(self.answers)

    def question(self, code: str) -> Question:
        found = next((q for q in self.questions if q.code == code), None)
        if found is None:
            raise Http404("No such question.")
        return found

    def neighbours(self, question: Question) -> tuple[Question | None, Question | None]:
        index = self.questions.index(question)
        before = self.questions[index - 1] if index > 0 else None
        after = self.questions[index + 1] if index + 1 < len(self.questions) else None
        return before, after

    def section_of(self, question: Question) -> SectionProgress:
        return next(section for section in self.sections if section.code == question.section.code)

    @property
    def total_points(self) -> Decimal:
        return sum((answer.option.points for answer in self.answers.values()), Decimal(0))


def assessment_progress(*, assessment: SelfAssessment) -> AssessmentProgress:
    questions = version_questions(assessment.version)
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(assessment=assessment).select_related("option", "answered_by")
    }
    progress = AssessmentProgress(assessment=assessment, questions=questions, answers=answers)
    grouped: dict[str, list[Question]] = {}
    sections: dict[str, Section] = {}
    for question in questions:
        grouped.setdefault(question.section.code, []).append(question)
        sections[question.section.code] = question.section
    answered_positions = [index for index, q in enumerate(questions) if q.pk in answers]
    last_answered = answered_positions[-1] if answered_positions else -1
    progress.sections = [
        SectionProgress(
            code=code,
            title=sections[code].title,
            easy_read_title=sections[code].easy_read_title,
            number=number,
            questions=section_questions,
            answered=sum(1 for q in section_questions if q.pk in answers),
            required_answered=all(q.pk in answers for q in section_questions if q.required),
            passed=last_answered > questions.index(section_questions[-1]),
        )
        for number, (code, section_questions) in enumerate(grouped.items(), start=1)
    ]
    return progress


def in_progress_assessment_for(*, person: Person, version: QuestionnaireVersion) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(
        person=person, version__questionnaire=version.questionnaire, status="in_progress"
    ).first()


# --- eligibility ----------------------------------------------------------------------------------


# Newest first. The id only breaks a tie in `decided_at` (two decisions in one microsecond, which
# the lock in `eligibility_determination_record` all but rules out), so that the page, the letter and
# the check that a form showed the current decision always agree on which one is current.
NEWEST_DECISION_FIRST = ("-decided_at", "-pk")


def _determinations_to_show(assessment: SelfAssessment) -> QuerySet[EligibilityDetermination]:
    """The assessment's decisions, newest first, with what the page and the letter show of them."""
    return (
        EligibilityDetermination.objects.filter(assessment=assessment)
        .select_related("decided_by", "person")
        .prefetch_related("findings")
        .order_by(*NEWEST_DECISION_FIRST)
    )


def eligibility_determination_current(*, assessment: SelfAssessment) -> EligibilityDetermination | None:
    return _determinations_to_show(assessment).first()


def eligibility_determination_on(
    *, assessment: SelfAssessment, determination_id: uuid.UUID | str
) -> EligibilityDetermination | None:
    """One decision made on this assessment, current or replaced; None for any other decision, so
    that an address naming another assessment's decision finds nothing."""
    return _determinations_to_show(assessment).filter(pk=determination_id).first()


def eligibility_determination_current_id(*, assessment: SelfAssessment) -> str:
    """The current decision's id, or "" when there is none: what the decision form sends back as the
    decision it showed."""
    newest = (
        EligibilityDetermination.objects.filter(assessment=assessment)
        .order_by(*NEWEST_DECISION_FIRST)
        .values_list("pk", flat=True)
        .first()
    )
    return "" if newest is None else str(newest)


def eligibility_determinations_of(*, assessment: SelfAssessment) -> QuerySet[EligibilityDetermination]:
    return (
        EligibilityDetermination.objects.filter(assessment=assessment)
        .select_related("decided_by")
        .order_by(*NEWEST_DECISION_FIRST)
    )


def people_cared_for_by(*, person: Person) -> QuerySet[Person]:
    """The people this person is currently recorded as a carer for."""
    today = timezone.localdate()
    return (
        Person.objects.filter(
            Q(relationships__end_date__isnull=True) | Q(relationships__end_date__gte=today),
            relationships__related_person=person,
            relationships__kind=RelationshipKind.CARER,
            relationships__start_date__lte=today,
        )
        .distinct()
        .order_by("legal_family_name", "legal_given_name")
    )
