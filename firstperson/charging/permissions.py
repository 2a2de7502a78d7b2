"""Who may see and fill in financial assessments, and who checks and completes them.

- Online (the resident face): the person themselves, and a current representative whose authority
  includes "Deal with their money, including the financial assessment" (AuthorityScope.MONEY).
  A representative with any other authority sees nothing of the person's money.
- Finance officers do financial assessments for the whole council: they see every financial
  assessment and the people who have one (the charging caseload), and may start one for a person
  they can otherwise see (people/permissions.py: a record they opened break-glass with a reason).
- Practitioners and team managers who can see the person see their current weekly contribution on
  the staff record page (panels.py), not the assessment itself. Nobody else sees any of it.

Anything a user may not see answers 404.
"""

from django.db.models import Q, QuerySet

from firstperson.people import permissions as people_permissions
from firstperson.people.choices import AuthorityScope
from firstperson.people.models import Person
from firstperson.platform.accounts.roles import CASEWORK_ROLES, RESIDENT_FACE_ROLES, Role

from .models import FinancialAssessment

FINANCE_ROLES = frozenset({Role.FINANCE_OFFICER})
#: Staff who see the current contribution on a person's record (if they may see the person).
CONTRIBUTION_READERS = FINANCE_ROLES | CASEWORK_ROLES


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def people_online_for(user) -> QuerySet[Person]:
    """The people whose financial assessment a resident-face user may see and fill in."""
    if not _signed_in(user) or user.role not in RESIDENT_FACE_ROLES:
        return Person.objects.none()
    return Person.objects.filter(
        Q(account=user) | Q(pk__in=people_permissions.represented_with_authority(user, AuthorityScope.MONEY))
    )


def is_finance_officer(user) -> bool:
    return _signed_in(user) and user.role in FINANCE_ROLES


def people_in_charging_caseload(user) -> QuerySet[Person]:
    """For a finance officer: everyone with a financial assessment, and records they opened."""
    if not is_finance_officer(user):
        return Person.objects.none()
    with_assessment = FinancialAssessment.objects.values("person_id")
    opened = people_permissions.visible_to(user).values("pk")
    return Person.objects.filter(Q(pk__in=with_assessment) | Q(pk__in=opened))


def assessments_visible_to(user) -> QuerySet[FinancialAssessment]:
    if not _signed_in(user):
        return FinancialAssessment.objects.none()
    if user.role in RESIDENT_FACE_ROLES:
        return FinancialAssessment.objects.filter(person__in=people_online_for(user))
    if user.role in FINANCE_ROLES:
        return FinancialAssessment.objects.all()
    return FinancialAssessment.objects.none()


def can_fill_in_online(user, person: Person) -> bool:
    return people_online_for(user).filter(pk=person.pk).exists()


def can_start_as_officer(user, person: Person) -> bool:
    return people_in_charging_caseload(user).filter(pk=person.pk).exists()


def can_see_contribution(user, person: Person) -> bool:
    """The weekly contribution: the person, a representative for money, a finance officer with the
    person in the charging caseload, and caseworkers who can see the record."""
    if not _signed_in(user):
        return False
    if user.role in RESIDENT_FACE_ROLES:
        return can_fill_in_online(user, person)
    if user.role in FINANCE_ROLES:
        return can_start_as_officer(user, person)
    if user.role in CASEWORK_ROLES:
        return people_permissions.can_view(user, person)
    return False
