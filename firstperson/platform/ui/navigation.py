"""The service navigation shown to each role. Links only to pages that role can open.

URL names are strings here, so the platform layer names the pages of apps above it without
importing them; tests/architecture checks every name resolves and that each role can open its links.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES, Role

FIND_SERVICES = ("Find services", "directory-public:service-search")

NAVIGATION: dict[str | None, list[tuple[str, str]]] = {
    None: [("Home", "ui:start"), FIND_SERVICES, ("Ask for help", "frontdoor:help-request-start")],
    Role.RESIDENT: [
        ("My account", "portal:my-account"),
        ("Assessments", "assessment-resident:assessment-list"),
        ("My budget", "allocation-resident:budget-own"),
        ("Support plans", "planning-resident:plan-list"),
        ("Messages", "notify:notification-list"),
        FIND_SERVICES,
    ],
    Role.PRACTITIONER: [
        ("Home", "ui:home"),
        ("People", "people:person-search"),
        ("Support plans", "planning:caseload"),
        ("Plans to check", "planning:review-queue"),
        ("Front door", "frontdoor:contact-queue"),
        FIND_SERVICES,
    ],
    Role.TEAM_MANAGER: [
        ("Home", "ui:home"),
        ("People", "people:person-search"),
        ("Budget approvals", "allocation:moderation-queue"),
        ("Plan decisions", "planning:decision-queue"),
        ("Front door", "frontdoor:contact-queue"),
        FIND_SERVICES,
    ],
    Role.FINANCE_OFFICER: [
        ("Home", "ui:home"),
        ("People", "people:person-search"),
        ("Budget modelling", "allocation:modelling"),
        ("Charging figures", "charging:parameter-list"),
        ("Charging modelling", "charging:modelling"),
        ("Yearly uprating", "charging:uprating-home"),
    ],
    Role.ADVISER: [
        ("Home", "ui:home"),
        ("Front door", "frontdoor:contact-queue"),
        ("People", "people:person-search"),
        FIND_SERVICES,
    ],
    Role.DIRECTORY_EDITOR: [
        ("Home", "ui:home"),
        ("Directory", "directory-editor:home"),
        ("Import", "directory-data:import"),
        FIND_SERVICES,
    ],
    Role.ORGANISATION: [("Home", "ui:home"), ("Your services", "directory-editor:my-services"), FIND_SERVICES],
    Role.COMMISSIONER: [
        ("Home", "ui:home"),
        ("Unmet demand", "directory-public:unmet-demand"),
        ("Budget modelling", "allocation:modelling"),
        ("Charging modelling", "charging:modelling"),
        FIND_SERVICES,
    ],
    Role.PANEL_MEMBER: [("Home", "ui:home"), ("Funding panel", "planning:panel-queue")],
    Role.BROKER: [("Home", "ui:home"), ("Plans I help with", "planning:broker-plans"), FIND_SERVICES],
    Role.ADMINISTRATOR: [
        ("Home", "ui:home"),
        ("Locked accounts", "accounts:locked-account-list"),
        ("Questionnaires", "assessment:questionnaire-list"),
        ("Budget rules", "allocation:configuration-list"),
        ("Budget modelling", "allocation:modelling"),
        ("Charging figures", "charging:parameter-list"),
        ("Plan decisions policy", "planning:policy-list"),
    ],
}
NAVIGATION[Role.REPRESENTATIVE] = NAVIGATION[Role.RESIDENT]
DEFAULT_WORKSPACE = [("Home", "ui:home"), FIND_SERVICES]


@dataclass(frozen=True)
class NavigationItem:
    text: str
    href: str
    current: bool


def navigation_items_for(role: str | None) -> list[tuple[str, str]]:
    if role is None:
        return NAVIGATION[None]
    if role in RESIDENT_FACE_ROLES:
        return NAVIGATION[Role.RESIDENT]
    return NAVIGATION.get(role, DEFAULT_WORKSPACE)


def navigation_for(request) -> list[NavigationItem]:
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    items = []
    for text, url_name in navigation_items_for(role):
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        current = request.path == href or (href not in ("/", "/home/") and request.path.startswith(href))
        items.append(NavigationItem(text=text, href=href, current=current))
    return items
