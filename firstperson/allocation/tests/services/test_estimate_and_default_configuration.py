"""The estimate service (stores nothing) and the default configuration that ships with FirstPerson."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from firstperson.allocation import selectors, services
from firstperson.allocation.default_configuration import (
    DEFAULT_QUESTIONNAIRE_CODE,
    WORKED_EXAMPLE_CODE,
    default_configuration_load,
)
from firstperson.allocation.exceptions import AnswersDoNotFit, ConfigurationUnavailable, InvalidConfiguration
from firstperson.allocation.models import ConfigurationStatus, RasConfiguration
from firstperson.assessment.models import Question

from ..fixtures import REFERENCE_ANSWERS

pytestmark = pytest.mark.django_db


def test_the_estimate_uses_the_current_configuration_unless_told(configuration):
    assert services.configuration_for_estimate(configuration_id=None) == configuration
    assert services.configuration_for_estimate(configuration_id=str(configuration.pk)) == configuration


@pytest.mark.parametrize("bad_id", ["", "nope", "00000000-0000-4000-8000-000000000000"])
def test_an_unknown_configuration(configuration, bad_id):
    with pytest.raises(ConfigurationUnavailable) as refused:
        services.configuration_for_estimate(configuration_id=bad_id)
    assert refused.value.message == "There is no published configuration with this id."


def test_answers_that_do_not_fit_name_each_question(configuration):
    with pytest.raises(AnswersDoNotFit) as refused:
        services.indicative_budget_estimate(
            configuration=configuration, answers={**REFERENCE_ANSWERS, "pets": "cat", "safety": "level_7"}
        )
    assert refused.value.problems == {
        "pets": "There is no question with this code.",
        "safety": '"level_7" is not one of the answers to this question.',
    }


def test_the_default_configuration_for_the_default_self_assessment(db):
    configuration, created = default_configuration_load()
    assert created
    assert configuration.questionnaire.code == DEFAULT_QUESTIONNAIRE_CODE
    assert configuration.status == ConfigurationStatus.PUBLISHED
    assert selectors.configuration_current() == configuration
    questions = Question.objects.filter(section__version=configuration.questionnaire_version)
    answers = {question.code: question.options.order_by("-points", "order").first().code for question in questions}
    answers["family_support"] = "none"
    result = services.indicative_budget_estimate(configuration=configuration, answers=answers)
    most_points = sum(question.options.order_by("-points").first().points for question in questions)
    assert result.total_points == most_points
    assert result.annual_amount == min(most_points * 247, Decimal(40000))
    with_family_help = services.indicative_budget_estimate(
        configuration=configuration, answers={**answers, "family_support": "a_lot"}
    )
    assert with_family_help.annual_amount < result.annual_amount
    assert "Help from family or friends" in with_family_help.steps[-1].description
    again, created = default_configuration_load()
    assert (again, created) == (configuration, False)


def test_a_questionnaire_without_the_codes_is_refused_and_nothing_is_saved(db, administrator):
    from firstperson.assessment import services as assessment_services

    assessment_services.questionnaire_import(
        actor=administrator,
        content=(
            "format: firstperson-questionnaire/1\n"
            "questionnaire: {code: other, kind: self_assessment, name: Other}\n"
            "sections:\n"
            "  - code: personal_care\n"
            "    title: Personal care\n"
            "    questions:\n"
            "      - code: washing\n"
            "        text: Washing?\n"
            "        options:\n"
            "          - {code: none, text: No help, points: 0}\n"
            "          - {code: some, text: Some help, points: 2}\n"
        ),
        publish=True,
        effective_from=timezone.localdate(),
    )
    with pytest.raises(InvalidConfiguration) as refused:
        default_configuration_load(questionnaire_code="other")
    assert refused.value.problems == ["section eating", "section routines", "question family_support"]
    assert not RasConfiguration.objects.exists()


def test_the_command(db):
    out = StringIO()
    call_command("allocation_load_default", "--questionnaire", WORKED_EXAMPLE_CODE, stdout=out)
    assert out.getvalue().startswith("Published ras-worked-example RAS v1, in force from ")
    out = StringIO()
    call_command("allocation_load_default", "--questionnaire", WORKED_EXAMPLE_CODE, stdout=out)
    assert out.getvalue() == "ras-worked-example RAS v1 is already in force.\n"
    with pytest.raises(CommandError, match="There is no published questionnaire with the code nothing."):
        call_command("allocation_load_default", "--questionnaire", "nothing")
