"""Someone, signed out and on a phone, estimates what they might pay for care at home.

From the public start page: the questions one a page (with an error on the way), the check page with a
change, and an estimate of £100.55 a week (REFERENCE §3.11, Mrs A) with every line explained, marked as
only an estimate, and a way to a proper financial assessment. Every page, and the error state, is
checked by axe; nothing sticks out sideways at 320 pixels. No session is made for the visitor."""

import datetime
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from .accessibility import assert_reflows
from .steps import navigate

BASE = "/estimate-what-you-might-pay/"


def _path(page):
    return urlparse(page.url).path


def _continue(checked_page):
    page = checked_page.page
    navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
    assert_reflows(page)
    return page


def _amount(checked_page, amount, how_often, rate=None):
    page = checked_page.page
    if rate:
        page.get_by_label(rate, exact=True).check()
    page.get_by_label("How much do you get, in pounds?").fill(amount)
    page.get_by_label(how_often, exact=True).check()
    return _continue(checked_page)


@pytest.mark.django_db(transaction=True)
def test_someone_estimates_what_they_might_pay(checked_page, monkeypatch):
    from django.conf import settings
    from django.contrib.sessions.models import Session

    from firstperson.charging.models import ChargingCalculation, FinancialAssessment
    from firstperson.charging.services.parameters import load_default_parameters
    from firstperson.charging.views import estimate

    load_default_parameters()
    monkeypatch.setattr(estimate, "_today", lambda: datetime.date(2025, 10, 1))
    page = checked_page.page
    page.set_viewport_size({"width": 320, "height": 720})

    page = checked_page.visit("/")
    navigate(checked_page, lambda: page.get_by_role("link", name="estimate what you might pay for care").click())
    assert _path(page) == BASE
    assert_reflows(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Estimate what you might pay for care")
    expect(page.locator("main")).to_contain_text("This is only an estimate.")
    navigate(checked_page, lambda: page.get_by_role("button", name="Start now").click())
    assert _path(page) == BASE + "questions/age/"

    # An error state: Continue without an age, then an age under 18.
    expect(page.get_by_role("heading", level=1)).to_have_text("How old are you?")
    _continue(checked_page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your age")
    page.get_by_label("How old are you?").fill("17")
    _continue(checked_page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("your age must be 18 or over")
    page.get_by_label("How old are you?").fill("70")
    _continue(checked_page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Who do you live with?")
    page.get_by_label("On my own, or with people who are not my partner", exact=True).check()
    _continue(checked_page)

    page.get_by_label("Roughly how much money do you have in savings?").fill("£18,300")
    _continue(checked_page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Which of these do you get?")
    for label in ("State Pension", "A pension from a job you used to have", "Attendance Allowance"):
        page.get_by_label(label, exact=True).check()
    _continue(checked_page)

    expect(page.get_by_role("heading", level=1)).to_have_text("How much State Pension do you get?")
    _amount(checked_page, "230.25", "Every week")
    _amount(checked_page, "260", "Every month")
    expect(page.get_by_role("heading", level=1)).to_have_text("How much Attendance Allowance do you get?")
    _amount(checked_page, "110.40", "Every week", rate="The higher rate")

    page.get_by_label("How much do you pay for your home, in pounds?").fill("28")
    page.get_by_label("Every week", exact=True).check()
    _continue(checked_page)

    expect(page.get_by_role("heading", level=1)).to_have_text("How much will your care cost each week?")
    expect(page.locator("main")).to_contain_text("We will use £336.00 a week")
    _continue(checked_page)  # left empty: the typical figure

    assert _path(page) == BASE + "check/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    # Change one answer from the check page, and come straight back to it.
    navigate(
        checked_page,
        lambda: page.get_by_role(
            "link", name="Change your answer to: Roughly how much money do you have in savings?"
        ).click(),
    )
    page.get_by_label("Roughly how much money do you have in savings?").fill("3000")
    _continue(checked_page)
    assert _path(page) == BASE + "check/"
    navigate(checked_page, lambda: page.get_by_role("button", name="See my estimate").click())
    expect(page.locator(".fp-figure")).to_have_text("£83.55 a week")
    assert_reflows(page)

    navigate(checked_page, lambda: page.get_by_role("link", name="Back", exact=True).click())
    navigate(
        checked_page,
        lambda: page.get_by_role(
            "link", name="Change your answer to: Roughly how much money do you have in savings?"
        ).click(),
    )
    page.get_by_label("Roughly how much money do you have in savings?").fill("18300")
    _continue(checked_page)
    navigate(checked_page, lambda: page.get_by_role("button", name="See my estimate").click())
    assert _path(page) == BASE + "estimate/"
    assert_reflows(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your estimate")
    expect(page.locator(".fp-figure")).to_have_text("£100.55 a week")
    main = page.locator("main")
    expect(main).to_contain_text("This is only an estimate. It is not a bill and it is not a decision.")
    expect(main).to_contain_text("the council pays £235.45 a week")
    expect(main).to_contain_text("the night part, £36.50, is not counted because the council arranges no care at night")
    expect(main).to_contain_text("Minimum Income Guarantee: Basic amount (Pension Credit age or over)")
    expect(page.get_by_role("link", name="start your financial assessment online")).to_have_attribute(
        "href", "/my-account/financial-assessment/"
    )
    page.get_by_text("What the words mean").click()
    expect(main).to_contain_text("Money the law says you must be left with each week for everyday living")
    checked_page.check()

    navigate(checked_page, lambda: page.get_by_role("button", name="Start again").click())
    assert _path(page) == BASE + "questions/age/"
    assert not FinancialAssessment.objects.exists()
    assert not ChargingCalculation.objects.exists()
    # Nothing kept about the visitor: no session row and no session cookie (the answers travelled in a
    # signed token, page to page).
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in {cookie["name"] for cookie in page.context.cookies()}
