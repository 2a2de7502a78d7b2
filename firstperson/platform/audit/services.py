"""Writing to the audit trail. Call inside the same transaction as the change being recorded."""

import datetime
import json
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEvent
from .rules.chain import GENESIS_HASH, row_hash
from .verbs import AuditVerb


def audit_event_contents(event: AuditEvent) -> dict[str, Any]:
    """The fields covered by an event's hash, as plain JSON values."""
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(datetime.UTC).isoformat(),
        "actor_id": str(event.actor_id) if event.actor_id else None,
        "actor_role": event.actor_role,
        "actor_team": event.actor_team,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "person_id": str(event.person_id) if event.person_id else None,
        "page": event.page,
        "break_glass_reason": event.break_glass_reason,
        "payload": event.payload,
    }


def audit_record(
    *,
    actor: Any,
    verb: AuditVerb,
    object_type: str = "",
    object_id: Any = "",
    person_id: uuid.UUID | None = None,
    page: str = "",
    break_glass_reason: str = "",
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. `actor` is a user, or None for the system itself."""
    # Round-trip the payload through JSON so that what is hashed is exactly what the database keeps.
    clean_payload = json.loads(json.dumps(payload or {}, default=str))
    signed_in_actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1, last_sequence=0, last_hash=GENESIS_HASH)
        team = getattr(signed_in_actor, "team", None) if signed_in_actor else None
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            occurred_at=timezone.now(),
            actor=signed_in_actor,
            actor_role=getattr(signed_in_actor, "role", "") if signed_in_actor else "",
            actor_team=team.name if team else "",
            verb=verb,
            object_type=object_type,
            object_id=str(object_id or ""),
            person_id=person_id,
            page=page[:200],
            break_glass_reason=break_glass_reason,
            payload=clean_payload,
            previous_hash=head.last_hash,
        )
        event.hash = row_hash(audit_event_contents(event), event.previous_hash)
        event.save()
        head.last_sequence = event.sequence
        head.last_hash = event.hash
        head.save(update_fields=["last_sequence", "last_hash"])
    return event
