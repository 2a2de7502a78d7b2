"""A wide table on a phone scrolls sideways in its own box, so the page around it reflows (WCAG 1.4.10).

{% load tables %}
{% scrolling_table %}<table class="govuk-table"><caption ...>Open support plans</caption>...</table>{% endscrolling_table %}
{% scrolling_table "Answers: "|add:section.title %}...{% endscrolling_table %}

The box is the house pattern (.fp-table-scroll in application.scss): a focusable region, so keyboard
users can scroll it too, named by the words of the table's caption unless a name is given.
"""

import html
import re

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)


class ScrollingTableNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        table = self.nodelist.render(context)
        if self.label is not None:
            label = str(self.label.resolve(context))
        else:
            caption = _CAPTION.search(table)
            if caption is None:
                raise template.TemplateSyntaxError("scrolling_table needs a name, or a table with a caption")
            label = html.unescape(strip_tags(caption[1]))
        label = " ".join(label.split())
        return format_html(
            '<div class="fp-table-scroll" role="region" aria-label="{}" tabindex="0">{}</div>',
            label,
            mark_safe(table),  # already rendered, and escaped, by the template
        )


@register.tag
def scrolling_table(parser, token):
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("scrolling_table takes at most one argument, the box's name")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endscrolling_table",))
    parser.delete_first_token()
    return ScrollingTableNode(nodelist, label)
