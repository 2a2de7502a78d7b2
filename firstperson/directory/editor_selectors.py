"""Reads for the editors' workflow: who may see which service, the review queue, the data-quality
dashboard, stale records, and a service's details in the shape the forms and comparisons use.

A service's details are always read from its Open Referral UK JSON (`service_record`), whether the
JSON describes the live service or a proposed change to it. One reading of one shape means that a
proposed change and the published record are compared, shown and applied the same way.
"""

import datetime
import html
import re
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from firstperson.platform.accounts.roles import Role

from .choices import DAY_CODES, DAYS, RecordStatus
from .models import Organization, Service, ServiceRevision, ServiceStatusChange, TaxonomyTerm
from .oruk import attributes_by_link, prefetch_service_full, service_full
from .rules.quality import QualityResult, quality_of
from .selectors import service_facts_for

#: A published record not checked for this many months is stale.
STALE_AFTER_MONTHS = 12
#: Extension keys added to the ORUK JSON for the council's own fields ("x_" marks a local extension).
X_ELIGIBILITY = "x_eligibility_description"
X_WHEELCHAIR = "x_wheelchair_accessible"
#: Records the dashboard counts as weak.
WEAK_SCORE_BELOW = 75
DASHBOARD_ROWS = 10


# --- who may see what -------------------------------------------------------------------------


def services_visible_to(*, actor) -> QuerySet[Service]:
    """Editors see every service; an organisation's members see their organisation's; nobody else any."""
    if actor is None or not actor.is_authenticated:
        return Service.objects.none()
    if actor.role == Role.DIRECTORY_EDITOR:
        return Service.objects.all()
    if actor.role == Role.ORGANISATION:
        return Service.objects.filter(organization__members=actor).distinct()
    return Service.objects.none()


def service_get_for_actor(*, actor, service_id) -> Service:
    """The service, if the actor may see it; otherwise 404, whether or not it exists."""
    service = services_visible_to(actor=actor).select_related("organization").filter(pk=service_id).first()
    if service is None:
        raise Http404("No service here.")
    return service


def organizations_of(*, actor) -> list[Organization]:
    if actor is None or not actor.is_authenticated or actor.role != Role.ORGANISATION:
        return []
    return list(Organization.objects.filter(members=actor).order_by("name"))


def actor_may_change(*, actor, service: Service) -> bool:
    """Only the owning organisation's members propose changes to a service's details."""
    return (
        actor is not None
        and actor.is_authenticated
        and actor.role == Role.ORGANISATION
        and service.organization.members.filter(pk=actor.pk).exists()
    )


def council_categories() -> list[TaxonomyTerm]:
    """The council's own categories (those with a browsing address), which the forms offer."""
    return list(TaxonomyTerm.objects.exclude(slug="").order_by("name"))


# --- stale records ----------------------------------------------------------------------------


def stale_cutoff(now: datetime.datetime) -> datetime.datetime:
    """The same moment twelve calendar months earlier (29 February falls back to the 28th)."""
    year = now.year - STALE_AFTER_MONTHS // 12
    try:
        return now.replace(year=year)
    except ValueError:
        return now.replace(year=year, day=28)


def stale_condition(now: datetime.datetime | None = None) -> Q:
    """Published and not checked for 12 months or more (or never)."""
    cutoff = stale_cutoff(now or timezone.now())
    return Q(record_status=RecordStatus.PUBLISHED) & (
        Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lte=cutoff)
    )


def service_is_stale(service: Service, now: datetime.datetime | None = None) -> bool:
    if service.record_status != RecordStatus.PUBLISHED:
        return False
    return service.last_reviewed_at is None or service.last_reviewed_at <= stale_cutoff(now or timezone.now())


def stale_services(*, now: datetime.datetime | None = None) -> QuerySet[Service]:
    """Stale records, the longest unchecked first (never checked before all)."""
    return (
        Service.objects.filter(stale_condition(now))
        .select_related("organization")
        .order_by(F("last_reviewed_at").asc(nulls_first=True), "name", "id")
    )


# --- lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnServiceRow:
    service: Service
    stale: bool
    change_waiting: bool


def services_of_organisation_member(*, actor) -> list[OwnServiceRow]:
    """The services of the actor's organisations, for "my services"."""
    services = list(
        services_visible_to(actor=actor).select_related("organization").order_by("organization__name", "name")
    )
    waiting = set(
        ServiceRevision.objects.filter(
            service__in=[s.pk for s in services], decision=ServiceRevision.Decision.WAITING
        ).values_list("service_id", flat=True)
    )
    now = timezone.now()
    return [OwnServiceRow(service=s, stale=service_is_stale(s, now), change_waiting=s.pk in waiting) for s in services]


