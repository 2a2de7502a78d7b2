"""Forms of the parameter administration and policy-modelling pages."""

from __future__ import annotations

from django import forms

from firstperson.platform.ui.fields import GovukDateField

from ..models import ChargingParameterSet, ParameterStatus
from ..rules import charging as rules
from ..services.parameter_authoring import GROUPS_BY_SLUG, Figure, FigureGroup

MONEY = {"max_digits": 12, "decimal_places": 2}


def money_field(label: str, *, required: bool = True, hint: str = "") -> forms.DecimalField:
    lowered = f"{label[0].lower()}{label[1:]}"
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        help_text=hint,
        error_messages={
            "required": f"Enter the {lowered}",
            "invalid": f"{label} must be an amount in pounds, like 14250 or 20.50",
            "min_value": f"{label} cannot be less than zero",
            "max_digits": f"{label} is too large",
            "max_whole_digits": f"{label} is too large",
            "max_decimal_places": f"{label} can have at most 2 decimal places (pounds and pence)",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        **MONEY,
    )


def field_for(figure: Figure) -> forms.Field:
    if figure.kind == "switch":
        return forms.BooleanField(label=figure.label, required=False)
    if figure.kind == "age":
        return forms.IntegerField(
            label=figure.label,
            min_value=60,
            max_value=75,
            error_messages={
                "required": "Enter the Pension Credit qualifying age",
                "invalid": "Pension Credit qualifying age must be a whole number of years, like 66",
                "min_value": "Pension Credit qualifying age must be between 60 and 75",
                "max_value": "Pension Credit qualifying age must be between 60 and 75",
            },
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        )
    optional = figure.kind == "optional_money"
    return money_field(figure.label, required=not optional, hint="Leave it blank for none" if optional else "")


class ConfirmForm(forms.Form):
    """A page whose only input is the button: errors from the service appear in its summary."""


class _GroupFields:
    group: FigureGroup

    def figure_fields(self):
        return [self[figure.field] for figure in self.group.figures]  # type: ignore[index]


class FigureGroupForm(_GroupFields, forms.Form):
    """The figures of one group (capital, MIG, income, local policy) of a draft set."""

    def __init__(self, *args, group: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = GROUPS_BY_SLUG[group]
        for figure in self.group.figures:
            self.fields[figure.field] = field_for(figure)


class DetailsForm(forms.Form):
    effective_from = GovukDateField(label="Date it takes effect")
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=4000, widget=forms.Textarea)


TREATMENT_CHOICES = [
    (rules.Treatment.COUNTED.value, "Counted"),
    (rules.Treatment.DISREGARDED.value, "Not counted (disregarded)"),
    (rules.Treatment.PARTLY_DISREGARDED.value, "Partly disregarded, up to a weekly amount"),
]


