"""The rules the access matrix checks pages against, restated by hand in terms of HTTP status.

Each area of the service lists its own pages in `tests/integration/expectations_<area>.py` as a
dict EXPECTATIONS of URL name -> rule(role, subject) -> expected status; the matrix test merges them.
Subject "A" is a person in the casework team's caseload, whose own account is the resident's and
whom the representative represents; "B" is a person in another team, seen by none of the test users.
"""

from firstperson.platform.accounts.roles import Role

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *[str(role) for role in Role]]
CASEWORK = {Role.PRACTITIONER, Role.TEAM_MANAGER}
RECORD_KEEPERS = CASEWORK | {Role.ADVISER}
SEARCHERS = CASEWORK | {Role.FINANCE_OFFICER, Role.ADVISER}
RESIDENT_FACE = {Role.RESIDENT, Role.REPRESENTATIVE}
STAFF = set(Role) - RESIDENT_FACE
SIGN_IN = 302  # anonymous users are sent to sign in


def public(role, subject):
    return 200


def staff_home(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    return 302 if role in RESIDENT_FACE else 200


def only(roles, status=200):
    def rule(role, subject):
        if role == ANONYMOUS:
            return SIGN_IN
        return status if role in roles else 404

    return rule


def staff_record(role, subject):
    """The practitioner and team manager are in person A's team; nobody staff-side sees B."""
    if role == ANONYMOUS:
        return SIGN_IN
    if role in CASEWORK and subject == "A":
        return 200
    return 404


def break_glass(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    if role not in SEARCHERS:
        return 404
    if role in CASEWORK and subject == "A":
        return 302  # already visible: straight to the record
    return 200


def resident_record(role, subject):
    """Resident A owns record A; the representative acts for A; nobody resident-side sees B."""
    if role == ANONYMOUS:
        return SIGN_IN
    if role in RESIDENT_FACE and subject == "A":
        return 200
    return 404


def two_factor_setup(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    return 302 if role in STAFF else 404  # already set up: sent on to the code page


def signed_out_only(role, subject):
    return 200 if role == ANONYMOUS else 302
