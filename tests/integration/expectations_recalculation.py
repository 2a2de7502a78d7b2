"""The bulk recalculation page of a RAS configuration (issue 4 §9).

Administrators and finance officers start the job there; practitioners and team managers may read it
(it lists the people in their caseload whose budget had been changed by hand, and counts them for
their own team only). In the matrix world
the configuration is a draft, so the page says why nothing can be worked out yet: 200 for them all.
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import CASEWORK, only

RECALCULATION_READERS = {Role.ADMINISTRATOR, Role.FINANCE_OFFICER} | CASEWORK

EXPECTATIONS = {
    "allocation:configuration-recalculation": only(RECALCULATION_READERS),
}
