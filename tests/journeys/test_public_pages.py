"""The public pages a first-time visitor meets, each checked by axe, on a desktop and a phone width."""

import pytest

PUBLIC_PATHS = [
    "/",
    "/sign-in/",
    "/register/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
    "/feedback/",
    "/password-reset/",
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_is_accessible_at_desktop_and_phone_widths(checked_page, path):
    page = checked_page.visit(path)
    assert page.locator("h1").count() == 1
    page.set_viewport_size({"width": 320, "height": 800})
    checked_page.check()  # axe again at a phone's width; the check includes reflow at 320 pixels


@pytest.mark.django_db(transaction=True)
def test_sign_in_errors_are_summarised_and_accessible(checked_page):
    page = checked_page.visit("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    checked_page.check()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter your username or email address" in summary.inner_text()
    assert "Enter your password" in summary.inner_text()
