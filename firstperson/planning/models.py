"""Support plans, their submitted versions, the decision record and the personal budget agreement.

The plan is one living record, edited while it is being written or after it is returned; every change
bumps `revision`, which is how two people editing at once are told rather than overwritten
(optimistic locking), and how a decision on a plan that has since changed is refused. Each time the
plan is sent, a `PlanSubmission` keeps a snapshot of it, so every submitted version can be read and
compared. django-simple-history keeps who wrote what, row by row.
"""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from firstperson.allocation.models import IndicativeBudget
from firstperson.assessment.models import EligibilityDetermination
from firstperson.charging.models import Contribution, money_field
from firstperson.directory.models import Service
from firstperson.people.models import Person

from .rules import checks, costing, delegation, lifecycle


class PlanStatus(models.TextChoices):
    DRAFT = lifecycle.PlanStatus.DRAFT, lifecycle.LABELS[lifecycle.PlanStatus.DRAFT]
    SUBMITTED = lifecycle.PlanStatus.SUBMITTED, lifecycle.LABELS[lifecycle.PlanStatus.SUBMITTED]
    IN_REVIEW = lifecycle.PlanStatus.IN_REVIEW, lifecycle.LABELS[lifecycle.PlanStatus.IN_REVIEW]
    AWAITING_DECISION = lifecycle.PlanStatus.AWAITING_DECISION, lifecycle.LABELS[lifecycle.PlanStatus.AWAITING_DECISION]
    RETURNED = lifecycle.PlanStatus.RETURNED, lifecycle.LABELS[lifecycle.PlanStatus.RETURNED]
    APPROVED = lifecycle.PlanStatus.APPROVED, lifecycle.LABELS[lifecycle.PlanStatus.APPROVED]
    APPROVED_WITH_CONDITIONS = (
        lifecycle.PlanStatus.APPROVED_WITH_CONDITIONS,
        lifecycle.LABELS[lifecycle.PlanStatus.APPROVED_WITH_CONDITIONS],
    )
    DECLINED = lifecycle.PlanStatus.DECLINED, lifecycle.LABELS[lifecycle.PlanStatus.DECLINED]
    RECONSIDERATION_REQUESTED = (
        lifecycle.PlanStatus.RECONSIDERATION_REQUESTED,
        lifecycle.LABELS[lifecycle.PlanStatus.RECONSIDERATION_REQUESTED],
    )
    SUPERSEDED = lifecycle.PlanStatus.SUPERSEDED, lifecycle.LABELS[lifecycle.PlanStatus.SUPERSEDED]


class ManagementMethod(models.TextChoices):
    DIRECT_PAYMENT = (
        "direct_payment",
        "A direct payment: the money is paid to you (or someone for you) to arrange support",
    )
    COUNCIL_MANAGED = "council_managed", "The council manages the money and arranges support the way you want"
    INDIVIDUAL_SERVICE_FUND = (
        "individual_service_fund",
        "An Individual Service Fund: a provider you choose holds the money",
    )
    MIXED = "mixed", "A mix of these"


class ManagedBy(models.TextChoices):
    DIRECT_PAYMENT = checks.ManagedBy.DIRECT_PAYMENT, "Direct payment"
    COUNCIL_MANAGED = checks.ManagedBy.COUNCIL_MANAGED, "Managed by the council"
    INDIVIDUAL_SERVICE_FUND = checks.ManagedBy.INDIVIDUAL_SERVICE_FUND, "Individual Service Fund"


class DirectPaymentRecipient(models.TextChoices):
    """REFERENCE.md §4.1: the adult (s31), a person they nominate, or an authorised person (s32)."""

    ADULT = "adult", "The person themselves"
    NOMINATED_PERSON = "nominated_person", "Someone the person has nominated"
    AUTHORISED_PERSON = "authorised_person", "An authorised person acting for someone who lacks capacity"


class ItemKind(models.TextChoices):
    PERSONAL_ASSISTANT = costing.ItemKind.PERSONAL_ASSISTANT, "Personal assistant hours"
    AGENCY = costing.ItemKind.AGENCY, "Support from an agency"
    DAY_OPPORTUNITY = costing.ItemKind.DAY_OPPORTUNITY, "Day opportunities and activities"
    EQUIPMENT = costing.ItemKind.EQUIPMENT, "Equipment and telecare"
    ONE_OFF = costing.ItemKind.ONE_OFF, "A one-off purchase"
    COMMUNITY = costing.ItemKind.COMMUNITY, "A community or universal service"
    INFORMAL = costing.ItemKind.INFORMAL, "Help from family and friends (unpaid)"
    OTHER = costing.ItemKind.OTHER, "Something else"


class PayeeRelationship(models.TextChoices):
    NOT_FAMILY = checks.PayeeRelationship.NOT_FAMILY, "Not a partner or close relative"
    SPOUSE_OR_PARTNER = checks.PayeeRelationship.SPOUSE_OR_PARTNER, "Husband, wife, civil partner or partner"
    CLOSE_RELATIVE = (
        checks.PayeeRelationship.CLOSE_RELATIVE,
        "A close relative (parent, child, brother, sister, grandparent, aunt, uncle, or their partner)",
    )


