"""Reads of person records, always scoped to what the actor may see."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES

from .choices import RelationshipKind
from .models import Person, Relationship
from .permissions import can_search, represented_people, visible_to
from .rules.identifiers import nhs_number_normalise, postcode_normalise
from .rules.names import name_search_key

SEARCH_RESULT_LIMIT = 50


@dataclass(frozen=True)
class SearchCriteria:
    name: str = ""
    date_of_birth: datetime.date | None = None
    nhs_number: str = ""
    postcode: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name.strip() or self.date_of_birth or self.nhs_number.strip() or self.postcode.strip())


@dataclass(frozen=True)
class SearchResult:
    person: Person
    visible: bool


def person_search(*, actor, criteria: SearchCriteria) -> list[SearchResult]:
    """Staff search across all records. Results outside the actor's access are marked, so that
    opening them needs a reason. Matches every word of the name, ignoring case and accents."""
    if not can_search(actor) or criteria.is_empty:
        return []
    query = Person.objects.select_related("allocated_team")
    for word in name_search_key(criteria.name).split():
        query = query.filter(search_name__contains=word)
    if criteria.date_of_birth:
        query = query.filter(date_of_birth=criteria.date_of_birth)
    if criteria.nhs_number.strip():
        query = query.filter(nhs_number=nhs_number_normalise(criteria.nhs_number))
    if criteria.postcode.strip():
        postcode = postcode_normalise(criteria.postcode)
        query = query.filter(Q(postcode=postcode) | Q(postcode__startswith=postcode.replace(" ", "") + " "))
    people = list(query.order_by("legal_family_name", "legal_given_name", "date_of_birth")[:SEARCH_RESULT_LIMIT])
    visible_ids = set(visible_to(actor).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    return [SearchResult(person=person, visible=person.pk in visible_ids) for person in people]


def person_get_for_actor(*, actor, person_id: uuid.UUID) -> Person:
    """The record, if the actor may see it; otherwise 404, whether or not it exists."""
    person = (
        visible_to(actor).select_related("allocated_team", "allocated_worker", "account").filter(pk=person_id).first()
    )
    if person is None:
        raise Http404("No person here.")
    return person


def person_get_for_break_glass(*, actor, person_id: uuid.UUID) -> Person:
    """A record the actor may open with a reason: any record, for staff who can search."""
    if not can_search(actor):
        raise Http404("No person here.")
    person = Person.objects.select_related("allocated_team").filter(pk=person_id).first()
    if person is None:
        raise Http404("No person here.")
    return person


def relationships_of(*, person: Person) -> QuerySet[Relationship]:
    """Both directions: who cares for or represents this person, and whom they care for or represent."""
    return (
        Relationship.objects.filter(Q(person=person) | Q(related_person=person))
        .select_related("person", "related_person")
        .order_by("-start_date")
    )


def people_represented_by(*, user) -> QuerySet[Person]:
    return represented_people(user).distinct().order_by("legal_family_name", "legal_given_name")


def active_representation(*, user, person: Person) -> Relationship | None:
    today = timezone.localdate()
    return (
        Relationship.objects.filter(
            person=person, related_person__account=user, kind=RelationshipKind.REPRESENTATIVE, start_date__lte=today
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .first()
    )


def person_of_account(*, user) -> Person | None:
    """The record linked to a resident's own online account, if there is one."""
    return Person.objects.filter(account=user).first() if user.is_authenticated else None


def accounts_to_tell(*, person: Person, authorities: Iterable[str]) -> list[tuple[User, bool]]:
    """Who hears news about the person, as (account, is the person): their own online account, then
    the accounts of their current representatives whose authority includes any of `authorities`
    (AuthorityScope values). Only active resident and representative accounts, each once.

    Each app passes the authorities that let a representative see what the news is about (its
    permissions.SEEING_AUTHORITIES), so that nobody is told about something they may not read.
    """
    today = timezone.localdate()
    wanted = set(authorities)
    representatives = (
        Relationship.objects.filter(person=person, kind=RelationshipKind.REPRESENTATIVE, start_date__lte=today)
        .exclude(end_date__lt=today)
        .exclude(related_person__account__isnull=True)
        .select_related("related_person__account")
        .order_by("start_date", "pk")
    )
    candidates: list[tuple[User | None, bool]] = [(person.account, True)]
    candidates += [
        (relationship.related_person.account, False)
        for relationship in representatives
        if wanted & set(relationship.authority_scope or [])
    ]
    told: list[tuple[User, bool]] = []
    for account, is_the_person in candidates:
        if account is None or not account.is_active or account.role not in RESIDENT_FACE_ROLES:
            continue
        if all(account.pk != already.pk for already, _ in told):
            told.append((account, is_the_person))
    return told
