"""Browser journeys: a live server, a real Chromium, and axe on every page."""

import pytest

from .accessibility import assert_accessible


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/journeys" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def checked_page(page, live_server):
    """A page whose every navigation is followed by an axe check (call `visit` to load a URL)."""

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

    page.set_default_timeout(15000)
    return CheckedPage()
