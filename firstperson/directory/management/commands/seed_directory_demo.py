import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from firstperson.directory.demo.build import build_demo_directory
from firstperson.directory.models import Service
from firstperson.platform.geography.demo import demo_postcodes_load


class Command(BaseCommand):
    help = "Build the demo council's directory (services, organisations, locations) and its synthetic postcodes."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if there are services already.")

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Demo data is never loaded with production settings.")
        if options["services"] < 0:
            raise CommandError("--services must be 0 or more.")
        postcodes = demo_postcodes_load()
        if Service.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The demo directory is already loaded.")
                return
            raise CommandError("The directory already has services in it. Use an empty database.")
        started = time.perf_counter()
        result = build_demo_directory(services=options["services"], seed=options["seed"])
        self.stdout.write(
            f"Created {result.services} services from {result.organizations} organisations at {result.locations} "
            f"locations, and {postcodes} postcodes, in {time.perf_counter() - started:.1f} seconds."
        )
