"""Who may see and change front-door contacts.

- Front-door advisers and the casework roles (practitioners, team managers) see contacts.
- A contact linked to a person's record is seen only by those who may see that record
  (people.permissions.visible_to); an unlinked contact (a web request not yet matched, an anonymous
  enquiry) is seen by all of them.
- Only advisers record contacts and change them (status, person, signposting, advice and outcome).
"""

from django.db.models import Q, QuerySet

from firstperson.people import permissions as people_permissions
from firstperson.people.models import Person
from firstperson.platform.accounts.roles import CASEWORK_ROLES, Role

from .models import Contact

FRONT_DOOR_ROLES = CASEWORK_ROLES | {Role.ADVISER}
CONTACT_KEEPERS = frozenset({Role.ADVISER})


def _has_role(user, roles) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.role in roles


def visible_to(user) -> QuerySet[Contact]:
    if not _has_role(user, FRONT_DOOR_ROLES):
        return Contact.objects.none()
    people = people_permissions.visible_to(user).values("pk")
    return Contact.objects.filter(Q(person__isnull=True) | Q(person__in=people))


def can_view(user, contact: Contact) -> bool:
    return visible_to(user).filter(pk=contact.pk).exists()


def can_record(user) -> bool:
    return _has_role(user, CONTACT_KEEPERS)


def can_change(user, contact: Contact) -> bool:
    return can_record(user) and can_view(user, contact)


def can_link_person(user, person: Person) -> bool:
    """Only a record the adviser may already see can be linked; others are opened break-glass first."""
    return can_record(user) and people_permissions.can_view(user, person)


def can_create_person(user) -> bool:
    return can_record(user) and people_permissions.can_create(user)
