"""Questionnaires as versioned data, self-assessments and their answers.

A published questionnaire version never changes: editing makes a new version, and every
self-assessment keeps the version it was answered on, so that its points can be reproduced later.
"""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from firstperson.people.models import Person


class QuestionnaireKind(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", "Self-assessment of care and support needs"
    CARER = "carer", "Carer's self-assessment"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class Questionnaire(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=QuestionnaireKind.choices)
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class QuestionnaireVersion(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    effective_from = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "number"], name="questionnaire_version_once")]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"


class Section(models.Model):
    """A domain of the questionnaire, such as "Personal care". Its code is what the RAS scores by."""

    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="section_code_once")]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=60)
    text = models.CharField(max_length=300)
    easy_read_text = models.CharField(max_length=300, blank=True)
    help_text = models.TextField(blank=True)
    why_we_ask = models.TextField(blank=True)
    allows_more_detail = models.BooleanField(default=True, help_text="Offer a 'tell us more' box")
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField()
    # The Care Act outcome this question informs, if any (assessment/rules/eligibility.py codes).
    outcome_code = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["section__order", "order"]

    def __str__(self) -> str:
        return self.text


class AnswerOption(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(max_length=60)
    text = models.CharField(max_length=300)
    easy_read_text = models.CharField(max_length=300, blank=True)
    help_text = models.TextField(blank=True)
    points = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="option_code_once")]

    def __str__(self) -> str:
        return self.text


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SelfAssessment(models.Model):
    """One person's answers to one questionnaire version. Saved as each answer is given."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="self_assessments")
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="self_assessments")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    # Supported self-assessment: a practitioner completing it with the person, and who was there.
    supported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    people_present = models.TextField(blank=True)
    # For a carer's assessment: whom they care for.
    cared_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="carer_assessments_about"
    )
    declaration_accepted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.version} for {self.person}"


class Answer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(AnswerOption, on_delete=models.PROTECT, related_name="+")
    more_detail = models.TextField(blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.option.code}"
