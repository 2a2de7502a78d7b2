"""Who may see and complete self-assessments, and who may decide eligibility.

- The person themselves, and a representative whose current authority includes "Take part in
  assessments and plans for them" (AuthorityScope.ASSESSMENT_AND_PLANNING). A representative with any
  other authority (seeing the record online, money) does not see or complete assessments.
- Practitioners and team managers who can see the person (people/permissions.py) see their
  assessments. Changing anything (answering in a supported self-assessment, recording an eligibility
  decision) needs the person to be in their own team's caseload: a record opened break-glass is
  read-only, as everywhere else.
- Administrators author questionnaires; they see no person's assessment.
"""

from django.db.models import Q, QuerySet

from firstperson.people import permissions as people_permissions
from firstperson.people.choices import AuthorityScope
from firstperson.people.models import Person
from firstperson.platform.accounts.roles import CASEWORK_ROLES, RESIDENT_FACE_ROLES, Role

from .models import SelfAssessment

QUESTIONNAIRE_AUTHORS = frozenset({Role.ADMINISTRATOR})

#: A representative sees the person's assessments, and the decisions on them, only with authority to
#: take part in their assessments and plans. Those are also the representatives told of a decision.
SEEING_AUTHORITIES = (AuthorityScope.ASSESSMENT_AND_PLANNING,)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def people_assessable_by(user) -> QuerySet[Person]:
    """The people whose assessments a resident-face user may see and complete: themselves, and those
    they represent with authority over assessments."""
    if not _signed_in(user) or user.role not in RESIDENT_FACE_ROLES:
        return Person.objects.none()
    return Person.objects.filter(
        Q(account=user) | Q(pk__in=people_permissions.represented_with_authority(user, *SEEING_AUTHORITIES))
    )


def people_with_visible_assessments(user) -> QuerySet[Person]:
    if not _signed_in(user):
        return Person.objects.none()
    if user.role in RESIDENT_FACE_ROLES:
        return people_assessable_by(user)
    if user.role in CASEWORK_ROLES:
        return people_permissions.visible_to(user)
    return Person.objects.none()


def can_view_assessments_of(user, person: Person) -> bool:
    return people_with_visible_assessments(user).filter(pk=person.pk).exists()


def can_complete_for(user, person: Person) -> bool:
    """May start a self-assessment for the person and answer its questions."""
    if not _signed_in(user):
        return False
    if user.role in RESIDENT_FACE_ROLES:
        return people_assessable_by(user).filter(pk=person.pk).exists()
    return user.role in CASEWORK_ROLES and people_permissions.can_edit(user, person)


def can_decide_eligibility(user, person: Person) -> bool:
    return _signed_in(user) and user.role in CASEWORK_ROLES and people_permissions.can_edit(user, person)


def assessments_visible_to(user) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.filter(person__in=people_with_visible_assessments(user))


def can_author_questionnaires(user) -> bool:
    return _signed_in(user) and user.role in QUESTIONNAIRE_AUTHORS
