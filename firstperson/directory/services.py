"""Writes to the directory: the search index, quality scores, the review workflow, organisations
registering, services proposed and changed, editors' decisions and reminders about stale records."""

import datetime
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.accounts.services import email_verification_token
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.geography.rules.postcodes import postcode_is_valid, postcode_normalise, postcode_outward
from firstperson.platform.notify.services import notify_send_email

from .choices import DAY_CODES, RecordStatus, ScheduleFrequency
from .editor_selectors import (
    MainParts,
    ServiceDetails,
    changed_fields,
    council_categories,
    details_from_record,
    main_parts,
    service_details,
    service_record,
    stale_services,
)
from .exceptions import UnknownPostcode, WorkflowError
from .models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    PublicDirectoryCount,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceRevision,
    ServiceSearchTerm,
    ServiceStatusChange,
    TaxonomyTerm,
    UnmetSearch,
)
from .rules.coverage import WHOLE_COUNCIL, postcode_coverage
from .rules.html import sanitise_html
from .rules.quality import ServiceFacts, quality_of
from .rules.text import index_terms
from .rules.workflow import NEEDS_REASON, move_is_allowed
from .selectors import PUBLIC_COUNT_ROW, is_public, postcode_point, public_services, service_facts_for

INDEX_BATCH = 2000


def services_reindex(*, service_ids: Iterable) -> int:
    """Rebuild the search terms, the search's copies and the quality scores of these services, in
    bulk. Returns the number of search terms written."""
    ids = list(service_ids)
    written = 0
    for start in range(0, len(ids), INDEX_BATCH):
        batch = ids[start : start + INDEX_BATCH]
        services = list(
            Service.objects.filter(id__in=batch).only(
                "id", "name", "description", "eligibility_description", "record_status", "status"
            )
        )
        categories: dict = {}
        for link_id, term_name in Attribute.objects.filter(link_type="service", link_id__in=batch).values_list(
            "link_id", "taxonomy_term__name"
        ):
            categories.setdefault(link_id, []).append(term_name)
        facts = service_facts_for(service_ids=batch)
        rows: list[ServiceSearchTerm] = []
        for service in services:
            weights = index_terms(
                name=service.name,
                description=f"{service.description} {service.eligibility_description}",
                keywords=categories.get(service.id, []),
            )
            public = is_public(service)
            rows.extend(
                ServiceSearchTerm(service_id=service.id, term=term, weight=w, public=public, service_name=service.name)
                for term, w in weights.items()
            )
            service.quality_score = quality_of(facts.get(service.id, _NO_FACTS)).score
        with transaction.atomic():
            ServiceSearchTerm.objects.filter(service_id__in=batch).delete()
            ServiceSearchTerm.objects.bulk_create(rows, batch_size=5000)
            Service.objects.bulk_update(services, ["quality_score"], batch_size=1000)
            _place_copies_refresh(batch)
        written += len(rows)
    _public_count_refresh()
    return written


def search_copies_refresh(*, service_ids: Iterable) -> None:
    """Bring the search's copies of these services' facts up to date (each search term's and each
    place's visibility and name; each place's coordinates and postcode coverage: see
    ServiceAtLocation), set-based, without rebuilding the search terms. Call it whenever a service's
    record status, status or name, a place's coordinates or a service area changes outside
    `services_reindex`."""
    ids = list(service_ids)
    for start in range(0, len(ids), INDEX_BATCH):
        batch = ids[start : start + INDEX_BATCH]
        with transaction.atomic():
            ServiceSearchTerm.objects.filter(service_id__in=batch).update(**_service_copies())
            _place_copies_refresh(batch)
    _public_count_refresh()


def _public_count_refresh() -> None:
    """Count the public services again, under the count row's lock: a change committed by someone
    else while we waited is then in the count (each statement sees what is committed when it starts),
    so the last writer always leaves the true figure."""
    with transaction.atomic():
        counted, _ = PublicDirectoryCount.objects.select_for_update().get_or_create(pk=PUBLIC_COUNT_ROW)
        counted.services = public_services().count()
        counted.save(update_fields=["services", "updated_at"])


