"""The accessibility checks themselves must be able to fail, or every journey's check proves nothing."""

import pytest

from .accessibility import assert_accessible, assert_reflows


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


_WIDE_TABLE = (
    '<table style="width: 900px"><caption>Wide</caption><tr><th scope="col">A</th></tr>'
    "<tr><td>reference-0000000000</td></tr></table>"
)


def test_reflow_check_fails_on_a_page_that_scrolls_sideways_and_names_what_sticks_out(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.set_content(f'<html lang="en"><body><main><h1>Wide</h1>{_WIDE_TABLE}</main></body></html>')
    with pytest.raises(AssertionError) as failure:
        assert_reflows(page)
    assert "scrolls sideways at 320 pixels wide" in str(failure.value)
    assert "- table reaches" in str(failure.value)
    assert page.viewport_size == {"width": 1280, "height": 800}  # put back, even when the check fails


def test_reflow_check_passes_a_wide_table_that_scrolls_in_its_own_box(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.set_content(
        '<html lang="en"><body><main><h1>Wide</h1>'
        f'<div style="overflow-x: auto" role="region" aria-label="Wide" tabindex="0">{_WIDE_TABLE}</div>'
        "</main></body></html>"
    )
    assert_reflows(page)
    assert page.viewport_size == {"width": 1280, "height": 800}


def test_reflow_check_names_an_element_whose_words_overflow_it(page):
    page.set_content(
        '<html lang="en"><body><main><h1>Long</h1><p id="ref">Reference: ' + "X" * 80 + "</p></main></body></html>"
    )
    with pytest.raises(AssertionError) as failure:
        assert_reflows(page)
    assert "- p#ref reaches" in str(failure.value)
