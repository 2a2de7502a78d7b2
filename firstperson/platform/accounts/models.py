import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from .roles import RESIDENT_FACE_ROLES, Role


class Team(models.Model):
    """A team of staff, such as a locality team. People are allocated to a team's caseload."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """Anyone who signs in. Residents and representatives sign in with their email address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.CharField(max_length=32, choices=Role.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    email_verified_at = models.DateTimeField(null=True, blank=True)

    # Sign-in protection (see settings SIGN_IN_*). Kept on the user so that a lock is one row to read.
    failed_sign_in_count = models.PositiveIntegerField(default=0)
    next_sign_in_allowed_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name"]

    @property
    def uses_workspace(self) -> bool:
        # Anything but a resident-face role, including an account with no role (made by
        # createsuperuser, say), must pass two-factor sign-in.
        return self.role not in RESIDENT_FACE_ROLES

    @property
    def uses_resident_face(self) -> bool:
        return self.role in RESIDENT_FACE_ROLES

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class TwoFactorDevice(models.Model):
    """A time-based one-time password (TOTP, RFC 6238) authenticator app linked to a staff account."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor_device")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last time-step accepted, so that one code cannot be replayed within its window.
    last_used_time_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Authenticator for {self.user}"
