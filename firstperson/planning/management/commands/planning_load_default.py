"""The starting configuration of support planning: the financial delegation policy and the list of
things a personal budget may not pay for. Idempotent: a council that already has a policy keeps it,
and list entries already there (by code) are left as the council has them."""

import datetime
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from firstperson.planning import services
from firstperson.planning.models import DecisionPolicy

#: The demo council's delegation. Practitioners check plans but do not approve them (no limit); a
#: team manager approves up to £500.00 a week; above that the funding panel decides. In force from
#: 1 April 2020 so that it covers every plan in the demo data. The figures are invented.
DEFAULT_POLICY = {
    "version": "Financial delegation 2026",
    "effective_from": datetime.date(2020, 4, 1),
    "practitioner_weekly_limit": None,
    "team_manager_weekly_limit": Decimal("500.00"),
    "practitioner_one_off_limit": None,
    "team_manager_one_off_limit": Decimal("2000.00"),
    "panel_target_days": 10,
    "first_review_weeks": 6,
    "direct_payment_interval_weeks": 4,
    "notes": (
        "Team managers approve plans up to £500.00 a week and £2,000.00 in one-off costs; the funding panel "
        "decides plans above either, aiming to decide within 10 days. First review six weeks after a plan "
        "starts. Direct payments are paid every four weeks."
    ),
}


class Command(BaseCommand):
    help = (
        "Load the default financial delegation policy (if the council has none) and the default list of "
        "purchases a personal budget may not pay for (entries already there are kept)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if DecisionPolicy.objects.exists():
            self.stdout.write("A financial delegation policy is already set: left as it is.")
        else:
            policy = services.decision_policy_create(actor=None, **DEFAULT_POLICY)
            self.stdout.write(
                f"Set the financial delegation policy {policy.version!r}, in force from "
                f"{policy.effective_from:%d %B %Y}: team managers up to £{policy.team_manager_weekly_limit:,.2f} a week "
                f"and £{policy.team_manager_one_off_limit:,.2f} in one-off costs, "
                "the funding panel above that."
            )
        made = services.prohibited_purchases_load_default(actor=None)
        if made:
            self.stdout.write(f"Added {made} entries to the list of things a personal budget may not pay for.")
        else:
            self.stdout.write("The list of things a personal budget may not pay for is already loaded.")
