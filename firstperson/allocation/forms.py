"""Forms of the allocation pages. They check formats for quick, plain messages; the services decide."""

from decimal import Decimal, InvalidOperation

from django import forms

from firstperson.assessment.models import QuestionnaireVersion, VersionStatus
from firstperson.platform.ui.fields import GovukDateField

from .models import MoneyMethod, Period, Rounding
from .rules.money_tables import BandRow, CornerRow

MONEY_DIGITS = {"max_digits": 12, "decimal_places": 2}


POUNDS = "an amount in pounds, like 1000 or 247.50"


class PoundsField(forms.DecimalField):
    """An amount in pounds, written as people write money: "£8,500", "8 500" and "8500.00" all mean
    £8,500.00 (GOV.UK's advice for money inputs). Only the pound sign, commas and spaces are taken
    out; anything else that is not a number is still refused."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").replace(" ", "")
        return super().to_python(value)


def _decimal(label: str, *, required: bool = True, what: str = POUNDS, **kwargs):
    name = f"{label[0].lower()}{label[1:]}"
    field_class = PoundsField if what == POUNDS else forms.DecimalField
    return field_class(
        label=label,
        required=required,
        error_messages={
            "required": f"Enter {name}",
            "invalid": f"{label} must be {what}",
            "max_digits": f"{label} is too large",
            "max_decimal_places": f"{label} can have at most {kwargs.get('decimal_places', 2)} decimal places",
            "max_whole_digits": f"{label} is too large",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        **kwargs,
    )


class ConfirmForm(forms.Form):
    """A page whose only input is the button: errors from the service appear in its summary."""


# --- Configurations ----------------------------------------------------------------------------


class ConfigurationCreateForm(forms.Form):
    version = forms.ModelChoiceField(
        label="Which questionnaire version does it score?",
        queryset=QuestionnaireVersion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the questionnaire version it scores"},
    )
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = (
            QuestionnaireVersion.objects.exclude(status=VersionStatus.RETIRED)
            .select_related("questionnaire")
            .order_by("questionnaire__name", "-number")
        )
        self.fields["version"].label_from_instance = lambda v: f"{v} ({v.get_status_display().lower()})"


class ConfigurationDetailsForm(forms.Form):
    effective_from = GovukDateField(label="Date it takes effect", required=False)
    effective_to = GovukDateField(label="Last day it is in force (optional)", required=False)
    period = forms.ChoiceField(
        label="Are the amounts for a week or a year?",
        choices=Period.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the amounts are for a week or a year"},
    )
    rounding = forms.ChoiceField(
        label="How is the figure rounded?",
        choices=Rounding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the figure is rounded"},
    )
    minimum = _decimal("Minimum budget", min_value=0, **MONEY_DIGITS)
    maximum = _decimal("Highest starting budget (optional)", required=False, min_value=0, **MONEY_DIGITS)
    tolerance_percent = _decimal(
        "Tolerance for changes, in per cent",
        what="a percentage, like 10",
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    equality_threshold_percent = _decimal(
        "Equality threshold, in per cent",
        what="a percentage, like 10",
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
    )
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minimum"].error_messages["min_value"] = "The minimum cannot be less than £0"
        self.fields["maximum"].error_messages["min_value"] = "The highest starting budget cannot be less than £0"
        # Django fills these messages in with "%" formatting, so a percent sign is written "%%".
        self.fields["tolerance_percent"].error_messages["min_value"] = "The tolerance must be between 0%% and 100%%"
        self.fields["tolerance_percent"].error_messages["max_value"] = "The tolerance must be between 0%% and 100%%"
        threshold = self.fields["equality_threshold_percent"]
        threshold.error_messages["min_value"] = "The equality threshold must be between 0%% and 100%%"
        threshold.error_messages["max_value"] = "The equality threshold must be between 0%% and 100%%"
        threshold.error_messages["max_digits"] = "The equality threshold must be between 0%% and 100%%"
        threshold.error_messages["max_whole_digits"] = "The equality threshold must be between 0%% and 100%%"
        threshold.error_messages["max_decimal_places"] = "The equality threshold can have at most 1 decimal place"


class DomainsForm(forms.Form):
    """A weight and an optional cap for each domain (section) of the questionnaire version."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[f"weight_{section.code}"] = _decimal(
                f"{section.title}: weight",
                what="a number, like 1 or 1.25",
                min_value=0,
                max_digits=7,
                decimal_places=3,
            )
            self.fields[f"cap_{section.code}"] = _decimal(
                f"{section.title}: cap in points (optional)",
                required=False,
                what="a number of points, like 20",
                min_value=0,
                max_digits=9,
                decimal_places=2,
            )

    def rows(self):
        return [(section, self[f"weight_{section.code}"], self[f"cap_{section.code}"]) for section in self.sections]


