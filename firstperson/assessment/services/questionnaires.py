"""Writes to questionnaires: import, a new draft version, publish, retire, and changes to a draft.

A published (or retired) version never changes: every change to its questions is refused, and
"make a new version" copies it into a new draft that can be changed and then published.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..exceptions import InvalidQuestionnaire, QuestionnaireStatusError, QuestionnaireVersionLocked
from ..models import (
    AnswerOption,
    Question,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireVersion,
    Section,
    VersionStatus,
)
from ..questionnaire_files import QuestionnaireFileError, questionnaire_file_read
from ..rules.eligibility import ADULT_OUTCOMES, CARER_OUTCOMES
from ..rules.questionnaire import (
    MAX_POINTS,
    TEXT_MAX,
    TITLE_MAX,
    QuestionnaireSpec,
    questionnaire_parse,
    questionnaire_unusable_because,
)
from ..selectors import questionnaire_version_as_data

OUTCOME_CODES = frozenset(ADULT_OUTCOMES) | frozenset(CARER_OUTCOMES)


def _version_name(version: QuestionnaireVersion) -> str:
    return f"Version {version.number} of {version.questionnaire.name}"


def _refuse_unless_draft(version: QuestionnaireVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise QuestionnaireVersionLocked(
            f"{_version_name(version)} is {version.get_status_display().lower()}, and a published version never "
            "changes. Make a new version to change it."
        )


def questionnaire_spec_from(data, *, describe=None) -> QuestionnaireSpec:
    """Check plain questionnaire data; raise InvalidQuestionnaire naming every problem."""
    spec, problems = questionnaire_parse(data, kinds=QuestionnaireKind.values, outcome_codes=OUTCOME_CODES)
    if problems or spec is None:
        messages = [describe(problem) if describe else problem.message for problem in problems]
        count = len(messages)
        summary = "The file has a problem" if count == 1 else f"The file has {count} problems"
        raise InvalidQuestionnaire(f"{summary}: nothing was imported", problems=messages)
    return spec


def _create_contents(version: QuestionnaireVersion, spec: QuestionnaireSpec) -> None:
    options: list[AnswerOption] = []
    for s_order, section_spec in enumerate(spec.sections, start=1):
        section = Section.objects.create(
            version=version,
            code=section_spec.code,
            title=section_spec.title,
            easy_read_title=section_spec.easy_read_title,
            order=s_order,
        )
        for q_order, question_spec in enumerate(section_spec.questions, start=1):
            question = Question.objects.create(
                section=section,
                code=question_spec.code,
                text=question_spec.text,
                easy_read_text=question_spec.easy_read_text,
                help_text=question_spec.help_text,
                why_we_ask=question_spec.why_we_ask,
                easy_read_why_we_ask=question_spec.easy_read_why_we_ask,
                allows_more_detail=question_spec.allows_more_detail,
                required=question_spec.required,
                order=q_order,
                outcome_code=question_spec.outcome,
            )
            options.extend(
                AnswerOption(
                    question=question,
                    code=option_spec.code,
                    text=option_spec.text,
                    easy_read_text=option_spec.easy_read_text,
                    help_text=option_spec.help_text,
                    points=option_spec.points,
                    order=o_order,
                )
                for o_order, option_spec in enumerate(question_spec.options, start=1)
            )
    AnswerOption.objects.bulk_create(options)


def _new_version(questionnaire: Questionnaire, spec: QuestionnaireSpec) -> QuestionnaireVersion:
    # Locking the questionnaire row makes two imports at once take numbers one after the other.
    Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
    latest = questionnaire.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=latest + 1,
        status=VersionStatus.DRAFT,
        effective_from=spec.effective_from,
        notes=spec.notes,
    )
    _create_contents(version, spec)
    return version


def _option_counts(version: QuestionnaireVersion) -> list[list[int]]:
    """For each section in order, the number of answer options of each of its questions."""
    counts: dict[int, list[int]] = {pk: [] for pk in version.sections.order_by("order").values_list("pk", flat=True)}
    questions = (
        Question.objects.filter(section__version=version)
        .annotate(option_count=Count("options"))
        .order_by("section__order", "order")
        .values_list("section_id", "option_count")
    )
    for section_id, option_count in questions:
        counts[section_id].append(option_count)
    return list(counts.values())


def _publish(*, actor, version: QuestionnaireVersion, effective_from: datetime.date | None) -> None:
    if version.status != VersionStatus.DRAFT:
        raise QuestionnaireStatusError(
            f"{_version_name(version)} is {version.get_status_display().lower()}: only a draft can be published"
        )
    unusable = questionnaire_unusable_because(_option_counts(version))
    if unusable:
        raise QuestionnaireStatusError(
            f"{_version_name(version)} cannot be published. {unusable} Import a corrected file as a new version."
        )
    day = effective_from or version.effective_from
    if day is None:
        raise QuestionnaireStatusError("Enter the date the version takes effect", field="effective_from")
    version.status = VersionStatus.PUBLISHED
    version.effective_from = day
    version.published_at = timezone.now()
    version.published_by = actor if getattr(actor, "is_authenticated", False) else None
    version.save(update_fields=["status", "effective_from", "published_at", "published_by"])
    audit_record(
        actor=actor,
        verb=AuditVerb.QUESTIONNAIRE_PUBLISHED,
        object_type="questionnaire_version",
        object_id=version.pk,
        payload={"questionnaire": version.questionnaire.code, "number": version.number, "effective_from": day},
    )


def questionnaire_import(
    *, actor, content: bytes | str, publish: bool = False, effective_from: datetime.date | None = None
) -> QuestionnaireVersion:
    """Import a questionnaire file as a new draft version (published at once if asked).

    The version number in the file is for information only: an import always makes the next number,
    so that no published version can be overwritten. Nothing is saved if the file has any problem."""
    try:
        parsed = questionnaire_file_read(content)
    except QuestionnaireFileError as error:
        raise InvalidQuestionnaire(f"{error}: nothing was imported", problems=[str(error)]) from error
    spec = questionnaire_spec_from(parsed.data, describe=parsed.describe)
    with transaction.atomic():
        questionnaire = Questionnaire.objects.filter(code=spec.code).first()
        if questionnaire is None:
            questionnaire = Questionnaire.objects.create(code=spec.code, kind=spec.kind, name=spec.name)
        elif questionnaire.kind != spec.kind:
            line = parsed.line_of(("questionnaire", "kind"))
            message = (
                f"The questionnaire '{spec.code}' is a {questionnaire.get_kind_display().lower()}; this file says "
                f"it is a {QuestionnaireKind(spec.kind).label.lower()}. Use another code for a different kind."
            )
            raise InvalidQuestionnaire(
                "The file has a problem: nothing was imported",
                problems=[f"Line {line}: {message}" if line else message],
            )
        elif questionnaire.name != spec.name:
            questionnaire.name = spec.name
            questionnaire.save(update_fields=["name"])
        version = _new_version(questionnaire, spec)
        audit_record(
            actor=actor,
            verb=AuditVerb.QUESTIONNAIRE_IMPORTED,
            object_type="questionnaire_version",
            object_id=version.pk,
            payload={
                "questionnaire": spec.code,
                "number": version.number,
                "sections": len(spec.sections),
                "questions": sum(len(section.questions) for section in spec.sections),
            },
        )
        if publish:
            _publish(actor=actor, version=version, effective_from=effective_from)
    return version


def questionnaire_version_copy(*, actor, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Make a new version: a draft copy of this one, with the next number, to change and publish."""
    spec = questionnaire_spec_from(questionnaire_version_as_data(version))
    with transaction.atomic():
        new = _new_version(version.questionnaire, spec)
        new.effective_from = None
        new.save(update_fields=["effective_from"])
        audit_record(
            actor=actor,
            verb=AuditVerb.QUESTIONNAIRE_VERSION_CREATED,
            object_type="questionnaire_version",
            object_id=new.pk,
            payload={"questionnaire": version.questionnaire.code, "number": new.number, "copied_from": version.number},
        )
    return new


