"""Small steps shared by the journeys."""


def navigate(checked_page, action):
    """Do something that loads a new page (a click, a key press), wait for it, then check it with axe.

    Waiting for the navigation itself matters: a form that fails validation comes back on the same
    URL, so waiting for a URL would not tell the new page from the old one."""
    page = checked_page.page
    with page.expect_navigation():
        action()
    checked_page.check()
    return page
