"""Keyboard only: the skip link comes first, focus moves in reading order and can always be seen, and
people can sign in and search by typing, Tab and Enter. Every page reached is checked by axe."""

import re
from urllib.parse import urlparse

import pyotp
import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import STAFF_PASSWORD, TOTP_SECRET
from .steps import navigate

GOVUK_FOCUS_YELLOW = "rgb(255, 221, 0)"
_BRAND_LINKS = [f"a:{settings.COUNCIL_NAME}", f"a:{settings.SERVICE_NAME}"]

# What is focused, described the same way as the elements listed from the page.
_DESCRIBE = """el => {
  if (!el || el === document.body) return "body";
  const tag = el.tagName.toLowerCase();
  if (el.id) return `${tag}#${el.id}`;
  return `${tag}:${(el.innerText || el.value || "").trim().replace(/\\s+/g, " ")}`;
}"""

# Every element a keyboard user can reach with Tab, in document order.
_TAB_STOPS = f"""() => {{
  const describe = {_DESCRIBE};
  const selector = 'a[href], button, input, select, textarea, [tabindex]';
  return [...document.querySelectorAll(selector)]
    .filter(el => !el.disabled && el.type !== "hidden" && el.tabIndex >= 0 && !el.closest("[hidden]")
      && getComputedStyle(el).visibility !== "hidden" && el.getClientRects().length > 0)
    .map(describe);
}}"""

_FOCUS_STYLE = """() => {
  const s = getComputedStyle(document.activeElement);
  return {outlineStyle: s.outlineStyle, outlineColor: s.outlineColor, outlineWidth: s.outlineWidth,
          boxShadow: s.boxShadow, backgroundColor: s.backgroundColor};
}"""


def _focused(page) -> str:
    return page.evaluate(f"() => ({_DESCRIBE})(document.activeElement)")