def search_copies_refresh_at(*, location_ids: Iterable, already_done: Iterable = ()) -> None:
    """After places move: the search's copies for every service at these locations, except those
    in `already_done` (just reindexed)."""
    ids = list(location_ids)
    services: set = set()
    for start in range(0, len(ids), INDEX_BATCH):
        services.update(
            ServiceAtLocation.objects.filter(location_id__in=ids[start : start + INDEX_BATCH]).values_list(
                "service_id", flat=True
            )
        )
    search_copies_refresh(service_ids=sorted(services - set(already_done)))


def _service_copies() -> dict:
    """The UPDATE expressions for the copies of a row's service (its `service_id`): is it public,
    and its name."""
    return {
        "public": Exists(public_services().filter(pk=OuterRef("service_id"))),
        "service_name": Subquery(Service.objects.filter(pk=OuterRef("service_id")).values("name")[:1]),
    }


def _place_copies_refresh(batch: list) -> None:
    """The copied fields of every place of these services (at most INDEX_BATCH of them), in two
    UPDATEs: the service's visibility and name and the place's coordinates, then the coverage."""
    places = ServiceAtLocation.objects.filter(service_id__in=batch)
    location = Location.objects.filter(pk=OuterRef("location_id"))
    places.update(
        **_service_copies(),
        latitude=Subquery(location.values("latitude")[:1]),
        longitude=Subquery(location.values("longitude")[:1]),
    )
    prefixes: dict = {}
    for service_id, text in ServiceArea.objects.filter(service_id__in=batch).values_list(
        "service_id", "postcode_prefixes"
    ):
        prefixes.setdefault(service_id, []).append(text)
    by_coverage: dict[str, list] = {}
    for service_id, texts in prefixes.items():
        coverage = postcode_coverage(texts)
        if coverage != WHOLE_COUNCIL:
            by_coverage.setdefault(coverage, []).append(service_id)
    places.update(
        postcode_coverage=Case(
            *(When(service_id__in=ids, then=Value(coverage)) for coverage, ids in by_coverage.items()),
            default=Value(WHOLE_COUNCIL),
        )
    )


_NO_FACTS = ServiceFacts(0, False, False, False, False, False, False, False)


#: How each move reads in a refusal: "A record that is a draft cannot be published".
_MOVE_WORDS: dict[str, str] = {
    RecordStatus.DRAFT: "made a draft again",
    RecordStatus.SUBMITTED: "sent for review",
    RecordStatus.CHANGES_REQUESTED: "sent back for changes",
    RecordStatus.PUBLISHED: "published",
    RecordStatus.REJECTED: "rejected",
    RecordStatus.ARCHIVED: "archived",
}


def _record_history_user(instance: Service, actor) -> None:
    """Tell django-simple-history who made the change (outside a request it cannot know)."""
    instance._history_user = actor  # type: ignore[attr-defined]


def service_transition(*, service: Service, to_status: str, actor, reason: str = "") -> Service:
    """Move a record through the review workflow, recording who, when, from, to and why. The move is
    checked against the record as it is in the database, under a lock, not as the caller last saw it."""
    reason = reason.strip()
    if to_status in NEEDS_REASON and not reason:
        raise WorkflowError("Give a reason. The organisation will see it", field="reason")
    with transaction.atomic():
        locked = Service.objects.select_for_update().get(pk=service.pk)
        from_status = locked.record_status
        if not move_is_allowed(from_status, to_status):
            raise WorkflowError(
                f"A record that is {locked.get_record_status_display().lower()} cannot be "
                f"{_MOVE_WORDS.get(to_status, 'moved to that status')}"
            )
        locked.record_status = to_status
        locked.status_reason = reason
        if to_status == RecordStatus.PUBLISHED:
            locked.last_reviewed_at = timezone.now()
        _record_history_user(locked, actor)
        locked.save(update_fields=["record_status", "status_reason", "last_reviewed_at", "last_modified"])
        ServiceStatusChange.objects.create(
            service=locked, from_status=from_status, to_status=to_status, reason=reason, changed_by=actor
        )
        if RecordStatus.PUBLISHED in (from_status, to_status):
            search_copies_refresh(service_ids=[locked.pk])
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


# --- organisations ----------------------------------------------------------------------------


