"""Publish FirstPerson's shipped 2025-26 charging figures, once."""

from django.core.management.base import BaseCommand

from firstperson.charging.services.parameters import load_default_parameters


class Command(BaseCommand):
    help = "Loads and publishes the shipped 2025-26 charging figures if that year has none yet."

    def handle(self, *args, **options):
        loaded = load_default_parameters()
        if loaded is None:
            self.stdout.write("Charging figures for 2025-26 are already loaded.")
        else:
            self.stdout.write(f"Published charging figures {loaded.version}.")
