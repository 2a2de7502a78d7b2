"""RAS modelling pages (issue 4 §8): calibration, what-if and the equality check, for finance officers,
commissioners and administrators. None of them is about one person, so there is no subject.

The calibration result and the draft page need an upload kept in the session: without one they send
the user back to the upload page (302). The per-person what-if download names people, so it is for
finance officers only; without a configuration chosen it sends them back to the what-if page.
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import only

MODELLERS = {Role.FINANCE_OFFICER, Role.COMMISSIONER, Role.ADMINISTRATOR}

EXPECTATIONS = {
    "allocation:modelling": only(MODELLERS),
    "allocation:calibration-upload": only(MODELLERS),
    "allocation:calibration-example": only(MODELLERS),
    "allocation:calibration-result": only(MODELLERS, status=302),
    "allocation:calibration-draft": only({Role.ADMINISTRATOR}, status=302),
    "allocation:what-if": only(MODELLERS),
    "allocation:what-if-download": only({Role.FINANCE_OFFICER}, status=302),
    "allocation:equality": only(MODELLERS),
}