def organisation_register(
    *,
    organisation_name: str,
    description: str,
    email: str,
    website: str,
    contact_first_name: str,
    contact_last_name: str,
    contact_email: str,
    password: str,
) -> Organization:
    """A voluntary group or provider registers: the organisation, and its first member's account
    (role "organisation", two-factor at first sign-in). We email a link to confirm the address."""
    name = " ".join(organisation_name.split())
    contact_email = contact_email.strip().lower()
    if not name:
        raise ApplicationError("Enter the name of your organisation", field="organisation_name")
    if not (email.strip() or website.strip()):
        raise ApplicationError("Give your organisation's website or email address", field="organisation_website")
    if User.objects.filter(Q(username__iexact=contact_email) | Q(email__iexact=contact_email)).exists():
        raise ApplicationError(
            "There is already an account with this email address. Sign in, or reset your password",
            field="contact_email",
        )
    if Organization.objects.filter(name__iexact=name).exists():
        raise ApplicationError(
            f"{name} is already in the directory. Ask the directory team to add you to it, "
            "rather than registering it again",
            field="organisation_name",
        )
    with transaction.atomic():
        user = User(
            username=contact_email,
            email=contact_email,
            first_name=contact_first_name.strip(),
            last_name=contact_last_name.strip(),
            role=Role.ORGANISATION,
        )
        user.set_password(password)
        user.save()
        organization = Organization.objects.create(
            name=name, description=description.strip(), email=email.strip().lower(), website=website.strip()
        )
        organization.members.add(user)
        audit_record(actor=user, verb=AuditVerb.USER_REGISTERED, object_type="user", object_id=user.pk)
        audit_record(
            actor=user,
            verb=AuditVerb.DIRECTORY_ORGANIZATION_REGISTERED,
            object_type="organization",
            object_id=organization.pk,
            payload={"name": name},
        )
        _send_organisation_verification_email(user=user, organization=organization)
    return organization


def _send_organisation_verification_email(*, user: User, organization: Organization) -> None:
    link = settings.SITE_URL + reverse("portal:register-verify", args=[email_verification_token(user=user)])
    notify_send_email(
        to=user.email,
        subject=f"Confirm your email address for {settings.SERVICE_NAME}",
        body=(
            f"Hello {user.first_name},\n\n"
            f"You registered {organization.name} with the {settings.COUNCIL_NAME} service directory.\n\n"
            f"To confirm your email address, open this link:\n\n{link}\n\n"
            "The link works for 3 days. Then sign in with this email address and your password. The first "
            "time, we will help you set up an authenticator app on your phone, to keep your account safe.\n\n"
            "If you did not register, you can ignore this email.\n\n"
            f"{settings.COUNCIL_NAME}\n"
        ),
    )


# --- proposing and changing services ----------------------------------------------------------


class ServiceDetailsRefused(ApplicationError):
    """Details that cannot be saved. `problems` lists each (form field, plain-English message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems[0][1], field=problems[0][0])
        self.problems = problems


_AREA_PART = re.compile(r"^[A-Z]{1,2}([0-9][0-9A-Z]?)?$")
LANGUAGE_CODES = {
    "arabic": "ar",
    "bengali": "bn",
    "british sign language": "sgn-gb",
    "bsl": "sgn-gb",
    "cantonese": "yue",
    "english": "en",
    "farsi": "fa",
    "french": "fr",
    "gujarati": "gu",
    "hindi": "hi",
    "kurdish": "ku",
    "lithuanian": "lt",
    "mandarin": "cmn",
    "polish": "pl",
    "portuguese": "pt",
    "punjabi": "pa",
    "romanian": "ro",
    "somali": "so",
    "spanish": "es",
    "tamil": "ta",
    "turkish": "tr",
    "urdu": "ur",
    "welsh": "cy",
}


def service_details_problems(details: ServiceDetails) -> list[tuple[str, str]]:
    """What is wrong with the details, as (form field, message); empty when they can be saved.
    Each field's own format is checked by the form; these are the checks across fields."""
    problems = []
    if not details.name.strip():
        problems.append(("name", "Enter the name of the service"))
    if (
        details.minimum_age is not None
        and details.maximum_age is not None
        and details.minimum_age > details.maximum_age
    ):
        problems.append(("maximum_age", "The oldest age must be the same as or more than the youngest age"))
    address_parts = {"address_1": details.address_1, "city": details.city, "postcode": details.postcode}
    if any(value.strip() for value in address_parts.values()):
        missing = {
            "address_1": "Enter the first line of the address",
            "city": "Enter the town or city",
            "postcode": "Enter the postcode",
        }
        problems.extend((key, missing[key]) for key, value in address_parts.items() if not value.strip())
        if details.postcode.strip():
            try:
                postcode_point(postcode=details.postcode)
            except UnknownPostcode as error:
                problems.append(("postcode", error.message))
    elif details.wheelchair_accessible is not None or details.accessibility_description.strip():
        problems.append(("address_1", "Give the address of the place, so that we can say how easy it is to get in"))
    if details.accessibility_description.strip() and details.wheelchair_accessible is None:
        problems.append(("wheelchair_accessible", "Say whether someone in a wheelchair can get in"))
    for part in details.area_postcodes.split():
        if not _AREA_PART.match(part.upper()):
            problems.append(
                ("area_postcodes", f"“{part}” is not a postcode district. Use the first part of postcodes, like WS1")
            )
            break
    if details.cost_kind == "paid" and (details.cost_amount is None or details.cost_amount <= 0):
        problems.append(("cost_amount", "Enter the amount per session, like 4.50"))
    if details.cost_kind == "other" and not details.cost_description.strip():
        problems.append(("cost_description", "Say what it costs"))
    if (details.opens_at or details.closes_at) and not details.days:
        problems.append(("days", "Choose the days it is open"))
    if details.opens_at and details.closes_at and details.closes_at <= details.opens_at:
        problems.append(("closes_at", "The closing time must be after the opening time"))
    if details.category_ids:
        known = {str(term.pk) for term in council_categories()}
        if not set(details.category_ids) <= known:
            problems.append(("category_ids", "Choose categories from the list"))
    return problems


