"""RAS configurations (versioned, effective-dated data), indicative budgets and their moderation.

A configuration is one version of the council's Resource Allocation System for one questionnaire.
Points per answer come from the questionnaire version it is linked to (assessment.AnswerOption), and
its domains are that version's sections; the configuration adds per-domain weights and caps, the
points-to-money function, adjustments, a minimum, a maximum, rounding, the period and the moderation
tolerance. Once published it never changes (a new version is made instead); `selectors.
ras_configuration_for` turns it into the pure rule's `RasConfiguration`.

An indicative budget keeps everything needed to reproduce it and to explain it: the configuration
(and its version label and fingerprint), the answers, the points per domain and every step.
"""

import uuid

from django.conf import settings
from django.db import models

from firstperson.assessment.models import Questionnaire, QuestionnaireVersion, SelfAssessment
from firstperson.people.models import Person

from .exceptions import ConfigurationLocked
from .rules import moderation as moderation_rules


class ConfigurationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class MoneyMethod(models.TextChoices):
    PRICE_PER_POINT = "price_per_point", "A price for each point"
    BANDS = "bands", "Bands of points, each worth an amount"
    PIECEWISE_LINEAR = "piecewise_linear", "A table of points and amounts, with straight lines between the rows"


class Period(models.TextChoices):
    """The period the configuration's amounts are in. Values match rules.ras.Period."""

    WEEKLY = "weekly", "A week"
    ANNUAL = "annual", "A year"


class Rounding(models.TextChoices):
    """Values match rules.ras.Rounding."""

    PENNY = "penny", "To the nearest penny"
    POUND = "pound", "To the nearest pound"
    TEN_POUNDS = "ten_pounds", "To the nearest £10"


#: Fields of a configuration that may still change once it is published: only its retirement.
_RETIREMENT_FIELDS = frozenset({"status", "retired_at", "retired_by_id"})


class RasConfiguration(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The family of versions: configurations of one questionnaire are numbered 1, 2, 3...
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="ras_configurations")
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="ras_configurations"
    )
    number = models.PositiveIntegerField()
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=ConfigurationStatus.choices, default=ConfigurationStatus.DRAFT)
    # In force from effective_from to effective_to, both days included; a later configuration of the
    # same questionnaire takes over from its own effective_from.
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.ANNUAL)
    money_method = models.CharField(max_length=20, choices=MoneyMethod.choices, default=MoneyMethod.PRICE_PER_POINT)
    price_per_point = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    minimum = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    maximum = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    rounding = models.CharField(max_length=20, choices=Rounding.choices, default=Rounding.PENNY)
    # A practitioner's change beyond this percentage of the calculated figure needs a team manager.
    tolerance_percent = models.DecimalField(max_digits=5, decimal_places=2, default=10)
    # The equality check flags a group whose budget per point differs from everyone's by more than
    # this. A council setting, versioned with the rest, so a check can say which threshold it used.
    equality_threshold_percent = models.DecimalField(max_digits=4, decimal_places=1, default=10)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # SHA-256 of the pure configuration at publication: reproduction checks nothing has moved since.
    fingerprint = models.CharField(max_length=64, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="ras_configuration_number_once"),
        ]
        indexes = [models.Index(fields=["status", "effective_from"], name="ras_configuration_in_force")]

    def __str__(self) -> str:
        return self.version_label

    @property
    def version_label(self) -> str:
        return f"{self.questionnaire.code} RAS v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == ConfigurationStatus.DRAFT

    def save(self, *args, **kwargs):
        """A published configuration never changes: only its retirement may be recorded."""
        if not self._state.adding:
            stored = RasConfiguration.objects.filter(pk=self.pk).first()
            if stored is not None and stored.status != ConfigurationStatus.DRAFT:
                changed = {
                    f.attname
                    for f in self._meta.concrete_fields
                    if getattr(stored, f.attname) != getattr(self, f.attname)
                }
                retiring = stored.status == ConfigurationStatus.PUBLISHED and self.status == ConfigurationStatus.RETIRED
                if changed and not (retiring and changed <= _RETIREMENT_FIELDS):
                    raise ConfigurationLocked(
                        f"{stored.version_label} is {stored.get_status_display().lower()} and cannot change. "
                        "Make a new version instead."
                    )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != ConfigurationStatus.DRAFT:
            raise ConfigurationLocked("A published configuration is kept for ever.")
        return super().delete(*args, **kwargs)


