"""Who may see and change person records. Every page, API and selector asks these.

- Residents see their own record; representatives also see the people they currently represent.
- Practitioners and team managers see their team's caseload, and records they opened "break-glass"
  with a written reason, for a limited time. They edit only their team's caseload.
- Finance officers have no caseload: they search, and open records break-glass with a reason.
- Front-door advisers search too, and create records for people new to the council (into the front
  door team, which then sees them); other records they open break-glass.
- Providers, personal assistants and brokers will see the people who chose them (later work makes
  those links); panel members the cases before their panel. Until then they see nobody.
- Directory editors, commissioners and administrators see no identifiable person records.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from firstperson.platform.accounts.roles import CASEWORK_ROLES, RECORD_CREATING_ROLES, Role

from .choices import RelationshipKind
from .models import Person, Relationship

SEARCH_ROLES = CASEWORK_ROLES | {Role.FINANCE_OFFICER, Role.ADVISER}


def _today() -> datetime.date:
    return timezone.localdate()


def represented_people(user) -> QuerySet[Person]:
    """People for whom the user's own record is a current representative.

    One filter() call, so that every condition applies to the same relationship row: chained calls
    across a multi-valued relation may each match a different row (an ended representation and a
    current carer link, say) and let the user in.
    """
    today = _today()
    current_representation = Relationship.objects.filter(
        related_person__account=user,
        kind=RelationshipKind.REPRESENTATIVE,
        start_date__lte=today,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    return Person.objects.filter(pk__in=current_representation.values("person_id"))


def represented_with_authority(user, *authorities: str) -> list:
    """Ids of the people the user currently represents with any of `authorities` (AuthorityScope
    values, such as money, or assessment and planning). One filter() call, as above; the scope is a JSON list,
    read in Python because SQLite cannot look inside one."""
    today = _today()
    rows = Relationship.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        related_person__account=user,
        kind=RelationshipKind.REPRESENTATIVE,
        start_date__lte=today,
    ).values_list("person_id", "authority_scope")
    wanted = set(authorities)
    return [person_id for person_id, scope in rows if wanted & set(scope or [])]


def visible_to(user) -> QuerySet[Person]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    role = user.role
    if role in (Role.RESIDENT, Role.REPRESENTATIVE):
        own = Person.objects.filter(account=user).values("pk")
        represented = represented_people(user).values("pk")
        return Person.objects.filter(Q(pk__in=own) | Q(pk__in=represented))
    if role in SEARCH_ROLES:
        opened = Person.objects.filter(
            break_glass_grants__user=user, break_glass_grants__expires_at__gt=timezone.now()
        ).values("pk")
        condition = Q(pk__in=opened)
        if role in CASEWORK_ROLES | {Role.ADVISER} and user.team_id:
            condition |= Q(allocated_team_id=user.team_id)
        return Person.objects.filter(condition)
    return Person.objects.none()


def can_view(user, person: Person) -> bool:
    return visible_to(user).filter(pk=person.pk).exists()


def can_search(user) -> bool:
    return user.is_authenticated and user.role in SEARCH_ROLES


def can_break_glass(user, person: Person) -> bool:
    return can_search(user) and not can_view(user, person)


def can_create(user) -> bool:
    """New records join the creator's team's caseload, so a caseworker needs a team to create one."""
    return user.is_authenticated and user.role in RECORD_CREATING_ROLES and user.team_id is not None


def can_edit(user, person: Person) -> bool:
    return (
        user.is_authenticated
        and user.role in RECORD_CREATING_ROLES
        and user.team_id is not None
        and person.allocated_team_id == user.team_id
    )


def is_own_team(user, person: Person) -> bool:
    return user.team_id is not None and person.allocated_team_id == user.team_id
