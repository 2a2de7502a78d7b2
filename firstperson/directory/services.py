"""Writes to the directory: the search index, quality scores and the review workflow."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.geography.rules.postcodes import postcode_is_valid, postcode_outward

from .exceptions import WorkflowError
from .models import Attribute, Service, ServiceSearchTerm, ServiceStatusChange, TaxonomyTerm, UnmetSearch
from .rules.quality import ServiceFacts, quality_of
from .rules.text import index_terms
from .rules.workflow import NEEDS_REASON, move_is_allowed
from .selectors import service_facts_for

INDEX_BATCH = 2000


def services_reindex(*, service_ids: Iterable) -> int:
    """Rebuild the search terms and quality scores of these services, in bulk. Returns rows written."""
    ids = list(service_ids)
    written = 0
    for start in range(0, len(ids), INDEX_BATCH):
        batch = ids[start : start + INDEX_BATCH]
        services = list(
            Service.objects.filter(id__in=batch).only("id", "name", "description", "eligibility_description")
        )
        categories: dict = {}
        for link_id, term_name in Attribute.objects.filter(link_type="service", link_id__in=batch).values_list(
            "link_id", "taxonomy_term__name"
        ):
            categories.setdefault(link_id, []).append(term_name)
        facts = service_facts_for(service_ids=batch)
        rows = []
        for service in services:
            weights = index_terms(
                name=service.name,
                description=f"{service.description} {service.eligibility_description}",
                keywords=categories.get(service.id, []),
            )
            rows.extend(ServiceSearchTerm(service_id=service.id, term=term, weight=w) for term, w in weights.items())
            service.quality_score = quality_of(facts.get(service.id, _NO_FACTS)).score
        with transaction.atomic():
            ServiceSearchTerm.objects.filter(service_id__in=batch).delete()
            ServiceSearchTerm.objects.bulk_create(rows, batch_size=5000)
            Service.objects.bulk_update(services, ["quality_score"], batch_size=1000)
        written += len(rows)
    return written


_NO_FACTS = ServiceFacts(0, False, False, False, False, False, False, False)


def service_transition(*, service: Service, to_status: str, actor, reason: str = "") -> Service:
    """Move a record through the review workflow, recording who, when, from, to and why."""
    reason = reason.strip()
    if not move_is_allowed(service.record_status, to_status):
        raise WorkflowError(
            f"A record that is {service.get_record_status_display().lower()} cannot be moved to that status"
        )
    if to_status in NEEDS_REASON and not reason:
        raise WorkflowError("Give a reason. The organisation will see it", field="reason")
    with transaction.atomic():
        locked = Service.objects.select_for_update().get(pk=service.pk)
        from_status = locked.record_status
        locked.record_status = to_status
        locked.status_reason = reason
        if to_status == "published":
            locked.last_reviewed_at = timezone.now()
        locked.save(update_fields=["record_status", "status_reason", "last_reviewed_at", "last_modified"])
        ServiceStatusChange.objects.create(
            service=locked, from_status=from_status, to_status=to_status, reason=reason, changed_by=actor
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.DIRECTORY_SERVICE_STATUS_CHANGED,
            object_type="service",
            object_id=locked.pk,
            payload={"from": from_status, "to": to_status, "reason": reason},
        )
    return locked


def unmet_search_record(*, words: str, postcode: str = "", category: str = "") -> None:
    """Note a search that found nothing: the words and the postcode district only, never who."""
    area = postcode_outward(postcode) if postcode and postcode_is_valid(postcode) else ""
    UnmetSearch.objects.create(words=" ".join(words.split())[:200], area=area, category=category[:100])


def service_set_categories(*, service: Service, terms: Iterable[TaxonomyTerm]) -> None:
    with transaction.atomic():
        Attribute.objects.filter(link_type="service", link_id=service.pk).delete()
        Attribute.objects.bulk_create(
            [Attribute(link_type="service", link_id=service.pk, taxonomy_term=term) for term in terms]
        )
