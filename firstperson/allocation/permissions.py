"""Who may see and change RAS configurations, indicative budgets and their moderation.

- Administrators author configurations (drafts), preview, publish and retire them. Published
  configurations are public anyway (the API and the estimate page publish the method).
- An indicative budget is seen by the person; by a current representative whose authority covers
  assessments and plans, or money (a budget is both: seeing the record online is not enough); and by
  the staff who may see the person's record (people/permissions.py): their team's practitioners and
  team managers, and staff who opened the record break-glass (read-only).
- Practitioners and team managers of the person's team work the budget out and change it, always
  with a reason. A change beyond the configuration's tolerance waits for a team manager of that
  team who did not ask for it themselves (a second pair of eyes).
- The bulk recalculation page counts the budgets that had been changed by hand, by team. The
  administrators and finance officers who start it see every team's count, as they see figures for
  the whole council on the modelling pages. Practitioners and team managers see only their own
  team's count: their work is their team's caseload, and other teams' figures are not theirs to
  see (the modelling pages are closed to them, and their queues count only their team).
"""

from django.db.models import Q, QuerySet

from firstperson.people import permissions as people_permissions
from firstperson.people.choices import AuthorityScope
from firstperson.people.models import Person
from firstperson.platform.accounts.roles import CASEWORK_ROLES, RESIDENT_FACE_ROLES, Role

from .models import BudgetModeration, IndicativeBudget, ModerationStatus

CONFIGURATION_AUTHORS = frozenset({Role.ADMINISTRATOR})
#: Staff who may open a person's budget page (and then see it only if they may see the person).
BUDGET_READERS = CASEWORK_ROLES | {Role.FINANCE_OFFICER}
BUDGET_WORKERS = CASEWORK_ROLES
DECIDERS = frozenset({Role.TEAM_MANAGER})
#: Who sees every team's count of budgets changed by hand on the bulk recalculation page.
EVERY_TEAM_READERS = frozenset({Role.ADMINISTRATOR, Role.FINANCE_OFFICER})


def can_author_configurations(user) -> bool:
    return user.is_authenticated and user.role in CONFIGURATION_AUTHORS


#: A representative with one of these authorities sees the budget of the person they act for.
BUDGET_AUTHORITIES = frozenset({AuthorityScope.ASSESSMENT_AND_PLANNING, AuthorityScope.MONEY})


def people_with_visible_budgets(user) -> QuerySet[Person]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    if user.role in RESIDENT_FACE_ROLES:
        return Person.objects.filter(
            Q(account=user) | Q(pk__in=people_permissions.represented_with_authority(user, *BUDGET_AUTHORITIES))
        )
    if user.role in BUDGET_READERS:
        return people_permissions.visible_to(user)
    return Person.objects.none()


def budgets_visible_to(user) -> QuerySet[IndicativeBudget]:
    return IndicativeBudget.objects.filter(person__in=people_with_visible_budgets(user))


def can_view_budget(user, person: Person) -> bool:
    return people_with_visible_budgets(user).filter(pk=person.pk).exists()


def can_calculate(user, person: Person) -> bool:
    return user.is_authenticated and user.role in BUDGET_WORKERS and people_permissions.can_edit(user, person)


def can_moderate(user, budget: IndicativeBudget) -> bool:
    return budget.is_current and can_calculate(user, budget.person)


def can_see_every_team(user) -> bool:
    """Whether the user sees every team's figures on the bulk recalculation page, not just their own."""
    return user.is_authenticated and user.role in EVERY_TEAM_READERS


def can_decide_any(user) -> bool:
    return user.is_authenticated and user.role in DECIDERS and user.team_id is not None


def can_decide(user, moderation: BudgetModeration) -> bool:
    return (
        moderation.status == ModerationStatus.PENDING
        and can_decide_any(user)
        and people_permissions.can_edit(user, moderation.budget.person)
        and moderation.proposed_by_id != user.pk
    )
