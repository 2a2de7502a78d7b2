from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from firstperson.frontdoor.demo import build_demo_contacts


class Command(BaseCommand):
    help = "Add a few front-door contacts to the demo council (does nothing if there are contacts already)."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Demo data is never loaded with production settings.")
        made = build_demo_contacts()
        self.stdout.write(f"Created {made} front-door contacts." if made else "Front-door contacts already exist.")
