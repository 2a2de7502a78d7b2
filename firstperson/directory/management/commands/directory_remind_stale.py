from django.core.management.base import BaseCommand

from firstperson.directory.services import STALE_REMINDER_EVERY_DAYS, stale_reminders_send


class Command(BaseCommand):
    help = (
        "Email each organisation's members a list of their published services nobody has checked for 12 months, "
        f"at most once every {STALE_REMINDER_EVERY_DAYS} days for each organisation (each reminder is recorded): "
        "schedule it daily or weekly."
    )

    def handle(self, *args, **options):
        report = stale_reminders_send()
        self.stdout.write(
            f"{report.stale_services} stale services. Sent {report.emails_sent} reminders to the members of "
            f"{report.organisations_reminded} organisations."
        )
        if report.organisations_reminded_lately:
            self.stdout.write(
                f"{report.organisations_reminded_lately} organisations with stale services were reminded in the "
                f"last {STALE_REMINDER_EVERY_DAYS} days, so not again now."
            )
        if report.organisations_without_anyone:
            self.stdout.write(
                "No one to remind at these organisations (no members with an email address): "
                + "; ".join(report.organisations_without_anyone)
            )
