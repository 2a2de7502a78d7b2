"""Forms of the RAS modelling pages: calibration upload, making a draft from a fit, what-if and the
equality check. They check formats for quick, plain messages; the services and rules decide."""

from decimal import Decimal

from django import forms

from .rules import calibration as calibration_rules
from .rules import equality as equality_rules
from .services import calibration as calibration_services
from .services import equality as equality_services
from .services import what_if as what_if_services


class _ConfigurationChoice(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "Choose a configuration")
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            # A value that is not even an id ("not-an-id") reads as any other wrong choice.
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from error

    def label_from_instance(self, obj):
        return f"{obj.version_label} ({obj.get_status_display().lower()})"


class CalibrationUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file of care packages",
        error_messages={"required": "Choose a CSV file to upload", "empty": "The file is empty"},
    )
    configuration = _ConfigurationChoice(
        queryset=calibration_services.calibration_configurations(),
        label="Configuration whose questions score the answers",
        help_text="If the file has answer columns, this configuration's points, adjustments, weights and caps "
        "turn them into points. An administrator can also start a new draft of it from the result.",
        error_messages={"required": "Choose a configuration", "invalid_choice": "Choose a configuration from the list"},
    )
    bands = forms.TypedChoiceField(
        label="How many bands to fit",
        choices=[(n, str(n)) for n in range(calibration_rules.MIN_BANDS, calibration_rules.MAX_BANDS + 1)],
        coerce=int,
        initial=calibration_rules.DEFAULT_BANDS,
        error_messages={"required": "Choose how many bands", "invalid_choice": "Choose how many bands from the list"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > calibration_rules.MAX_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {calibration_rules.MAX_BYTES // 1000:,} KB")
        return upload


class CalibrationDraftForm(forms.Form):
    method = forms.ChoiceField(
        label="What should the new draft use?",
        choices=[
            (calibration_services.DRAFT_PRICE_PER_POINT, "The price per point (the line through zero)"),
            (calibration_services.DRAFT_BANDS, "The bands"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the price per point or the bands"},
    )


class WhatIfForm(forms.Form):
    configuration = _ConfigurationChoice(
        queryset=what_if_services.what_if_candidates(),
        label="Configuration to try",
        help_text="Any draft or published configuration. It is applied to each person's latest sent "
        "self-assessment of its questionnaire. Nothing is saved.",
        error_messages={"required": "Choose a configuration", "invalid_choice": "Choose a configuration from the list"},
    )


class EqualityForm(forms.Form):
    threshold_percent = forms.DecimalField(
        label="Flag a group whose budget per point differs from everyone's by more than (per cent)",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=1,
        initial=equality_rules.DEFAULT_THRESHOLD_PERCENT,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter a percentage, for example 10",
            "invalid": "The percentage must be a number, for example 10",
            "min_value": "The percentage cannot be less than 0",
            "max_value": "The percentage cannot be more than 100",
            "max_digits": "The percentage cannot be more than 100",
            "max_decimal_places": "The percentage can have at most 1 decimal place",
            "max_whole_digits": "The percentage cannot be more than 100",
        },
    )
    figure = forms.ChoiceField(
        label="Which figure to compare",
        choices=equality_services.FIGURES,
        initial=equality_services.CALCULATED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which figure to compare"},
    )