class RelativeExceptionBasis(models.TextChoices):
    """Direct Payments Regulations 2014 reg 3(2): the two grounds on which the council may allow it."""

    CARE_NEEDS = "care_needs", "Necessary to meet the person's care needs"
    ADMINISTRATION = "administration", "Necessary for administration and management support of the direct payment"


class Likelihood(models.TextChoices):
    LOW = "low", "Unlikely"
    MEDIUM = "medium", "Could happen"
    HIGH = "high", "Likely"


class DecisionPolicy(models.Model):
    """Financial delegation and timescales, effective-dated. A policy never changes once it starts;
    a new one from a later date replaces it. Every decision records the policy it was made under."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.CharField(max_length=60, unique=True)
    effective_from = models.DateField(unique=True)
    practitioner_weekly_limit = money_field(null=True, blank=True)
    team_manager_weekly_limit = money_field(null=True, blank=True)
    #: The largest total of one-off costs each may approve alone; empty: none above £0.
    practitioner_one_off_limit = money_field(null=True, blank=True)
    team_manager_one_off_limit = money_field(null=True, blank=True)
    panel_target_days = models.PositiveSmallIntegerField(default=10)
    first_review_weeks = models.PositiveSmallIntegerField(default=6)
    #: How often a direct payment is paid, in weeks (the agreement states amount and frequency, s25(2)).
    direct_payment_interval_weeks = models.PositiveSmallIntegerField(default=4)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "decision policies"

    def __str__(self) -> str:
        return f"{self.version} from {self.effective_from:%d %B %Y}"

    def limits(self) -> delegation.DelegationLimits:
        return delegation.DelegationLimits(
            practitioner_weekly_limit=self.practitioner_weekly_limit,
            team_manager_weekly_limit=self.team_manager_weekly_limit,
            practitioner_one_off_limit=self.practitioner_one_off_limit,
            team_manager_one_off_limit=self.team_manager_one_off_limit,
        )


class ProhibitedPurchase(models.Model):
    """One entry of the council's list of things a personal budget may not pay for (configurable)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=120, help_text="For example: gambling")
    keywords = models.TextField(help_text="Words or phrases that suggest it, one per line")
    reason = models.CharField(max_length=300, help_text="Why the budget cannot pay for it, in plain English")
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label

    def keyword_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.keywords.splitlines() if line.strip())


class SupportPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="support_plans")
    status = models.CharField(max_length=30, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    #: Bumped on every change; a form carries the revision it was read at (optimistic locking).
    revision = models.PositiveIntegerField(default=1)
    indicative_budget = models.ForeignKey(
        IndicativeBudget, null=True, blank=True, on_delete=models.PROTECT, related_name="support_plans"
    )
    eligibility = models.ForeignKey(
        EligibilityDetermination, null=True, blank=True, on_delete=models.PROTECT, related_name="support_plans"
    )
    #: The personal budget the plan is written against, as it stood when last refreshed.
    weekly_budget_amount = money_field(null=True, blank=True)
    weekly_total = money_field(default=0)
    one_off_total = money_field(default=0)
    management_method = models.CharField(max_length=30, choices=ManagementMethod.choices, blank=True)
    direct_payment_recipient = models.CharField(max_length=30, choices=DirectPaymentRecipient.choices, blank=True)
    isf_provider_name = models.CharField("Provider holding the Individual Service Fund", max_length=200, blank=True)
    over_budget_justification = models.TextField(blank=True)
    contingency_plan = models.TextField(blank=True)
    helped_by = models.TextField("Who helped write the plan", blank=True)
    #: The broker the person chose to help them plan; they see this plan and nothing else of the person.
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="brokered_plans"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_name = models.CharField(max_length=200, blank=True)
    #: Where it goes to be decided (a delegation.Decider), set when the practitioner puts it forward.
    decision_route = models.CharField(max_length=20, blank=True)
    #: Since when the plan has waited on the council (for queues and service-level targets).
    waiting_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=sorted(lifecycle.OPEN)),
                name="one_open_plan_per_person",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "decision_route", "waiting_since"], name="plan_queue"),
            models.Index(fields=["person", "status"], name="plan_person_status"),
        ]

    def __str__(self) -> str:
        return f"Support plan for {self.person} ({self.get_status_display()})"

    @property
    def editable(self) -> bool:
        return self.status in lifecycle.EDITABLE