def _description_html(text: str) -> str:
    """Typed text becomes paragraphs; text that already has tags keeps only the safe ones."""
    if re.search(r"<\s*[a-zA-Z/!]", text):
        return sanitise_html(text)
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip())]
    return sanitise_html("".join(f"<p>{html.escape(part, quote=False)}</p>" for part in paragraphs if part))


def _clean_details(details: ServiceDetails) -> ServiceDetails:
    problems = service_details_problems(details)
    if problems:
        raise ServiceDetailsRefused(problems)
    return details


def _apply_details(*, service: Service, details: ServiceDetails, actor) -> None:
    """Write the details onto the service and the records the form looks after (MainParts). Other
    related records are left alone. Call inside a transaction, with checked details."""
    record = service_record(service_id=service.pk)
    parts = _own_venue(service, main_parts(record), details_from_record(record), details)
    service.name = " ".join(details.name.split())
    service.description = _description_html(details.description)
    service.minimum_age = details.minimum_age
    service.maximum_age = details.maximum_age
    service.eligibility_description = details.eligibility_description.strip()
    service.email = details.email.strip().lower()
    service.url = details.url.strip()
    service.fees = details.cost_description.strip() if details.cost_kind == "other" else ""
    _record_history_user(service, actor)
    service.save()

    _apply_phone(service, parts, details.phone.strip())
    location = _apply_location(service, parts, details)
    _apply_accessibility(location, parts, details)
    _apply_cost(service, parts, details)
    _apply_schedule(service, parts, details)
    _apply_area(service, parts, details.area_postcodes)
    _apply_languages(service, details.languages)
    _apply_categories(service, details.category_ids)


def _apply_phone(service: Service, parts: MainParts, number: str) -> None:
    if parts.phone_id and number:
        Phone.objects.filter(pk=parts.phone_id).update(number=number)
    elif parts.phone_id:
        Phone.objects.filter(pk=parts.phone_id).delete()
    elif number:
        Phone.objects.create(service=service, number=number)


_VENUE_FIELDS = ("address_1", "city", "postcode", "wheelchair_accessible", "accessibility_description")


def _own_venue(service: Service, parts: MainParts, current: ServiceDetails, details: ServiceDetails) -> MainParts:
    """A venue other services use too (an imported community centre, say) is never changed through
    one organisation's service: if its details change, this service moves to a venue of its own."""
    if not parts.location_id or all(getattr(current, f) == getattr(details, f) for f in _VENUE_FIELDS):
        return parts
    if not ServiceAtLocation.objects.filter(location_id=parts.location_id).exclude(service=service).exists():
        return parts
    ServiceAtLocation.objects.filter(service=service, location_id=parts.location_id).delete()
    return replace(parts, location_id=None, address_id=None, accessibility_id=None)


