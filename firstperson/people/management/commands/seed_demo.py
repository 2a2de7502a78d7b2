import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from firstperson.people.demo.seed import seed_demo
from firstperson.people.models import Person


class Command(BaseCommand):
    help = "Build the demo council: teams, staff of every role, the named households and a random population."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=500, help="How many people in all (default 500).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same council.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if there are people already.")
        parser.add_argument(
            "--accounts-file",
            default=str(Path(settings.VAR_DIR) / "demo-accounts.json"),
            help="Where to write the demo sign-ins as JSON.",
        )

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Demo data is never loaded with production settings.")
        if options["people"] < 0:
            raise CommandError("--people must be 0 or more.")
        if Person.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data is already loaded.")
                return
            raise CommandError("The database already has people in it. Use an empty database.")
        started = time.perf_counter()
        result = seed_demo(people=options["people"], seed=options["seed"])
        elapsed = time.perf_counter() - started
        accounts = {
            role: {"username": a.username, "password": a.password, "totp_secret": a.totp_secret}
            for role, a in result.accounts.items()
        }
        path = Path(options["accounts_file"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(accounts, indent=2) + "\n", encoding="utf-8")
        extra = {
            a.username: {"role": a.role, "password": a.password, "totp_secret": a.totp_secret}
            for a in result.extra_accounts
        }
        path.with_name("demo-accounts-extra.json").write_text(json.dumps(extra, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(f"Created {result.people_created} people in {elapsed:.1f} seconds. Sign-ins: {path}")
