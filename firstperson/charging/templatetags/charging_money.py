"""{{ amount|money }}: pounds and pence, "£1,234.50" or "-£20.00"."""

from decimal import Decimal

from django import template

from ..rules.charging import pounds

register = template.Library()


@register.filter
def money(amount) -> str:
    if amount is None or amount == "":
        return ""
    return pounds(Decimal(str(amount)))
