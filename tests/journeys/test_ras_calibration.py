"""RAS modelling in a browser (issue 4 §8).

Tom, a finance officer, opens Budget modelling from the navigation; uploads a CSV of care packages
with a mistake in it (an error summary names the line and column), then a good one, and reads the
fitted prices, the scatter chart (an SVG image with a title and description) and the paged table
beside it; tries a draft configuration with a higher price on everyone's current assessment; and
runs the equality check with its default and a stricter percentage, and with a percentage that is
not a number. Then Ravi, an administrator, starts a new draft configuration from a fit.

Every page, and every error state on the way, is checked by axe."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from firstperson.allocation.tests.fixtures import (
    NO_FAMILY_HELP,
    NO_NEEDS,
    REFERENCE_ANSWERS,
    draft_copy,
    reference_configuration,
    submitted_assessment,
)

from .steps import navigate

BAD_FILE = b"reference,points,weekly_cost\nP1,10,50\nP2,20,about 100\n"


def good_file(rows: int) -> bytes:
    lines = ["reference,points,weekly_cost"] + [f"P{n},{n % 50 + 1},{(n % 50 + 1) * 5 + n % 7}" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def _menu(page):
    return page.get_by_role("navigation", name="Menu").get_by_role("link", name="Budget modelling")


def _path(page):
    return urlparse(page.url).path


def _upload(checked_page, content: bytes, name: str):
    page = checked_page.page
    page.get_by_label("CSV file of care packages").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    navigate(checked_page, lambda: page.get_by_role("button", name="Upload and fit").click())
    return page


@pytest.mark.django_db(transaction=True)
def test_a_finance_officer_calibrates_models_and_checks_equality(
    checked_page, sign_in_staff, make_user, make_person, team
):
    from firstperson.allocation import services
    from firstperson.platform.accounts.roles import Role
    from firstperson.platform.audit.models import AuditEvent
    from firstperson.platform.audit.verbs import AuditVerb

    administrator = make_user(Role.ADMINISTRATOR, first_name="Ravi", last_name="Menon")
    configuration = reference_configuration(actor=administrator)
    candidate = draft_copy(configuration, actor=administrator, price_per_point="260")
    chloe = make_user(Role.PRACTITIONER, team=team)
    for n in range(12):
        answers = (REFERENCE_ANSWERS, NO_FAMILY_HELP, NO_NEEDS)[n % 3]
        person = make_person(team=team, sex="female" if n % 2 else "male")
        services.indicative_budget_calculate(
            actor=chloe, assessment=submitted_assessment(person=person, actor=chloe, answers=answers)
        )
    tom = make_user(Role.FINANCE_OFFICER, first_name="Tom", last_name="Reid")

    # --- Calibration ----------------------------------------------------------------------------
    page = sign_in_staff(tom)
    navigate(checked_page, lambda: _menu(page).click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget modelling")
    navigate(checked_page, lambda: page.get_by_role("link", name="Calibrate against care packages").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Calibrate against care packages")

    _upload(checked_page, BAD_FILE, "bad.csv")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        'Line 3, column weekly_cost: "about 100" is not a number of pounds.'
    )
    assert not AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_CALIBRATION_RUN).exists()

    _upload(checked_page, good_file(120), "packages.csv")
    assert _path(page) == "/allocation/modelling/calibration/result/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Calibration: 120 care packages")
    chart = page.get_by_role("img", name="Weekly cost against points for 120 care packages")
    expect(chart).to_be_visible()
    expect(page.locator("#fits")).to_contain_text("Price per point, through zero")
    expect(page.locator("#packages caption")).to_contain_text("Care packages 1 to 50 of 120")
    navigate(checked_page, lambda: page.get_by_role("link", name="Page 3").click())
    expect(page.locator("#packages caption")).to_contain_text("Care packages 101 to 120 of 120")
    expect(page.locator("main")).not_to_contain_text("Start a new draft")  # administrators only

    # --- What-if --------------------------------------------------------------------------------
    navigate(checked_page, lambda: _menu(page).click())
    navigate(checked_page, lambda: page.get_by_role("link", name="What if we changed the configuration?").click())
    page.get_by_label("Configuration to try").select_option(str(candidate.pk))
    navigate(checked_page, lambda: page.get_by_role("button", name="Try it").click())
    totals = page.locator("#totals")
    # Four people each at £9,534.20, £10,868.00 and £1,000 today; at £260 a point £10,036.00, £11,440.00, £1,000.
    expect(totals).to_contain_text("12 of 12 with a sent self-assessment")
    expect(totals).to_contain_text("£85,608.80")
    expect(totals).to_contain_text("£89,904.00")
    expect(page.locator("#bands-of-change")).to_contain_text("Gain less than 10%")
    expect(page.get_by_role("link", name="Download the figures for each person (CSV, with names)")).to_be_visible()

    # --- Equality check -----------------------------------------------------------------------------
    navigate(checked_page, lambda: _menu(page).click())
    navigate(checked_page, lambda: page.get_by_role("link", name="Equality check").click())
    expect(page.locator("main")).to_contain_text("12 with a current indicative budget")
    page.get_by_label("Flag a group whose budget per point differs from everyone's by more than (per cent)").fill(
        "lots"
    )
    navigate(checked_page, lambda: page.get_by_role("button", name="Check").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("The percentage must be a number, for example 10")
    page.get_by_label("Flag a group whose budget per point differs from everyone's by more than (per cent)").fill("5")
    page.get_by_label("The figure agreed after any change").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Check").click())
    expect(page.locator("#sex")).to_contain_text("Female")
    assert AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_EQUALITY_CHECKED, actor=tom).count() == 2

    # --- An administrator starts a draft from a fit --------------------------------------------------
    page.context.clear_cookies()
    page = sign_in_staff(administrator)
    navigate(checked_page, lambda: _menu(page).click())
    navigate(checked_page, lambda: page.get_by_role("link", name="Calibrate against care packages").click())
    _upload(checked_page, good_file(20), "small.csv")
    navigate(checked_page, lambda: page.get_by_role("button", name="Start a new draft").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the price per point or the bands")
    page.get_by_label("The bands").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Start a new draft").click())
    assert _path(page).startswith("/allocation/configurations/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("with the fitted money")
    expect(page.locator("main")).to_contain_text("Bands of points, each worth an amount")
