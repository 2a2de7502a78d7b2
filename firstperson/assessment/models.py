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
    easy_read_title = models.CharField(max_length=200, blank=True)
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
    easy_read_why_we_ask = models.TextField(blank=True)
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
        constraints = [
            # Unique already (the id is), but the pair must be declared unique for an indicative
            # budget's key on PostgreSQL to refer to it: the budget's assessment and person together
            # (allocation migration 0005), so a budget's person is always its assessment's person.
            models.UniqueConstraint(fields=["id", "person"], name="self_assessment_with_its_person"),
        ]

    def __str__(self) -> str:
        return f"{self.version} for {self.person}"


class Answer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(AnswerOption, on_delete=models.PROTECT, related_name="+")
    more_detail = models.TextField(blank=True)
    # In a supported self-assessment the practitioner enters the answer; this says whose answer it is
    # ("Ted", "Margaret, his wife") when it is not the person's own.
    given_by = models.CharField(max_length=200, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.option.code}"


class DeterminationKind(models.TextChoices):
    ADULT = "adult", "Adult with care and support needs (reg 2)"
    CARER = "carer", "Carer (reg 3)"


class FacsBand(models.TextChoices):
    """A legacy Fair Access to Care Services band, for records migrated from before April 2015.

    REFERENCE.md §1.1: never mapped onto Care Act eligibility; kept only as the old record said."""

    CRITICAL = "critical", "Critical"
    SUBSTANTIAL = "substantial", "Substantial"
    MODERATE = "moderate", "Moderate"
    LOW = "low", "Low"
    NOT_ELIGIBLE = "not_eligible", "Not eligible"


class FacsThreshold(models.TextChoices):
    """The lowest FACS band a council met when the old record was made (each council chose its own):
    the band means little without it (REFERENCE.md §1.1)."""

    CRITICAL = "critical", "Critical only"
    SUBSTANTIAL = "substantial", "Substantial and above"
    MODERATE = "moderate", "Moderate and above"
    LOW = "low", "Low and above"


class EligibilityDetermination(models.Model):
    """The written record of an eligibility determination (Care Act 2014 s13; SI 2015/313 regs 2-3).

    The practitioner's findings are stored as structured data; `rule_eligible` and `rule_reasons` are
    what assessment/rules/eligibility.py made of them, and `eligible` is the practitioner's decision.
    Where the two differ, `disagreement_reason` says why: the rule never overrules the practitioner.
    A determination is never changed: a new one replaces it, and the newest is the current one.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="eligibility_determinations")
    assessment = models.ForeignKey(
        SelfAssessment, null=True, blank=True, on_delete=models.PROTECT, related_name="determinations"
    )
    kind = models.CharField(max_length=10, choices=DeterminationKind.choices)
    # Condition 1: adults, needs from a physical or mental impairment or illness; carers, needs from
    # providing necessary care to an adult.
    condition_1_met = models.BooleanField()
    condition_1_evidence = models.TextField()
    # Carers only (reg 3(1)(b)(i)): caring is harming, or putting at risk, the carer's health.
    health_deteriorating_or_at_risk = models.BooleanField(null=True, blank=True)
    wellbeing_impacts = models.JSONField(default=list, blank=True)
    significant_impact = models.BooleanField()
    rule_version = models.CharField(max_length=40)
    rule_eligible = models.BooleanField()
    rule_reasons = models.JSONField(default=list, blank=True)
    outcomes_unable = models.JSONField(default=list, blank=True)
    eligible = models.BooleanField()
    reasons = models.TextField()
    disagreement_reason = models.TextField(blank=True)
    legacy_facs_band = models.CharField(max_length=20, choices=FacsBand.choices, blank=True)
    legacy_facs_threshold = models.CharField(
        max_length=20, choices=FacsThreshold.choices, blank=True, help_text="The council's FACS threshold then"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    # The letter as issued when the decision was recorded (its HTML, standard, large print and Easy
    # Read): the written record the person was given, which later changes to names, addresses or
    # wording do not alter. Blank on decisions recorded before letters were kept (or, for Easy Read,
    # before the Easy Read letter existed); those are made from the record.
    letter_html = models.TextField(blank=True)
    letter_large_print_html = models.TextField(blank=True)
    letter_easy_read_html = models.TextField(blank=True)
    letter_sha256 = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the standard letter's HTML")

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{'Eligible' if self.eligible else 'Not eligible'}: {self.person} ({self.decided_at:%d %b %Y})"

    @property
    def differs_from_rule(self) -> bool:
        return self.eligible != self.rule_eligible


class OutcomeFindingRecord(models.Model):
    """One specified outcome as the practitioner found it: unable or not, which reg 2(3) limbs, notes."""

    determination = models.ForeignKey(EligibilityDetermination, on_delete=models.CASCADE, related_name="findings")
    outcome_code = models.CharField(max_length=30)
    unable = models.BooleanField()
    reasons = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["determination", "outcome_code"], name="outcome_finding_once")]

    def __str__(self) -> str:
        return f"{self.outcome_code}: {'unable' if self.unable else 'able'}"
