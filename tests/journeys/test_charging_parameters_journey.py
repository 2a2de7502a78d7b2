"""The charging figures and policy modelling in a browser.

Priya, a finance officer, opens the 2025-26 figures, confirms a flagged figure (first forgetting
the note), makes a correction draft, enters an upper capital limit below the lower one (the error
summary names it), corrects it and publishes the draft. Then she models disregarding the night
element of PIP daily living (REFERENCE §3.11a) on the current caseload. Axe checks every page."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from firstperson.charging.models import ChargingParameterSet, ParameterStatus
from firstperson.charging.services import parameters
from firstperson.charging.tests.parameters.caseload import mr_b_and_mrs_a
from firstperson.platform.accounts.roles import Role

from .steps import navigate


def _path(page):
    return urlparse(page.url).path


@pytest.mark.django_db(transaction=True)
def test_a_finance_officer_keeps_the_figures_and_models_a_policy(checked_page, sign_in_staff, make_user, make_person):
    published = parameters.load_default_parameters()
    priya = make_user(Role.FINANCE_OFFICER, first_name="Priya", last_name="Shah")
    mr_b_and_mrs_a(make_person, priya)

    page = sign_in_staff(priya)
    navigate(
        checked_page,
        lambda: page.get_by_role("navigation", name="Menu").get_by_role("link", name="Charging figures").click(),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Charging figures")
    navigate(checked_page, lambda: page.get_by_role("link", name="2025-26 v1").first.click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Charging figures 2025-26 v1")
    expect(page.locator(".govuk-warning-text")).to_contain_text("still to confirm")

    # Confirm a flagged figure: first without saying how it was checked.
    flagged = page.locator("li", has_text="Member of a couple, under Pension Credit age (unverified")
    navigate(checked_page, lambda: flagged.get_by_role("link", name=re.compile("^Confirm this figure")).click())
    navigate(checked_page, lambda: page.get_by_role("button", name="Confirm this figure").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say how you checked the figure")
    page.get_by_label("How did you check it?").fill("LAC(DHSC)(2025)1, annex A, couple rates")
    navigate(checked_page, lambda: page.get_by_role("button", name="Confirm this figure").click())
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You confirmed")
    expect(flagged).to_have_count(0)

    # A correction: a new draft of the same year.
    navigate(checked_page, lambda: page.get_by_role("link", name="Make a new version").click())
    page.get_by_label(re.compile("^A correction to 2025-26")).check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Make the draft").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Charging figures 2025-26 v2")

    # A bad value: the error summary names it and nothing is saved.
    navigate(checked_page, lambda: page.get_by_role("link", name="Change capital").click())
    page.get_by_label("Upper capital limit").fill("14000")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The upper capital limit must be the same as or more than the lower limit")
    page.get_by_label("Upper capital limit").fill("23250.00")
    page.get_by_label("Tariff income: a week for each step").fill("1.00")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Capital: saved")

    navigate(checked_page, lambda: page.get_by_role("link", name="Publish 2025-26 v2").click())
    navigate(checked_page, lambda: page.get_by_role("button", name="Publish it").click())
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2025-26 v2 is published")
    draft = ChargingParameterSet.objects.get(number=2)
    assert draft.status == ParameterStatus.PUBLISHED and draft.based_on == published

    # Model a policy change on the caseload.
    navigate(
        checked_page,
        lambda: page.get_by_role("navigation", name="Menu").get_by_role("link", name="Charging modelling").click(),
    )
    assert _path(page) == "/charging/modelling/"
    page.get_by_label("Which year's figures?").select_option(label="2025-26 v1")
    page.get_by_label("Disregard the night element of PIP daily living when no night care is arranged").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Run the model").click())
    expect(page.get_by_role("heading", name="What the change would do")).to_be_visible()
    expect(page.locator("main")).to_contain_text("2 people with a current financial assessment")
    expect(page.locator("main")).to_contain_text("-£36.50")
    expect(page.locator("main")).not_to_contain_text("Ashworth")
