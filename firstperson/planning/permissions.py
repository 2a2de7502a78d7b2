"""Who may see and do what with support plans.

| who | sees | writes | other parts |
|---|---|---|---|
| the person (resident) | their own plans | yes | signs off; asks for reconsideration |
| a current representative with "see their record online" or "assessment and planning" authority | the plans of the people they represent | with "assessment and planning" authority | the same as the person |
| the broker the person chose | that plan only (not what the person pays) | yes | |
| a practitioner or team manager | the plans of their team's caseload (and records opened break-glass) | yes | checks plans; records exceptions; decides within delegation |
| a funding panel member | plans sent to the panel | no | decides any plan |
| anyone else | nothing: the plan answers 404 | | |

The parts a user plays in the lifecycle (rules/lifecycle.Part) come from here; whether a decider's
delegation covers a plan is for the decision service, which knows the amount and the policy.
"""

from django.db.models import Q, QuerySet

from firstperson.people import permissions as people_permissions
from firstperson.people.choices import AuthorityScope
from firstperson.platform.accounts.roles import CASEWORK_ROLES, Role

from .models import SupportPlan
from .rules.delegation import Decider
from .rules.lifecycle import Part

RESIDENT_FACE = {Role.RESIDENT, Role.REPRESENTATIVE}


def _planning_representative_of(user) -> list:
    return people_permissions.represented_with_authority(user, AuthorityScope.ASSESSMENT_AND_PLANNING)


#: A representative sees a plan when they may see the person's record online or take part in their
#: plans; authority over money alone, or health and welfare decisions, does not show them the plan.
SEEING_AUTHORITIES = (AuthorityScope.VIEW_ONLINE, AuthorityScope.ASSESSMENT_AND_PLANNING)


def plans_visible_to(user) -> QuerySet[SupportPlan]:
    if user is None or not user.is_authenticated or not user.is_active:
        return SupportPlan.objects.none()
    role = user.role
    if role in RESIDENT_FACE:
        represented = people_permissions.represented_with_authority(user, *SEEING_AUTHORITIES)
        return SupportPlan.objects.filter(Q(person__account=user) | Q(person__in=represented))
    if role == Role.BROKER:
        return SupportPlan.objects.filter(broker=user)
    if role in CASEWORK_ROLES:
        return SupportPlan.objects.filter(person__in=people_permissions.visible_to(user).values("pk"))
    if role == Role.PANEL_MEMBER:
        return SupportPlan.objects.filter(decision_route=Decider.PANEL)
    return SupportPlan.objects.none()


def can_view(user, plan: SupportPlan) -> bool:
    return plans_visible_to(user).filter(pk=plan.pk).exists()


def _is_the_person(user, plan: SupportPlan) -> bool:
    return user.role == Role.RESIDENT and plan.person.account_id == user.pk


def _speaks_for(user, plan: SupportPlan) -> bool:
    """The person, or a current representative with authority for assessments and plans."""
    if _is_the_person(user, plan):
        return True
    return user.role in RESIDENT_FACE and plan.person_id in _planning_representative_of(user)


def _in_team(user, plan: SupportPlan) -> bool:
    return user.role in CASEWORK_ROLES and people_permissions.is_own_team(user, plan.person)


def parts_for(user, plan: SupportPlan) -> frozenset[Part]:
    """The lifecycle parts the user plays for this plan (none if they may not see it)."""
    if not user.is_authenticated or not can_view(user, plan):
        return frozenset()
    parts: set[Part] = set()
    if _speaks_for(user, plan):
        parts |= {Part.AUTHOR, Part.REQUESTER}
    if user.role == Role.BROKER and plan.broker_id == user.pk:
        parts.add(Part.AUTHOR)
    if _in_team(user, plan):
        parts |= {Part.AUTHOR, Part.REVIEWER}
        if user.role == Role.TEAM_MANAGER:
            parts.add(Part.DECIDER)
        if user.role == Role.PRACTITIONER:
            parts.add(Part.DECIDER)  # only within the practitioner's own delegation, if any
    if user.role == Role.PANEL_MEMBER:
        parts.add(Part.DECIDER)
    return frozenset(parts)


def can_edit(user, plan: SupportPlan) -> bool:
    return Part.AUTHOR in parts_for(user, plan)


def can_sign_off(user, plan: SupportPlan) -> bool:
    """The person signs off their own plan; a representative may, for someone who has asked them to."""
    return user.is_authenticated and _speaks_for(user, plan)


def can_choose_broker(user, plan: SupportPlan) -> bool:
    """Only the person (or someone acting for them) chooses who helps them plan: a broker then sees the plan."""
    return user.is_authenticated and _speaks_for(user, plan)


def can_see_contribution(user, plan: SupportPlan) -> bool:
    """What the person pays comes from their financial assessment: the person, a representative with
    authority over their money, and staff in their team see it; a broker, the panel and other
    representatives see the budget without it."""
    if not user.is_authenticated or not can_view(user, plan):
        return False
    if _is_the_person(user, plan) or _in_team(user, plan):
        return True
    return user.role in RESIDENT_FACE and plan.person_id in people_permissions.represented_with_authority(
        user, AuthorityScope.MONEY
    )


def can_record_exception(user, plan: SupportPlan) -> bool:
    """Only the council can agree that paying a relative at home is necessary (reg 3(2))."""
    return user.is_authenticated and _in_team(user, plan)


def can_start_plan(user, person) -> bool:
    """The person, a representative with planning authority, or a practitioner in the team."""
    if not user.is_authenticated:
        return False
    if user.role == Role.RESIDENT:
        return person.account_id == user.pk
    if user.role in RESIDENT_FACE:
        return person.pk in _planning_representative_of(user)
    return user.role in CASEWORK_ROLES and people_permissions.is_own_team(user, person)


def decider_roles_for_queue(user) -> frozenset[str]:
    """The decision routes a user's queue shows."""
    if user.role == Role.PANEL_MEMBER:
        return frozenset({Decider.PANEL})
    if user.role == Role.TEAM_MANAGER:
        return frozenset({Decider.TEAM_MANAGER})
    if user.role == Role.PRACTITIONER:
        return frozenset({Decider.PRACTITIONER})
    return frozenset()


def plans_for_queue(user) -> QuerySet[SupportPlan]:
    """Plans in the user's scope; the queue narrows by status."""
    return plans_visible_to(user)