def _apply_location(service: Service, parts: MainParts, details: ServiceDetails) -> Location | None:
    if not details.address_1.strip():
        if parts.location_id:
            ServiceAtLocation.objects.filter(service=service, location_id=parts.location_id).delete()
            if not ServiceAtLocation.objects.filter(location_id=parts.location_id).exists():
                Location.objects.filter(pk=parts.location_id).delete()
        return None
    point = postcode_point(postcode=details.postcode)
    postcode = postcode_normalise(details.postcode)
    if parts.location_id:
        location = Location.objects.get(pk=parts.location_id)
        location.latitude, location.longitude = point.latitude, point.longitude
        location.name = location.name or service.name
        location.save()
        search_copies_refresh_at(location_ids=[location.pk])
    else:
        location = Location.objects.create(name=service.name, latitude=point.latitude, longitude=point.longitude)
        ServiceAtLocation.objects.create(service=service, location=location)
    address_fields = {
        "address_1": " ".join(details.address_1.split()),
        "city": " ".join(details.city.split()),
        "postal_code": postcode,
    }
    if parts.address_id:
        Address.objects.filter(pk=parts.address_id).update(**address_fields)
    else:
        Address.objects.create(location=location, country="GB", **address_fields)
    return location


def _apply_accessibility(location: Location | None, parts: MainParts, details: ServiceDetails) -> None:
    if location is None:
        return
    described = details.wheelchair_accessible is not None or details.accessibility_description.strip()
    existing = parts.accessibility_id if parts.location_id == str(location.pk) else None
    values = {
        "wheelchair_accessible": bool(details.wheelchair_accessible),
        "description": details.accessibility_description.strip(),
    }
    if existing and described:
        Accessibility.objects.filter(pk=existing).update(**values)
    elif existing:
        Accessibility.objects.filter(pk=existing).delete()
    elif described:
        Accessibility.objects.create(location=location, **values)


def _apply_cost(service: Service, parts: MainParts, details: ServiceDetails) -> None:
    if details.cost_kind in {"free", "paid"}:
        values = {
            "option": "Free" if details.cost_kind == "free" else "Per session",
            "amount": Decimal("0.00") if details.cost_kind == "free" else details.cost_amount,
            "amount_description": details.cost_description.strip(),
        }
        if parts.cost_option_id:
            CostOption.objects.filter(pk=parts.cost_option_id).update(**values)
        else:
            CostOption.objects.create(service=service, **values)
    elif parts.cost_option_id:
        # Described in words ("other") the cost lives in `fees`; not given, there is no cost option.
        CostOption.objects.filter(pk=parts.cost_option_id).delete()


def _apply_schedule(service: Service, parts: MainParts, details: ServiceDetails) -> None:
    if details.days:
        values = {
            "freq": ScheduleFrequency.WEEKLY,
            "byday": ",".join(code for code in DAY_CODES if code in details.days),
            "opens_at": details.opens_at,
            "closes_at": details.closes_at,
        }
        if parts.schedule_id:
            Schedule.objects.filter(pk=parts.schedule_id).update(**values)
        else:
            Schedule.objects.create(service=service, **values)
    elif parts.schedule_id:
        Schedule.objects.filter(pk=parts.schedule_id).delete()


def _apply_area(service: Service, parts: MainParts, area_postcodes: str) -> None:
    districts = list(dict.fromkeys(part.upper() for part in area_postcodes.split()))
    if districts:
        # Stored with a space either side, so that a search can match " WS1 " exactly.
        prefixes = f" {' '.join(districts)} "
        if parts.service_area_id:
            ServiceArea.objects.filter(pk=parts.service_area_id).update(postcode_prefixes=prefixes, extent="")
        else:
            ServiceArea.objects.create(service=service, name="Area served", postcode_prefixes=prefixes)
    elif parts.service_area_id:
        ServiceArea.objects.filter(pk=parts.service_area_id).delete()


