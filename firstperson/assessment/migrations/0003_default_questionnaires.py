"""Load the default self-assessment and carer's self-assessment (version 1, published).

Data migrations never import app code: this reads the YAML files shipped in
assessment/questionnaires/ itself. The files are checked by the app's validator in the tests
(tests/services/test_default_questionnaires.py), which also checks that what this loads exports
back to the same file. Re-running adds nothing: a questionnaire that already exists is left alone.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import migrations
from django.utils import timezone

FILES = ["self_assessment_v1.yaml", "carer_self_assessment_v1.yaml"]
FOLDER = Path(__file__).resolve().parent.parent / "questionnaires"


def _date(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def load_defaults(apps, schema_editor):
    questionnaire_model = apps.get_model("assessment", "Questionnaire")
    version_model = apps.get_model("assessment", "QuestionnaireVersion")
    section_model = apps.get_model("assessment", "Section")
    question_model = apps.get_model("assessment", "Question")
    option_model = apps.get_model("assessment", "AnswerOption")
    for name in FILES:
        data = yaml.safe_load((FOLDER / name).read_text(encoding="utf-8"))
        head = data["questionnaire"]
        if questionnaire_model.objects.filter(code=head["code"]).exists():
            continue
        questionnaire = questionnaire_model.objects.create(code=head["code"], kind=head["kind"], name=head["name"])
        version_data = data.get("version") or {}
        version = version_model.objects.create(
            questionnaire=questionnaire,
            number=1,
            status="published",
            effective_from=_date(version_data.get("effective_from")),
            published_at=timezone.now(),
            notes=version_data.get("notes", ""),
        )
        for s_order, section_data in enumerate(data["sections"], start=1):
            section = section_model.objects.create(
                version=version, code=section_data["code"], title=section_data["title"], order=s_order
            )
            for q_order, question_data in enumerate(section_data["questions"], start=1):
                question = question_model.objects.create(
                    section=section,
                    code=question_data["code"],
                    text=question_data["text"],
                    easy_read_text=question_data.get("easy_read_text", ""),
                    help_text=question_data.get("help_text", ""),
                    why_we_ask=question_data.get("why_we_ask", ""),
                    allows_more_detail=question_data.get("allows_more_detail", True),
                    required=question_data.get("required", True),
                    order=q_order,
                    outcome_code=question_data.get("outcome", ""),
                )
                option_model.objects.bulk_create(
                    option_model(
                        question=question,
                        code=str(option_data["code"]),
                        text=option_data["text"],
                        easy_read_text=option_data.get("easy_read_text", ""),
                        help_text=option_data.get("help_text", ""),
                        points=Decimal(str(option_data["points"])),
                        order=o_order,
                    )
                    for o_order, option_data in enumerate(question_data["options"], start=1)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0002_eligibility_determination_and_answer_given_by"),
    ]

    operations = [
        migrations.RunPython(load_defaults, migrations.RunPython.noop),
    ]
