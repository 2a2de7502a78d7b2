"""Who may open the editors' workflow pages (/directory/): directory editors their review pages,
organisation members their own services, and anyone the registration page.

The matrix asks for a service id that does not exist, so the pages about one service are "not found"
for everyone signed in (and anonymous users are sent to sign in first);
firstperson/directory/tests/workflow/test_pages.py opens real services: the owning organisation and
editors get in, another organisation gets 404. The matrix's organisation user belongs to no
organisation, so "propose a new service" sends them back to their list (302).
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import ANONYMOUS, SIGN_IN, only, public


def signed_in_not_found(role, subject):
    return SIGN_IN if role == ANONYMOUS else 404


EDITORS = {Role.DIRECTORY_EDITOR}
ORGANISATIONS = {Role.ORGANISATION}

EXPECTATIONS = {
    "directory-editor:home": only(EDITORS),
    "directory-editor:service-list": only(EDITORS),
    "directory-editor:service-review": signed_in_not_found,
    "directory-editor:service-change-review": signed_in_not_found,
    "directory-editor:organisation-register": public,
    "directory-editor:organisation-register-sent": public,
    "directory-editor:my-services": only(ORGANISATIONS),
    "directory-editor:my-service-create": only(ORGANISATIONS, status=302),
    "directory-editor:my-service-detail": signed_in_not_found,
    "directory-editor:my-service-update": signed_in_not_found,
}
