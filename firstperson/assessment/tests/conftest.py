"""Fixtures for assessment: questionnaires imported by the real service, people and the users who act
for them (made by the people services), and self-assessments started and answered through the services."""

import datetime

import pytest

from firstperson.assessment import services
from firstperson.assessment.models import Questionnaire, VersionStatus
from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role

from .builders import CARER_NOT_ELIGIBLE, SMALL_QUESTIONNAIRE


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR, first_name="Ravi", last_name="Menon")


@pytest.fixture
def small_version(db, administrator):
    """A published three-question self-assessment, imported through the real service."""
    return services.questionnaire_import(
        actor=administrator, content=SMALL_QUESTIONNAIRE, publish=True, effective_from=datetime.date(2020, 1, 1)
    )


@pytest.fixture
def default_version(db):
    """The default self-assessment the data migration loads."""
    return Questionnaire.objects.get(code="self-assessment").versions.get(number=1, status=VersionStatus.PUBLISHED)


@pytest.fixture
def carer_version(db):
    return Questionnaire.objects.get(code="carer-self-assessment").versions.get(number=1)


@pytest.fixture
def practitioner(make_user, team):
    return make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")


@pytest.fixture
def resident(make_user):
    return make_user(Role.RESIDENT, first_name="Sam", last_name="Kowalski")


@pytest.fixture
def person(make_person, team, resident):
    """Sam, in the practitioner's team's caseload, with his own online account."""
    return make_person(team=team, account=resident, legal_given_name="Sam", legal_family_name="Kowalski")


@pytest.fixture
def represent(make_person, make_user):
    """Makes a representative account for a person, with the given authority."""

    def make(person, scope=(AuthorityScope.ASSESSMENT_AND_PLANNING,), **names):
        user = make_user(Role.REPRESENTATIVE, **names)
        own = make_person(account=user, legal_given_name=names.get("first_name", "Rep"))
        relationship_create(
            actor=None,
            person=person,
            related_person=own,
            kind=RelationshipKind.REPRESENTATIVE,
            representative_type=RepresentativeType.LPA_HEALTH_WELFARE,
            authority_scope=list(scope),
            start_date=datetime.date(2024, 1, 1),
        )
        return user

    return make


@pytest.fixture
def answer_all():
    """Answers every question of an assessment with its option at `level` (0 is the first option)."""

    def answer(assessment, actor, level=0):
        for section in assessment.version.sections.all():
            for question in section.questions.all():
                options = list(question.options.all())
                services.self_assessment_answer(
                    actor=actor,
                    assessment=assessment,
                    question_code=question.code,
                    option_code=options[min(level, len(options) - 1)].code,
                )

    return answer


@pytest.fixture
def submitted(small_version, person, resident, answer_all):
    """Sam's short self-assessment, answered and sent by Sam."""
    assessment = services.self_assessment_start(actor=resident, person=person, version=small_version)
    answer_all(assessment, resident, level=1)
    return services.self_assessment_submit(actor=resident, assessment=assessment, declaration=True)


@pytest.fixture
def margaret_who_cares_for_ted(make_person, team):
    """Margaret Okafor and Ted Okafor, whom she cares for (PEOPLE.md): (margaret, ted).
    Called with an account when Margaret signs in herself."""

    def make(account=None):
        margaret = make_person(team=team, account=account, legal_given_name="Margaret", legal_family_name="Okafor")
        ted = make_person(team=team, legal_given_name="Ted", legal_family_name="Okafor")
        relationship_create(
            actor=None,
            person=ted,
            related_person=margaret,
            kind=RelationshipKind.CARER,
            start_date=datetime.date(2024, 1, 1),
        )
        return margaret, ted

    return make


@pytest.fixture
def carer_submitted(carer_version, margaret_who_cares_for_ted, make_user, answer_all):
    """Margaret's carer's assessment, about caring for Ted (PEOPLE.md), answered and sent by Margaret."""
    account = make_user(Role.RESIDENT, first_name="Margaret", last_name="Okafor")
    margaret, ted = margaret_who_cares_for_ted(account=account)
    assessment = services.self_assessment_start(actor=account, person=margaret, version=carer_version, cared_for=ted)
    answer_all(assessment, account)
    return services.self_assessment_submit(actor=account, assessment=assessment, declaration=True)


@pytest.fixture
def carer_not_eligible(carer_submitted, practitioner):
    """Margaret's carer's assessment, decided not eligible: caring is not harming her health."""
    return services.eligibility_determination_record(
        actor=practitioner,
        assessment=carer_submitted,
        findings=CARER_NOT_ELIGIBLE,
    )