def _apply_languages(service: Service, languages: tuple[str, ...]) -> None:
    wanted = {" ".join(name.split()).lower(): " ".join(name.split()) for name in languages if name.strip()}
    existing = {(language.name or language.code).lower(): language for language in service.languages.all()}
    for key, language in existing.items():
        if key not in wanted:
            language.delete()
    Language.objects.bulk_create(
        [
            Language(service=service, name=name, code=LANGUAGE_CODES.get(key, ""))
            for key, name in wanted.items()
            if key not in existing
        ]
    )


def _apply_categories(service: Service, category_ids: tuple[str, ...]) -> None:
    """Replace the service's council categories; categories from other taxonomies (an import's) stay."""
    council = {str(term.pk): term for term in council_categories()}
    Attribute.objects.filter(link_type="service", link_id=service.pk, taxonomy_term_id__in=list(council)).delete()
    Attribute.objects.bulk_create(
        [Attribute(link_type="service", link_id=service.pk, taxonomy_term=council[term_id]) for term_id in category_ids]
    )


def _require_member(*, actor, service: Service | None = None, organization: Organization | None = None) -> None:
    organization = organization or (service.organization if service else None)
    if (
        actor is None
        or actor.role != Role.ORGANISATION
        or organization is None
        or not organization.members.filter(pk=actor.pk).exists()
    ):
        raise ApplicationError("Only the organisation that runs this service can change it")


def _require_editor(actor) -> None:
    if actor is None or actor.role != Role.DIRECTORY_EDITOR:
        raise WorkflowError("Only a directory editor can do that")


def service_propose(*, organization: Organization, details: ServiceDetails, actor) -> Service:
    """An organisation's member proposes a new service. It is saved as a draft, for them to submit."""
    _require_member(actor=actor, organization=organization)
    details = _clean_details(details)
    with transaction.atomic():
        service = Service(organization=organization, name=details.name.strip(), record_status=RecordStatus.DRAFT)
        _record_history_user(service, actor)
        service.save()
        _apply_details(service=service, details=details, actor=actor)
        ServiceStatusChange.objects.create(
            service=service, from_status="", to_status=RecordStatus.DRAFT, changed_by=actor
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.DIRECTORY_SERVICE_CREATED,
            object_type="service",
            object_id=service.pk,
            payload={"name": service.name, "organization": str(organization.pk)},
        )
        services_reindex(service_ids=[service.pk])
    service.refresh_from_db()
    return service


#: Statuses in which the organisation's changes apply straight away (nobody outside sees the record).
DIRECT_CHANGE_STATUSES = frozenset({RecordStatus.DRAFT, RecordStatus.CHANGES_REQUESTED, RecordStatus.ARCHIVED})


@dataclass(frozen=True)
class ServiceChangeOutcome:
    service: Service
    changed: list[str]  # the labels of the fields that changed
    revision: ServiceRevision | None = None  # set when the change waits for an editor


def service_update(*, service: Service, details: ServiceDetails, actor) -> ServiceChangeOutcome:
    """The organisation changes a service. A draft (or one sent back for changes, or archived)
    changes at once; a published service keeps showing as it is until an editor approves the
    change, which waits as a ServiceRevision holding the changed service's ORUK JSON."""
    _require_member(actor=actor, service=service)
    details = _clean_details(details)
    with transaction.atomic():
        locked = Service.objects.select_for_update().select_related("organization").get(pk=service.pk)
        if locked.record_status == RecordStatus.SUBMITTED:
            raise WorkflowError("This service is waiting for review. You can change it once an editor has looked at it")
        if locked.record_status == RecordStatus.REJECTED:
            raise WorkflowError(
                "This service was turned down, so it cannot be changed. Contact the directory team if you think "
                "that is wrong"
            )
        before = service_details(service=locked)
        if locked.record_status == RecordStatus.PUBLISHED:
            return _propose_revision(service=locked, before=before, details=details, actor=actor)
        _apply_details(service=locked, details=details, actor=actor)
        changed = changed_fields(before, service_details(service=locked))
        audit_record(
            actor=actor,
            verb=AuditVerb.DIRECTORY_SERVICE_UPDATED,
            object_type="service",
            object_id=locked.pk,
            payload={"fields": changed},
        )
        services_reindex(service_ids=[locked.pk])
    locked.refresh_from_db()
    return ServiceChangeOutcome(service=locked, changed=changed)


