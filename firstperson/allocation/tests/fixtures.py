"""Test data for the allocation app, made with the real services: the worked example of REFERENCE.md
§2.10 as a published configuration, and self-assessments started, answered and sent through the
assessment app's services. Plain functions, so that API tests and browser journeys can use them too."""

import datetime
from decimal import Decimal

from django.utils import timezone

from firstperson.allocation import services
from firstperson.allocation.default_configuration import WORKED_EXAMPLE_CODE, default_configuration_load
from firstperson.allocation.models import RasConfiguration
from firstperson.allocation.rules.ras import reference_example
from firstperson.assessment import services as assessment_services
from firstperson.assessment.models import QuestionnaireVersion, SelfAssessment

#: The answers of §2.10: 44 raw points, a lot of help from family: £9,534.20 a year, £183.35 a week.
REFERENCE_ANSWERS = dict(reference_example().answers)
#: The same person with no help from family: 44 points × £247 = £10,868.00 a year.
NO_FAMILY_HELP = {**REFERENCE_ANSWERS, "family_support": "none"}
#: Nobody needs help: 0 points, raised to the £1,000 minimum.
NO_NEEDS = {code: "level_0" for code in REFERENCE_ANSWERS if code != "family_support"} | {"family_support": "none"}


def reference_configuration(*, actor=None) -> RasConfiguration:
    """The worked example of §2.10, published through the services, in force from today."""
    configuration, _ = default_configuration_load(actor=actor, questionnaire_code=WORKED_EXAMPLE_CODE)
    return configuration


def draft_copy(configuration: RasConfiguration, *, actor, effective_from: datetime.date | None = None, **changes):
    """A new draft version of `configuration`, with the details in `changes` (price_per_point etc.)."""
    draft = services.configuration_new_version(actor=actor, configuration=configuration)
    if "price_per_point" in changes:
        services.configuration_set_money(
            actor=actor,
            configuration=draft,
            method="price_per_point",
            price_per_point=Decimal(changes["price_per_point"]),
        )
    draft.refresh_from_db()
    services.configuration_update_details(
        actor=actor,
        configuration=draft,
        details=services.ConfigurationDetails(
            effective_from=effective_from,
            effective_to=changes.get("effective_to"),
            period=changes.get("period", draft.period),
            rounding=changes.get("rounding", draft.rounding),
            minimum=Decimal(changes.get("minimum", draft.minimum)),
            maximum=changes.get("maximum", draft.maximum),
            tolerance_percent=Decimal(changes.get("tolerance_percent", draft.tolerance_percent)),
            equality_threshold_percent=Decimal(
                changes.get("equality_threshold_percent", draft.equality_threshold_percent)
            ),
        ),
    )
    draft.refresh_from_db()
    return draft


def weighted_copy(configuration: RasConfiguration, *, actor, effective_from: datetime.date | None = None):
    """A new draft of the §2.10 configuration (£247 a point) where personal care counts one and a half
    times, capped at 10 points; eating and drinking counts half; staying safe does not count."""
    draft = draft_copy(configuration, actor=actor, effective_from=effective_from)
    services.configuration_set_domains(
        actor=actor,
        configuration=draft,
        values={
            "personal_care": services.DomainValues(weight=Decimal("1.5"), cap_points=Decimal("10")),
            "eating": services.DomainValues(weight=Decimal("0.5"), cap_points=None),
            "safety": services.DomainValues(weight=Decimal(0), cap_points=None),
        },
    )
    draft.refresh_from_db()
    return draft


def weighted_in_force(configuration: RasConfiguration, *, actor) -> RasConfiguration:
    """`weighted_copy`, published and in force from today, `configuration` moved back to have taken
    effect a month ago (publication refuses two versions taking effect on the same day)."""
    today = timezone.localdate()
    RasConfiguration.objects.filter(pk=configuration.pk).update(effective_from=today - datetime.timedelta(days=30))
    draft = weighted_copy(configuration, actor=actor, effective_from=today)
    return services.configuration_publish(actor=actor, configuration=draft)


def submitted_assessment(*, person, actor, answers: dict[str, str], version: QuestionnaireVersion | None = None):
    """A supported self-assessment, answered and sent by a practitioner in the person's team."""
    if version is None:
        version = QuestionnaireVersion.objects.get(questionnaire__code=WORKED_EXAMPLE_CODE, status="published")
    assessment = assessment_services.self_assessment_start(
        actor=actor, person=person, version=version, people_present="The person and their practitioner"
    )
    for question_code, option_code in answers.items():
        assessment_services.self_assessment_answer(
            actor=actor, assessment=assessment, question_code=question_code, option_code=option_code
        )
    return assessment_services.self_assessment_submit(actor=actor, assessment=assessment, declaration=True)


def in_progress_assessment(*, person, actor, answers: dict[str, str]) -> SelfAssessment:
    version = QuestionnaireVersion.objects.get(questionnaire__code=WORKED_EXAMPLE_CODE, status="published")
    assessment = assessment_services.self_assessment_start(
        actor=actor, person=person, version=version, people_present="The person and their practitioner"
    )
    for question_code, option_code in answers.items():
        assessment_services.self_assessment_answer(
            actor=actor, assessment=assessment, question_code=question_code, option_code=option_code
        )
    return assessment
