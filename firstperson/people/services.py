"""Writes to person records. Each is one transaction, names its actor and records an audit event."""

import datetime
import secrets
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .choices import RecordSource, RelationshipKind
from .exceptions import AccessCodeInvalid, DuplicatePerson, InvalidPersonDetails, PossibleDuplicates
from .models import BreakGlassGrant, Person, Relationship
from .rules.identifiers import (
    nhs_number_normalise,
    nhs_number_problem,
    postcode_is_valid,
    postcode_normalise,
    uprn_is_valid,
    uprn_normalise,
)
from .rules.names import name_search_key

ACCESS_CODE_VALID_FOR = datetime.timedelta(days=60)


@dataclass(frozen=True)
class PersonDetails:
    """Everything staff can set on a person record. Empty strings mean "not given"."""

    legal_given_name: str
    legal_family_name: str
    date_of_birth: datetime.date
    preferred_name: str = ""
    date_of_death: datetime.date | None = None
    nhs_number: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    uprn: str = ""
    phone: str = ""
    email: str = ""
    preferred_format: str = "standard"
    interpreter_language: str = ""
    communication_needs: str = ""
    ethnicity: str = ""
    sex: str = ""
    gender_identity: str = ""
    sexual_orientation: str = ""
    religion: str = ""
    primary_support_reason: str = ""


PERSON_DETAIL_FIELDS = tuple(field.name for field in fields(PersonDetails))


def person_details_of(person: Person) -> PersonDetails:
    return PersonDetails(**{name: getattr(person, name) or _empty(name) for name in PERSON_DETAIL_FIELDS})


def _empty(name: str):
    return None if name in {"date_of_death"} else ""


def _clean_details(details: PersonDetails, *, today: datetime.date) -> PersonDetails:
    """Normalise identifiers and refuse impossible values, naming the field at fault."""
    if not details.legal_given_name.strip():
        raise InvalidPersonDetails("Enter the person's given name", field="legal_given_name")
    if not details.legal_family_name.strip():
        raise InvalidPersonDetails("Enter the person's family name", field="legal_family_name")
    if details.date_of_birth > today:
        raise InvalidPersonDetails("Date of birth must be today or in the past", field="date_of_birth")
    if details.date_of_death is not None:
        if details.date_of_death > today:
            raise InvalidPersonDetails("Date of death must be today or in the past", field="date_of_death")
        if details.date_of_death < details.date_of_birth:
            raise InvalidPersonDetails("Date of death must be on or after the date of birth", field="date_of_death")
    nhs_number = ""
    if details.nhs_number.strip():
        problem = nhs_number_problem(details.nhs_number)
        if problem:
            raise InvalidPersonDetails(problem.message, field="nhs_number")
        nhs_number = nhs_number_normalise(details.nhs_number)
    postcode = ""
    if details.postcode.strip():
        if not postcode_is_valid(details.postcode):
            raise InvalidPersonDetails("Enter a real postcode, like SW1A 2AA", field="postcode")
        postcode = postcode_normalise(details.postcode)
    uprn = ""
    if details.uprn.strip():
        if not uprn_is_valid(details.uprn):
            raise InvalidPersonDetails("UPRN must be a number of up to 12 digits", field="uprn")
        uprn = uprn_normalise(details.uprn)
    stripped = {name: value.strip() for name, value in asdict(details).items() if isinstance(value, str)}
    stripped.update(nhs_number=nhs_number, postcode=postcode, uprn=uprn, email=stripped["email"].lower())
    # Only the text fields are in `stripped`; the dates pass through unchanged.
    return replace(details, **cast(dict[str, Any], stripped))


def _apply(person: Person, details: PersonDetails) -> None:
    for name in PERSON_DETAIL_FIELDS:
        value = getattr(details, name)
        if name == "nhs_number":
            value = value or None
        setattr(person, name, value)
    person.search_name = name_search_key(person.legal_given_name, person.preferred_name, person.legal_family_name)


def person_possible_duplicates(*, details: PersonDetails, exclude: Person | None = None) -> list[Person]:
    """Records with the same name, date of birth and postcode: maybe the same person."""
    if not details.postcode:
        return []
    candidates = Person.objects.filter(
        search_name__contains=name_search_key(details.legal_family_name),
        date_of_birth=details.date_of_birth,
        postcode=postcode_normalise(details.postcode),
    )
    given = name_search_key(details.legal_given_name)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    return [person for person in candidates[:10] if given in person.search_name.split()]