class _DraftPart(models.Model):
    """A row of a configuration: written only while the configuration is a draft."""

    configuration_id: uuid.UUID

    class Meta:
        abstract = True

    def _refuse_unless_draft(self) -> None:
        if not RasConfiguration.objects.filter(pk=self.configuration_id, status=ConfigurationStatus.DRAFT).exists():
            raise ConfigurationLocked("This configuration is published and cannot change. Make a new version instead.")

    def save(self, *args, **kwargs):
        self._refuse_unless_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_unless_draft()
        return super().delete(*args, **kwargs)


class DomainSetting(_DraftPart):
    """The weight and cap of one domain (a section of the questionnaire, by its code)."""

    configuration = models.ForeignKey(RasConfiguration, on_delete=models.CASCADE, related_name="domain_settings")
    section_code = models.SlugField(max_length=60)
    weight = models.DecimalField(max_digits=7, decimal_places=3, default=1)
    cap_points = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["configuration", "section_code"], name="ras_domain_setting_once"),
        ]

    def __str__(self) -> str:
        return f"{self.section_code} × {self.weight}"


class MoneyBand(_DraftPart):
    """From `min_points` up to the next band's minimum, the budget is `amount` (in the period)."""

    configuration = models.ForeignKey(RasConfiguration, on_delete=models.CASCADE, related_name="bands")
    row = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=40)
    min_points = models.DecimalField(max_digits=9, decimal_places=2)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["row"]
        constraints = [models.UniqueConstraint(fields=["configuration", "row"], name="ras_band_row_once")]

    def __str__(self) -> str:
        return f"Band {self.name} from {self.min_points} points: {self.amount}"


class MoneyCorner(_DraftPart):
    """A row of a piecewise-linear table: at `points`, the budget is `amount` (in the period)."""

    configuration = models.ForeignKey(RasConfiguration, on_delete=models.CASCADE, related_name="corners")
    row = models.PositiveSmallIntegerField()
    points = models.DecimalField(max_digits=9, decimal_places=2)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["row"]
        constraints = [models.UniqueConstraint(fields=["configuration", "row"], name="ras_corner_row_once")]

    def __str__(self) -> str:
        return f"{self.points} points: {self.amount}"


class Adjustment(_DraftPart):
    """When the answer to `question_code` is one of `option_codes`, the points of `domain_codes`
    are multiplied by `factor`: for example, a lot of help from family, personal care × 0.8."""

    configuration = models.ForeignKey(RasConfiguration, on_delete=models.CASCADE, related_name="adjustments")
    row = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=200)
    question_code = models.SlugField(max_length=60)
    option_codes = models.JSONField(default=list)
    domain_codes = models.JSONField(default=list)
    factor = models.DecimalField(max_digits=7, decimal_places=3)

    class Meta:
        ordering = ["row"]

    def __str__(self) -> str:
        return self.description


