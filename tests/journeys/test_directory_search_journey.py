"""Margaret finds a carers' group near her postcode on her tablet, narrows the search, opens the
service, saves it to her list, looks at the list, prints it and emails it to herself. On the way she
meets a search that finds nothing and a postcode we do not know. Daniel reads the same pages on a
320-pixel phone. No sign-in; every page and error state is checked by axe."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from firstperson.directory.tests.search.corpus import HOME_POSTCODE, REAL_BUT_UNKNOWN_POSTCODE, corpus  # noqa: F401

from .accessibility import assert_reflows
from .steps import navigate

PHONE_WIDTH = 320


def _search(checked_page, words, postcode=""):
    page = checked_page.page
    page.get_by_label("What are you looking for?").fill(words)
    page.get_by_label("Postcode (optional)").fill(postcode)
    navigate(checked_page, lambda: page.get_by_role("button", name="Search", exact=True).click())
    return page


def _result_names(page):
    return page.locator("#results ~ ul h3").all_inner_texts()


@pytest.mark.django_db(transaction=True)
def test_resident_searches_filters_opens_a_service_and_saves_it(checked_page, corpus, mailoutbox):  # noqa: F811
    page = checked_page.visit("/services/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find services and support near you")
    expect(page.get_by_role("link", name="Support for carers")).to_be_visible()

    # Words and a postcode: the nearest first, with the distance.
    _search(checked_page, "carers", "ws1 4fg")
    expect(page.get_by_role("heading", name="6 services found")).to_be_visible()
    assert _result_names(page)[:4] == [
        "Benefits Advice Clinic",
        "Westshire Carers' Café",
        "Oakfield Day Centre",
        "Young Carers Club",
    ]
    expect(page.get_by_text("0.5 miles away")).to_be_visible()

    # Filters: free, for someone aged 80. The children's club and the paid day centre drop out.
    page.get_by_text("Filter by cost, age, day, wheelchair access or language").click()
    page.get_by_label("Free", exact=True).check()
    page.get_by_label("For someone aged").fill("80")
    navigate(checked_page, lambda: page.get_by_role("button", name="Search", exact=True).click())
    names = _result_names(page)
    assert "Young Carers Club" not in names and "Oakfield Day Centre" not in names
    assert names[:2] == ["Benefits Advice Clinic", "Westshire Carers' Café"]
    expect(page.get_by_label("Free", exact=True)).to_be_checked()

    # The service, in plain English.
    navigate(checked_page, lambda: page.get_by_role("link", name="Westshire Carers' Café").click())
    assert re.fullmatch(r"/services/[0-9a-f-]{36}/", urlparse(page.url).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Westshire Carers' Café")
    expect(page.get_by_text("Tuesdays, 10am to midday")).to_be_visible()
    expect(page.get_by_text("Last checked on 14 March 2025.")).to_be_visible()
    expect(page.get_by_role("link", name="Back to search results")).to_be_visible()

    # Saved to the list, without signing in.
    navigate(checked_page, lambda: page.get_by_role("button", name=re.compile("^Save to my list")).click())
    expect(page.get_by_role("alert")).to_contain_text("Westshire Carers' Café is saved to your list")
    expect(page.get_by_role("button", name=re.compile("^Remove from my list"))).to_be_visible()
    navigate(checked_page, lambda: page.get_by_role("link", name="View your saved list (1)").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Your saved list")
    expect(page.get_by_role("link", name="Westshire Carers' Café")).to_be_visible()

    # Printed, in large print for Margaret.
    navigate(checked_page, lambda: page.get_by_role("link", name="Print your list in large print").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Your saved list of services")
    expect(page.get_by_text("Phone: 01632 960001")).to_be_visible()
    navigate(checked_page, lambda: page.get_by_role("link", name="Back to your saved list").click())

    # Emailed: a wrong address first.
    navigate(checked_page, lambda: page.get_by_role("link", name="Email this list to me").click())
    page.get_by_label("Email address").fill("margaret at example")
    navigate(checked_page, lambda: page.get_by_role("button", name="Send my list").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address in the correct format")
    page.get_by_label("Email address").fill("margaret@example.com")
    navigate(checked_page, lambda: page.get_by_role("button", name="Send my list").click())
    assert urlparse(page.url).path == "/services/saved/"
    expect(page.get_by_role("alert")).to_contain_text("We have sent your list")
    assert len(mailoutbox) == 1 and "Westshire Carers' Café" in mailoutbox[0].body


@pytest.mark.django_db(transaction=True)
def test_no_results_and_an_unknown_postcode_are_explained(checked_page, corpus):  # noqa: F811
    page = checked_page.visit("/services/")
    _search(checked_page, "knitting circle", HOME_POSTCODE)
    expect(page.get_by_role("heading", name="No services found")).to_be_visible()
    expect(page.get_by_text("check the spelling")).to_be_visible()
    expect(page.get_by_role("link", name="ask for help online")).to_have_attribute("href", "/ask-for-help/")

    _search(checked_page, "carers", REAL_BUT_UNKNOWN_POSTCODE)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("We could not find that postcode"))).to_have_attribute(
        "href", "#id_postcode"
    )
    assert page.title().startswith("Error: ")

    _search(checked_page, "'; DROP TABLE directory_service; --")
    expect(page.get_by_role("heading", name="No services found")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_daniel_reads_results_and_a_service_on_a_phone(checked_page, corpus):  # noqa: F811
    checked_page.page.set_viewport_size({"width": PHONE_WIDTH, "height": 700})
    page = checked_page.visit("/services/")
    assert_reflows(page)
    _search(checked_page, "dementia", HOME_POSTCODE)
    assert_reflows(page)
    navigate(checked_page, lambda: page.get_by_role("link", name="Oakfield Day Centre").click())
    assert_reflows(page)
    expect(page.get_by_text("Mondays, Wednesdays and Fridays, 9am to 3pm")).to_be_visible()
    page.goto(checked_page.base + "/services/category/carers-support/")
    checked_page.check()
    assert_reflows(page)
