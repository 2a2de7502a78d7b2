"""Page-level access policies.

Every URL's view declares `access_policy`; `tests/architecture` fails if one does not. A policy says
who may reach the page at all. Which records they then see is decided by the app's permissions.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from firstperson.platform.accounts.roles import Role


@dataclass(frozen=True)
class AccessPolicy:
    """Who may open a page.

    `public`: anyone, signed in or not. Otherwise the user must be signed in (anonymous users are sent
    to sign in) and, when `roles` is given, hold one of those roles (anyone else gets 404).
    """

    public: bool = False
    roles: frozenset[str] | None = None
    description: str = ""

    def allows_role(self, role: str) -> bool:
        """An account without a known role is let in nowhere but public pages."""
        if role not in Role.values:
            return False
        return self.roles is None or role in self.roles


PUBLIC = AccessPolicy(public=True, description="Anyone, signed in or not")
SIGNED_IN = AccessPolicy(description="Anyone signed in")


def for_roles(roles: Iterable[Role], description: str = "") -> AccessPolicy:
    return AccessPolicy(roles=frozenset(str(role) for role in roles), description=description)
