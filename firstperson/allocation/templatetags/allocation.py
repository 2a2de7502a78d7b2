"""Money and points as people read them: £9,534.20, -£741.00 (staff) or minus £741.00 (residents), 38.6 points."""

from django import template

from firstperson.allocation.rules.ras import pounds as ras_pounds
from firstperson.platform.ui.templatetags.money import decimal_or_none as _decimal
from firstperson.platform.ui.templatetags.money import pounds_plain

register = template.Library()


@register.filter
def pounds(value) -> str:
    amount = _decimal(value)
    return "" if amount is None else ras_pounds(amount)


# Money as residents read it ("minus £543.40"), shared with the other apps' pages for residents:
# staff tables keep the sign (`pounds`); the rule's own text (ras.pounds) never changes.
register.filter("pounds_plain", pounds_plain)


@register.filter
def pounds_for(value, for_resident) -> str:
    """Money for whoever reads the page: `pounds_plain` ("minus £741.00") when `for_resident` is
    true, `pounds` ("-£741.00", as in staff tables) when it is not. {{ amount|pounds_for:for_resident }}"""
    return pounds_plain(value) if for_resident else pounds(value)


@register.filter
def points(value) -> str:
    number = _decimal(value)
    if number is None:
        return ""
    text = f"{number.normalize():f}"
    return f"{text} point" if number == 1 else f"{text} points"


@register.filter
def percent(value) -> str:
    number = _decimal(value)
    if number is None:
        return ""
    sign = "+" if number > 0 else ""
    return f"{sign}{number.normalize():f}%"


@register.filter
def percent_than(value) -> str:
    """A change as residents read it, with no sign: 12.5 -> "12.5% more than", -4 -> "4% less than"."""
    number = _decimal(value)
    if number is None:
        return ""
    if number == 0:
        return "the same as"
    return f"{abs(number).normalize():f}% {'more' if number > 0 else 'less'} than"


@register.filter
def tolerance(value) -> str:
    """A tolerance is how far a change may go either way, so it has no sign: 10 -> "10%"."""
    number = _decimal(value)
    return "" if number is None else f"{number.normalize():f}%"


@register.filter
def plain(value) -> str:
    """A number as written by hand: 1.000 -> 1, 0.800 -> 0.8, 10.000 -> 10."""
    number = _decimal(value)
    return "" if number is None else f"{number.normalize():f}"
