"""Charging parameters per financial year, financial assessments, their calculations and the
contributions people pay.

A published parameter set never changes: a correction makes a new version of the same year. Every
calculation keeps the parameter set and version it used, the rule version, and a snapshot of every
input, so any past figure can be worked out again exactly (services/calculations.py).
"""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from firstperson.charging.rules import charging as rules
from firstperson.people.models import Person


def money_field(**options) -> models.DecimalField:
    """Pounds and pence."""
    return models.DecimalField(max_digits=12, decimal_places=2, **options)


class ParameterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class ChargingParameterSet(models.Model):
    """One financial year's statutory figures and the council's local policy.

    In force from `effective_from` (1 April, or later for a mid-year correction) until the next
    published set of a later date. Field names mirror rules.charging.ChargingParameters.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    year_start = models.DateField(help_text="1 April that starts the financial year")
    number = models.PositiveIntegerField(help_text="Version within the year")
    status = models.CharField(max_length=20, choices=ParameterStatus.choices, default=ParameterStatus.DRAFT)
    effective_from = models.DateField()
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    # Capital (REFERENCE §3.3)
    lower_capital_limit = money_field()
    upper_capital_limit = money_field()
    tariff_step = money_field(default=250)
    tariff_per_step_weekly = money_field(default=1)
    pension_credit_qualifying_age = models.PositiveSmallIntegerField(default=66)
    night_element_weekly = money_field()
    # Minimum Income Guarantee, weekly (REFERENCE §3.5); couple amounts are per member
    mig_single_18_to_24 = money_field()
    mig_single_25_to_pension_age = money_field()
    mig_single_pension_age = money_field()
    mig_lone_parent = money_field()
    mig_couple_working_age = money_field()
    mig_couple_pension_age = money_field()
    mig_disability_premium_single = money_field()
    mig_disability_premium_couple = money_field()
    mig_enhanced_disability_premium_single = money_field()
    mig_enhanced_disability_premium_couple = money_field()
    mig_carer_premium = money_field()
    mig_per_dependent_child = money_field()
    # Local policy (REFERENCE §3.8)
    policy_standard_dre_weekly = money_field(default=20)
    policy_minimum_charge_weekly = money_field(null=True, blank=True)
    policy_maximum_charge_weekly = money_field(null=True, blank=True)
    policy_disregard_night_element_attendance_allowance = models.BooleanField(default=True)
    policy_disregard_night_element_dla_care = models.BooleanField(default=True)
    policy_disregard_night_element_pip_daily_living = models.BooleanField(default=False)
    policy_lower_capital_limit = money_field(null=True, blank=True)
    policy_upper_capital_limit = money_field(null=True, blank=True)
    policy_full_cost_at_upper_limit = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year_start", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year_start", "number"], name="charging_parameters_version_once"),
            models.CheckConstraint(
                condition=models.Q(upper_capital_limit__gte=models.F("lower_capital_limit")),
                name="charging_upper_limit_not_below_lower",
            ),
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def financial_year(self) -> str:
        return rules.financial_year_label(self.year_start)

    @property
    def version(self) -> str:
        return f"{self.financial_year} v{self.number}"


class IncomeTreatment(models.Model):
    """How one income type is treated in one parameter set (REFERENCE §3.4)."""

    parameter_set = models.ForeignKey(ChargingParameterSet, on_delete=models.CASCADE, related_name="income_types")
    code = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    treatment = models.CharField(max_length=30, choices=[(t.value, t.value) for t in rules.Treatment])
    disregard_weekly_single = money_field(default=0)
    disregard_weekly_couple = money_field(default=0)
    night_element_switch = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["parameter_set", "code"]
        constraints = [models.UniqueConstraint(fields=["parameter_set", "code"], name="income_type_once_per_set")]

    def __str__(self) -> str:
        return self.label


class FigureSource(models.Model):
    """Where a figure in a parameter set came from, and whether someone has confirmed it.

    Figures marked derived (D) or unverified (U) are flagged to administrators until confirmed.
    """

    parameter_set = models.ForeignKey(ChargingParameterSet, on_delete=models.CASCADE, related_name="sources")
    field = models.CharField(max_length=80)
    mark = models.CharField(max_length=1, help_text="V verified, P probable, D derived, U unverified")
    source = models.TextField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_note = models.TextField(blank=True)

    class Meta:
        ordering = ["parameter_set", "field"]
        constraints = [models.UniqueConstraint(fields=["parameter_set", "field"], name="figure_source_once_per_set")]

    def __str__(self) -> str:
        return f"{self.field} ({self.mark})"

    @property
    def needs_confirming(self) -> bool:
        return self.mark in {"D", "U"} and self.confirmed_at is None


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "Being filled in"
    SUBMITTED = "submitted", "Sent for checking"
    COMPLETED = "completed", "Completed"
    SUPERSEDED = "superseded", "Replaced by a reassessment"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StartedVia(models.TextChoices):
    ONLINE = "online", "Online by the person or their representative"
    OFFICER = "officer", "By a finance officer"


class FinancialAssessment(models.Model):
    """What a person has told us about their money, and its checks, for one assessment.

    The fields mirror rules.charging.ChargingInput. A change of circumstances starts a
    reassessment: a new record pointing at the one it replaces.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="financial_assessments")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS)
    started_via = models.CharField(max_length=20, choices=StartedVia.choices)
    kind = models.CharField(
        max_length=30,
        choices=[(k.value, k.value) for k in rules.AssessmentKind],
        default=rules.AssessmentKind.FULL,
    )
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    change_of_circumstances = models.TextField(blank=True)
    # About the person
    household = models.CharField(
        max_length=20, choices=[(h.value, h.value) for h in rules.Household], default=rules.Household.SINGLE
    )
    disability_premium = models.BooleanField(default=False)
    enhanced_disability_premium = models.BooleanField(default=False)
    carer_premium = models.BooleanField(default=False)
    dependent_children = models.PositiveSmallIntegerField(default=0)
    # Allowances
    housing_costs_amount = money_field(default=0)
    housing_costs_period = models.CharField(
        max_length=20, choices=[(p.value, p.value) for p in rules.IncomePeriod], default=rules.IncomePeriod.WEEKLY
    )
    dre_itemised = models.BooleanField(default=False, help_text="False: the council's standard allowance")
    dre_weekly = money_field(null=True, blank=True)
    dre_details = models.TextField(blank=True)
    night_care_arranged = models.BooleanField(default=False)
    # The care being charged for
    service = models.CharField(
        max_length=40, choices=[(s.value, s.value) for s in rules.Service], default=rules.Service.HOMECARE
    )
    weekly_cost_of_care = money_field(null=True, blank=True)
    # Which steps of the online form are done (for "save and come back").
    completed_steps = models.JSONField(default=list, blank=True)
    declaration_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["person", "status"], name="finassess_person_status")]

    def __str__(self) -> str:
        return f"Financial assessment for {self.person} ({self.get_status_display()})"


class CheckStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", "Not checked yet"
    CONFIRMED = "confirmed", "Checked against evidence"
    QUERIED = "queried", "Queried"


class _CheckedItem(models.Model):
    check_status = models.CharField(max_length=20, choices=CheckStatus.choices, default=CheckStatus.NOT_CHECKED)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.TextField(blank=True)
    evidence = models.ForeignKey("Evidence", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True


class CapitalHolding(_CheckedItem):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(FinancialAssessment, on_delete=models.CASCADE, related_name="capital")
    type = models.CharField(max_length=30, choices=[(t.value, t.value) for t in rules.CapitalType])
    description = models.CharField(max_length=200, blank=True)
    value = money_field()
    share = models.DecimalField(max_digits=5, decimal_places=4, default=1)

    class Meta:
        ordering = ["assessment", "type", "id"]

    def __str__(self) -> str:
        return f"{self.type}: £{self.value}"


class IncomeSource(_CheckedItem):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(FinancialAssessment, on_delete=models.CASCADE, related_name="income")
    code = models.SlugField(max_length=60)
    description = models.CharField(max_length=200, blank=True)
    amount = money_field()
    period = models.CharField(max_length=20, choices=[(p.value, p.value) for p in rules.IncomePeriod])

    class Meta:
        ordering = ["assessment", "code", "id"]

    def __str__(self) -> str:
        return f"{self.code}: £{self.amount} {self.period}"


class ScanStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be scanned"
    CLEAN = "clean", "Scanned: no problems found"
    REJECTED = "rejected", "Rejected by the scanner"


class Evidence(models.Model):
    """A document someone uploaded in support of an assessment (PDF, JPG or PNG)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(FinancialAssessment, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="charging/evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True)
    scan_status = models.CharField(max_length=20, choices=ScanStatus.choices, default=ScanStatus.PENDING)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class CalculationStatus(models.TextChoices):
    CURRENT = "current", "Current"
    PROPOSED = "proposed", "Proposed by the yearly uprating, waiting for approval"
    SUPERSEDED = "superseded", "Replaced"
    ESTIMATE = "estimate", "An estimate shown before the assessment was checked"


class ChargingCalculation(models.Model):
    """One run of the charging rule for an assessment, with its inputs, parameters and every line."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(FinancialAssessment, on_delete=models.PROTECT, related_name="calculations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="charging_calculations")
    parameter_set = models.ForeignKey(ChargingParameterSet, on_delete=models.PROTECT, related_name="calculations")
    parameters_version = models.CharField(max_length=40)
    rule_version = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=CalculationStatus.choices, default=CalculationStatus.CURRENT)
    #: The first day this figure applies (the assessment date, or 1 April for an uprating).
    effective_from = models.DateField()
    #: Every input to the rule, as exact strings: enough to work the figure out again.
    inputs = models.JSONField()
    outcome = models.CharField(max_length=30, choices=[(o.value, o.value) for o in rules.Outcome])
    full_cost_payer = models.BooleanField(default=False)
    capital = money_field(default=0)
    tariff_income = money_field()
    assessable_income = money_field()
    mig = money_field()
    housing_costs = money_field()
    dre = money_field()
    assessed_charge = money_field()
    weekly_cost_of_care = money_field()
    weekly_contribution = money_field()
    lines = models.JSONField(help_text="[{description, amount, kind}] with amounts as decimal strings")
    #: The uprating job that proposed this calculation, if any.
    batch_job = models.ForeignKey(
        "jobs.BatchJob", null=True, blank=True, on_delete=models.PROTECT, related_name="charging_calculations"
    )
    computed_at = models.DateTimeField()
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from", "-computed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(status="current"),
                name="one_current_charging_calculation_per_assessment",
            ),
            models.UniqueConstraint(
                fields=["assessment", "batch_job"],
                condition=models.Q(status="proposed"),
                name="one_proposal_per_assessment_per_uprating",
            ),
        ]
        indexes = [models.Index(fields=["status", "parameter_set"], name="chargecalc_status_params")]

    def __str__(self) -> str:
        return f"£{self.weekly_contribution} a week ({self.parameters_version})"

    @property
    def council_pays_weekly(self):
        return self.weekly_cost_of_care - self.weekly_contribution