def _refuse_duplicate_nhs_number(nhs_number: str, *, exclude: Person | None = None) -> None:
    if not nhs_number:
        return
    others = Person.objects.filter(nhs_number=nhs_number)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DuplicatePerson(
            "Another person's record already has this NHS number. Search for it before creating a new record",
            field="nhs_number",
        )


def person_create(
    *,
    actor,
    details: PersonDetails,
    allocated_team=None,
    confirmed_not_duplicate: bool = False,
    source: str = RecordSource.STAFF,
) -> Person:
    clean = _clean_details(details, today=timezone.localdate())
    _refuse_duplicate_nhs_number(clean.nhs_number)
    if not confirmed_not_duplicate:
        candidates = person_possible_duplicates(details=clean)
        if candidates:
            raise PossibleDuplicates("We found a record that may be the same person", candidates=candidates)
    person = Person(allocated_team=allocated_team, source=source)
    _apply(person, clean)
    try:
        with transaction.atomic():
            person.save()
            audit_record(
                actor=actor,
                verb=AuditVerb.PERSON_CREATED,
                object_type="person",
                object_id=person.pk,
                person_id=person.pk,
                payload={"confirmed_not_duplicate": confirmed_not_duplicate},
            )
    except IntegrityError as error:
        # Two people saving the same NHS number at once: the unique constraint decides.
        raise DuplicatePerson("Another person's record already has this NHS number", field="nhs_number") from error
    return person


def person_update(*, actor, person: Person, details: PersonDetails) -> Person:
    clean = _clean_details(details, today=timezone.localdate())
    _refuse_duplicate_nhs_number(clean.nhs_number, exclude=person)
    before = person_details_of(person)
    changed = [name for name in PERSON_DETAIL_FIELDS if getattr(before, name) != getattr(clean, name)]
    if not changed:
        return person
    try:
        with transaction.atomic():
            locked = Person.objects.select_for_update().get(pk=person.pk)
            _apply(locked, clean)
            # simple-history records who made the change from this attribute.
            setattr(locked, "_history_user", actor)  # noqa: B010
            locked.save()
            audit_record(
                actor=actor,
                verb=AuditVerb.PERSON_UPDATED,
                object_type="person",
                object_id=person.pk,
                person_id=person.pk,
                payload={"changed_fields": changed},
            )
    except IntegrityError as error:
        raise DuplicatePerson("Another person's record already has this NHS number", field="nhs_number") from error
    return locked


def person_break_glass_open(*, actor, person: Person, reason: str, page: str = "") -> BreakGlassGrant:
    """Let a member of staff open a record outside their caseload, for a while, with a reason."""
    reason = reason.strip()
    if len(reason) < 10:
        raise InvalidPersonDetails(
            "Explain why you need to open this record, in at least 10 characters", field="reason"
        )
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            user=actor,
            person=person,
            reason=reason,
            granted_at=now,
            expires_at=now + datetime.timedelta(minutes=settings.BREAK_GLASS_MINUTES),
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.PERSON_BREAK_GLASS,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
            page=page,
            break_glass_reason=reason,
        )
    return grant


def person_record_view(*, actor, person: Person, page: str) -> None:
    """Add a view of a person's record to the access log."""
    audit_record(
        actor=actor,
        verb=AuditVerb.PERSON_VIEWED,
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        page=page,
        break_glass_reason=_current_break_glass_reason(actor, person),
    )


def _current_break_glass_reason(actor, person: Person) -> str:
    if not getattr(actor, "is_authenticated", False) or actor.uses_resident_face:
        return ""
    if person.allocated_team_id and person.allocated_team_id == actor.team_id:
        return ""
    grant = (
        BreakGlassGrant.objects.filter(user=actor, person=person, expires_at__gt=timezone.now())
        .order_by("-granted_at")
        .first()
    )
    return grant.reason if grant else ""


def person_issue_access_code(*, actor, person: Person) -> str:
    """Make a new one-time code for the person to link an online account. Returned once, stored hashed."""
    code = "-".join(secrets.token_hex(2).upper() for _ in range(3))
    with transaction.atomic():
        person.access_code_hash = make_password(code)
        person.access_code_expires_at = timezone.now() + ACCESS_CODE_VALID_FOR
        person.save(update_fields=["access_code_hash", "access_code_expires_at"])
        audit_record(
            actor=actor,
            verb=AuditVerb.PERSON_ACCESS_CODE_ISSUED,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
        )
    return code


def _normalise_access_code(raw: str) -> str:
    code = "".join(raw.split()).upper()
    if len(code) == 12 and "-" not in code:
        code = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    return code