def _assert_focus_visible(page) -> None:
    """GOV.UK shows focus with a yellow outline, background or box-shadow; none may be missing."""
    style = page.evaluate(_FOCUS_STYLE)
    outline_shown = (
        style["outlineStyle"] != "none"
        and not style["outlineWidth"].startswith("0")
        and style["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )
    where = _focused(page)
    assert outline_shown or style["boxShadow"] != "none", f"no visible focus on {where}: {style}"
    assert GOVUK_FOCUS_YELLOW in (style["outlineColor"], style["backgroundColor"]) or (
        GOVUK_FOCUS_YELLOW in style["boxShadow"]
    ), f"focus on {where} is not the GOV.UK yellow: {style}"


def _tab_until(page, target: str, limit: int = 40) -> list[str]:
    """Press Tab until `target` has focus, checking focus can be seen at every stop. Returns the stops."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        _assert_focus_visible(page)
        if stops[-1] == target:
            return stops
    raise AssertionError(f"Tab never reached {target}; it went {stops}")


def _assert_tab_order_from_the_top(page, *, header_links: list[str], fields: list[str], submit: str) -> None:
    skip_link = page.get_by_role("link", name="Skip to main content")
    box = skip_link.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1, "the skip link shows before it has focus"

    page.keyboard.press("Tab")
    assert _focused(page) == "a:Skip to main content"
    expect(skip_link).to_be_focused()
    _assert_focus_visible(page)
    box = skip_link.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 20, f"focused skip link is not visible: {box}"
    expect(skip_link).to_be_visible()

    stops = ["a:Skip to main content", *_tab_until(page, submit)]
    reachable = page.evaluate(_TAB_STOPS)
    assert stops == reachable[: reachable.index(submit) + 1], "Tab does not follow the order of the page"
    first_field = stops.index(fields[0])
    assert stops[first_field:] == [*fields, submit]
    in_header = stops[1:first_field]
    position = [in_header.index(link) for link in header_links]
    assert position == sorted(position), f"header links out of order: {in_header}"
    assert page.locator("header a[href]").count() >= len(header_links)
    for link in header_links:
        text = link.split(":", 1)[1]
        assert page.locator("header").get_by_role("link", name=text, exact=True).count() == 1, link


@pytest.mark.django_db(transaction=True)
def test_sign_in_page_tab_order_skip_link_and_visible_focus(checked_page):
    page = checked_page.visit("/sign-in/")
    _assert_tab_order_from_the_top(
        page,
        header_links=[*_BRAND_LINKS, "a:Home", "a:Sign in"],
        fields=["input#id_username", "input#id_password"],
        submit="button:Sign in",
    )


@pytest.mark.django_db(transaction=True)
def test_skip_link_moves_focus_to_the_main_content(checked_page):
    page = checked_page.visit("/sign-in/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
    assert urlparse(page.url).fragment == "main-content"
    page.keyboard.press("Tab")
    assert _focused(page) == "input#id_username"


@pytest.mark.django_db(transaction=True)
def test_resident_signs_in_with_the_keyboard_only_and_recovers_from_an_error(checked_page, make_user):
    resident = make_user("resident", password="marmalade kettle lighthouse")
    page = checked_page.visit("/sign-in/")

    _tab_until(page, "input#id_username")
    page.keyboard.type(resident.username)
    # Enter with no password: the error summary takes focus and its link leads to the field.
    navigate(checked_page, lambda: page.keyboard.press("Enter"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter your password")
    expect(page.get_by_label("Username or email address")).to_have_value(resident.username)
    page.keyboard.press("Tab")
    assert _focused(page) == "a:Enter your password"
    _assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()

    page.keyboard.type("marmalade kettle lighthouse")
    navigate(checked_page, lambda: page.keyboard.press("Enter"))
    assert urlparse(page.url).path == "/my-account/"
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")


@pytest.mark.django_db(transaction=True)
def test_practitioner_signs_in_and_searches_people_with_the_keyboard_only(checked_page, make_user, make_person, team):
    practitioner = make_user("practitioner", team=team)
    person = make_person(team=team, legal_given_name="Margaret", legal_family_name="Okafor")
    make_person(team=team, legal_given_name="Samuel", legal_family_name="Brightwater")

    page = checked_page.visit("/sign-in/")
    _tab_until(page, "input#id_username")
    page.keyboard.type(practitioner.username)
    page.keyboard.press("Tab")
    assert _focused(page) == "input#id_password"
    page.keyboard.type(STAFF_PASSWORD)
    navigate(checked_page, lambda: page.keyboard.press("Enter"))
    assert urlparse(page.url).path == "/sign-in/two-factor/"

    _tab_until(page, "input#id_code")
    page.keyboard.type(pyotp.TOTP(TOTP_SECRET).now())
    navigate(checked_page, lambda: page.keyboard.press("Enter"))
    assert urlparse(page.url).path == "/home/"

    # To the People page through the service navigation.
    _tab_until(page, "a:People")
    expect(page.locator("header").get_by_role("link", name="People")).to_be_focused()
    navigate(checked_page, lambda: page.keyboard.press("Enter"))
    assert urlparse(page.url).path == "/people/"

    _assert_tab_order_from_the_top(
        page,
        header_links=[*_BRAND_LINKS, "a:Home", "a:People", "a:Sign out"],
        fields=[
            "input#id_name",
            "input#id_date_of_birth_0",
            "input#id_date_of_birth_1",
            "input#id_date_of_birth_2",
            "input#id_nhs_number",
            "input#id_postcode",
        ],
        submit="button:Search",
    )

    # Fill the form from the skip link, and submit with Enter.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == "input#id_nhs_number"
    _assert_focus_visible(page)
    navigate(checked_page, lambda: page.reload())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page) == "input#id_name"
    page.keyboard.type("okafor")
    navigate(checked_page, lambda: page.keyboard.press("Enter"))
    assert urlparse(page.url).path == "/people/"
    assert "name=okafor" in urlparse(page.url).query
    expect(page.get_by_role("heading", name="1 person found")).to_be_visible()
    expect(page.locator("table.govuk-table tbody tr")).to_have_count(1)

    # Open the result with the keyboard.
    _tab_until(page, "a:Margaret Okafor")
    navigate(checked_page, lambda: page.keyboard.press("Enter"))
    assert urlparse(page.url).path == f"/people/{person.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Margaret Okafor$"))