def _parse_rows(text: str, columns: list[str]) -> tuple[list[list[str]], list[str]]:
    """Split a table typed one row a line, values separated by commas. Blank lines are skipped."""
    rows, problems = [], []
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        number += 1
        parts = [part.strip() for part in line.split(",")]
        if len(parts) != len(columns):
            problems.append(f"Row {number}: give {len(columns)} values separated by commas: {', '.join(columns)}")
            continue
        rows.append([number, *parts])
    return rows, problems


def _number(value: str, line: int, what: str, problems: list[str]) -> Decimal:
    try:
        number = Decimal(value.replace("£", ""))
        if not number.is_finite():
            raise InvalidOperation
        return number
    except InvalidOperation:
        problems.append(f"Row {line}: the {what} must be a number, like 1000 or 12.5")
        return Decimal(0)


class MoneyForm(forms.Form):
    money_method = forms.ChoiceField(
        label="How do points become money?",
        choices=MoneyMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how points become money"},
    )
    price_per_point = _decimal("Price for each point", required=False, min_value=0, **MONEY_DIGITS)
    bands = forms.CharField(
        label="Bands",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text=(
            "One band a line: name, the fewest points in the band, the amount. For example: A, 0, 1000. "
            "Rows are counted from the top, leaving out empty lines."
        ),
    )
    corners = forms.CharField(
        label="Table of points and amounts",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text=(
            "One row a line: points, amount. For example: 0, 0 then 40, 10000. "
            "Rows are counted from the top, leaving out empty lines."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("money_method")
        price_missing = cleaned.get("price_per_point") is None and "price_per_point" not in self.errors
        if method == MoneyMethod.PRICE_PER_POINT and price_missing:
            self.add_error("price_per_point", "Enter the price for each point")
        if method == MoneyMethod.BANDS:
            rows, problems = _parse_rows(cleaned.get("bands", ""), ["name", "fewest points", "amount"])
            bands = [
                BandRow(
                    name=name,
                    min_points=_number(points, n, "points", problems),
                    amount=_number(amount, n, "amount", problems),
                )
                for n, name, points, amount in rows
            ]
            if not rows and not problems:
                problems.append("Give at least one band")
            for problem in problems:
                self.add_error("bands", problem)
            cleaned["band_rows"] = bands
        if method == MoneyMethod.PIECEWISE_LINEAR:
            rows, problems = _parse_rows(cleaned.get("corners", ""), ["points", "amount"])
            corners = [
                CornerRow(points=_number(points, n, "points", problems), amount=_number(amount, n, "amount", problems))
                for n, points, amount in rows
            ]
            if not rows and not problems:
                problems.append("Give at least two rows")
            for problem in problems:
                self.add_error("corners", problem)
            cleaned["corner_rows"] = corners
        return cleaned


class AdjustmentForm(forms.Form):
    description = forms.CharField(
        label="Describe it in a few words",
        max_length=200,
        help_text="People see this in the explanation of their budget. For example: Help from family or friends",
        error_messages={"required": "Describe the adjustment in a few words"},
    )
    options = forms.MultipleChoiceField(
        label="Which answers trigger it?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Answers of one question that scores no points itself.",
        error_messages={"required": "Choose the answers that trigger it"},
    )
    domains = forms.MultipleChoiceField(
        label="Whose points does it change?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the domains whose points it changes"},
    )
    factor = _decimal(
        "Multiply their points by",
        what="a number, like 0.8",
        min_value=0,
        max_value=10,
        max_digits=7,
        decimal_places=3,
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        option_choices = []
        for section in sections:
            for question in section.questions.all():
                options = list(question.options.all())
                if all(option.points == 0 for option in options):
                    option_choices.extend(
                        (f"{question.code}:{option.code}", f"{question.text} {option.text}") for option in options
                    )
        self.fields["options"].choices = option_choices
        self.fields["domains"].choices = [(section.code, section.title) for section in sections]
        self.fields["factor"].error_messages["min_value"] = "The factor must be between 0 and 10, for example 0.8"
        self.fields["factor"].error_messages["max_value"] = "The factor must be between 0 and 10, for example 0.8"

    def clean_options(self):
        chosen = self.cleaned_data["options"]
        questions = {value.split(":", 1)[0] for value in chosen}
        if len(questions) != 1:
            raise forms.ValidationError("Choose answers from one question only")
        return chosen

    @property
    def question_code(self) -> str:
        return self.cleaned_data["options"][0].split(":", 1)[0]

    @property
    def option_codes(self) -> list[str]:
        return [value.split(":", 1)[1] for value in self.cleaned_data["options"]]


class AnswersForm(forms.Form):
    """Sample answers for the administrators' preview: one set of radios a question, by section."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            for question in section.questions.all():
                self.fields[f"q_{question.code}"] = forms.ChoiceField(
                    label=question.text,
                    required=False,
                    choices=[(o.code, f"{o.text} ({o.points.normalize():f} points)") for o in question.options.all()],
                    widget=forms.RadioSelect,
                )

    def grouped(self):
        return [(section, [self[f"q_{q.code}"] for q in section.questions.all()]) for section in self.sections]

    def answers(self) -> dict[str, str]:
        return {name[2:]: value for name, value in self.cleaned_data.items() if value}


# --- Budgets -----------------------------------------------------------------------------------


class ModerationForm(forms.Form):
    amount = _decimal("New figure, in pounds", min_value=0, **MONEY_DIGITS)
    period = forms.ChoiceField(
        label="Is that for a week or a year?",
        choices=Period.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the figure is for a week or a year"},
    )
    reason = forms.CharField(
        label="Why are you changing the figure?",
        max_length=2000,
        widget=forms.Textarea,
        help_text="The person sees this reason. Say what needs the money is for, in plain English.",
        error_messages={
            "required": "Explain why you are changing the figure",
            "max_length": "The reason must be 2000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].error_messages.update(
            required="Enter the new figure",
            invalid="Enter the new figure as an amount in pounds, like 8500 or 247.50",
            min_value="The figure cannot be less than £0.00",
            max_decimal_places="Enter the new figure in pounds and pence, with no more than 2 digits after the point",
            max_digits="The new figure is too large",
            max_whole_digits="The new figure is too large",
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you agree the change?",
        choices=[("approve", "Yes, agree the new figure"), ("decline", "No, keep the figure as it is")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you agree the change"},
    )
    reason = forms.CharField(
        label="Your reasons",
        max_length=2000,
        widget=forms.Textarea,
        help_text="The practitioner and the person see your reasons.",
        error_messages={
            "required": "Explain your decision",
            "max_length": "The reason must be 2000 characters or fewer",
        },
    )


# --- The public estimate -----------------------------------------------------------------------


class EstimateQuestionForm(forms.Form):
    answer = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = question.text
        field.help_text = question.help_text
        field.required = question.required
        field.choices = [(option.code, option.text) for option in question.options.all()]
        field.error_messages["required"] = "Choose the answer that fits you best"
        field.error_messages["invalid_choice"] = "Choose one of the answers shown"
