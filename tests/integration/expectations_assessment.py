"""Pages of the assessment app: the resident's self-assessment pages (/my-account/assessments/), the
staff's supported self-assessment and eligibility pages, and the administrators' questionnaires.

They are checked with one self-assessment of person A (`url_kwargs`), made once per world: answered
and sent by resident A on the default self-assessment, with an eligibility decision recorded by A's
team. So the question and check pages, which are for assessments in progress, send those who may see
it back to its overview. The representative in the world may only see A's record online: assessments
need authority over assessments and plans, so they get 404 (see assessment/permissions.py). The
questionnaire pages use the default self-assessment's published version 1, which cannot be edited.
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import ANONYMOUS, CASEWORK, RESIDENT_FACE, SIGN_IN, only, staff_record

ADMINISTRATORS = {Role.ADMINISTRATOR}


def url_kwargs(keys, world):
    """assessment_id (A's sent self-assessment), determination_id (its decision), question_code,
    section_code and version_id, made once per world."""
    if "self_assessment" not in world:
        from firstperson.assessment import services
        from firstperson.assessment.models import QuestionnaireVersion

        version = QuestionnaireVersion.objects.get(questionnaire__code="self-assessment", number=1)
        resident = world["users"][Role.RESIDENT]
        assessment = services.self_assessment_start(actor=resident, person=world["people"]["A"], version=version)
        for section in version.sections.all():
            for question in section.questions.all():
                services.self_assessment_answer(
                    actor=resident,
                    assessment=assessment,
                    question_code=question.code,
                    option_code=question.options.last().code,
                )
        assessment = services.self_assessment_submit(actor=resident, assessment=assessment, declaration=True)
        outcomes = services.outcomes_for("adult")
        world["determination"] = services.eligibility_determination_record(
            actor=world["users"][Role.PRACTITIONER],
            assessment=assessment,
            findings=services.DeterminationInput(
                condition_1_met=True,
                condition_1_evidence="Dementia, diagnosed 2024",
                outcomes=tuple(
                    services.OutcomeInput(code=code, unable=True, reasons=("needs_assistance",)) for code in outcomes
                ),
                wellbeing_impacts=("W_HEALTH",),
                significant_impact=True,
                eligible=True,
                reasons="Needs help with every outcome.",
            ),
        )
        world["self_assessment"] = assessment
        world["questionnaire_version"] = version
    values = {
        "assessment_id": world["self_assessment"].pk,
        "determination_id": world["determination"].pk,
        "question_code": "washing",
        "section_code": "personal_care",
        "version_id": world["questionnaire_version"].pk,
    }
    return {key: value for key, value in values.items() if key in keys}


def resident_assessment(status=200):
    """Resident A owns the assessment; nobody else resident-side may see it; staff are 404."""

    def rule(role, subject):
        if role == ANONYMOUS:
            return SIGN_IN
        return status if role == Role.RESIDENT else 404

    return rule


def resident_start_step(role, subject):
    """Nothing chosen yet in this session: back to "Who is this assessment for?"."""
    if role == ANONYMOUS:
        return SIGN_IN
    return 302 if role in RESIDENT_FACE else 404


def staff_assessment(status=200):
    """A's team's caseworkers see A's assessment; no one else staff-side does."""
    return only(CASEWORK, status=status)


def staff_person_page(role, subject):
    return staff_record(role, subject)


EXPECTATIONS = {
    "assessment-resident:assessment-list": only(RESIDENT_FACE),
    "assessment-resident:start-for-whom": only(RESIDENT_FACE),
    "assessment-resident:start-which": resident_start_step,
    "assessment-resident:start-cared-for": resident_start_step,
    "assessment-resident:assessment-overview": resident_assessment(),
    "assessment-resident:assessment-question": resident_assessment(302),  # sent: back to its overview
    "assessment-resident:assessment-check": resident_assessment(302),
    "assessment-resident:assessment-sent": resident_assessment(),
    "assessment-resident:decision": resident_assessment(),
    "assessment-resident:decision-letter": resident_assessment(),
    "assessment-resident:determination": resident_assessment(),
    "assessment-resident:determination-letter": resident_assessment(),
    "assessment:person-assessments": staff_person_page,
    "assessment:assessment-start": staff_person_page,
    "assessment:assessment-detail": staff_assessment(),
    "assessment:assessment-question": staff_assessment(302),  # sent: back to the assessment
    "assessment:assessment-check": staff_assessment(302),
    "assessment:eligibility-create": staff_assessment(),
    "assessment:eligibility-detail": staff_assessment(),
    "assessment:eligibility-letter": staff_assessment(),
    "assessment:questionnaire-list": only(ADMINISTRATORS),
    "assessment:questionnaire-upload": only(ADMINISTRATORS),
    "assessment:questionnaire-version-detail": only(ADMINISTRATORS),
    "assessment:questionnaire-version-download": only(ADMINISTRATORS),
    "assessment:questionnaire-version-copy": only(ADMINISTRATORS, status=405),  # POST only
    "assessment:questionnaire-version-retire": only(ADMINISTRATORS, status=405),  # POST only
    "assessment:question-update": only(ADMINISTRATORS, status=302),  # published: back to the version
    "assessment:section-update": only(ADMINISTRATORS, status=302),  # published: back to the version
}
