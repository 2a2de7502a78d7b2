"""Pages of the allocation app and its API: RAS configurations (administrators), a person's
indicative budget (staff, and "How we worked out your budget" for residents), the public estimate,
and the allocation API.

The configuration pages are checked with a draft configuration made once per world (`configuration_id`),
so every editing page answers the administrator. Person A has no budget in the matrix world, so the
pages that change one send caseworkers back to the budget page; firstperson/allocation/tests/views
covers them with real budgets. The representative in the world may only see A's record online: a
budget needs authority over plans or money, so they get 404 (see allocation/permissions.py).
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import ANONYMOUS, CASEWORK, RESIDENT_FACE, SIGN_IN, only, public

ADMINISTRATORS = {Role.ADMINISTRATOR}
BUDGET_READERS = CASEWORK | {Role.FINANCE_OFFICER}
TEAM_MANAGERS = {Role.TEAM_MANAGER}


def configuration_id(world):
    """A draft configuration of the default self-assessment, made once per world."""
    if "ras_configuration" not in world:
        from firstperson.allocation.services import configuration_create
        from firstperson.assessment.models import QuestionnaireVersion

        version = QuestionnaireVersion.objects.filter(questionnaire__code="self-assessment").first()
        world["ras_configuration"] = configuration_create(actor=None, questionnaire_version=version)
    return world["ras_configuration"].pk


def staff_budget(role, subject, *, caseworker_status=200, roles=BUDGET_READERS):
    """The caseworkers of A's team see A's budget pages; nobody staff-side sees B; the finance officer
    is let in by the page but sees no one without opening a record break-glass."""
    if role == ANONYMOUS:
        return SIGN_IN
    if role in roles & CASEWORK and subject == "A":
        return caseworker_status
    return 404


def resident_budget(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    if role == Role.RESIDENT and subject == "A":
        return 200
    return 404


def no_such_configuration(role, subject):
    return 404  # the world's configuration is a draft: drafts are not published through the API


def not_started(role, subject):
    return 302  # nothing answered yet: back to the start page


EXPECTATIONS = {
    "allocation:configuration-list": only(ADMINISTRATORS),
    "allocation:configuration-create": only(ADMINISTRATORS),
    "allocation:configuration-detail": only(ADMINISTRATORS),
    "allocation:configuration-details": only(ADMINISTRATORS),
    "allocation:configuration-domains": only(ADMINISTRATORS),
    "allocation:configuration-money": only(ADMINISTRATORS),
    "allocation:configuration-adjustments": only(ADMINISTRATORS),
    "allocation:configuration-preview": only(ADMINISTRATORS),
    "allocation:configuration-publish": only(ADMINISTRATORS),
    "allocation:configuration-retire": only(ADMINISTRATORS),
    "allocation:configuration-new-version": only(ADMINISTRATORS),
    "allocation:moderation-queue": only(TEAM_MANAGERS),
    "allocation:budget-detail": staff_budget,
    "allocation:budget-calculate": lambda role, subject: staff_budget(role, subject, roles=CASEWORK),
    "allocation:budget-moderate": lambda role, subject: staff_budget(
        role, subject, caseworker_status=302, roles=CASEWORK
    ),
    "allocation:moderation-decide": lambda role, subject: staff_budget(
        role, subject, caseworker_status=302, roles=TEAM_MANAGERS
    ),
    "allocation-resident:budget-own": only(RESIDENT_FACE),
    "allocation-resident:budget-detail": resident_budget,
    "estimate:estimate-start": public,
    "estimate:estimate-question": not_started,
    "estimate:estimate-check": not_started,
    "estimate:estimate-result": not_started,
    "allocation-api:estimate": lambda role, subject: 405,  # POST only
    "allocation-api:configuration-current": lambda role, subject: 404,  # none in force in the matrix world
    "allocation-api:configuration-detail": no_such_configuration,
    "api-v1:openapi": public,
}
