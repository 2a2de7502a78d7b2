"""Reads of front-door contacts, always scoped to what the actor may see."""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from firstperson.directory.models import Service
from firstperson.directory.selectors import ServiceQuery, public_services, service_search
from firstperson.people.models import Person

from .choices import ContactStatus
from .models import Contact, ContactStatusChange
from .permissions import visible_to
from .rules.waiting import waiting_in_words

#: The queue's status filters: one status, every open contact, or everything.
QUEUE_FILTERS = {
    "waiting": (ContactStatus.WAITING,),
    "in_progress": (ContactStatus.IN_PROGRESS,),
    "open": (ContactStatus.WAITING, ContactStatus.IN_PROGRESS),
    "closed": (ContactStatus.CLOSED,),
    "all": tuple(ContactStatus.values),
}
SIGNPOSTING_RESULT_LIMIT = 20
SEARCH_WORDS_MAX = 200


@dataclass(frozen=True)
class QueueRow:
    contact: Contact
    waiting: str  # how long it has waited, in words; empty once closed


def contact_queue(*, actor, status: str = "waiting") -> QuerySet[Contact]:
    """Contacts the actor may see with that status filter: urgent first, then the longest waiting;
    closed ones most recently closed first."""
    statuses = QUEUE_FILTERS.get(status, QUEUE_FILTERS["waiting"])
    contacts = visible_to(actor).filter(status__in=statuses).select_related("person", "assigned_to")
    if statuses == (ContactStatus.CLOSED,):
        return contacts.order_by("-closed_at", "-received_at")
    return contacts.order_by("-urgent", "received_at", "reference")


def queue_rows(*, contacts, now: datetime.datetime | None = None) -> list[QueueRow]:
    now = now or timezone.now()
    return [
        QueueRow(
            contact=contact,
            waiting="" if contact.status == ContactStatus.CLOSED else waiting_in_words(now - contact.received_at),
        )
        for contact in contacts
    ]


def queue_counts(*, actor) -> dict[str, int]:
    """How many contacts the actor may see in each status."""
    counts = {row["status"]: row["n"] for row in visible_to(actor).values("status").annotate(n=Count("pk"))}
    return {name: sum(counts.get(status, 0) for status in statuses) for name, statuses in QUEUE_FILTERS.items()}


def contact_get_for_actor(*, actor, contact_id: uuid.UUID) -> Contact:
    """The contact, if the actor may see it; otherwise 404, whether or not it exists."""
    contact = (
        visible_to(actor)
        .select_related("person", "person__allocated_team", "assigned_to", "recorded_by")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None:
        raise Http404("No contact here.")
    return contact


def contacts_for_person(*, actor, person: Person) -> QuerySet[Contact]:
    """The contacts about a person, newest first: none unless the actor may see both them and contacts."""
    return (
        visible_to(actor)
        .filter(person=person)
        .select_related("recorded_by")
        .prefetch_related("signposted_services")
        .order_by("-received_at")
    )


def contact_status_history(*, contact: Contact) -> QuerySet[ContactStatusChange]:
    return contact.status_changes.select_related("changed_by").order_by("-changed_at", "-id")


def signposting_search(*, words: str) -> list[Service]:
    """Published directory services matching the words, best first, for an adviser to signpost to."""
    words = " ".join(words.split())[:SEARCH_WORDS_MAX]
    if not words:
        return []
    found = service_search(query=ServiceQuery(search=words)).select_related("organization")
    return list(found[:SIGNPOSTING_RESULT_LIMIT])


def published_services_by_ids(*, service_ids) -> list[Service]:
    """The published services among these ids (ignoring any that are not ids at all), by name."""
    ids = []
    for value in service_ids:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    if not ids:
        return []
    return list(public_services().filter(pk__in=ids).select_related("organization").order_by("name"))
