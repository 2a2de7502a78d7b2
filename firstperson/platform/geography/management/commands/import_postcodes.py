from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from firstperson.platform.geography.services import PostcodeImportRefused, postcodes_import


class Command(BaseCommand):
    help = "Load postcode centres from an ONS Postcode Directory (ONSPD or NSPL) CSV or an extract of it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"There is no file at {path}.")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.") from error
        try:
            result = postcodes_import(csv_text=text)
        except PostcodeImportRefused as error:
            for problem in error.problems[:20]:
                self.stderr.write(problem)
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Imported {result.imported} postcodes; skipped {result.skipped_without_coordinates} without coordinates."
        )