class ContributionReason(models.TextChoices):
    ASSESSMENT = "assessment", "Financial assessment"
    REASSESSMENT = "reassessment", "Reassessment after a change of circumstances"
    UPRATING = "uprating", "Yearly uprating of benefits and allowances"


class Contribution(models.Model):
    """What the person pays each week from a date: their contribution history.

    A new row closes the previous one (its effective_to is the day before the new one starts).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    calculation = models.ForeignKey(ChargingCalculation, on_delete=models.PROTECT, related_name="contributions")
    weekly_amount = money_field()
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=20, choices=ContributionReason.choices)
    # When the letter was last issued. Each issued outcome letter is kept as it was sent in its own
    # ContributionLetter row (`letters`); uprating letters are only marked as sent here, and letters
    # issued before letters were kept have no row: theirs are made from the record.
    letter_issued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["person", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(effective_to__isnull=True),
                name="one_open_contribution_per_person",
            ),
        ]
        indexes = [models.Index(fields=["person", "effective_from"], name="contribution_person_from")]

    def __str__(self) -> str:
        return f"£{self.weekly_amount} a week from {self.effective_from:%d %B %Y}"


class LetterKeptError(Exception):
    """Raised when code tries to change or remove an outcome letter as issued."""


class ContributionLetter(models.Model):
    """One issue of a contribution's outcome letter, kept exactly as it was sent: its HTML and that
    HTML's SHA-256 (the same fingerprint as in the FINANCIAL_ASSESSMENT_LETTER_ISSUED audit event).

    One row for every issue, the first and each one again (with its reason), so a council can show
    what every letter said. Rows are never changed or removed. A letter belongs to the financial
    assessment whose contribution it told of, for good: when a later assessment replaces that
    contribution (a reassessment from a date before next year's uprated row starts), the row loses
    its `contribution` (set to null as the contribution is deleted) but keeps its assessment, its
    text and the date that contribution began.
    `issued_by` is blank only on a letter kept before each issue had its own row, when the audit did
    not say who issued it (charging migration 0004).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(FinancialAssessment, on_delete=models.PROTECT, related_name="letters")
    #: Null once a later assessment has replaced the contribution (see above).
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters"
    )
    #: When the contribution it told of began: the letter says so too, kept here for listing it.
    contribution_from = models.DateField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    again = models.BooleanField(default=False, help_text="Issued again after an earlier issue")
    reason = models.TextField(blank=True, help_text="Why it was issued again")
    html = models.TextField()
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the letter's HTML")

    class Meta:
        ordering = ["issued_at"]
        indexes = [models.Index(fields=["contribution", "issued_at"], name="contribution_letter_issued")]

    def __str__(self) -> str:
        return f"Outcome letter issued {self.issued_at:%d %B %Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LetterKeptError("An issued letter cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LetterKeptError("An issued letter cannot be removed.")
