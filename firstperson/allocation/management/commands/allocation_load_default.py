from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from firstperson.allocation.default_configuration import default_configuration_load
from firstperson.platform.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Publish the default RAS configuration (REFERENCE.md §2.10's prices and carer adjustment), taking effect "
        "today, for the default self-assessment, or for --questionnaire ras-worked-example (§2.10 exactly)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--questionnaire",
            default=None,
            help=(
                "The code of a published questionnaire with the sections personal_care, eating and routines and a "
                "question family_support (default: self-assessment, or ras-worked-example if it is missing)."
            ),
        )

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError(
                "The worked example's numbers are invented: it is never loaded with production settings."
            )
        try:
            configuration, created = default_configuration_load(questionnaire_code=options["questionnaire"])
        except ApplicationError as error:
            raise CommandError(error.message) from error
        if created:
            self.stdout.write(f"Published {configuration.version_label}, in force from {configuration.effective_from}.")
        else:
            self.stdout.write(f"{configuration.version_label} is already in force.")