def _propose_revision(
    *, service: Service, before: ServiceDetails, details: ServiceDetails, actor
) -> ServiceChangeOutcome:
    """Build the changed service's ORUK JSON by making the change inside a savepoint and rolling it
    back: the JSON is exactly what the change will produce, and the published record is untouched."""
    savepoint = transaction.savepoint()
    try:
        _apply_details(service=Service.objects.get(pk=service.pk), details=details, actor=actor)
        proposed = service_record(service_id=service.pk)
    finally:
        transaction.savepoint_rollback(savepoint)
    changed = changed_fields(before, details_from_record(proposed))
    if not changed:
        raise ServiceDetailsRefused([("name", "You have not changed anything")])
    revision = (
        ServiceRevision.objects.select_for_update()
        .filter(service=service, decision=ServiceRevision.Decision.WAITING)
        .order_by("proposed_at")
        .first()
    )
    if revision is None:
        revision = ServiceRevision.objects.create(service=service, proposed=proposed, proposed_by=actor)
    else:
        # One change waits per service: a second edit replaces the first, and keeps its place in the queue.
        revision.proposed = proposed
        revision.proposed_by = actor
        revision.save(update_fields=["proposed", "proposed_by"])
    audit_record(
        actor=actor,
        verb=AuditVerb.DIRECTORY_SERVICE_UPDATED,
        object_type="service",
        object_id=service.pk,
        payload={"fields": changed, "revision": str(revision.pk), "waiting_for_review": True},
    )
    return ServiceChangeOutcome(service=service, changed=changed, revision=revision)


def service_submit(*, service: Service, actor) -> Service:
    """The organisation sends a service to the editors for review."""
    _require_member(actor=actor, service=service)
    return service_transition(service=service, to_status=RecordStatus.SUBMITTED, actor=actor)


# --- editors' decisions -----------------------------------------------------------------------


def service_review_move(*, service: Service, to_status: str, actor, reason: str = "") -> Service:
    """An editor publishes, asks for changes, rejects or archives a service. Archiving also turns
    down a change that was waiting, since there is no published record left to apply it to."""
    _require_editor(actor)
    with transaction.atomic():
        moved = service_transition(service=service, to_status=to_status, actor=actor, reason=reason)
        if to_status == RecordStatus.ARCHIVED:
            for revision in ServiceRevision.objects.select_for_update().filter(
                service=moved, decision=ServiceRevision.Decision.WAITING
            ):
                _decide(
                    revision=revision,
                    actor=actor,
                    decision=ServiceRevision.Decision.REJECTED,
                    reason=(f"The service was archived: {moved.status_reason}"),
                )
        services_reindex(service_ids=[moved.pk])
    return moved


def service_mark_checked(*, service: Service, actor) -> Service:
    """An editor has checked a published record and it is still right: only the date changes."""
    _require_editor(actor)
    with transaction.atomic():
        locked = Service.objects.select_for_update().get(pk=service.pk)
        if locked.record_status != RecordStatus.PUBLISHED:
            raise WorkflowError("Only a published service can be marked as checked")
        locked.last_reviewed_at = timezone.now()
        _record_history_user(locked, actor)
        locked.save(update_fields=["last_reviewed_at"])
        audit_record(
            actor=actor,
            verb=AuditVerb.DIRECTORY_SERVICE_UPDATED,
            object_type="service",
            object_id=locked.pk,
            payload={"fields": [], "checked": True},
        )
    return locked


def _decide(*, revision: ServiceRevision, actor, decision: str, reason: str, changed: list[str] | None = None) -> None:
    revision.decision = decision
    revision.reason = reason
    revision.decided_by = actor
    revision.decided_at = timezone.now()
    revision.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.DIRECTORY_REVISION_DECIDED,
        object_type="service",
        object_id=revision.service_id,
        payload={"revision": str(revision.pk), "decision": decision, "reason": reason, "fields": changed or []},
    )


def _waiting_revision(revision: ServiceRevision) -> ServiceRevision:
    locked = ServiceRevision.objects.select_for_update().get(pk=revision.pk)
    if locked.decision != ServiceRevision.Decision.WAITING:
        raise WorkflowError("This change has already been decided")
    return locked