def person_find_by_access_code(*, access_code: str, date_of_birth: datetime.date) -> Person:
    """The record a letter's account code belongs to, if the date of birth matches too.

    The message does not say which of the two was wrong, so that codes cannot be guessed one detail
    at a time.
    """
    code = _normalise_access_code(access_code)
    candidates = Person.objects.filter(
        date_of_birth=date_of_birth, account__isnull=True, access_code_expires_at__gt=timezone.now()
    ).exclude(access_code_hash="")
    for person in candidates:
        if check_password(code, person.access_code_hash):
            return person
    raise AccessCodeInvalid(
        "We could not match that account code and date of birth. Check the letter we sent you",
        field="access_code",
    )


def person_link_account(*, user, access_code: str, date_of_birth: datetime.date) -> Person:
    """Link a new online account to an existing record, using the code from our letter."""
    with transaction.atomic():
        found = person_find_by_access_code(access_code=access_code, date_of_birth=date_of_birth)
        person = Person.objects.select_for_update().get(pk=found.pk)
        if person.account_id is not None:
            raise AccessCodeInvalid("This record already has an online account", field="access_code")
        person.account = user
        person.access_code_hash = ""
        person.access_code_expires_at = None
        person.save(update_fields=["account", "access_code_hash", "access_code_expires_at"])
        audit_record(
            actor=user,
            verb=AuditVerb.PERSON_ACCOUNT_LINKED,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
        )
    return person


def person_create_for_new_account(*, user, date_of_birth: datetime.date, postcode: str) -> Person:
    """A resident who registered without a code gets a new record of their own, marked as such,
    so staff can check it against existing records."""
    details = PersonDetails(
        legal_given_name=user.first_name,
        legal_family_name=user.last_name,
        date_of_birth=date_of_birth,
        postcode=postcode,
        email=user.email,
    )
    with transaction.atomic():
        person = person_create(
            actor=user, details=details, confirmed_not_duplicate=True, source=RecordSource.SELF_REGISTERED
        )
        person.account = user
        person.save(update_fields=["account"])
    return person


def relationship_create(
    *,
    actor,
    person: Person,
    related_person: Person,
    kind: str,
    start_date: datetime.date,
    description: str = "",
    representative_type: str = "",
    authority_scope: list[str] | None = None,
    evidence: str = "",
    end_date: datetime.date | None = None,
) -> Relationship:
    if person.pk == related_person.pk:
        raise InvalidPersonDetails("A person cannot be their own carer or representative", field="related_person")
    if end_date is not None and end_date < start_date:
        raise InvalidPersonDetails("The end date must be on or after the start date", field="end_date")
    if kind == RelationshipKind.REPRESENTATIVE and not representative_type:
        raise InvalidPersonDetails("Choose what kind of representative they are", field="representative_type")
    with transaction.atomic():
        relationship = Relationship.objects.create(
            person=person,
            related_person=related_person,
            kind=kind,
            description=description,
            representative_type=representative_type if kind == RelationshipKind.REPRESENTATIVE else "",
            authority_scope=list(authority_scope or []),
            evidence=evidence,
            start_date=start_date,
            end_date=end_date,
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.RELATIONSHIP_CREATED,
            object_type="relationship",
            object_id=relationship.pk,
            person_id=person.pk,
            payload={"kind": kind, "related_person": str(related_person.pk)},
        )
    return relationship


def person_find_or_create_related(*, actor, details: PersonDetails) -> Person:
    """The record of a carer or representative: found by NHS number, or by exact name and date of
    birth, or else created, so that staff never type the same person twice."""
    clean = _clean_details(details, today=timezone.localdate())
    if clean.nhs_number:
        found = Person.objects.filter(nhs_number=clean.nhs_number).first()
        if found is not None:
            return found
    matches = list(
        Person.objects.filter(
            search_name=name_search_key(clean.legal_given_name, clean.preferred_name, clean.legal_family_name),
            date_of_birth=clean.date_of_birth,
        )[:2]
    )
    if len(matches) == 1:
        return matches[0]
    return person_create(actor=actor, details=clean, confirmed_not_duplicate=True)


def relationship_end(*, actor, relationship: Relationship, end_date: datetime.date) -> Relationship:
    if end_date < relationship.start_date:
        raise InvalidPersonDetails("The end date must be on or after the start date", field="end_date")
    with transaction.atomic():
        relationship.end_date = end_date
        relationship.save(update_fields=["end_date"])
        audit_record(
            actor=actor,
            verb=AuditVerb.RELATIONSHIP_ENDED,
            object_type="relationship",
            object_id=relationship.pk,
            person_id=relationship.person_id,
            payload={"end_date": end_date.isoformat()},
        )
    return relationship
