"""Financial assessments for the demo council's households (../shared/design/PEOPLE.md), made with
the real services: three completed with contributions (the worked examples of REFERENCE §3.10 and
§3.11, and a full-cost payer), one sent online and waiting for checks, one being filled in online.

Idempotent: a household that already has a financial assessment is left alone. Needs the demo
council (seed_demo) and the 2025-26 charging figures (charging_load_default).
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from firstperson.charging.models import FinancialAssessment, StartedVia
from firstperson.charging.services import assessments as services
from firstperson.people.models import Person
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role

#: Inside 2025-26, the year the shipped figures cover.
EFFECTIVE_FROM = datetime.date(2025, 10, 6)


def _person(given: str, family: str) -> Person | None:
    return Person.objects.filter(legal_given_name=given, legal_family_name=family).order_by("created_at").first()


def _fill(actor, assessment, *, values, capital=(), income=(), officer=True):
    services.assessment_update(actor=actor, assessment=assessment, values=values, officer=officer)
    for type_, value, share in capital:
        services.capital_add(
            actor=actor, assessment=assessment, type=type_, value=D(value), share=D(share), officer=officer
        )
    for code, amount, period in income:
        services.income_add(
            actor=actor, assessment=assessment, code=code, amount=D(amount), period=period, officer=officer
        )


def _confirm_all(officer, assessment):
    for item in [*assessment.capital.all(), *assessment.income.all()]:
        services.item_check(actor=officer, item=item, status="confirmed", note="Seen the award letter or statement.")


def _complete(officer, person, *, values, capital, income):
    assessment = services.assessment_start(actor=officer, person=person, via=StartedVia.OFFICER)
    _fill(officer, assessment, values=values, capital=capital, income=income)
    _confirm_all(officer, assessment)
    contribution = services.assessment_complete(actor=officer, assessment=assessment, effective_from=EFFECTIVE_FROM)
    services.letter_issue(actor=officer, contribution=contribution)
    return contribution


class Command(BaseCommand):
    help = "Adds demo financial assessments and contributions for the PEOPLE.md households (once)."

    @transaction.atomic
    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Demo data is never loaded with production settings.")
        officer = User.objects.filter(role=Role.FINANCE_OFFICER, is_active=True).order_by("username").first()
        if officer is None:
            self.stdout.write("No finance officer in the demo council: run seed_demo first.")
            return
        made = []

        def todo(given, family):
            person = _person(given, family)
            if person is None or FinancialAssessment.objects.filter(person=person).exists():
                return None
            return person

        # Raj Shah, 72: worked example 2 (REFERENCE §3.11): £100.55 a week.
        if person := todo("Raj", "Shah"):
            _complete(
                officer,
                person,
                values={"household": "single", "housing_costs_amount": D("28.00"), "weekly_cost_of_care": D("336.00")},
                capital=[("main_home", "185000.00", "1"), ("savings", "18300.00", "1")],
                income=[
                    ("state_pension", "230.25", "weekly"),
                    ("occupational_pension", "260.00", "monthly"),
                    ("attendance_allowance_higher", "110.40", "weekly"),
                ],
            )
            made.append("Raj Shah (completed)")
        # Aisha Rahman, 41: worked example 1's benefits (REFERENCE §3.10) and part-time earnings,
        # which are not counted: £38.55 a week.
        if person := todo("Aisha", "Rahman"):
            _complete(
                officer,
                person,
                values={
                    "household": "single",
                    "disability_premium": True,
                    "enhanced_disability_premium": True,
                    "housing_costs_amount": D("5.00"),
                    "dre_itemised": True,
                    "dre_weekly": D("21.00"),
                    "dre_details": "Laundry and heating £15; community alarm £6.",
                    "weekly_cost_of_care": D("540.00"),
                },
                capital=[("savings", "3000.00", "1")],
                income=[
                    ("esa", "140.55", "weekly"),
                    ("pip_daily_living_enhanced", "110.40", "weekly"),
                    ("pip_mobility_enhanced", "77.05", "weekly"),
                    ("earnings", "480.00", "monthly"),
                ],
            )
            made.append("Aisha Rahman (completed)")
        # Joan Whitfield, 78: savings above the upper limit: she pays the full cost.
        if person := todo("Joan", "Whitfield"):
            _complete(
                officer,
                person,
                values={"household": "single", "weekly_cost_of_care": D("280.00")},
                capital=[("savings", "41250.00", "1"), ("investments", "12000.00", "0.5")],
                income=[("state_pension", "176.45", "weekly")],
            )
            made.append("Joan Whitfield (completed, full cost)")
        # Ted Okafor: Margaret filled it in online as his attorney and sent it: waiting for checks.
        if person := todo("Edward", "Okafor"):
            margaret = User.objects.filter(email="margaret.okafor@example.com").first() or officer
            assessment = services.assessment_start(actor=margaret, person=person, via=StartedVia.ONLINE)
            _fill(
                margaret,
                assessment,
                officer=False,
                values={
                    "kind": "full",
                    "household": "couple",
                    "dependent_children": 0,
                    "housing_costs_amount": D("0.00"),
                    "dre_itemised": False,
                },
                capital=[("main_home", "240000.00", "0.5"), ("savings", "16000.00", "0.5")],
                income=[("state_pension", "230.25", "weekly"), ("attendance_allowance_higher", "110.40", "weekly")],
            )
            for step in services.STEPS:
                services.step_done(actor=margaret, assessment=assessment, step=step)
            services.assessment_submit(actor=margaret, assessment=assessment, declaration=True)
            made.append("Ted Okafor (sent, waiting for checks)")
        # Sam Kowalski: started online, two questions answered.
        if person := todo("Samuel", "Kowalski"):
            sam = User.objects.filter(email="sam.kowalski@example.com").first() or officer
            assessment = services.assessment_start(actor=sam, person=person, via=StartedVia.ONLINE)
            services.assessment_update(
                actor=sam, assessment=assessment, values={"kind": "full"}, step="full-assessment"
            )
            services.assessment_update(
                actor=sam, assessment=assessment, values={"household": "single"}, step="household"
            )
            made.append("Sam Kowalski (in progress)")
        self.stdout.write(
            "Financial assessments added: " + ", ".join(made) if made else "Demo financial assessments already exist."
        )