class IndicativeBudget(models.Model):
    """The RAS figure for one submitted self-assessment under one configuration, with its workings.

    Amounts are in pounds, stored for both periods. `domain_points` is a list of {code, name,
    points} and `steps` a list of {description, amount}, with numbers kept as exact decimal strings,
    in the configuration's period. A new calculation for the same assessment becomes the current one.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: budget_person_current begins with the person. Every index here is kept up
    # to date twice a budget in a bulk recalculation (the new row, and the old row no longer current).
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="indicative_budgets", db_index=False)
    # On PostgreSQL the database holds `assessment` and `person` as ONE foreign key, to the
    # assessment's (id, person): a budget's person is always its assessment's, and each new row costs
    # one check, not two (migration 0005, ADR 0014). Altering either field needs that migration redone.
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="indicative_budgets")
    configuration = models.ForeignKey(RasConfiguration, on_delete=models.PROTECT, related_name="indicative_budgets")
    configuration_version = models.CharField(max_length=100)
    configuration_fingerprint = models.CharField(max_length=64)
    rule_version = models.CharField(max_length=20)
    answers = models.JSONField(help_text="The answers used, as {question code: option code}")
    total_points = models.DecimalField(max_digits=14, decimal_places=4)
    domain_points = models.JSONField()
    steps = models.JSONField()
    period = models.CharField(max_length=10, choices=Period.choices)
    weekly_amount = models.DecimalField(max_digits=12, decimal_places=2)
    annual_amount = models.DecimalField(max_digits=12, decimal_places=2)
    computed_at = models.DateTimeField()
    # Not indexed: nothing looks budgets up by who worked them out (see `person`).
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-computed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"], condition=models.Q(is_current=True), name="one_current_budget_per_assessment"
            ),
        ]
        indexes = [models.Index(fields=["person", "is_current", "computed_at"], name="budget_person_current")]

    def __str__(self) -> str:
        return f"Indicative budget £{self.annual_amount} a year for {self.person}"

    @property
    def amount(self):
        """The figure in the configuration's own period."""
        return self.weekly_amount if self.period == Period.WEEKLY else self.annual_amount


class ModerationStatus(models.TextChoices):
    APPLIED = moderation_rules.APPLIED, "Changed"
    PENDING = moderation_rules.PENDING, "Waiting for a team manager"
    APPROVED = moderation_rules.APPROVED, "Agreed by a team manager"
    DECLINED = moderation_rules.DECLINED, "Not agreed by a team manager"
    WITHDRAWN = moderation_rules.WITHDRAWN, "Withdrawn: the budget was worked out again"


class BudgetModeration(models.Model):
    """A practitioner's change to an indicative budget, with the reason, and any decision on it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(IndicativeBudget, on_delete=models.PROTECT, related_name="moderations")
    status = models.CharField(max_length=20, choices=ModerationStatus.choices)
    # The period the practitioner gave the figure in; both are stored.
    period = models.CharField(max_length=10, choices=Period.choices)
    weekly_amount = models.DecimalField(max_digits=12, decimal_places=2)
    annual_amount = models.DecimalField(max_digits=12, decimal_places=2)
    # The figure that stood when the change was asked for.
    previous_weekly_amount = models.DecimalField(max_digits=12, decimal_places=2)
    previous_annual_amount = models.DecimalField(max_digits=12, decimal_places=2)
    # Against the calculated figure; null when that figure was nothing.
    change_percent = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    tolerance_percent = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    # When the new figure took effect (applied or approved); null otherwise.
    effective_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget"], condition=models.Q(status="pending"), name="one_pending_moderation_per_budget"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: £{self.annual_amount} a year"

    @property
    def needed_approval(self) -> bool:
        return self.status in {ModerationStatus.PENDING, ModerationStatus.APPROVED, ModerationStatus.DECLINED}


class RecalculationLaneResult(models.Model):
    """The report of a chunk of a bulk recalculation that a lane committed on its own connection.

    On PostgreSQL the job works out two chunks at once, each in a lane: a thread with its own
    connection, which commits its chunk together with this report (services/recalculation.py,
    ADR 0014). The runner's transaction then adds the reports to the job's summary, deletes them
    and moves the job's cursor past them. If that transaction is lost (a crash), the job carries on
    from its cursor: a report that begins there is taken in, and a chunk lost before a committed
    one is worked out again, up to where that one begins, so no chunk is done twice.
    """

    job = models.ForeignKey("jobs.BatchJob", on_delete=models.CASCADE, related_name="+")
    #: The chunk is the candidates with an assessment id after `after` ('' for the start) up to `last`.
    after = models.CharField(max_length=36, blank=True)
    last = models.CharField(max_length=36)
    #: `recalculation.ChunkResult`, as JSON.
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["job", "after"], name="one_lane_result_per_chunk")]

    def __str__(self) -> str:
        return f"Recalculation chunk after {self.after or 'the start'} up to {self.last}"
