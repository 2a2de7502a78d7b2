from django.conf import settings
from django.db import models

from .verbs import AuditVerb


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit row."""


class AuditEvent(models.Model):
    """One thing that happened: a change, or a view of a person's record.

    Rows are append-only. Each carries the hash of the row before it (`previous_hash`) and its own
    hash over its contents, so `audit_verify` can tell if a row was edited, deleted or inserted.
    `actor_role` and `actor_team` are copied at the time, because people change jobs.
    `person_id` is a plain UUID rather than a foreign key: the platform layer knows no domain model.
    """

    sequence = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=32, blank=True)
    actor_team = models.CharField(max_length=120, blank=True)
    verb = models.CharField(max_length=64, choices=AuditVerb.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    person_id = models.UUIDField(null=True, blank=True)
    page = models.CharField(max_length=200, blank=True)
    break_glass_reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["person_id", "occurred_at"], name="audit_person_time"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def sentence(self) -> str:
        return AuditVerb(self.verb).label

    def __str__(self) -> str:
        return f"#{self.sequence} {self.verb}"


class AuditChainHead(models.Model):
    """The single row holding the newest sequence and hash; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Audit chain head at #{self.last_sequence}"
