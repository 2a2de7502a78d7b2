"""Pure rules of support planning: no Django, Decimal money, frozen dataclasses in and out."""
