"""Forms of the public "Estimate what you might pay": one question a page, in plain English.

They check formats only; the charging rule (rules/charging.py) works the figure out. The few things a
member of the public cannot be expected to know are filled in here for the estimate and said on the
result page: which Minimum Income Guarantee premiums they would probably get (the rule's
`likely_premiums`, from the benefits they named), the council's standard allowance for the extra
costs of disability, no care at night, and, when they do not know it, a typical weekly cost of care.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms

from ..rules import charging as rules


def _how_often(period: rules.IncomePeriod) -> str:
    """ "Every week", "Every four weeks": the rule's own words for a period (rules.PERIOD_WORDS)."""
    words = rules.PERIOD_WORDS[period]
    return words.capitalize() if words.startswith("every ") else f"Every {words.removeprefix('a ')}"


PERIOD_CHOICES = [(period.value, _how_often(period)) for period in rules.IncomePeriod]

HOUSEHOLD_CHOICES = [
    ("single", "On my own, or with people who are not my partner"),
    ("couple", "With my husband, wife or partner"),
    ("lone_parent", "With my children, without a partner"),
]

#: When the person does not know what their care will cost: about 12 hours of help at home a week at
#: £28.00 an hour (the care plan of REFERENCE §3.11). Only used for this estimate, and said so.
TYPICAL_HOURS_A_WEEK = 12
TYPICAL_HOURLY_RATE = Decimal("28.00")
TYPICAL_WEEKLY_COST = TYPICAL_HOURS_A_WEEK * TYPICAL_HOURLY_RATE


@dataclass(frozen=True)
class IncomeKind:
    """A kind of income as people know it. `rates` maps each rate to its income code (one entry:
    no rate to choose); a kind with no rates is never counted, so we do not ask how much."""

    slug: str
    label: str
    question: str = ""
    rates: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    #: The income code that stands for this kind when we do not ask how much (it is never counted),
    #: so that rules.charging.likely_premiums still sees it (the mobility part gives the disability premium).
    code_when_not_asked: str = ""

    @property
    def step(self) -> str:
        return f"income-{self.slug}"

    @property
    def asks_amount(self) -> bool:
        return bool(self.rates)


INCOME_KINDS: tuple[IncomeKind, ...] = (
    IncomeKind("state-pension", "State Pension", "How much State Pension do you get?", (("state_pension", ""),)),
    IncomeKind(
        "work-pension",
        "A pension from a job you used to have",
        "How much do you get from your pension from a job you used to have?",
        (("occupational_pension", ""),),
    ),
    IncomeKind(
        "private-pension",
        "A private pension",
        "How much do you get from your private pension?",
        (("private_pension", ""),),
    ),
    IncomeKind(
        "pension-credit", "Pension Credit", "How much Pension Credit do you get?", (("pension_credit_guarantee", ""),)
    ),
    IncomeKind(
        "esa",
        "Employment and Support Allowance (ESA)",
        "How much Employment and Support Allowance (ESA) do you get?",
        (("esa", ""),),
    ),
    IncomeKind(
        "universal-credit", "Universal Credit", "How much Universal Credit do you get?", (("universal_credit", ""),)
    ),
    IncomeKind(
        "carers-allowance", "Carer's Allowance", "How much Carer's Allowance do you get?", (("carers_allowance", ""),)
    ),
    IncomeKind(
        "attendance-allowance",
        "Attendance Allowance",
        "How much Attendance Allowance do you get?",
        (("attendance_allowance_higher", "The higher rate"), ("attendance_allowance_lower", "The lower rate")),
        hint="Your award letter says which rate you get.",
    ),
    IncomeKind(
        "dla-care",
        "Disability Living Allowance (DLA): the care part",
        "How much Disability Living Allowance (DLA) do you get for care?",
        (
            ("dla_care_highest", "The highest rate"),
            ("dla_care_middle", "The middle rate"),
            ("dla_care_lowest", "The lowest rate"),
        ),
        hint="Only the care part. Your award letter says which rate you get.",
    ),
    IncomeKind(
        "pip-daily-living",
        "Personal Independence Payment (PIP): the daily living part",
        "How much Personal Independence Payment (PIP) do you get for daily living?",
        (("pip_daily_living_enhanced", "The enhanced rate"), ("pip_daily_living_standard", "The standard rate")),
        hint="Only the daily living part. Your award letter says which rate you get.",
    ),
    IncomeKind(
        "mobility",
        "The mobility part of PIP or DLA (money for getting around)",
        code_when_not_asked="pip_mobility_standard",
    ),
    IncomeKind("earnings", "Money from a job", code_when_not_asked="earnings"),
    IncomeKind(
        "other",
        "Other money you get regularly",
        "How much other money do you get regularly?",
        (("other_counted", ""),),
        hint="For example Income Support, Jobseeker's Allowance or rent from a lodger. Add it all together.",
    ),
)
INCOME_BY_SLUG = {kind.slug: kind for kind in INCOME_KINDS}
NONE_OF_THESE = "none"


