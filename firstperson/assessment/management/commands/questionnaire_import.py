"""Import a questionnaire file (YAML or JSON) as a new draft version, or publish it at once.

    manage.py questionnaire_import self_assessment_v2.yaml
    manage.py questionnaire_import self_assessment_v2.yaml --publish --effective-from 2027-04-01

All or nothing: if the file has any problem, each is listed with its line and nothing is saved.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from firstperson.assessment.exceptions import AssessmentError, InvalidQuestionnaire
from firstperson.assessment.services import questionnaire_import


class Command(BaseCommand):
    help = "Import a questionnaire file (YAML or JSON) as a new version, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .yaml, .yml or .json questionnaire file")
        parser.add_argument("--publish", action="store_true", help="Publish the new version straight away")
        parser.add_argument("--effective-from", default="", help="With --publish: the date it takes effect, 2027-04-01")

    def handle(self, *args, file, publish, effective_from, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {file}.")
        day = None
        if effective_from:
            try:
                day = datetime.date.fromisoformat(effective_from)
            except ValueError:
                raise CommandError(f"--effective-from must be a date like 2027-04-01, not {effective_from}") from None
        try:
            version = questionnaire_import(actor=None, content=path.read_bytes(), publish=publish, effective_from=day)
        except InvalidQuestionnaire as error:
            for problem in error.problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(error.message) from None
        except AssessmentError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Imported {version.questionnaire.name} ({version.questionnaire.code}) as version {version.number}, "
            f"{version.get_status_display().lower()}."
        )
