"""The bulk recalculation in a browser (issue 4 §9).

Tom, a finance officer, works the open budgets out again under a new RAS configuration and reads
the summary: how many figures had been changed by hand, in every team. Then Chloe, a practitioner
in the West locality team, reads the same page: she sees her own team's count and the person she
works with, and nothing about the East locality team. Every page is checked by axe."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from firstperson.allocation.tests.fixtures import (
    REFERENCE_ANSWERS,
    draft_copy,
    reference_configuration,
    submitted_assessment,
)

from .steps import click, sign_out


@pytest.mark.django_db(transaction=True)
def test_the_recalculation_counts_each_readers_own_team(
    checked_page, sign_in_staff, make_user, make_person, team, other_team
):
    from firstperson.allocation import services
    from firstperson.allocation.models import RasConfiguration
    from firstperson.platform.accounts.roles import Role

    administrator = make_user(Role.ADMINISTRATOR, first_name="Ravi", last_name="Menon")
    configuration = reference_configuration(actor=administrator)
    RasConfiguration.objects.filter(pk=configuration.pk).update(
        effective_from=timezone.localdate() - datetime.timedelta(days=30)
    )
    chloe = make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")
    east = make_user(Role.PRACTITIONER, team=other_team)
    people = {}
    for practitioner, given in ((chloe, "Wendy"), (east, "Ezra")):
        person = make_person(team=practitioner.team, legal_given_name=given)
        assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
        budget = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
        services.budget_moderate(
            actor=practitioner, budget=budget, amount=Decimal("9800"), period="annual", reason="Extra night help"
        )
        people[given] = person
    draft = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=timezone.localdate())
    dearer = services.configuration_publish(actor=administrator, configuration=draft)
    path = f"/allocation/configurations/{dearer.pk}/recalculation/"

    # --- Tom starts it and sees every team ---------------------------------------------------------
    tom = make_user(Role.FINANCE_OFFICER, first_name="Tom", last_name="Reid")
    sign_in_staff(tom)
    page = checked_page.visit(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Work out open budgets again")
    click(checked_page, "button", "Work out 2 budgets again")
    expect(page.locator(".govuk-panel")).to_contain_text("2 budgets worked out again")
    table = page.get_by_role("table", name="By team")
    expect(table).to_contain_text("East locality team")
    expect(table).to_contain_text("West locality team")
    expect(page.locator("main")).to_contain_text("Changes waiting for a team manager, withdrawn")
    sign_out(checked_page)

    # --- Chloe sees her own team only ------------------------------------------------------------
    sign_in_staff(chloe)
    page = checked_page.visit(path)
    table = page.get_by_role("table", name="Your team")
    expect(table).to_contain_text("West locality team")
    main = page.locator("main")
    expect(main).to_contain_text("Figures that had been changed by hand, in your team")
    expect(main).not_to_contain_text("East locality team")
    expect(main).to_contain_text("Changes waiting for a team manager, withdrawn, in your team")
    expect(page.get_by_role("link", name=people["Wendy"].full_name)).to_be_visible()
    expect(main).not_to_contain_text(people["Ezra"].full_name)
