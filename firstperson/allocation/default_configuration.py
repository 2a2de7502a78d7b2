"""The default RAS configuration: REFERENCE.md §2.10's worked example, as models.

The configuration is described by question and section CODES, so it can be laid over any
questionnaire that uses them: by default the council's default self-assessment ("self-assessment",
loaded by the assessment app's migration 0003), whose domains follow §2.3. It needs the sections
personal_care, eating and routines and a question family_support with the answer a_lot, scoring no
points. For the exact figures of §2.10 it brings its own short self-assessment,
"ras-worked-example": the eight scored domains of §2.10, one question each, and the question about
help from family and friends (`manage.py allocation_load_default --questionnaire ras-worked-example`).

The numbers are invented ([I] in REFERENCE.md): a council calibrates its own (§2.5).
"""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from firstperson.assessment import services as assessment_services
from firstperson.assessment.models import Question, QuestionnaireVersion, Section, VersionStatus

from . import selectors, services
from .exceptions import InvalidConfiguration
from .models import MoneyMethod, Period, RasConfiguration, Rounding

DEFAULT_QUESTIONNAIRE_CODE = "self-assessment"
WORKED_EXAMPLE_CODE = "ras-worked-example"
WORKED_EXAMPLE_NAME = "Your care and support needs (short questionnaire)"


@dataclass(frozen=True)
class OptionText:
    code: str
    text: str
    points: int


@dataclass(frozen=True)
class QuestionText:
    section_code: str
    section_title: str
    code: str
    text: str
    help_text: str
    options: tuple[OptionText, ...]


def _levels(*texts_and_points: tuple[str, int]) -> tuple[OptionText, ...]:
    return tuple(OptionText(f"level_{n}", text, points) for n, (text, points) in enumerate(texts_and_points))


NOT_NEEDED = "I do not need help with this"

#: The questions of §2.10, worded for residents. Points as in the worked example.
QUESTIONS: tuple[QuestionText, ...] = (
    QuestionText(
        "personal_care",
        "Personal care",
        "personal_care",
        "How much help do you need with washing, dressing and using the toilet?",
        "Think about an ordinary day.",
        _levels(
            (NOT_NEEDED, 0),
            ("I need some help on most days", 5),
            ("I need help with most of it, every day", 10),
            ("I need help with all of it, several times a day", 15),
            ("I need help with all of it, several times a day, from two people at once", 20),
        ),
    ),
    QuestionText(
        "eating",
        "Eating and drinking",
        "eating",
        "How much help do you need to eat, drink and make meals?",
        "This includes shopping for food and making drinks.",
        _levels(
            (NOT_NEEDED, 0),
            ("I need a little help, such as with shopping or cooking", 3),
            ("I need help to make most of my meals", 6),
            ("I need help to eat and drink at every meal", 9),
        ),
    ),
    QuestionText(
        "routines",
        "Daily routines and household",
        "routines",
        "How much help do you need with jobs at home, like cleaning and washing clothes?",
        "",
        _levels(
            (NOT_NEEDED, 0),
            ("I need a little help", 3),
            ("I need help with most jobs", 6),
            ("I need someone to do all of them for me", 9),
        ),
    ),
    QuestionText(
        "relationships",
        "Relationships",
        "relationships",
        "How much help do you need to keep in touch with family and friends?",
        "",
        _levels(
            (NOT_NEEDED, 0),
            ("I need a little help", 2),
            ("I need help most of the time", 4),
            ("I cannot keep in touch without help", 6),
        ),
    ),
    QuestionText(
        "community",
        "Community life and leisure",
        "community",
        "How much help do you need to go out and do things you enjoy?",
        "For example, going to the shops, a club or a place of worship.",
        _levels(
            (NOT_NEEDED, 0),
            ("I need a little help", 2),
            ("I need help most of the time", 4),
            ("I cannot go out without help", 6),
        ),
    ),
    QuestionText(
        "work",
        "Work, learning and volunteering",
        "work",
        "How much help do you need with work, learning or volunteering?",
        "If this does not apply to you, choose the first answer.",
        _levels(
            ("I do not need help with this, or it does not apply to me", 0),
            ("I need a little help", 2),
            ("I need help most of the time", 4),
            ("I cannot do it without help", 6),
        ),
    ),
    QuestionText(
        "decisions",
        "Decisions and communication",
        "decisions",
        "How much help do you need to make decisions and tell people what you want?",
        "",
        _levels(
            (NOT_NEEDED, 0),
            ("I need a little help with big decisions", 3),
            ("I need help with most decisions", 6),
            ("I need help with every decision", 9),
        ),
    ),
    QuestionText(
        "safety",
        "Staying safe",
        "safety",
        "How much help do you need to stay safe, at home and when you go out?",
        "",
        _levels(
            (NOT_NEEDED, 0),
            ("Someone needs to check on me now and then", 4),
            ("Someone needs to be nearby for most of the day", 8),
            ("Someone needs to be with me all the time", 12),
        ),
    ),
    QuestionText(
        "circumstances",
        "Your circumstances",
        "family_support",
        "How much help do you get from family, friends or neighbours?",
        "Help you get without paying for it. We ask so that your plan fits around it.",
        (
            OptionText("none", "None", 0),
            OptionText("some", "Some help, now and then", 0),
            OptionText("a_lot", "A lot of help, on most days", 0),
        ),
    ),
)

