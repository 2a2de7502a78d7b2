"""Browser journeys: a live server, a real Chromium, and axe and a 320-pixel reflow check on every page."""

import pytest

from .accessibility import assert_accessible, assert_reflows


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/journeys" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def checked_page(page, live_server):
    """A page whose every navigation is followed by an axe check and a reflow check at 320 pixels wide
    (call `visit` to load a URL)."""

    class CheckedPage:
        def __init__(self):
            self.page = page
            self.base = live_server.url

        def visit(self, path):
            self.page.goto(self.base + path)
            self.check()
            return self.page

        def check(self):
            self.page.wait_for_load_state("load")
            assert_accessible(self.page)
            assert_reflows(self.page)

    page.set_default_timeout(15000)
    return CheckedPage()


STAFF_PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def sign_in_staff(checked_page):
    """Signs a member of staff in through the real pages: password, then a two-factor code.
    Every page on the way is checked by axe. Returns the page, on the workspace home page."""
    import pyotp

    from .steps import navigate

    def sign_in(user, password=STAFF_PASSWORD):
        page = checked_page.visit("/sign-in/")
        page.get_by_label("Username or email address").fill(user.username)
        page.get_by_label("Password", exact=True).fill(password)
        navigate(checked_page, lambda: page.get_by_role("button", name="Sign in").click())
        assert page.url == checked_page.base + "/sign-in/two-factor/"
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(TOTP_SECRET).now())
        navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
        assert page.url == checked_page.base + "/home/"
        return page

    return sign_in