class IncomeTreatmentsForm(_GroupFields, forms.Form):
    """How each income type is treated: for each, a treatment and the weekly amounts not counted."""

    def __init__(self, *args, income_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = GROUPS_BY_SLUG["income"]
        for figure in self.group.figures:
            self.fields[figure.field] = field_for(figure)
        self.rows = []
        for row in income_types:
            self.fields[f"treatment_{row.code}"] = forms.ChoiceField(
                label=f"{row.label}: how it is treated",
                choices=TREATMENT_CHOICES,
                error_messages={"required": f"Choose how {row.label} is treated"},
            )
            self.fields[f"single_{row.code}"] = money_field(f"{row.label}: weekly amount not counted, single")
            self.fields[f"couple_{row.code}"] = money_field(
                f"{row.label}: weekly amount not counted, member of a couple"
            )
            self.rows.append(row)

    def row_fields(self):
        """(income type, its three bound fields), for the template."""
        return [
            (row, self[f"treatment_{row.code}"], self[f"single_{row.code}"], self[f"couple_{row.code}"])
            for row in self.rows
        ]


class ConfirmFigureForm(forms.Form):
    note = forms.CharField(
        label="How did you check it?",
        help_text="For example: the 2025-26 Local Authority Circular, annex A, paragraph 4",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say how you checked the figure, for example which circular and paragraph"},
    )


class NewVersionForm(forms.Form):
    SAME_YEAR = "same_year"
    NEXT_YEAR = "next_year"
    which = forms.ChoiceField(
        label="What is the new version for?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the new version is for the same year or the next year"},
    )

    def __init__(self, *args, parameter_set: ChargingParameterSet, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = parameter_set.financial_year
        next_year = rules.financial_year_label(parameter_set.year_start.replace(year=parameter_set.year_start.year + 1))
        self.fields["which"].choices = [
            (self.SAME_YEAR, f"A correction to {this_year} (a new version of the same year)"),
            (self.NEXT_YEAR, f"Next year's figures, {next_year}, starting as a copy of these to uprate"),
        ]


class ModellingForm(forms.Form):
    """The local-policy levers to model, starting from the chosen year's policy."""

    parameter_set = forms.ModelChoiceField(
        label="Which year's figures?",
        queryset=ChargingParameterSet.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the year's figures to model", "invalid_choice": "Choose a published year"},
    )
    standard_dre_weekly = money_field("Standard allowance for disability-related spending (weekly)")
    minimum_charge_weekly = money_field("Minimum weekly charge", required=False, hint="Leave it blank for none")
    maximum_charge_weekly = money_field("Maximum weekly charge", required=False, hint="Leave it blank for none")
    disregard_night_element_attendance_allowance = forms.BooleanField(
        label="Disregard the night element of Attendance Allowance when no night care is arranged", required=False
    )
    disregard_night_element_dla_care = forms.BooleanField(
        label="Disregard the night element of DLA care when no night care is arranged", required=False
    )
    disregard_night_element_pip_daily_living = forms.BooleanField(
        label="Disregard the night element of PIP daily living when no night care is arranged", required=False
    )
    lower_capital_limit = money_field(
        "Local lower capital limit", required=False, hint="Leave it blank for the statutory limit"
    )
    upper_capital_limit = money_field(
        "Local upper capital limit", required=False, hint="Leave it blank for the statutory limit"
    )
    full_cost_at_upper_limit = forms.BooleanField(
        label="Full cost for capital at the upper limit, not only above it", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parameter_set"].queryset = ChargingParameterSet.objects.filter(status=ParameterStatus.PUBLISHED)
        self.fields["parameter_set"].label_from_instance = lambda s: s.version

    def clean(self):
        data = super().clean()
        parameter_set = data.get("parameter_set")
        if parameter_set is None:
            return data
        for lever, statutory in (
            ("lower_capital_limit", parameter_set.lower_capital_limit),
            ("upper_capital_limit", parameter_set.upper_capital_limit),
        ):
            value = data.get(lever)
            if value is not None and value < statutory:
                self.add_error(
                    lever,
                    f"A local capital limit cannot be below the statutory one ({rules.pounds(statutory)}): "
                    "leave it blank to use that",
                )
        lower = data.get("lower_capital_limit") or parameter_set.lower_capital_limit
        upper = data.get("upper_capital_limit") or parameter_set.upper_capital_limit
        if upper < lower and "upper_capital_limit" not in self.errors:
            self.add_error("upper_capital_limit", "The upper capital limit must be the same as or more than the lower")
        minimum, maximum = data.get("minimum_charge_weekly"), data.get("maximum_charge_weekly")
        if minimum is not None and maximum is not None and maximum < minimum:
            self.add_error("maximum_charge_weekly", "The maximum weekly charge cannot be below the minimum")
        return data

    def overrides(self) -> dict:
        return {name: self.cleaned_data[name] for name in rules.LocalPolicy.__dataclass_fields__}

    @staticmethod
    def initial_for(parameter_set: ChargingParameterSet) -> dict:
        initial: dict = {"parameter_set": parameter_set.pk}
        for name in rules.LocalPolicy.__dataclass_fields__:
            initial[name] = getattr(parameter_set, f"policy_{name}")
        return initial