FAMILY_SUPPORT = "family_support"
ADJUSTMENT_DESCRIPTION = "Help from family or friends"
ADJUSTED_DOMAINS = ["personal_care", "eating", "routines"]


def worked_example_document() -> dict:
    """The short self-assessment of §2.10 as a questionnaire file (assessment app's format)."""
    return {
        "format": "firstperson-questionnaire/1",
        "questionnaire": {"code": WORKED_EXAMPLE_CODE, "kind": "self_assessment", "name": WORKED_EXAMPLE_NAME},
        "version": {"notes": "The worked example of the resource allocation system (REFERENCE.md §2.10)."},
        "sections": [
            {
                "code": spec.section_code,
                "title": spec.section_title,
                "questions": [
                    {
                        "code": spec.code,
                        "text": spec.text,
                        "help_text": spec.help_text,
                        "allows_more_detail": False,
                        "options": [{"code": o.code, "text": o.text, "points": o.points} for o in spec.options],
                    }
                ],
            }
            for spec in QUESTIONS
        ],
    }


def worked_example_questionnaire(*, actor=None) -> QuestionnaireVersion:
    """The short self-assessment of §2.10, imported and published by the assessment app's own service
    the first time, and found after that."""
    existing = (
        QuestionnaireVersion.objects.filter(questionnaire__code=WORKED_EXAMPLE_CODE, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )
    if existing:
        return existing
    return assessment_services.questionnaire_import(
        actor=actor,
        content=json.dumps(worked_example_document()),
        publish=True,
        effective_from=timezone.localdate(),
    )


def _missing_codes(version: QuestionnaireVersion) -> list[str]:
    sections = set(Section.objects.filter(version=version).values_list("code", flat=True))
    missing = [f"section {code}" for code in ADJUSTED_DOMAINS if code not in sections]
    family = Question.objects.filter(section__version=version, code=FAMILY_SUPPORT).first()
    if family is None:
        missing.append(f"question {FAMILY_SUPPORT}")
    elif not family.options.filter(code="a_lot").exists():
        missing.append(f"answer a_lot of question {FAMILY_SUPPORT}")
    return missing


def default_configuration_load(
    *, actor=None, questionnaire_code: str | None = None, effective_from: datetime.date | None = None
) -> tuple[RasConfiguration, bool]:
    """Publish the default configuration for the questionnaire, taking effect today unless told
    otherwise. Without a code: the default self-assessment if it is there, else the worked example's
    own questionnaire. Returns (configuration, created); a configuration already in force for that
    questionnaire is returned as it is."""
    if questionnaire_code is None:
        published = QuestionnaireVersion.objects.filter(
            questionnaire__code=DEFAULT_QUESTIONNAIRE_CODE, status=VersionStatus.PUBLISHED
        )
        questionnaire_code = DEFAULT_QUESTIONNAIRE_CODE if published.exists() else WORKED_EXAMPLE_CODE
    if questionnaire_code == WORKED_EXAMPLE_CODE:
        version = worked_example_questionnaire(actor=actor)
    else:
        version = (
            QuestionnaireVersion.objects.filter(questionnaire__code=questionnaire_code, status=VersionStatus.PUBLISHED)
            .order_by("-number")
            .first()
        )
        if version is None:
            raise InvalidConfiguration(f"There is no published questionnaire with the code {questionnaire_code}.")
    in_force = selectors.configuration_in_force(questionnaire_id=version.questionnaire_id)
    if in_force is not None:
        return in_force, False
    missing = _missing_codes(version)
    if missing:
        raise InvalidConfiguration(f"{version} does not have {', '.join(missing)}.", problems=missing)
    with transaction.atomic():
        configuration = services.configuration_create(
            actor=actor, questionnaire_version=version, notes="The worked example of REFERENCE.md §2.10."
        )
        services.configuration_update_details(
            actor=actor,
            configuration=configuration,
            details=services.ConfigurationDetails(
                effective_from=effective_from or timezone.localdate(),
                effective_to=None,
                period=Period.ANNUAL,
                rounding=Rounding.PENNY,
                minimum=Decimal("1000.00"),
                maximum=Decimal("40000.00"),
                tolerance_percent=Decimal("10.00"),
                equality_threshold_percent=Decimal("10.0"),
                notes="The worked example of REFERENCE.md §2.10: £247 a point a year (£260 less 5% contingency).",
            ),
        )
        services.configuration_set_money(
            actor=actor,
            configuration=configuration,
            method=MoneyMethod.PRICE_PER_POINT,
            price_per_point=Decimal("247.00"),
        )
        services.configuration_add_adjustment(
            actor=actor,
            configuration=configuration,
            description=ADJUSTMENT_DESCRIPTION,
            question_code=FAMILY_SUPPORT,
            option_codes=["a_lot"],
            domain_codes=ADJUSTED_DOMAINS,
            factor=Decimal("0.8"),
        )
        configuration = services.configuration_publish(actor=actor, configuration=configuration)
    return configuration, True
