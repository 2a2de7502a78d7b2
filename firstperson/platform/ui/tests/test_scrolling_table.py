"""{% scrolling_table %}: the wide table's own scrolling box, named after its caption."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def _render(source, **context):
    return Template("{% load tables %}" + source).render(Context(context))


def test_the_box_is_a_focusable_region_named_by_the_caption():
    rendered = _render(
        '{% scrolling_table %}<table class="govuk-table"><caption class="govuk-table__caption">'
        'Plans for {{ name }} <span class="govuk-visually-hidden">(newest first)</span></caption>'
        "</table>{% endscrolling_table %}",
        name="Ted O'Brien & <b>",
    )
    assert rendered.startswith(
        '<div class="fp-table-scroll" role="region" '
        'aria-label="Plans for Ted O&#x27;Brien &amp; &lt;b&gt; (newest first)" tabindex="0"><table'
    )
    assert "Plans for Ted O&#x27;Brien &amp; &lt;b&gt; <span" in rendered
    assert rendered.endswith("</table></div>")


def test_a_name_can_be_given():
    rendered = _render(
        '{% scrolling_table "Answers: "|add:title %}<table><caption>1. Eating</caption></table>{% endscrolling_table %}',
        title="Eating",
    )
    assert 'aria-label="Answers: Eating"' in rendered


def test_a_table_without_a_caption_or_a_name_is_an_error():
    with pytest.raises(TemplateSyntaxError):
        _render("{% scrolling_table %}<table></table>{% endscrolling_table %}")