class PlanOutcome(models.Model):
    """What the person wants to achieve, in their own words, linked to an eligible outcome if it meets one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    in_own_words = models.TextField()
    eligible_outcome_code = models.CharField(max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.in_own_words[:60]


class PlanItem(models.Model):
    """One way an outcome will be met, and what it costs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="items")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=30, choices=ItemKind.choices)
    description = models.CharField(max_length=300)
    provider_name = models.CharField("Who provides it", max_length=200, blank=True)
    directory_service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hours_per_week = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    hourly_rate = money_field(null=True, blank=True)
    employer_costs_weekly = money_field(null=True, blank=True)
    weekly_amount = money_field(null=True, blank=True)
    one_off_amount = money_field(null=True, blank=True)
    #: Worked out by rules/costing.py whenever the item is saved.
    weekly_cost = money_field(default=0)
    one_off_cost = money_field(default=0)
    managed_by = models.CharField(max_length=30, choices=ManagedBy.choices, blank=True)
    payee_relationship = models.CharField(
        max_length=30, choices=PayeeRelationship.choices, default=PayeeRelationship.NOT_FAMILY
    )
    payee_lives_with_person = models.BooleanField(default=False)
    relative_exception_basis = models.CharField(max_length=20, choices=RelativeExceptionBasis.choices, blank=True)
    relative_exception_reason = models.TextField(blank=True)
    relative_exception_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    relative_exception_recorded_at = models.DateTimeField(null=True, blank=True)
    #: For unpaid help: the person giving it has agreed to it being in the plan.
    informal_agreement_recorded = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.description


class PlanRisk(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    likelihood = models.CharField(max_length=10, choices=Likelihood.choices, blank=True)
    reduced_by = models.TextField("What reduces it", blank=True)
    responsible = models.CharField("Who is responsible", max_length=200, blank=True)
    persons_view = models.TextField("The person's own view of the risk", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class PlanSubmission(models.Model):
    """One submitted version of a plan: a snapshot of everything in it, and the checks it passed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField()
    revision = models.PositiveIntegerField()
    snapshot = models.JSONField()
    checks = models.JSONField()
    checks_rule_version = models.CharField(max_length=40)
    weekly_total = money_field()
    one_off_total = money_field()
    weekly_budget_amount = money_field(null=True, blank=True)
    #: {ManagedBy value: weekly cost as a decimal string}: how the version's support is paid for.
    weekly_by_management = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_submission_number_once")]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"


class PlanStatusChange(models.Model):
    """Every move of a plan through its lifecycle: who, when, from, to, why."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="status_changes")
    submission = models.ForeignKey(
        PlanSubmission, null=True, blank=True, on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(max_length=30, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=30, choices=PlanStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    revision = models.PositiveIntegerField()

    class Meta:
        ordering = ["plan", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"


class PractitionerReview(models.Model):
    """The practitioner's checklist on one submitted version, and what they did next."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(PlanSubmission, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checklist = models.JSONField(help_text="{code: true or false} for each item of PRACTITIONER_CHECKLIST")
    comments = models.TextField(blank=True)
    put_forward = models.BooleanField(help_text="True: put to a decision; False: returned with comments")
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at"]

    def __str__(self) -> str:
        return f"{'Put forward' if self.put_forward else 'Returned'} on {self.completed_at:%d %B %Y}"


class PlanDecision(models.Model):
    """A decision on one submitted version, with the reasons, by whom and under which delegation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="decisions")
    submission = models.ForeignKey(PlanSubmission, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=30, choices=PlanStatus.choices)
    reasons = models.TextField()
    conditions = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_as = models.CharField(max_length=20)
    decided_at = models.DateTimeField()
    weekly_amount = money_field(help_text="The weekly cost the delegation was checked against")
    policy = models.ForeignKey(DecisionPolicy, on_delete=models.PROTECT, related_name="decisions")
    reconsideration = models.OneToOneField(
        "Reconsideration", null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.decided_at:%d %B %Y}"


class Reconsideration(models.Model):
    """The person (or their representative) asking for a decision to be looked at again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="reconsiderations")
    original_decision = models.ForeignKey(PlanDecision, on_delete=models.PROTECT, related_name="reconsiderations")
    reasons = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Reconsideration asked for on {self.requested_at:%d %B %Y}"


class BudgetAgreement(models.Model):
    """The personal budget agreement made when a plan is approved: gross budget, the person's
    contribution, the council's net amount, how each part is managed, start and review dates."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="budget_agreements")
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="agreements")
    decision = models.OneToOneField(PlanDecision, on_delete=models.PROTECT, related_name="agreement")
    gross_weekly_amount = money_field()
    contribution_weekly_amount = money_field()
    net_weekly_amount = money_field()
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.PROTECT, related_name="budget_agreements"
    )
    direct_payment_weekly_amount = money_field(default=0)
    #: What is paid into the direct payment each week: its share of the budget less the person's
    #: contribution, which is taken from the direct payment first (REFERENCE.md §4.5).
    direct_payment_net_weekly_amount = money_field(default=0)
    direct_payment_interval_weeks = models.PositiveSmallIntegerField(default=4)
    council_managed_weekly_amount = money_field(default=0)
    isf_weekly_amount = money_field(default=0)
    one_off_total = money_field(default=0)
    isf_provider_name = models.CharField(max_length=200, blank=True)
    start_date = models.DateField()
    first_review_date = models.DateField()
    annual_review_date = models.DateField()
    policy = models.ForeignKey(DecisionPolicy, on_delete=models.PROTECT, related_name="agreements")
    created_at = models.DateTimeField()
    is_current = models.BooleanField(default=True)
    #: When and why it stopped being current, if it was ended rather than replaced by a newer one.
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(is_current=True), name="one_current_agreement_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"Personal budget of £{self.gross_weekly_amount} a week for {self.person}"
