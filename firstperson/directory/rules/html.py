"""Descriptions may carry a little formatting; anything else is removed before it is stored."""

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a"})
ALLOWED_ATTRIBUTES = {"a": frozenset({"href"})}


def sanitise_html(html: str) -> str:
    """Keep paragraphs, lists, emphasis and plain links; drop scripts, styles, events and the rest."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    ).strip()