def questionnaire_version_publish(
    *, actor, version: QuestionnaireVersion, effective_from: datetime.date | None
) -> QuestionnaireVersion:
    with transaction.atomic():
        version = QuestionnaireVersion.objects.select_for_update().select_related("questionnaire").get(pk=version.pk)
        _publish(actor=actor, version=version, effective_from=effective_from)
    return version


def questionnaire_version_retire(*, actor, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Stop a published version being used for new self-assessments. Those already started keep it."""
    with transaction.atomic():
        version = QuestionnaireVersion.objects.select_for_update().select_related("questionnaire").get(pk=version.pk)
        if version.status != VersionStatus.PUBLISHED:
            raise QuestionnaireStatusError(
                f"{_version_name(version)} is {version.get_status_display().lower()}: only a published version "
                "can be retired"
            )
        version.status = VersionStatus.RETIRED
        version.save(update_fields=["status"])
        audit_record(
            actor=actor,
            verb=AuditVerb.QUESTIONNAIRE_RETIRED,
            object_type="questionnaire_version",
            object_id=version.pk,
            payload={"questionnaire": version.questionnaire.code, "number": version.number},
        )
    return version


@dataclass(frozen=True)
class QuestionChanges:
    text: str
    easy_read_text: str = ""
    help_text: str = ""
    why_we_ask: str = ""
    easy_read_why_we_ask: str = ""
    option_points: dict[str, str | Decimal] = field(default_factory=dict)


def question_update(*, actor, question: Question, changes: QuestionChanges) -> Question:
    """Change a question of a draft version: its wording, and the points of its answer options."""
    version = question.section.version
    _refuse_unless_draft(version)
    text = changes.text.strip()
    if not text:
        raise InvalidQuestionnaire("Enter the question", problems=["Enter the question"])
    for label, value in (("The question", text), ("The Easy Read wording", changes.easy_read_text.strip())):
        if len(value) > TEXT_MAX:
            message = f"{label} must be {TEXT_MAX} characters or fewer"
            raise InvalidQuestionnaire(message, problems=[message])
    options = {option.code: option for option in question.options.all()}
    new_points: dict[str, Decimal] = {}
    for code, raw in changes.option_points.items():
        if code not in options:
            message = f"'{code}' is not an answer option of this question"
            raise InvalidQuestionnaire(message, problems=[message])
        try:
            points = Decimal(str(raw).strip())
        except InvalidOperation:
            points = Decimal("NaN")
        if not points.is_finite() or points < 0 or points > MAX_POINTS or points != points.quantize(Decimal("0.01")):
            message = f"Points for '{options[code].text}' must be a number from 0 to {MAX_POINTS}, like 5 or 2.5"
            raise InvalidQuestionnaire(message, problems=[message])
        new_points[code] = points
    with transaction.atomic():
        locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
        _refuse_unless_draft(locked)
        question.text = text
        question.easy_read_text = changes.easy_read_text.strip()
        question.help_text = changes.help_text.strip()
        question.why_we_ask = changes.why_we_ask.strip()
        question.easy_read_why_we_ask = changes.easy_read_why_we_ask.strip()
        question.save(update_fields=["text", "easy_read_text", "help_text", "why_we_ask", "easy_read_why_we_ask"])
        for code, points in new_points.items():
            if options[code].points != points:
                options[code].points = points
                options[code].save(update_fields=["points"])
        audit_record(
            actor=actor,
            verb=AuditVerb.QUESTIONNAIRE_CHANGED,
            object_type="questionnaire_version",
            object_id=version.pk,
            payload={"question": question.code, "option_points": {k: str(v) for k, v in new_points.items()}},
        )
    return question


def section_update(*, actor, section: Section, easy_read_title: str) -> Section:
    """Change a draft version's section: its Easy Read title. Its code and standard title are what
    the RAS names a domain by, so they change only by importing a new version."""
    version = section.version
    _refuse_unless_draft(version)
    easy_read_title = easy_read_title.strip()
    if len(easy_read_title) > TITLE_MAX:
        message = f"The Easy Read title must be {TITLE_MAX} characters or fewer"
        raise InvalidQuestionnaire(message, problems=[message])
    with transaction.atomic():
        locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
        _refuse_unless_draft(locked)
        section.easy_read_title = easy_read_title
        section.save(update_fields=["easy_read_title"])
        audit_record(
            actor=actor,
            verb=AuditVerb.QUESTIONNAIRE_CHANGED,
            object_type="questionnaire_version",
            object_id=version.pk,
            payload={"section": section.code},
        )
    return section
