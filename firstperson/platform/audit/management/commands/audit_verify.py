from django.core.management.base import BaseCommand, CommandError

from firstperson.platform.audit.models import AuditChainHead, AuditEvent
from firstperson.platform.audit.selectors import audit_chain_problems


class Command(BaseCommand):
    help = "Check the audit trail's hash chain and report any row edited, deleted or inserted out of order."

    def handle(self, *args, **options):
        problems = audit_chain_problems()
        if problems:
            for problem in problems:
                self.stderr.write(problem.message)
            raise CommandError(f"The audit trail has {len(problems)} problem(s).")
        head = AuditChainHead.objects.filter(pk=1).first()
        count = AuditEvent.objects.count()
        newest = head.last_hash if head else "none"
        self.stdout.write(f"The audit trail is intact: {count} rows. Newest hash: {newest}")
        self.stdout.write("Record the newest hash somewhere outside this database to detect a rewrite.")
