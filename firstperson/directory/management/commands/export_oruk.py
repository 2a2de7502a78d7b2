"""Export the published directory as Open Referral UK JSON or as a ZIP of ORUK CSV files.

manage.py export_oruk --format json directory.json
manage.py export_oruk --format csv directory.zip
"""

import shutil
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from firstperson.directory.exporting import directory_export_csv_zip, directory_export_json


class Command(BaseCommand):
    help = "Export the published directory as ORUK JSON (--format json) or a ZIP of ORUK CSV files (--format csv)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="The file to write, or - for standard output")
        parser.add_argument("--format", dest="output_format", choices=["json", "csv"], required=True)

    def handle(self, *args, out, output_format, **options):
        if out != "-" and not Path(out).parent.is_dir():
            raise CommandError(f"There is no folder {Path(out).parent} to write {Path(out).name} into.")
        if output_format == "json":
            if out == "-":
                for piece in directory_export_json():
                    self.stdout.write(piece, ending="")
                return
            with open(out, "w", encoding="utf-8") as file:
                for piece in directory_export_json():
                    file.write(piece)
        else:
            with directory_export_csv_zip() as archive:
                if out == "-":
                    shutil.copyfileobj(archive, sys.stdout.buffer)
                    return
                with open(out, "wb") as file:
                    shutil.copyfileobj(archive, file)
        self.stderr.write(f"Wrote the published directory to {out}.")