class PoundsField(forms.DecimalField):
    """An amount in pounds; "£1,234.50" is read as 1234.50."""

    def __init__(self, *, label: str, required: bool = True, help_text: str = "", what: str = "the amount"):
        super().__init__(
            label=label,
            required=required,
            help_text=help_text,
            min_value=Decimal("0"),
            max_digits=10,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
            error_messages={
                "required": f"Enter {what}",
                "invalid": f"Enter {what} as a number, like 120 or 120.50",
                "min_value": f"Enter {what} as £0 or more",
                "max_digits": f"Enter a smaller amount for {what}",
                "max_whole_digits": f"Enter a smaller amount for {what}",
                "max_decimal_places": f"Enter {what} with no more than 2 numbers after the point, like 120.50",
            },
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


def _period_field(question: str, what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=question,
        choices=PERIOD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": f"Choose how often {what}", "invalid_choice": f"Choose how often {what}"},
    )


class AgeForm(forms.Form):
    age = forms.IntegerField(
        label="How old are you?",
        help_text="This estimate is for adults, aged 18 or over.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": "Enter your age", "invalid": "Enter your age as a number, like 70"},
    )

    def clean_age(self):
        age = self.cleaned_data["age"]
        if age < 18:
            raise forms.ValidationError("This estimate is for adults: your age must be 18 or over")
        if age > 120:
            raise forms.ValidationError("Enter an age of 120 or under")
        return age


class HouseholdForm(forms.Form):
    household = forms.ChoiceField(
        label="Who do you live with?",
        choices=HOUSEHOLD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who you live with", "invalid_choice": "Choose who you live with"},
    )


class ChildrenForm(forms.Form):
    children = forms.IntegerField(
        label="How many children live with you and depend on you?",
        help_text="Count children under 16, and young people under 20 who are still at school or college. "
        "Enter 0 if there are none.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how many children live with you",
            "invalid": "Enter how many children live with you as a number, like 2",
        },
    )

    def clean_children(self):
        children = self.cleaned_data["children"]
        if children < 0:
            raise forms.ValidationError("Enter 0 or more children")
        if children > 20:
            raise forms.ValidationError("Enter 20 children or fewer")
        return children


class SavingsForm(forms.Form):
    savings = PoundsField(
        label="Roughly how much money do you have in savings?",
        help_text="Include money in bank and building society accounts, cash, shares, and any property you own "
        "apart from the home you live in. Do not count the home you live in. A rough figure is fine. "
        "Enter 0 if you have none.",
        what="how much you have in savings",
    )


class IncomeKindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Which of these do you get?",
        help_text="Choose all that apply. Do not worry about getting it exactly right.",
        choices=[(kind.slug, kind.label) for kind in INCOME_KINDS] + [(NONE_OF_THESE, "None of these")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the money you get, or choose None of these",
            "invalid_choice": "Choose from the list",
        },
    )

    def clean_kinds(self):
        kinds = self.cleaned_data["kinds"]
        if NONE_OF_THESE in kinds and len(kinds) > 1:
            raise forms.ValidationError("Choose the money you get, or None of these, but not both")
        return [kind for kind in kinds if kind != NONE_OF_THESE]


class IncomeAmountForm(forms.Form):
    """How much of one kind of income, how often, and (for some benefits) at which rate."""

    def __init__(self, *args, kind: IncomeKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if len(kind.rates) > 1:
            self.fields["rate"] = forms.ChoiceField(
                label="Which rate do you get?",
                help_text=kind.hint,
                choices=[(code, words) for code, words in kind.rates],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose which rate you get", "invalid_choice": "Choose which rate you get"},
            )
        self.fields["amount"] = PoundsField(
            label="How much do you get, in pounds?",
            help_text="" if len(kind.rates) > 1 else kind.hint,
            what="how much you get",
        )
        self.fields["period"] = _period_field("How often do you get this amount?", "you get this amount")

    def clean(self):
        super().clean()
        if len(self.kind.rates) == 1:
            self.cleaned_data["rate"] = self.kind.rates[0][0]
        return self.cleaned_data


class HousingForm(forms.Form):
    amount = PoundsField(
        label="How much do you pay for your home, in pounds?",
        help_text="Include rent, mortgage payments and Council Tax. Take off any Housing Benefit or Council Tax "
        "Reduction you get. Enter 0 if you do not pay anything.",
        what="how much you pay for your home",
    )
    period = _period_field("How often do you pay this amount?", "you pay this amount")


class CareCostForm(forms.Form):
    weekly_cost = PoundsField(
        label="How much will your care cost each week?",
        required=False,
        help_text=(
            f"Leave this empty if you do not know. We will use {rules.pounds(TYPICAL_WEEKLY_COST)} a week: about "
            f"{TYPICAL_HOURS_A_WEEK} hours of help at home, at {rules.pounds(TYPICAL_HOURLY_RATE)} an hour. "
            "You never pay more than your care costs."
        ),
        what="how much your care will cost each week",
    )
