"""The Easy Read switch: the person's preference by default, the reader's choice from ?format=
remembered in their session for one record only, under the key sessions already carry."""

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory

from firstperson.platform.ui.easy_read import EasyReadSwitch, format_switch_url

SWITCH = EasyReadSwitch(session_key="budget-format")


def page(session, query=None):
    """A request for a page, in a reader's session (no database needed for a signed-cookie one)."""
    request = RequestFactory().get("/budget/", query or {})
    request.session = session
    return request


@pytest.fixture
def session():
    return SessionStore()


@pytest.mark.parametrize("prefers_easy_read", [True, False])
def test_with_no_choice_the_persons_preference_decides(session, prefers_easy_read):
    request = page(session)
    assert SWITCH.is_easy_read(request, remembered_for=7, prefers_easy_read=prefers_easy_read) is prefers_easy_read


@pytest.mark.parametrize(
    ("wanted", "prefers_easy_read", "easy_read"),
    [("standard", True, False), ("easy-read", False, True)],
)
def test_a_format_asked_for_overrides_the_preference_and_is_remembered(session, wanted, prefers_easy_read, easy_read):
    assert SWITCH.remember(page(session, {"format": wanted}), remembered_for=7) is True
    later = page(session)  # the next page, without ?format=
    assert SWITCH.is_easy_read(later, remembered_for=7, prefers_easy_read=prefers_easy_read) is easy_read


def test_a_later_choice_replaces_the_earlier_one(session):
    SWITCH.remember(page(session, {"format": "easy-read"}), remembered_for=7)
    SWITCH.remember(page(session, {"format": "standard"}), remembered_for=7)
    assert SWITCH.is_easy_read(page(session), remembered_for=7, prefers_easy_read=True) is False


@pytest.mark.parametrize("query", [{"format": "large-print"}, {"format": ""}, {"format": "EASY-READ"}, {}])
def test_anything_but_a_known_format_is_ignored(session, query):
    assert SWITCH.remember(page(session, query), remembered_for=7) is False
    assert SWITCH.session_key not in session
    assert SWITCH.is_easy_read(page(session), remembered_for=7, prefers_easy_read=True) is True


def test_an_unknown_format_leaves_an_earlier_choice_alone(session):
    SWITCH.remember(page(session, {"format": "easy-read"}), remembered_for=7)
    SWITCH.remember(page(session, {"format": "braille"}), remembered_for=7)
    assert SWITCH.is_easy_read(page(session), remembered_for=7, prefers_easy_read=False) is True


def test_a_choice_for_one_record_does_not_leak_to_another(session):
    SWITCH.remember(page(session, {"format": "easy-read"}), remembered_for=7)
    SWITCH.remember(page(session, {"format": "standard"}), remembered_for=8)
    assert SWITCH.is_easy_read(page(session), remembered_for=7, prefers_easy_read=False) is True
    assert SWITCH.is_easy_read(page(session), remembered_for=8, prefers_easy_read=True) is False
    assert SWITCH.is_easy_read(page(session), remembered_for=9, prefers_easy_read=False) is False


def test_a_choice_on_one_page_does_not_change_another_pages_switch(session):
    """The budget page and the self-assessment each keep their own choices, even for the same id."""
    assessment_switch = EasyReadSwitch(session_key="assessment-format")
    SWITCH.remember(page(session, {"format": "easy-read"}), remembered_for=7)
    assert assessment_switch.is_easy_read(page(session), remembered_for=7, prefers_easy_read=False) is False


def test_choices_are_kept_as_sessions_already_hold_them(session):
    """Sessions made before the switch was shared hold {"<id>": "<format>"} under the page's key:
    they must still be read, and new choices stored the same way."""
    session["budget-format"] = {"7": "easy-read"}
    assert SWITCH.is_easy_read(page(session), remembered_for=7, prefers_easy_read=False) is True
    SWITCH.remember(page(session, {"format": "standard"}), remembered_for=8)
    assert session["budget-format"] == {"7": "easy-read", "8": "standard"}


def test_remembering_marks_the_session_to_be_saved(session):
    session["budget-format"] = {"7": "easy-read"}
    session.modified = False
    SWITCH.remember(page(session, {"format": "standard"}), remembered_for=7)
    assert session.modified is True


@pytest.mark.parametrize(
    ("easy_read", "url"), [(True, "/budget/?format=standard"), (False, "/budget/?format=easy-read")]
)
def test_the_switch_links_to_the_same_page_in_the_other_format(easy_read, url):
    assert format_switch_url("/budget/", easy_read=easy_read) == url


@pytest.mark.parametrize(
    ("easy_read", "words"), [(True, "Read this in standard words"), (False, "Read this in Easy Read")]
)
def test_the_switch_link_offers_the_other_format(easy_read, words):
    html = render_to_string(
        "ui/_easy_read_switch.html", {"easy_read": easy_read, "format_switch_url": "/budget/?format=x"}
    )
    assert f'<a class="govuk-link" href="/budget/?format=x">{words}</a>' in html


@pytest.mark.parametrize(
    ("easy_read", "words"), [(True, "Show the standard wording"), (False, "Show this in Easy Read")]
)
def test_a_page_can_word_the_switch_link_its_own_way(easy_read, words):
    html = render_to_string(
        "ui/_easy_read_switch.html",
        {
            "easy_read": easy_read,
            "format_switch_url": "/q/",
            "to_easy_read": "Show this in Easy Read",
            "to_standard": "Show the standard wording",
        },
    )
    assert f">{words}</a>" in html