def revision_approve(*, revision: ServiceRevision, actor) -> Service:
    """Apply a waiting change to its published service. The service's history keeps how it was."""
    _require_editor(actor)
    with transaction.atomic():
        locked = _waiting_revision(revision)
        service = Service.objects.select_for_update().select_related("organization").get(pk=locked.service_id)
        if service.record_status != RecordStatus.PUBLISHED:
            raise WorkflowError("This service is no longer published, so the change cannot be applied. Reject it")
        details = details_from_record(locked.proposed)
        problems = service_details_problems(details)
        if problems:
            raise WorkflowError(f"This change cannot be applied: {problems[0][1]}. Reject it with that reason")
        before = service_details(service=service)
        _apply_details(service=service, details=details, actor=actor)
        service.last_reviewed_at = timezone.now()
        service.save(update_fields=["last_reviewed_at"])
        _decide(
            revision=locked,
            actor=actor,
            decision=ServiceRevision.Decision.APPROVED,
            reason="",
            changed=changed_fields(before, service_details(service=service)),
        )
        services_reindex(service_ids=[service.pk])
    service.refresh_from_db()
    return service


def revision_reject(*, revision: ServiceRevision, actor, reason: str) -> ServiceRevision:
    """Turn down a waiting change, with a reason for the organisation. The service stays as it is."""
    _require_editor(actor)
    reason = reason.strip()
    if not reason:
        raise WorkflowError("Give a reason. The organisation will see it", field="reason")
    with transaction.atomic():
        locked = _waiting_revision(revision)
        _decide(revision=locked, actor=actor, decision=ServiceRevision.Decision.REJECTED, reason=reason)
    return locked


# --- stale records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleReminderReport:
    stale_services: int
    organisations_reminded: int
    emails_sent: int
    organisations_without_anyone: list[str]
    #: Organisations with stale services whose members were reminded less than
    #: STALE_REMINDER_EVERY_DAYS ago, so not again this time.
    organisations_reminded_lately: int = 0


#: An organisation is reminded of its stale services at most this often, however often the
#: reminder command runs.
STALE_REMINDER_EVERY_DAYS = 28


def stale_reminders_send(*, now: datetime.datetime | None = None) -> StaleReminderReport:
    """Email every member of each organisation that has stale services, listing them, unless its
    members were reminded in the last STALE_REMINDER_EVERY_DAYS days. Each reminder is recorded on
    the organisation (`stale_reminder_sent_at`), so running the command daily still reminds about
    once a month."""
    now = now or timezone.now()
    by_organisation: dict = {}
    stale = list(stale_services(now=now))
    for service in stale:
        by_organisation.setdefault(service.organization, []).append(service)
    reminded, sent, nobody, lately = 0, 0, [], 0
    recent = now - datetime.timedelta(days=STALE_REMINDER_EVERY_DAYS)
    link = settings.SITE_URL + reverse("directory-editor:my-services")
    with transaction.atomic():
        for organization, services in sorted(by_organisation.items(), key=lambda item: item[0].name):
            if organization.stale_reminder_sent_at and organization.stale_reminder_sent_at > recent:
                lately += 1
                continue
            members = [
                member
                for member in organization.members.filter(is_active=True).order_by("last_name", "first_name")
                if member.email
            ]
            if not members:
                nobody.append(organization.name)
                continue
            reminded += 1
            listing = "\n".join(
                f"- {service.name} (last checked "
                f"{service.last_reviewed_at.strftime('%-d %B %Y') if service.last_reviewed_at else 'never'})"
                for service in services
            )
            for member in members:
                notify_send_email(
                    to=member.email,
                    subject=f"Please check your directory entries for {organization.name}",
                    body=(
                        f"Hello {member.first_name},\n\n"
                        f"Nobody has checked these entries in the {settings.COUNCIL_NAME} service directory "
                        "for over a year:\n\n"
                        f"{listing}\n\n"
                        "People rely on them being right. Please sign in and check each one. If something has "
                        "changed, change it; if nothing has, tell us and we will mark it as checked.\n\n"
                        f"{link}\n\n"
                        f"{settings.COUNCIL_NAME}\n"
                    ),
                )
                sent += 1
            Organization.objects.filter(pk=organization.pk).update(stale_reminder_sent_at=now)
    return StaleReminderReport(
        stale_services=len(stale),
        organisations_reminded=reminded,
        emails_sent=sent,
        organisations_without_anyone=nobody,
        organisations_reminded_lately=lately,
    )
