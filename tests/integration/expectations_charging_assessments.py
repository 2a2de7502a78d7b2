"""Financial assessment pages (issue 5 §3): the online form under /my-account/financial-assessment/
and the finance officers' pages under /charging/assessments/.

The world gets one financial assessment, started online by resident A for person A and still being
filled in, with one savings item and one evidence file (`url_kwargs`, made before the first charging
page is asked for). So resident A sees every online page; the representative in the world may only
see A's record online (no authority over money), so gets 404; the finance officer sees every
assessment, and person A (who has one) but not person B; every other role gets 404.
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import ANONYMOUS, SIGN_IN, only

OFFICERS = {Role.FINANCE_OFFICER}
RESIDENT_ONLY = {Role.RESIDENT}


def url_kwargs(keys, world):
    """The world's financial assessment, its savings item and its evidence (and a letter id that
    is none of its letters: none has been issued)."""
    if "financial_assessment" not in world:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from firstperson.charging.services import assessments as services
        from firstperson.charging.services import evidence as evidence_service

        resident = world["users"][Role.RESIDENT]
        assessment = services.assessment_start(actor=resident, person=world["people"]["A"], via="online")
        item = services.capital_add(actor=resident, assessment=assessment, type="savings", value=1000)
        evidence = evidence_service.evidence_add(
            actor=resident,
            assessment=assessment,
            uploaded_file=SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        )
        world["financial_assessment"] = (assessment, item, evidence)
    assessment, item, evidence = world["financial_assessment"]
    values = {
        "financial_assessment_id": assessment.pk,
        "item_id": item.pk,
        "evidence_id": evidence.pk,
        "letter_id": "00000000-0000-4000-8000-000000000000",  # no letter issued in this world
        "step": "household",
    }
    return {key: value for key, value in values.items() if key in keys}


def officer_person(role, subject):
    if role == ANONYMOUS:
        return SIGN_IN
    return 200 if role in OFFICERS and subject == "A" else 404


def status_for(roles, status=200):
    return only(roles, status)


def officer_redirect(role, subject):
    return only(OFFICERS, 302)(role, subject)


def no_contribution_yet(role, subject):
    return only(OFFICERS, 404)(role, subject)


def resident_redirect(role, subject):
    return only(RESIDENT_ONLY, 302)(role, subject)


EXPECTATIONS = {
    # Online
    "charging-resident:home": only({Role.RESIDENT, Role.REPRESENTATIVE}),
    "charging-resident:start": only({Role.RESIDENT, Role.REPRESENTATIVE}),
    "charging-resident:overview": only(RESIDENT_ONLY),
    "charging-resident:step": only(RESIDENT_ONLY),
    "charging-resident:capital": only(RESIDENT_ONLY),
    "charging-resident:capital-add": only(RESIDENT_ONLY),
    "charging-resident:income": only(RESIDENT_ONLY),
    "charging-resident:income-add": only(RESIDENT_ONLY),
    "charging-resident:item-remove": only(RESIDENT_ONLY),
    "charging-resident:evidence": only(RESIDENT_ONLY),
    "charging-resident:evidence-download": only(RESIDENT_ONLY),
    "charging-resident:evidence-remove": only(RESIDENT_ONLY),
    "charging-resident:check": only(RESIDENT_ONLY),
    "charging-resident:sent": resident_redirect,  # not sent yet: back to the overview
    "charging-resident:explanation": resident_redirect,  # not completed yet
    "charging-resident:letter": only(RESIDENT_ONLY, 404),  # no letter yet
    # Finance officers
    "charging:assessment-queue": only(OFFICERS),
    "charging:assessment-person": officer_person,
    "charging:assessment-start": officer_person,
    "charging:assessment-detail": only(OFFICERS),
    "charging:assessment-details": only(OFFICERS),
    "charging:assessment-capital-add": only(OFFICERS),
    "charging:assessment-income-add": only(OFFICERS),
    "charging:assessment-item-check": only(OFFICERS),
    "charging:assessment-item-remove": only(OFFICERS),
    "charging:assessment-evidence-add": only(OFFICERS),
    "charging:assessment-evidence": only(OFFICERS),
    "charging:assessment-complete": only(OFFICERS),
    "charging:assessment-letter-issue": no_contribution_yet,
    "charging:assessment-letter": no_contribution_yet,
    "charging:assessment-issued-letter": no_contribution_yet,  # no letter issued yet
    "charging:assessment-reassess": officer_redirect,  # not completed: back to the assessment
}
