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


_RADIOS = """<html lang="en"><head><title>Radios</title></head><body><main><h1>Radios</h1>
<fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend">Do you have a code?</legend>
<input class="govuk-radios__input" id="yes" name="code" type="radio" value="yes" {attributes}>
<label class="govuk-label govuk-radios__label" for="yes">Yes</label>
<div id="reveal" hidden>More</div>
<input class="govuk-radios__input" id="no" name="code" type="radio" value="no">
<label class="govuk-label govuk-radios__label" for="no">No</label>
</fieldset></main></body></html>"""


def test_axe_check_accepts_govuk_conditional_reveal_radios(page):
    """GOV.UK Frontend's known aria-expanded on a revealing radio (alphagov/govuk-frontend#979) is let through."""
    page.set_content(_RADIOS.format(attributes='aria-controls="reveal" aria-expanded="false"'))
    assert_accessible(page)


def test_axe_check_lets_through_nothing_else_on_those_radios(page):
    page.set_content(_RADIOS.format(attributes='aria-controls="reveal" aria-expanded="false" aria-pressed="true"'))
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "aria-allowed-attr" in str(failure.value)


def test_axe_check_still_fails_aria_expanded_on_other_radios(page):
    page.set_content(_RADIOS.format(attributes='aria-expanded="false"').replace('class="govuk-radios__input" ', ""))
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "aria-allowed-attr" in str(failure.value)
