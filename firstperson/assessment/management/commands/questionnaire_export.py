"""Write one questionnaire version as YAML (or JSON) to standard output or a file.

manage.py questionnaire_export self-assessment 1
manage.py questionnaire_export self-assessment 1 --format json --output self_assessment_v1.json
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from firstperson.assessment.models import QuestionnaireVersion
from firstperson.assessment.questionnaire_files import questionnaire_file_write
from firstperson.assessment.selectors import questionnaire_version_as_data


class Command(BaseCommand):
    help = "Export a questionnaire version as YAML or JSON."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The questionnaire's code, such as self-assessment")
        parser.add_argument("version", type=int, help="The version number")
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
        parser.add_argument("--output", default="", help="A file to write; standard output if not given")

    def handle(self, *args, code, version, format, output, **options):
        found = (
            QuestionnaireVersion.objects.select_related("questionnaire")
            .filter(questionnaire__code=code, number=version)
            .first()
        )
        if found is None:
            raise CommandError(f"There is no version {version} of a questionnaire with the code {code}.")
        text = questionnaire_file_write(questionnaire_version_as_data(found), file_format=format)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote version {version} of {code} to {output}.")
        else:
            self.stdout.write(text, ending="")
