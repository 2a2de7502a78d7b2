"""The service navigation shown to each role. Links only to pages that role can open."""

from dataclasses import dataclass

from django.urls import reverse

from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES, Role


@dataclass(frozen=True)
class NavigationItem:
    text: str
    href: str
    current: bool


def _items_for(role: str | None) -> list[tuple[str, str]]:
    if role is None:
        return [("Home", "ui:start")]
    if role in RESIDENT_FACE_ROLES:
        return [("My account", "portal:my-account"), ("Who has looked at my record", "portal:who-has-looked")]
    items = [("Home", "ui:home")]
    if role in {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.FINANCE_OFFICER}:
        items.append(("People", "people:person-search"))
    if role == Role.ADMINISTRATOR:
        items.append(("Locked accounts", "accounts:locked-account-list"))
    return items


def navigation_for(request) -> list[NavigationItem]:
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    path = request.path
    items = []
    for text, url_name in _items_for(role):
        href = reverse(url_name)
        items.append(NavigationItem(text=text, href=href, current=path == href))
    return items
