import datetime
import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from firstperson.platform.accounts.models import Team

from .choices import (
    AuthorityScope,
    Ethnicity,
    GenderIdentity,
    PreferredFormat,
    PrimarySupportReason,
    RecordSource,
    RelationshipKind,
    Religion,
    RepresentativeType,
    Sex,
    SexualOrientation,
)
from .rules.identifiers import nhs_number_display


class Person(models.Model):
    """Someone the council knows: a person who may need care and support, a carer, or a representative."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    legal_given_name = models.CharField("Given name", max_length=100)
    legal_family_name = models.CharField("Family name", max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    search_name = models.CharField(max_length=320, editable=False, db_index=True)
    date_of_birth = models.DateField(db_index=True)
    date_of_death = models.DateField(null=True, blank=True)
    # Ten digits as text: leading zeros are possible. NULL when not known; unique when known.
    nhs_number = models.CharField(max_length=10, null=True, blank=True, unique=True)

    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    uprn = models.CharField("UPRN", max_length=12, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)

    preferred_format = models.CharField(
        max_length=20, choices=PreferredFormat.choices, default=PreferredFormat.STANDARD
    )
    interpreter_language = models.CharField(max_length=60, blank=True)
    communication_needs = models.TextField(blank=True)

    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    gender_identity = models.CharField(max_length=20, choices=GenderIdentity.choices, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices, blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    primary_support_reason = models.CharField(max_length=40, choices=PrimarySupportReason.choices, blank=True)

    allocated_team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="caseload")
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="allocated_people"
    )
    # The person's own online account, when they have one.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="person"
    )
    # A one-time code, sent by letter, that links a new online account to this record. Hashed.
    access_code_hash = models.CharField(max_length=128, blank=True)
    access_code_expires_at = models.DateTimeField(null=True, blank=True)

    source = models.CharField(max_length=20, choices=RecordSource.choices, default=RecordSource.STAFF)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_name", "access_code_hash"])

    class Meta:
        ordering = ["legal_family_name", "legal_given_name"]
        indexes = [models.Index(fields=["allocated_team", "legal_family_name"], name="person_team_name")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.legal_given_name} {self.legal_family_name}"

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.legal_given_name

    @property
    def nhs_number_display(self) -> str:
        return nhs_number_display(self.nhs_number) if self.nhs_number else ""

    def age_on(self, day: datetime.date) -> int:
        end = min(day, self.date_of_death) if self.date_of_death else day
        years = end.year - self.date_of_birth.year
        if (end.month, end.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years


class Relationship(models.Model):
    """`related_person` is a carer of, or represents, `person`, from `start_date` to `end_date`.

    A representative's authority is its `representative_type` (an LPA, a deputyship...) and the
    `authority_scope` it covers, with the `evidence` seen.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships")
    related_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_as_related")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    description = models.CharField(max_length=100, blank=True, help_text="For example: wife, son, neighbour")
    representative_type = models.CharField(max_length=30, choices=RepresentativeType.choices, blank=True)
    authority_scope = models.JSONField(default=list, blank=True)
    evidence = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("related_person")), name="relationship_not_with_self"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="relationship_ends_after_start",
            ),
        ]

    @property
    def authority_scope_labels(self) -> list[str]:
        return [AuthorityScope(code).label for code in self.authority_scope if code in AuthorityScope.values]

    def is_active_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def __str__(self) -> str:
        return f"{self.related_person} is {self.get_kind_display().lower()} for {self.person}"


class BreakGlassGrant(models.Model):
    """A staff member opened a record outside their caseload, with a reason, for a limited time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="break_glass_user_expiry")]

    def __str__(self) -> str:
        return f"{self.user} opened {self.person} until {self.expires_at:%Y-%m-%d %H:%M}"
