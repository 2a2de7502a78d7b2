import json
from pathlib import Path

import pyotp
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the demo sign-ins, or (with --code ROLE) the current two-factor code for one of them."

    def add_arguments(self, parser):
        parser.add_argument("--code", metavar="ROLE_OR_USERNAME", help="Print the current 6-digit code.")
        parser.add_argument(
            "--accounts-file",
            default=str(Path(settings.VAR_DIR) / "demo-accounts.json"),
            help="The file seed_demo wrote (default var/demo-accounts.json).",
        )

    def handle(self, *args, **options):
        path = Path(options["accounts_file"])
        if not path.exists():
            raise CommandError("No demo sign-ins yet: run 'manage.py seed_demo' first.")
        accounts = json.loads(path.read_text(encoding="utf-8"))
        extra_path = path.with_name("demo-accounts-extra.json")
        extra = json.loads(extra_path.read_text(encoding="utf-8")) if extra_path.exists() else {}
        if options["code"]:
            wanted = options["code"]
            account = accounts.get(wanted) or extra.get(wanted)
            if account is None:
                account = next((a for a in accounts.values() if a["username"] == wanted), None)
            if account is None or not account.get("totp_secret"):
                raise CommandError(f"No demo staff account called {wanted!r}.")
            self.stdout.write(pyotp.TOTP(account["totp_secret"]).now())
            return
        self.stdout.write("")
        self.stdout.write("Demo sign-ins (invented people; every role):")
        self.stdout.write(f"  {'role':<20} {'username':<30} password")
        for role, account in accounts.items():
            self.stdout.write(f"  {role:<20} {account['username']:<30} {account['password']}")
        for username, account in extra.items():
            self.stdout.write(f"  {account['role']:<20} {username:<30} {account['password']}")
        self.stdout.write("")
        self.stdout.write("Staff also need a two-factor code. Get the current one with:")
        self.stdout.write("  .venv/bin/python manage.py demo_accounts --code practitioner")
        self.stdout.write(f"or add the secrets in {path} to an authenticator app.")
        self.stdout.write("")
