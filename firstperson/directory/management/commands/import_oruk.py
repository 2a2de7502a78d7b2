"""Import Open Referral UK data from a file (.json, or a .zip of CSV files) or a remote feed's address.

    manage.py import_oruk services.json --as-user ben.osei
    manage.py import_oruk https://example.org/api/oruk/ --as-user ben.osei

All or nothing: if any record has a problem, nothing is imported and each problem is listed. With
--as-user naming a directory editor the services are published; otherwise they wait for review.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from firstperson.directory.exceptions import ImportRefused
from firstperson.directory.importing import import_max_bytes, oruk_feed_import, oruk_file_import


class Command(BaseCommand):
    help = "Import Open Referral UK JSON, a ZIP of ORUK CSV files, or a remote ORUK feed, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A .json or .zip file, or a feed's address starting https:// or http://")
        parser.add_argument("--as-user", default="", help="The username of the person importing (an editor publishes)")

    def handle(self, *args, source, as_user, **options):
        actor = None
        if as_user:
            actor = get_user_model().objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"There is no user called {as_user}.")
        try:
            if source.lower().startswith(("https://", "http://")):
                report = oruk_feed_import(url=source, actor=actor)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"There is no file at {source}.")
                if path.stat().st_size > import_max_bytes():
                    size = path.stat().st_size / (1024 * 1024)
                    raise CommandError(
                        f"{path.name} is {size:.1f} MB. The largest file we can import is "
                        f"{import_max_bytes() / (1024 * 1024):g} MB (setting DIRECTORY_IMPORT_MAX_BYTES)."
                    )
                report = oruk_file_import(name=path.name, content=path.read_bytes(), actor=actor)
        except ImportRefused as error:
            for problem in error.problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Imported {report.services} services from {report.source}: {report.services_created} new, "
            f"{report.services_updated} updated; {report.organizations} organisations, {report.locations} locations, "
            f"{report.taxonomy_terms} categories. They are now: {report.record_status_label.lower()}."
        )
        if actor is None or report.record_status != "published":
            self.stdout.write("To publish them straight away, import as a directory editor with --as-user.")
        for note in report.notes:
            self.stdout.write(note)
        if report.duplicates:
            self.stdout.write("Services that may be duplicates (nothing was merged):")
            for pair in report.duplicates:
                self.stdout.write(
                    f"- {pair.first_name} ({pair.first_id}) and {pair.second_name} ({pair.second_id}): "
                    + "; ".join(pair.reasons)
                )
            if report.more_duplicates:
                self.stdout.write("…and more.")