@dataclass(frozen=True)
class EditorServiceFilter:
    name: str = ""
    record_status: str = ""
    stale_only: bool = False
    weakest_first: bool = False


def editor_service_list(*, criteria: EditorServiceFilter) -> QuerySet[Service]:
    services = Service.objects.select_related("organization")
    if criteria.name.strip():
        services = services.filter(name__icontains=criteria.name.strip())
    if criteria.record_status:
        services = services.filter(record_status=criteria.record_status)
    if criteria.stale_only:
        services = services.filter(stale_condition())
    ordering = ["quality_score", "name", "id"] if criteria.weakest_first else ["name", "id"]
    return services.order_by(*ordering)


# --- the review queue -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "service" (a new or resubmitted service) or "change" (to a published one)
    service: Service
    waiting_since: datetime.datetime
    revision: ServiceRevision | None = None

    @property
    def waiting_days(self) -> int:
        return (timezone.now() - self.waiting_since).days


def review_queue() -> list[QueueItem]:
    """Services waiting for review and proposed changes to published services, oldest first."""
    submitted_at = (
        ServiceStatusChange.objects.filter(service=OuterRef("pk"), to_status=RecordStatus.SUBMITTED)
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    services = (
        Service.objects.filter(record_status=RecordStatus.SUBMITTED)
        .select_related("organization")
        .annotate(waiting_since=Coalesce(Subquery(submitted_at), "created_at"))
    )
    items = [QueueItem(kind="service", service=s, waiting_since=s.waiting_since) for s in services]
    revisions = ServiceRevision.objects.filter(decision=ServiceRevision.Decision.WAITING).select_related(
        "service__organization"
    )
    items.extend(
        QueueItem(kind="change", service=r.service, waiting_since=r.proposed_at, revision=r) for r in revisions
    )
    return sorted(items, key=lambda item: (item.waiting_since, item.service.name))


# --- the data-quality dashboard ---------------------------------------------------------------


@dataclass(frozen=True)
class QualityDashboard:
    published: int
    stale: int
    weak: int
    weak_below: int
    weakest: list[Service]
    stalest: list[Service]


def quality_dashboard(*, rows: int = DASHBOARD_ROWS) -> QualityDashboard:
    """The weakest records residents can see or soon will, and the stalest published ones."""
    live = Service.objects.filter(
        record_status__in=[RecordStatus.PUBLISHED, RecordStatus.SUBMITTED, RecordStatus.CHANGES_REQUESTED]
    )
    stale = stale_services()
    return QualityDashboard(
        published=Service.objects.filter(record_status=RecordStatus.PUBLISHED).count(),
        stale=stale.count(),
        weak=live.filter(quality_score__lt=WEAK_SCORE_BELOW).count(),
        weak_below=WEAK_SCORE_BELOW,
        weakest=list(live.select_related("organization").order_by("quality_score", "name", "id")[:rows]),
        stalest=list(stale[:rows]),
    )


def service_quality(*, service: Service) -> QualityResult:
    """The score and, in plain English, what is missing."""
    facts = service_facts_for(service_ids=[service.pk])
    return quality_of(facts[service.pk])


def service_status_history(*, service: Service) -> QuerySet[ServiceStatusChange]:
    return service.status_changes.select_related("changed_by").order_by("-changed_at", "-id")


def waiting_revision_of(*, service: Service) -> ServiceRevision | None:
    return (
        service.revisions.filter(decision=ServiceRevision.Decision.WAITING)
        .select_related("proposed_by")
        .order_by("proposed_at")
        .first()
    )


def last_decided_revision_of(*, service: Service) -> ServiceRevision | None:
    return (
        service.revisions.exclude(decision=ServiceRevision.Decision.WAITING)
        .select_related("decided_by")
        .order_by("-decided_at")
        .first()
    )


# --- a service's details ----------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceDetails:
    """What residents rely on, as the organisation's form asks for it."""

    name: str
    description: str = ""  # as stored: sanitised HTML, or plain text on its way in
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility_description: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    address_1: str = ""
    city: str = ""
    postcode: str = ""
    area_postcodes: str = ""  # postcode districts or areas, space-separated: "WS1 WS2"
    cost_kind: str = ""  # "", "free", "paid" (an amount per session) or "other" (described)
    cost_amount: Decimal | None = None
    cost_description: str = ""
    days: tuple[str, ...] = ()
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    wheelchair_accessible: bool | None = None
    accessibility_description: str = ""
    languages: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()  # taxonomy term ids, as sorted strings


@dataclass(frozen=True)
class MainParts:
    """Which of a service's related records the form looks after: the first of each, by id.
    Any others (a second venue, a second phone number) are kept as they are."""

    phone_id: str | None = None
    location_id: str | None = None
    address_id: str | None = None
    accessibility_id: str | None = None
    cost_option_id: str | None = None
    schedule_id: str | None = None
    service_area_id: str | None = None


def service_record(*, service_id) -> dict[str, Any]:
    """The service's fully nested ORUK JSON, plus the council's own fields as "x_" extensions."""
    service = prefetch_service_full(Service.objects.filter(pk=service_id)).get()
    record = service_full(service, attributes_by_link([service.pk]).get(service.pk, []))
    record[X_ELIGIBILITY] = service.eligibility_description
    wheelchair = {
        str(item.id): item.wheelchair_accessible
        for sal in service.service_at_locations.all()
        for item in sal.location.accessibility.all()
    }
    for sal in record.get("service_at_locations", []):
        for item in sal.get("location", {}).get("accessibility", []):
            item[X_WHEELCHAIR] = wheelchair.get(item["id"], False)
    return record


def _first(items, predicate=lambda item: True):
    chosen = sorted((item for item in items if predicate(item)), key=lambda item: str(item["id"]))
    return chosen[0] if chosen else None


def _main_location(record: dict) -> dict | None:
    sal = _first(
        record.get("service_at_locations", []),
        lambda sal: sal.get("location", {}).get("location_type", "physical") == "physical",
    )
    return sal["location"] if sal else None


def _main_phone(record: dict) -> dict | None:
    phone = _first(record.get("phones", []))
    if phone is None:
        for contact in sorted(record.get("contacts", []), key=lambda c: str(c["id"])):
            phone = _first(contact.get("phones", []))
            if phone is not None:
                break
    return phone


def _postcode_area(area: dict) -> bool:
    return area.get("extent_type") == "postcode_prefixes"


def main_parts(record: dict) -> MainParts:
    location = _main_location(record)
    address = _first(location.get("addresses", [])) if location else None
    accessibility = _first(location.get("accessibility", [])) if location else None
    phone = _main_phone(record)
    cost = _first(record.get("cost_options", []))
    schedule = _first(record.get("schedules", []))
    area = _first(record.get("service_areas", []), _postcode_area)
    return MainParts(
        phone_id=phone["id"] if phone else None,
        location_id=location["id"] if location else None,
        address_id=address["id"] if address else None,
        accessibility_id=accessibility["id"] if accessibility else None,
        cost_option_id=cost["id"] if cost else None,
        schedule_id=schedule["id"] if schedule else None,
        service_area_id=area["id"] if area else None,
    )


def _time(value: str | None) -> datetime.time | None:
    if not value:
        return None
    hours, minutes = value.split(":")[:2]
    return datetime.time(int(hours), int(minutes))


def _cost(record: dict) -> tuple[str, Decimal | None, str]:
    cost = _first(record.get("cost_options", []))
    if cost is None:
        return ("other", None, record["fees"]) if record.get("fees") else ("", None, "")
    description = cost.get("amount_description", "")
    if cost.get("amount") is None:
        return "other", None, description or cost.get("option", "") or record.get("fees", "")
    amount = Decimal(str(cost["amount"])).quantize(Decimal("0.01"))
    if amount == 0:
        return "free", None, description
    return "paid", amount, description


def details_from_record(record: dict) -> ServiceDetails:
    """Read the form's details from a service's ORUK JSON (live, or a proposed change)."""
    location = _main_location(record)
    address = _first(location.get("addresses", [])) if location else None
    accessibility = _first(location.get("accessibility", [])) if location else None
    phone = _main_phone(record)
    schedule = _first(record.get("schedules", []))
    area = _first(record.get("service_areas", []), _postcode_area)
    cost_kind, cost_amount, cost_description = _cost(record)
    byday = set((schedule or {}).get("byday", "").split(","))
    return ServiceDetails(
        name=record.get("name", ""),
        description=record.get("description", ""),
        minimum_age=record.get("minimum_age"),
        maximum_age=record.get("maximum_age"),
        eligibility_description=record.get(X_ELIGIBILITY, ""),
        phone=phone["number"] if phone else "",
        email=record.get("email", ""),
        url=record.get("url", ""),
        address_1=address.get("address_1", "") if address else "",
        city=address.get("city", "") if address else "",
        postcode=address.get("postal_code", "") if address else "",
        area_postcodes=" ".join(area.get("extent", "").split()) if area else "",
        cost_kind=cost_kind,
        cost_amount=cost_amount,
        cost_description=cost_description,
        days=tuple(code for code in DAY_CODES if code in byday),
        opens_at=_time((schedule or {}).get("opens_at")),
        closes_at=_time((schedule or {}).get("closes_at")),
        wheelchair_accessible=accessibility.get(X_WHEELCHAIR) if accessibility else None,
        accessibility_description=accessibility.get("description", "") if accessibility else "",
        languages=tuple(
            sorted(
                (language.get("name") or language.get("code", "") for language in record.get("languages", [])),
                key=str.lower,
            )
        ),
        category_ids=tuple(sorted(str(attribute["taxonomy_term_id"]) for attribute in record.get("attributes", []))),
    )


def service_details(*, service: Service) -> ServiceDetails:
    return details_from_record(service_record(service_id=service.pk))


def description_as_text(description: str) -> str:
    """A description made only of plain paragraphs, as the text someone typed; anything richer as is."""
    paragraphs = re.findall(r"<p>([^<]*)</p>", description)
    if paragraphs and re.fullmatch(r"(\s*<p>[^<]*</p>\s*)+", description):
        return "\n\n".join(html.unescape(paragraph) for paragraph in paragraphs)
    return description


# --- showing details, and comparing them ------------------------------------------------------

DAY_NAMES = dict(DAYS)
COST_KINDS = {"free": "Free", "paid": "A charge per session", "other": "Something else"}


def _show(name: str, details: ServiceDetails, category_names: dict[str, str]) -> str:
    value = getattr(details, name)
    if name == "description":
        return description_as_text(value)
    if name == "days":
        return ", ".join(DAY_NAMES[code] for code in value)
    if name in {"opens_at", "closes_at"}:
        return value.strftime("%H:%M") if value else ""
    if name == "wheelchair_accessible":
        return {True: "Yes", False: "No", None: ""}[value]
    if name == "cost_kind":
        return COST_KINDS.get(value, "")
    if name == "cost_amount":
        return f"£{value:.2f}" if value is not None else ""
    if name == "languages":
        return ", ".join(value)
    if name == "category_ids":
        return ", ".join(sorted(category_names.get(term_id, "Another category") for term_id in value))
    return "" if value is None else str(value)


FIELD_LABELS = {
    "name": "Name",
    "description": "What it is",
    "minimum_age": "Youngest age",
    "maximum_age": "Oldest age",
    "eligibility_description": "Who it is for",
    "phone": "Phone",
    "email": "Email",
    "url": "Website",
    "address_1": "Address",
    "city": "Town or city",
    "postcode": "Postcode",
    "area_postcodes": "Area served",
    "cost_kind": "Cost",
    "cost_amount": "Amount per session",
    "cost_description": "About the cost",
    "days": "Days open",
    "opens_at": "Opens at",
    "closes_at": "Closes at",
    "wheelchair_accessible": "Wheelchair access",
    "accessibility_description": "About access",
    "languages": "Languages",
    "category_ids": "Categories",
}
assert set(FIELD_LABELS) == {field.name for field in fields(ServiceDetails)}


@dataclass(frozen=True)
class DetailRow:
    name: str
    label: str
    value: str


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    label: str
    current: str
    proposed: str
    changed: bool


def _category_names() -> dict[str, str]:
    return {str(term_id): name for term_id, name in TaxonomyTerm.objects.values_list("id", "name")}


def details_rows(details: ServiceDetails) -> list[DetailRow]:
    names = _category_names()
    return [DetailRow(name=key, label=label, value=_show(key, details, names)) for key, label in FIELD_LABELS.items()]


def changed_fields(before: ServiceDetails, after: ServiceDetails) -> list[str]:
    """The labels of the fields that differ, in form order."""
    return [label for key, label in FIELD_LABELS.items() if getattr(before, key) != getattr(after, key)]


def revision_comparison(*, revision: ServiceRevision) -> list[ComparisonRow]:
    """Field by field: the published service now, and as the change would make it."""
    current = service_details(service=revision.service)
    proposed = details_from_record(revision.proposed)
    names = _category_names()
    return [
        ComparisonRow(
            name=key,
            label=label,
            current=_show(key, current, names),
            proposed=_show(key, proposed, names),
            changed=getattr(current, key) != getattr(proposed, key),
        )
        for key, label in FIELD_LABELS.items()
    ]
