from django.core.management.base import BaseCommand

from firstperson.directory.services import stale_reminders_send


class Command(BaseCommand):
    help = (
        "Email each organisation's members a list of their published services nobody has checked for 12 months. "
        "Nothing records a reminder, so every run reminds again: schedule it once a month."
    )

    def handle(self, *args, **options):
        report = stale_reminders_send()
        self.stdout.write(
            f"{report.stale_services} stale services. Sent {report.emails_sent} reminders to the members of "
            f"{report.organisations_reminded} organisations."
        )
        if report.organisations_without_anyone:
            self.stdout.write(
                "No one to remind at these organisations (no members with an email address): "
                + "; ".join(report.organisations_without_anyone)
            )
