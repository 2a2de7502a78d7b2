"""The "read this in Easy Read / in standard words" switch, one for every page that offers both.

Easy Read is the default when the person the page is about prefers it; whoever is reading can choose
otherwise with ``?format=easy-read`` or ``?format=standard``. The choice is remembered in the reader's
session for that one record only (the budget page per person, the self-assessment per assessment), so
a representative who reads for two people chooses for each. The budget page and the self-assessment
once had a copy each; keeping one means the two cannot drift apart.

The person's preference comes in as a yes or no: platform imports no domain app (STYLE.md).
"""

from dataclasses import dataclass

from django.http import HttpRequest

EASY_READ = "easy-read"
STANDARD = "standard"
FORMATS = frozenset({EASY_READ, STANDARD})


@dataclass(frozen=True)
class EasyReadSwitch:
    """One page's switch. Choices live in the session under ``session_key``, one per record id:
    ``{"<id>": "easy-read" | "standard"}``. Keep a page's key once people use it, or their choices
    are lost."""

    session_key: str

    def is_easy_read(self, request: HttpRequest, *, remembered_for: int | str, prefers_easy_read: bool) -> bool:
        """Easy Read when the person prefers it, unless whoever is reading chose otherwise."""
        chosen = request.session.get(self.session_key, {}).get(str(remembered_for))
        if chosen is not None:
            return chosen == EASY_READ
        return prefers_easy_read

    def remember(self, request: HttpRequest, *, remembered_for: int | str) -> bool:
        """Remember the format ``?format=`` names for this record. Anything else is ignored; says
        whether there was a choice to remember."""
        wanted = request.GET.get("format")
        if wanted not in FORMATS:
            return False
        # A new dict, not the stored one changed in place: the session saves only what is set.
        chosen = dict(request.session.get(self.session_key, {}))
        chosen[str(remembered_for)] = wanted
        request.session[self.session_key] = chosen
        return True


def format_switch_url(path: str, *, easy_read: bool) -> str:
    """The same page in the other format."""
    return f"{path}?format={STANDARD if easy_read else EASY_READ}"
