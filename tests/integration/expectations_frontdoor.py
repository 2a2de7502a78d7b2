"""Pages of the front door: the public "Ask for help" questions, and the advisers' queue and contacts.

The contact pages are checked with an unlinked contact (a web request not yet matched to a record),
which every front-door role may see; firstperson/frontdoor/tests/views covers linked contacts.
"""

from firstperson.frontdoor.services import HelpRequest, help_request_submit
from firstperson.platform.accounts.roles import Role

from .access_rules import CASEWORK, only, public

FRONT_DOOR = CASEWORK | {Role.ADVISER}
ADVISERS = {Role.ADVISER}


def contact_id(world):
    """The unlinked contact the access matrix opens: asked for online, made once per world."""
    if "contact" not in world:
        world["contact"] = help_request_submit(
            help_request=HelpRequest(
                for_self=True,
                person_name="Aisha Rahman",
                reason="Support in hard weeks",
                at_risk=False,
                phone="01632 960 001",
            )
        )
    return world["contact"].pk


EXPECTATIONS = {
    "frontdoor:help-request-start": public,
    "frontdoor:help-request-step": lambda role, subject: 302,  # nothing answered yet: back to the first question
    "frontdoor:help-request-check": lambda role, subject: 302,  # the same
    "frontdoor:help-request-sent": lambda role, subject: 302,  # nothing sent: back to the start
    "frontdoor:contact-queue": only(FRONT_DOOR),
    "frontdoor:contact-create": only(ADVISERS),
    "frontdoor:contact-detail": only(FRONT_DOOR),
    "frontdoor:contact-status": only(ADVISERS),
    "frontdoor:contact-person": only(ADVISERS),
    "frontdoor:contact-signpost": only(ADVISERS),
    "frontdoor:contact-advice": only(ADVISERS),
}
