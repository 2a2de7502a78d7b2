"""The default self-assessment and carer's self-assessment: shipped as YAML, loaded by a data
migration, checked by the same validator as any import, and exported back to what the file says."""

from pathlib import Path

import pytest
import yaml

from firstperson.assessment.models import Question, Questionnaire, VersionStatus
from firstperson.assessment.questionnaire_files import questionnaire_file_read
from firstperson.assessment.rules.eligibility import ADULT_OUTCOMES, CARER_OUTCOMES
from firstperson.assessment.selectors import questionnaire_version_as_data
from firstperson.assessment.services import questionnaire_spec_from

FOLDER = Path(__file__).resolve().parents[2] / "questionnaires"
FILES = {"self-assessment": "self_assessment_v1.yaml", "carer-self-assessment": "carer_self_assessment_v1.yaml"}


@pytest.mark.parametrize("name", sorted(FILES.values()))
def test_each_shipped_file_passes_the_validator(name):
    parsed = questionnaire_file_read((FOLDER / name).read_bytes())
    spec = questionnaire_spec_from(parsed.data, describe=parsed.describe)
    for section in spec.sections:
        for question in section.questions:
            assert 3 <= len(question.options) <= 5, question.code
            assert question.help_text and question.why_we_ask and question.easy_read_text, question.code
            assert all(option.easy_read_text for option in question.options), question.code


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(FILES))
def test_the_data_migration_loaded_exactly_what_the_file_says(code):
    version = Questionnaire.objects.get(code=code).versions.get()
    assert version.status == VersionStatus.PUBLISHED and version.number == 1
    exported = questionnaire_version_as_data(version)
    shipped = yaml.safe_load((FOLDER / FILES[code]).read_text())
    exported["version"].pop("status")
    exported["version"]["effective_from"] = str(exported["version"]["effective_from"])
    shipped["version"]["effective_from"] = str(shipped["version"]["effective_from"])
    assert exported == shipped


@pytest.mark.django_db
def test_the_default_self_assessment_covers_the_common_ras_domains_and_the_adult_outcomes():
    version = Questionnaire.objects.get(code="self-assessment").versions.get()
    titles = [section.title for section in version.sections.order_by("order")]
    assert titles == [
        "Personal care",
        "Eating and drinking",
        "Daily routines and household",
        "Relationships",
        "Community life and leisure",
        "Work, learning and volunteering",
        "Decisions and communication",
        "Staying safe",
        "Caring for others",
        "Support from family and friends",
    ]
    questions = Question.objects.filter(section__version=version)
    informed = set(questions.exclude(outcome_code="").values_list("outcome_code", flat=True))
    assert informed == set(ADULT_OUTCOMES)
    family = questions.filter(section__code="family_support")
    assert family.count() == 2
    assert {option.points for question in family for option in question.options.all()} == {0}


@pytest.mark.django_db
def test_the_carer_self_assessment_informs_every_carer_outcome():
    version = Questionnaire.objects.get(code="carer-self-assessment").versions.get()
    informed = set(
        Question.objects.filter(section__version=version)
        .exclude(outcome_code="")
        .values_list("outcome_code", flat=True)
    )
    assert informed == set(CARER_OUTCOMES)
    assert Question.objects.filter(section__version=version, code="carer_health").exists()
