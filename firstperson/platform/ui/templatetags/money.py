"""Money as residents read it, shared by the apps' pages for residents: {% load money %}, then
{{ amount|pounds_plain }} gives "£543.40", or "minus £543.40" rather than "-£543.40".

A minus sign is easy to miss and screen readers read it badly, so pages for residents write "minus"
(GOV.UK style for negative numbers). Staff pages keep the sign, with each app's own filter
(allocation's `pounds`, charging's `money`); the rules' own text never changes.
"""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def decimal_or_none(value) -> Decimal | None:
    """The value as a Decimal, or None when it is blank or not a number."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def pounds_plain(value) -> str:
    """Money as residents read it: "£9,534.20", "minus £543.40"; blank for nothing or not a number."""
    amount = decimal_or_none(value)
    if amount is None:
        return ""
    words = f"£{abs(amount):,.2f}"
    return f"minus {words}" if amount < 0 else words
