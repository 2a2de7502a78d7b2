"""Pages of the foundation: public pages, accounts, the resident portal and person records."""

from firstperson.platform.accounts.roles import Role

from .access_rules import (
    ANONYMOUS,
    RECORD_KEEPERS,
    RESIDENT_FACE,
    SEARCHERS,
    STAFF,
    break_glass,
    only,
    public,
    resident_record,
    signed_out_only,
    staff_home,
    staff_record,
    two_factor_setup,
)

EXPECTATIONS = {
    "ui:start": public,
    "ui:home": staff_home,
    "ui:accessibility": public,
    "ui:privacy": public,
    "ui:cookies": public,
    "ui:feedback": public,
    "ui:healthz": public,
    "accounts:sign-in": public,
    "accounts:two-factor-verify": only(STAFF),
    "accounts:two-factor-setup": two_factor_setup,
    "accounts:sign-out": lambda role, subject: 302 if role == ANONYMOUS else 200,  # signed in: a page that asks
    "accounts:signed-out": public,
    "accounts:password-reset": public,
    "accounts:password-reset-sent": public,
    "accounts:password-reset-confirm": public,
    "accounts:password-reset-complete": public,
    "accounts:locked-account-list": only({Role.ADMINISTRATOR}),
    "accounts:account-unlock": only({Role.ADMINISTRATOR}, status=405),  # POST only
    "portal:register": public,
    "portal:register-step": signed_out_only,
    "portal:register-check": lambda role, subject: 302,  # nothing answered yet: back to the first question
    "portal:register-sent": public,
    "portal:register-verify": public,
    "portal:my-account": only(RESIDENT_FACE),
    "portal:who-has-looked": only(RESIDENT_FACE),
    "portal:person-record": resident_record,
    "portal:person-who-has-looked": resident_record,
    "people:person-search": only(SEARCHERS),
    "people:person-create": only(RECORD_KEEPERS),
    "people:person-detail": staff_record,
    "people:person-update": staff_record,
    "people:person-history": staff_record,
    "people:person-access-code": staff_record,
    "people:person-break-glass": break_glass,
    "people:relationship-create": staff_record,
    "people:relationship-end": lambda role, subject: (
        405 if staff_record(role, subject) == 200 else staff_record(role, subject)
    ),
}
