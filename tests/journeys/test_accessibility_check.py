"""The accessibility check itself must be able to fail, or every journey's check proves nothing."""

import pytest

from .accessibility import assert_accessible


def test_axe_check_fails_on_a_page_with_violations(page):
    page.set_content(
        '<html lang="en"><head><title>Bad</title></head><body><main><img src="x.png"><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)


def test_axe_check_passes_a_plain_accessible_page(page):
    page.set_content(
        '<html lang="en"><head><title>Good</title></head><body><main><h1>Hello</h1><p>Plain text.</p></main></body></html>'
    )
    assert_accessible(page)


def test_axe_check_fails_aria_expanded_on_a_radio(page):
    """Why registration asks "do you have a code?" and "what is it?" on two pages rather than revealing
    the second question under the first: GOV.UK Frontend's reveal puts aria-expanded on the radio."""
    page.set_content(
        '<html lang="en"><head><title>Radios</title></head><body><main><h1>Radios</h1><fieldset>'
        "<legend>Do you have a code?</legend>"
        '<input id="yes" name="code" type="radio" value="yes" aria-controls="more" aria-expanded="false">'
        '<label for="yes">Yes</label><div id="more" hidden>More</div></fieldset></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "aria-allowed-attr" in str(failure.value)
