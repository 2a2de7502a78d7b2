"""Writes to front-door contacts. Each is one transaction, names its actor and records an audit event."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from firstperson.directory.models import Service
from firstperson.directory.selectors import public_services
from firstperson.people.models import Person
from firstperson.people.services import PersonDetails, person_create
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from . import permissions
from .choices import About, Channel, ContactStatus, Outcome
from .exceptions import ContactStatusError, InvalidContact
from .models import Contact, ContactReferenceCounter, ContactStatusChange
from .rules.enquiry import (
    ADVICE_MAX,
    EMAIL_MAX,
    NAME_MAX,
    REASON_MAX,
    RELATIONSHIP_MAX,
    length_problem,
    phone_normalise,
    phone_problem,
    plain_text,
)
from .rules.lifecycle import move_problem
from .rules.references import reference_for

MAX_SIGNPOSTED_SERVICES = 50


@dataclass(frozen=True)
class HelpRequest:
    """What a resident told us on the public "Ask for help" pages."""

    for_self: bool
    person_name: str
    reason: str
    at_risk: bool
    phone: str = ""
    email: str = ""
    enquirer_name: str = ""  # only when asking for someone else
    enquirer_relationship: str = ""


@dataclass(frozen=True)
class Enquirer:
    """Who got in touch. Every field may be empty: a caller need not give their name."""

    name: str = ""
    relationship: str = ""
    phone: str = ""
    email: str = ""
    is_subject: bool = False


@dataclass(frozen=True)
class ContactDetails:
    """A contact as an adviser records it.

    `about` decides which of `person` (an existing record the adviser can see) or `new_person` (the
    details of a record to create in the adviser's team) is used; an anonymous enquiry has neither.
    """

    channel: str
    about: str
    reason: str
    person: Person | None = None
    new_person: PersonDetails | None = None
    confirmed_not_duplicate: bool = False
    enquirer: Enquirer = field(default_factory=Enquirer)
    advice_given: str = ""
    service_ids: tuple = ()
    outcome: str = ""
    urgent: bool = False
    close: bool = False


# --- checks ------------------------------------------------------------------------------------


def _text(value: str, *, limit: int, what: str, field_name: str, required_message: str = "") -> str:
    text = plain_text(value)
    if required_message and not text:
        raise InvalidContact(required_message, field=field_name)
    problem = length_problem(text, limit=limit, what=what)
    if problem:
        raise InvalidContact(problem, field=field_name)
    return text


def _phone(value: str, *, field_name: str = "phone") -> str:
    if not value.strip():
        return ""
    problem = phone_problem(value)
    if problem:
        raise InvalidContact(problem, field=field_name)
    return phone_normalise(value)


def _email(value: str, *, field_name: str = "email") -> str:
    text = value.strip()
    if not text:
        return ""
    if len(text) > EMAIL_MAX:
        raise InvalidContact(f"Email address must be {EMAIL_MAX} characters or fewer", field=field_name)
    try:
        validate_email(text)
    except ValidationError as error:
        raise InvalidContact(
            "Enter an email address in the correct format, like name@example.com", field=field_name
        ) from error
    return text.lower()


def _clean_enquirer(enquirer: Enquirer) -> Enquirer:
    return Enquirer(
        name=_text(enquirer.name, limit=NAME_MAX, what="Their name", field_name="enquirer_name"),
        relationship=_text(
            enquirer.relationship,
            limit=RELATIONSHIP_MAX,
            what="How they know the person",
            field_name="enquirer_relationship",
        ),
        phone=_phone(enquirer.phone, field_name="enquirer_phone"),
        email=_email(enquirer.email, field_name="enquirer_email"),
        is_subject=enquirer.is_subject,
    )


def _published_services(service_ids: Iterable) -> list[Service]:
    ids = {str(service_id) for service_id in service_ids}
    if len(ids) > MAX_SIGNPOSTED_SERVICES:
        raise InvalidContact(f"Choose {MAX_SIGNPOSTED_SERVICES} services or fewer", field="services")
    services = list(public_services().filter(pk__in=ids)) if ids else []
    if len(services) != len(ids):
        raise InvalidContact("Choose services from the directory: one of them is not published", field="services")
    return services


def _outcome(value: str) -> str:
    if value and value not in Outcome.values:
        raise InvalidContact("Choose an outcome from the list", field="outcome")
    return value


# --- writes ------------------------------------------------------------------------------------


def _next_reference(year: int) -> str:
    """The next number of the year, under a row lock held until the caller's transaction ends."""
    counter = ContactReferenceCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                ContactReferenceCounter.objects.create(year=year, last_number=0)
        except IntegrityError:
            pass  # another contact made this year's counter at the same moment: use theirs
        counter = ContactReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return reference_for(year=year, number=counter.last_number)


def _save(contact: Contact, actor, update_fields: list[str] | None = None) -> None:
    # simple-history records who made the change from this attribute.
    setattr(contact, "_history_user", actor if getattr(actor, "is_authenticated", False) else None)  # noqa: B010
    if update_fields is None:
        contact.save()
    else:
        contact.save(update_fields=[*update_fields, "updated_at"])


def _status_row(contact: Contact, *, from_status: str, actor, reason: str, at: datetime.datetime) -> None:
    ContactStatusChange.objects.create(
        contact=contact,
        from_status=from_status,
        to_status=contact.status,
        reason=reason,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        changed_at=at,
    )


def help_request_submit(*, help_request: HelpRequest, actor=None) -> Contact:
    """A resident asked for help online: a waiting contact in the advisers' queue, urgent first.

    `actor` is the signed-in user, if any; most people asking are not signed in."""
    person_name = _text(
        help_request.person_name,
        limit=NAME_MAX,
        what="Name",
        field_name="person_name",
        required_message="Enter the name of the person who needs help",
    )
    if help_request.for_self:
        enquirer_name, relationship = person_name, ""
    else:
        enquirer_name = _text(
            help_request.enquirer_name,
            limit=NAME_MAX,
            what="Your name",
            field_name="enquirer_name",
            required_message="Enter your name",
        )
        relationship = _text(
            help_request.enquirer_relationship,
            limit=RELATIONSHIP_MAX,
            what="How you know them",
            field_name="enquirer_relationship",
            required_message="Tell us how you know the person who needs help",
        )
    phone = _phone(help_request.phone)
    email = _email(help_request.email)
    if not phone and not email:
        raise InvalidContact("Enter a phone number or an email address, so we can contact you", field="phone")
    reason = _text(
        help_request.reason,
        limit=REASON_MAX,
        what="What you need help with",
        field_name="reason",
        required_message="Tell us what you need help with",
    )
    now = timezone.now()
    with transaction.atomic():
        contact = Contact(
            reference=_next_reference(timezone.localtime(now).year),
            received_at=now,
            channel=Channel.WEB_FORM,
            subject_name=person_name,
            enquirer_name=enquirer_name,
            enquirer_relationship=relationship,
            enquirer_phone=phone,
            enquirer_email=email,
            enquirer_is_subject=help_request.for_self,
            reason=reason,
            urgent=help_request.at_risk,
            status=ContactStatus.WAITING,
        )
        _save(contact, actor)
        _status_row(contact, from_status="", actor=actor, reason="Asked for help online", at=now)
        audit_record(
            actor=actor,
            verb=AuditVerb.FRONTDOOR_HELP_REQUESTED,
            object_type="contact",
            object_id=contact.pk,
            payload={"reference": contact.reference, "urgent": contact.urgent, "for_self": help_request.for_self},
        )
    return contact


def contact_record(*, actor, details: ContactDetails) -> Contact:
    """An adviser records a contact: about an existing person, a new one (created in their team),
    or nobody named; with the advice given, the services signposted and the outcome."""
    if not permissions.can_record(actor):
        raise InvalidContact("Only front-door advisers can record contacts")
    if details.channel not in Channel.values:
        raise InvalidContact("Choose how the contact came in", field="channel")
    if details.about not in About.values:
        raise InvalidContact("Choose who the contact is about", field="about")
    if details.about == About.EXISTING_PERSON:
        if details.person is None:
            raise InvalidContact("Search for the person and choose their record", field="person")
        if not permissions.can_link_person(actor, details.person):
            raise InvalidContact(
                "You can only choose a record you can see. Open it first, with a reason", field="person"
            )
    if details.about == About.NEW_PERSON:
        if details.new_person is None:
            raise InvalidContact("Enter the new person's details", field="new_given_name")
        if not permissions.can_create_person(actor):
            raise InvalidContact("You need to be in a team to create a record", field="about")
    reason = _text(
        details.reason,
        limit=REASON_MAX,
        what="The reason",
        field_name="reason",
        required_message="Enter the reason for the contact",
    )
    advice = _text(details.advice_given, limit=ADVICE_MAX, what="The advice given", field_name="advice_given")
    enquirer = _clean_enquirer(details.enquirer)
    outcome = _outcome(details.outcome)
    services = _published_services(details.service_ids)
    target = ContactStatus.CLOSED if details.close else ContactStatus.IN_PROGRESS
    status_reason = "Closed when recorded" if details.close else "Recorded by an adviser"
    problem = move_problem(
        current=ContactStatus.WAITING, target=target, reason=status_reason, has_outcome=bool(outcome)
    )
    if problem:
        raise InvalidContact(problem.message, field="outcome" if details.close else problem.field)
    now = timezone.now()
    with transaction.atomic():
        person = details.person if details.about == About.EXISTING_PERSON else None
        if details.about == About.NEW_PERSON and details.new_person is not None:
            person = person_create(
                actor=actor,
                details=details.new_person,
                allocated_team=actor.team,
                confirmed_not_duplicate=details.confirmed_not_duplicate,
            )
        contact = Contact(
            reference=_next_reference(timezone.localtime(now).year),
            received_at=now,
            channel=details.channel,
            about=details.about,
            person=person,
            subject_name=person.full_name if person else "",
            enquirer_name=enquirer.name,
            enquirer_relationship=enquirer.relationship,
            enquirer_phone=enquirer.phone,
            enquirer_email=enquirer.email,
            enquirer_is_subject=enquirer.is_subject,
            reason=reason,
            advice_given=advice,
            outcome=outcome,
            urgent=details.urgent,
            status=target,
            assigned_to=actor,
            recorded_by=actor,
            closed_at=now if details.close else None,
        )
        _save(contact, actor)
        contact.signposted_services.set(services)
        _status_row(contact, from_status="", actor=actor, reason=status_reason, at=now)
        audit_record(
            actor=actor,
            verb=AuditVerb.FRONTDOOR_CONTACT_RECORDED,
            object_type="contact",
            object_id=contact.pk,
            person_id=person.pk if person else None,
            payload={
                "reference": contact.reference,
                "channel": contact.channel,
                "about": contact.about,
                "outcome": contact.outcome,
                "status": contact.status,
                "signposted": sorted(str(service.pk) for service in services),
            },
        )
    return contact


def _locked(contact: Contact) -> Contact:
    return Contact.objects.select_for_update().get(pk=contact.pk)


def _audit_update(actor, contact: Contact, payload: dict) -> None:
    audit_record(
        actor=actor,
        verb=AuditVerb.FRONTDOOR_CONTACT_UPDATED,
        object_type="contact",
        object_id=contact.pk,
        person_id=contact.person_id,
        payload={"reference": contact.reference, **payload},
    )


def _refuse_unless_can_change(actor, contact: Contact) -> None:
    if not permissions.can_change(actor, contact):
        raise InvalidContact("Only front-door advisers who can see this contact can change it")


def contact_transition(*, actor, contact: Contact, to_status: str, reason: str) -> Contact:
    """Move a contact through its lifecycle (rules/lifecycle.py), recording who, when, from, to and why.

    Picking a contact up assigns it to the adviser; putting it back in the queue unassigns it."""
    _refuse_unless_can_change(actor, contact)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(contact)
        problem = move_problem(current=locked.status, target=to_status, reason=reason, has_outcome=bool(locked.outcome))
        if problem:
            raise ContactStatusError(problem.message, field=problem.field)
        from_status = locked.status
        locked.status = to_status
        if to_status == ContactStatus.IN_PROGRESS:
            locked.assigned_to = actor
        elif to_status == ContactStatus.WAITING:
            locked.assigned_to = None
        locked.closed_at = now if to_status == ContactStatus.CLOSED else None
        _save(locked, actor, ["status", "assigned_to", "closed_at"])
        _status_row(locked, from_status=from_status, actor=actor, reason=plain_text(reason), at=now)
        _audit_update(actor, locked, {"change": "status", "from": from_status, "to": to_status})
    return locked


def contact_link_person(*, actor, contact: Contact, person: Person) -> Contact:
    """Link the contact to the record of the person it is about. Only a record the adviser can see."""
    _refuse_unless_can_change(actor, contact)
    if not permissions.can_link_person(actor, person):
        raise InvalidContact("You can only link a record you can see. Open it first, with a reason", field="person")
    with transaction.atomic():
        locked = _locked(contact)
        return _link(actor, locked, person, about=About.EXISTING_PERSON)


def contact_link_new_person(
    *, actor, contact: Contact, details: PersonDetails, confirmed_not_duplicate: bool = False
) -> Contact:
    """Create a record for the person (in the adviser's team) and link the contact to it."""
    _refuse_unless_can_change(actor, contact)
    if not permissions.can_create_person(actor):
        raise InvalidContact("You need to be in a team to create a record")
    with transaction.atomic():
        locked = _locked(contact)
        person = person_create(
            actor=actor, details=details, allocated_team=actor.team, confirmed_not_duplicate=confirmed_not_duplicate
        )
        return _link(actor, locked, person, about=About.NEW_PERSON)


def _link(actor, contact: Contact, person: Person, *, about: str) -> Contact:
    previous = contact.person_id
    contact.person = person
    contact.about = about
    if not contact.subject_name:
        contact.subject_name = person.full_name
    _save(contact, actor, ["person", "about", "subject_name"])
    _audit_update(
        actor,
        contact,
        {"change": "person_linked", "about": about, "previous_person": str(previous) if previous else ""},
    )
    return contact


def contact_signpost(*, actor, contact: Contact, service_ids: Iterable) -> Contact:
    """Add services from the directory to those the contact was signposted to."""
    _refuse_unless_can_change(actor, contact)
    services = _published_services(service_ids)
    if not services:
        raise InvalidContact("Choose at least one service", field="services")
    with transaction.atomic():
        locked = _locked(contact)
        already = set(locked.signposted_services.values_list("pk", flat=True))
        added = [service for service in services if service.pk not in already]
        if not added:
            return locked
        locked.signposted_services.add(*added)
        _save(locked, actor, [])
        _audit_update(actor, locked, {"change": "signposted", "added": sorted(str(s.pk) for s in added)})
    return locked


def contact_record_advice(*, actor, contact: Contact, advice_given: str, outcome: str) -> Contact:
    """Record (or correct) the advice given and the outcome."""
    _refuse_unless_can_change(actor, contact)
    advice = _text(advice_given, limit=ADVICE_MAX, what="The advice given", field_name="advice_given")
    outcome = _outcome(outcome)
    with transaction.atomic():
        locked = _locked(contact)
        if locked.status == ContactStatus.CLOSED and not outcome:
            raise InvalidContact("A closed contact keeps its outcome. Reopen it to remove the outcome", field="outcome")
        changed = [
            name for name, value in (("advice_given", advice), ("outcome", outcome)) if getattr(locked, name) != value
        ]
        if not changed:
            return locked
        locked.advice_given, locked.outcome = advice, outcome
        _save(locked, actor, changed)
        _audit_update(actor, locked, {"change": "advice", "changed_fields": changed, "outcome": outcome})
    return locked
