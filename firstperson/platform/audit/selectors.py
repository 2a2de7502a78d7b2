"""Reading the audit trail."""

import uuid
from collections.abc import Iterator

from django.db.models import QuerySet

from .models import AuditChainHead, AuditEvent
from .rules.chain import GENESIS_HASH, ChainProblem, ChainRow, chain_verify
from .services import audit_event_contents
from .verbs import AuditVerb


def audit_views_of_person(*, person_id: uuid.UUID) -> QuerySet[AuditEvent]:
    """Every look at a person's record, newest first: one row per page seen.

    A break-glass opening is not counted as a look of its own, because the page it leads to records
    the look, carrying the reason."""
    return AuditEvent.objects.filter(person_id=person_id, verb=AuditVerb.PERSON_VIEWED).order_by("-sequence")


def audit_events_for_person(*, person_id: uuid.UUID) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(person_id=person_id).order_by("-sequence")


def _chain_rows() -> Iterator[ChainRow]:
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        yield ChainRow(
            sequence=event.sequence,
            contents=audit_event_contents(event),
            previous_hash=event.previous_hash,
            hash=event.hash,
        )


def audit_chain_problems() -> list[ChainProblem]:
    """Check the whole stored chain; an empty list means it is intact."""
    head = AuditChainHead.objects.filter(pk=1).first()
    head_sequence = head.last_sequence if head else 0
    head_hash = head.last_hash if head else GENESIS_HASH
    return chain_verify(_chain_rows(), head_sequence=head_sequence, head_hash=head_hash)
