"""Form fields that render as GOV.UK components and give GOV.UK-style error messages."""

import datetime

from django import forms


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year as three boxes: the GOV.UK date input pattern."""

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}
            ),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date entered as day, month and year, with messages that say exactly what is wrong."""

    widget = GovukDateWidget

    def __init__(self, *, label: str, past_only: bool = False, **kwargs):
        self.past_only = past_only
        # The parts are optional one by one, so that compress() can say which part is missing.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields=fields, label=label, **kwargs)
        self.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"
        self.error_messages["incomplete"] = f"Enter {label[0].lower()}{label[1:]}"

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = [(part or "").strip() for part in data_list]
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"{self.label} must include a {' and a '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"{self.label} must be a real date, using numbers only")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers, for example 1956")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise forms.ValidationError(f"{self.label} must be a real date") from error
        if value.year < 1890:
            raise forms.ValidationError(f"{self.label} must be after 1890")
        if self.past_only and value > datetime.date.today():
            raise forms.ValidationError(f"{self.label} must be today or in the past")
        return value
