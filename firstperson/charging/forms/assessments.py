"""Forms of the financial assessment pages, online and for finance officers. They parse input
only: the rules are in services/assessments.py and services/evidence.py."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from firstperson.platform.ui.fields import GovukDateField

from ..rules import charging as rules
from ..rules.reference_2025_26 import INCOME_TYPES
from ..services.assessments import LONE_PARENT_NO_CHILDREN, NOTE_MAX, OUTCOMES_NEEDING_CONSENT

PERIOD_CHOICES = [
    ("weekly", "Every week"),
    ("fortnightly", "Every 2 weeks"),
    ("four_weekly", "Every 4 weeks"),
    ("monthly", "Every month"),
    ("annual", "Every year"),
]

#: The 29 income codes, grouped and named as people know them.
INCOME_GROUPS: list[tuple[str, list[str]]] = [
    ("Pensions", ["state_pension", "occupational_pension", "private_pension"]),
    (
        "Benefits for daily living and care",
        [
            "attendance_allowance_higher",
            "attendance_allowance_lower",
            "pip_daily_living_enhanced",
            "pip_daily_living_standard",
            "dla_care_highest",
            "dla_care_middle",
            "dla_care_lowest",
        ],
    ),
    (
        "Benefits for getting around",
        ["pip_mobility_enhanced", "pip_mobility_standard", "dla_mobility_higher", "dla_mobility_lower"],
    ),
    (
        "Other benefits",
        [
            "pension_credit_guarantee",
            "pension_credit_savings",
            "esa",
            "universal_credit",
            "income_support",
            "jsa",
            "carers_allowance",
            "housing_benefit",
        ],
    ),
    ("Children", ["child_benefit", "child_tax_credit"]),
    ("Armed forces", ["war_pension", "armed_forces_gip"]),
    ("Work and other income", ["earnings", "other_counted", "other_disregarded"]),
]
PLAIN_INCOME_NAMES = {
    "other_counted": "Other regular income (for example rent from a lodger)",
    "other_disregarded": "Other income you think we should not count",
}
assert sorted(code for _, codes in INCOME_GROUPS for code in codes) == sorted(INCOME_TYPES)


def income_label(code: str) -> str:
    return PLAIN_INCOME_NAMES.get(code) or INCOME_TYPES.get(code, (code,))[0]


INCOME_CHOICES = [("", "Choose the kind of income")] + [
    (group, [(code, income_label(code)) for code in codes]) for group, codes in INCOME_GROUPS
]

CAPITAL_CHOICES = [
    ("savings", "Savings: bank, building society or Post Office accounts, ISAs, cash"),
    ("investments", "Investments: shares, bonds, Premium Bonds, unit trusts"),
    ("main_home", "The home you live in"),
    ("other_property", "Other property or land"),
    ("other", "Anything else worth money"),
]
CAPITAL_WORDS = dict(rules.CAPITAL_WORDS)


def money_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=Decimal("0"),
        max_value=Decimal("9999999999.99"),
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "invalid": "Enter an amount in pounds and pence, like 120 or 120.50",
            "min_value": "Enter an amount of £0 or more",
            "max_value": "Enter a smaller amount",
            "max_digits": "Enter a smaller amount",
            "max_decimal_places": "Enter an amount with no more than 2 numbers after the point, like 120.50",
        },
    )


class MoneyCleaningMixin:
    """Accept "£1,234.50" as well as "1234.50"."""

    money_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        data = kwargs.get("data") if "data" in kwargs else (args[0] if args else None)
        if data is not None:
            data = data.copy()
            for name in self.money_fields:
                key = (kwargs.get("prefix") + "-" + name) if kwargs.get("prefix") else name
                if key in data:
                    data[key] = str(data[key]).strip().replace("£", "").replace(",", "")
            if "data" in kwargs:
                kwargs["data"] = data
            else:
                args = (data, *args[1:])
        super().__init__(*args, **kwargs)


class ForWhomForm(forms.Form):
    person = forms.ChoiceField(
        label="Who is this financial assessment for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the assessment is for", "invalid_choice": "Select who it is for"},
    )

    def __init__(self, *args, people=(), own=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            (str(p.pk), "Myself" if own is not None and p.pk == own.pk else p.full_name) for p in people
        ]


class FullAssessmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Do you want to tell us about your money?",
        widget=forms.RadioSelect,
        choices=[
            ("full", "Yes, I will tell you about my income and savings"),
            ("declined", "No, I do not want to tell you: I will pay the full cost of my care"),
        ],
        error_messages={"required": "Select whether you want to tell us about your money"},
    )


class HouseholdForm(forms.Form):
    household = forms.ChoiceField(
        label="Who do you live with?",
        widget=forms.RadioSelect,
        choices=[
            ("single", "On my own, or with people who are not my partner"),
            ("couple", "With my husband, wife or partner"),
            ("lone_parent", "With my children, without a partner"),
        ],
        error_messages={"required": "Select who you live with"},
    )


class ChildrenForm(forms.Form):
    def __init__(self, *args, household: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household

    def clean_dependent_children(self):
        children = self.cleaned_data["dependent_children"]
        if self.household == rules.Household.LONE_PARENT and children < 1:
            raise forms.ValidationError(LONE_PARENT_NO_CHILDREN)
        return children

    dependent_children = forms.IntegerField(
        label="How many children under 20 live with you and depend on you?",
        min_value=0,
        max_value=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how many children live with you, or 0",
            "invalid": "Enter a whole number, like 0 or 2",
            "min_value": "Enter 0 or more",
            "max_value": "Enter 20 or fewer",
        },
    )


PREMIUM_CHOICES = [
    (
        "disability_premium",
        "I get Personal Independence Payment, Disability Living Allowance or Attendance Allowance, "
        "or I am registered blind or severely sight impaired",
    ),
    (
        "enhanced_disability_premium",
        "I get the enhanced rate of the daily living part of Personal Independence Payment, "
        "or the highest rate of the care part of Disability Living Allowance",
    ),
    ("carer_premium", "I get Carer's Allowance, or I have claimed it, because I look after someone"),
    ("none", "None of these"),
]


class PremiumsForm(forms.Form):
    premiums = forms.MultipleChoiceField(
        label="Do any of these apply to you?",
        widget=forms.CheckboxSelectMultiple,
        choices=PREMIUM_CHOICES,
        error_messages={"required": 'Select the ones that apply to you, or select "None of these"'},
    )

    def clean_premiums(self):
        chosen = self.cleaned_data["premiums"]
        if "none" in chosen and len(chosen) > 1:
            raise forms.ValidationError('Select the ones that apply to you, or "None of these", not both')
        return chosen


class HousingForm(MoneyCleaningMixin, forms.Form):
    money_fields = ("housing_costs_amount",)
    housing_costs_amount = money_field("How much you pay for your home", help_text="")
    housing_costs_period = forms.ChoiceField(
        label="How often do you pay this?",
        widget=forms.RadioSelect,
        choices=PERIOD_CHOICES,
        error_messages={"required": "Select how often you pay this"},
    )


class DisabilityChoiceForm(forms.Form):
    """The standard allowance, or their own costs (asked on the next page: DisabilityCostsForm)."""

    dre_choice = forms.ChoiceField(
        label="Do you want us to use our standard allowance for the extra costs of your disability?",
        widget=forms.RadioSelect,
        choices=[("standard", "Yes, use the standard allowance"), ("itemised", "No, I want to tell you my costs")],
        error_messages={"required": "Select whether to use the standard allowance"},
    )


class DisabilityCostsForm(MoneyCleaningMixin, forms.Form):
    money_fields = ("dre_weekly",)
    dre_weekly = money_field("How much your extra costs come to each week")
    dre_details = forms.CharField(
        label="What are the costs?",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "Tell us in 2,000 characters or fewer"},
    )


class AddAnotherForm(forms.Form):
    add_another = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Select yes or no"},
    )

    def __init__(self, *args, label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_another"].label = label
        self.fields["add_another"].error_messages["required"] = (
            label.rstrip("?").replace("Do you", "Select whether you") if label else "Select yes or no"
        )


class CapitalForm(MoneyCleaningMixin, forms.Form):
    money_fields = ("value",)
    type = forms.ChoiceField(
        label="What is it?",
        widget=forms.RadioSelect,
        choices=CAPITAL_CHOICES,
        error_messages={"required": "Select what it is"},
    )
    description = forms.CharField(
        label="Describe it (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Describe it in 200 characters or fewer"},
    )
    value = money_field("What it is worth today")
    share_percent = forms.DecimalField(
        label="How much of it is yours, in per cent?",
        initial=100,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how much of it is yours, in per cent: 100 if it is all yours",
            "invalid": "Enter a number from 1 to 100",
            "min_value": "Enter a number more than 0",
            "max_value": "Enter a number no more than 100",
            "max_decimal_places": "Enter a number with no more than 2 numbers after the point",
        },
    )

    @property
    def share(self) -> Decimal:
        return (self.cleaned_data["share_percent"] / Decimal(100)).quantize(Decimal("0.0001"))


class IncomeForm(MoneyCleaningMixin, forms.Form):
    money_fields = ("amount",)
    code = forms.ChoiceField(
        label="What kind of income is it?",
        choices=INCOME_CHOICES,
        error_messages={"required": "Select the kind of income", "invalid_choice": "Select the kind of income"},
    )
    amount = money_field("How much you get each time")
    period = forms.ChoiceField(
        label="How often do you get it?",
        widget=forms.RadioSelect,
        choices=PERIOD_CHOICES,
        error_messages={"required": "Select how often you get it"},
    )
    description = forms.CharField(
        label="Anything we should know about it (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Tell us in 200 characters or fewer"},
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        required=False,
        widget=forms.ClearableFileInput,
    )
    description = forms.CharField(
        label="What does it show? (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Tell us in 200 characters or fewer"},
    )


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(required=False)

    def __init__(self, *args, label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].label = label


# --- finance officers -------------------------------------------------------------------------


class OfficerStartForm(forms.Form):
    """Nothing to fill in: starting is a deliberate POST."""


SERVICE_LABELS = {
    "homecare": "Care at home",
    "day_service": "Day services",
    "direct_payment": "Direct payment",
    "supported_living": "Supported living",
    "carer_support": "Support for a carer",
    "other": "Other care",
    "reablement_first_6_weeks": "Reablement: the first 6 weeks (free)",
    "intermediate_care_first_6_weeks": "Intermediate care: the first 6 weeks (free)",
    "equipment": "Community equipment (free)",
    "minor_adaptations": "Minor adaptations to the home (free)",
    "s117_aftercare": "After-care under section 117 of the Mental Health Act (free)",
    "cjd": "Care for Creutzfeldt-Jakob disease (free)",
}


def service_label(value: str) -> str:
    return SERVICE_LABELS.get(value) or value.replace("_", " ").capitalize()


SERVICE_CHOICES = [(s.value, service_label(s.value)) for s in rules.Service]


class OfficerDetailsForm(MoneyCleaningMixin, forms.Form):
    """Everything about the person and their allowances on one page (the officer's form)."""

    money_fields = ("housing_costs_amount", "dre_weekly", "weekly_cost_of_care")
    kind = forms.ChoiceField(
        label="Kind of assessment",
        widget=forms.RadioSelect,
        choices=[
            ("full", "Full assessment"),
            ("declined", "Declined: pays the full cost (regulation 10(1))"),
            ("light_touch_below", "Light touch: evidently cannot pay (regulation 10(2), with consent)"),
            ("light_touch_above", "Light touch: evidently above the upper limit (regulation 10(3), with consent)"),
        ],
        error_messages={"required": "Select the kind of assessment"},
    )
    consented = forms.BooleanField(label="The person consented", required=False)
    declined_confirmed = forms.BooleanField(label="The person declined a financial assessment", required=False)
    outcome_reason = forms.CharField(
        label="Why, and what the person said",
        help_text="Needed when you choose declined or light touch.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX,
        error_messages={"max_length": f"The reason must be {NOTE_MAX:,} characters or fewer"},
    )
    household = forms.ChoiceField(
        label="Household",
        widget=forms.RadioSelect,
        choices=HouseholdForm.base_fields["household"].choices,
        error_messages={"required": "Select who the person lives with"},
    )
    dependent_children = forms.IntegerField(
        label="Dependent children",
        min_value=0,
        max_value=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how many dependent children, or 0",
            "invalid": "Enter a whole number of children, like 0 or 2",
            "min_value": "Enter 0 or more children",
            "max_value": "Enter 20 or fewer children",
        },
    )
    disability_premium = forms.BooleanField(label="Disability premium", required=False)
    enhanced_disability_premium = forms.BooleanField(label="Enhanced disability premium", required=False)
    carer_premium = forms.BooleanField(label="Carer premium", required=False)
    housing_costs_amount = money_field("Housing costs after Housing Benefit and Council Tax Reduction")
    housing_costs_period = forms.ChoiceField(
        label="Housing costs are paid",
        choices=PERIOD_CHOICES,
        error_messages={"required": "Select how often housing costs are paid"},
    )
    dre_itemised = forms.BooleanField(
        label="Itemised extra costs of disability (instead of the standard allowance)", required=False
    )
    dre_weekly = money_field("Itemised extra costs of disability, weekly", required=False)
    dre_details = forms.CharField(
        label="What the extra costs are",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"max_length": "Describe the extra costs in 2,000 characters or fewer"},
    )
    night_care_arranged = forms.BooleanField(label="The council arranges care at night", required=False)
    service = forms.ChoiceField(
        label="The care being charged for",
        choices=SERVICE_CHOICES,
        error_messages={"required": "Select the care being charged for", "invalid_choice": "Select the care"},
    )
    weekly_cost_of_care = money_field("Weekly cost of care", required=False)

    def __init__(self, *args, current_kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.current_kind = current_kind

    def clean(self):
        data = super().clean()
        if data.get("dre_itemised") and data.get("dre_weekly") is None and "dre_weekly" not in self.errors:
            self.add_error("dre_weekly", "Enter the weekly extra costs, or untick itemised")
        kind = data.get("kind")
        if kind and kind != self.current_kind and kind in OUTCOMES_NEEDING_CONSENT:
            if kind == rules.AssessmentKind.DECLINED and not data.get("declined_confirmed"):
                self.add_error("declined_confirmed", "Confirm that the person declined a financial assessment")
            if kind != rules.AssessmentKind.DECLINED and not data.get("consented"):
                self.add_error("consented", "Confirm that the person consented to a light-touch assessment")
            if not (data.get("outcome_reason") or "").strip() and "outcome_reason" not in self.errors:
                self.add_error("outcome_reason", "Say why, and what the person said")
        if (
            kind == rules.AssessmentKind.FULL
            and data.get("household") == rules.Household.LONE_PARENT
            and data.get("dependent_children") is not None
            and data["dependent_children"] < 1
        ):
            self.add_error("dependent_children", "The person lives with their children: enter how many")
        return data

    @property
    def outcome_consent(self) -> bool:
        kind = self.cleaned_data.get("kind")
        if kind == rules.AssessmentKind.DECLINED:
            return bool(self.cleaned_data.get("declined_confirmed"))
        return bool(self.cleaned_data.get("consented"))


class ItemCheckForm(forms.Form):
    status = forms.ChoiceField(
        label="Is this item right?",
        widget=forms.RadioSelect,
        choices=[("confirmed", "Confirmed against the evidence"), ("queried", "Queried: something needs asking")],
        error_messages={"required": "Select confirmed or queried"},
    )
    evidence = forms.ChoiceField(label="Checked against", required=False)
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea,
        max_length=NOTE_MAX,
        error_messages={"max_length": f"The note must be {NOTE_MAX:,} characters or fewer"},
    )

    def __init__(self, *args, evidence=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [("", "No evidence, or seen in person")] + [
            (str(item.pk), item.original_name + (f" ({item.description})" if item.description else ""))
            for item in evidence
        ]


class CompleteForm(forms.Form):
    effective_from = GovukDateField(
        label="The contribution starts on",
        help_text="Usually the day the care started or the circumstances changed. For example, 6 10 2025.",
    )


class LetterIssueForm(forms.Form):
    again = forms.BooleanField(label="Issue it again", required=False)
    reason = forms.CharField(
        label="Why is it being issued again?",
        help_text="For example: the first letter went to an old address.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX,
        error_messages={"max_length": f"The reason must be {NOTE_MAX:,} characters or fewer"},
    )

    def __init__(self, *args, issued: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.issued = issued
        if not issued:
            del self.fields["again"]
            del self.fields["reason"]


class ReassessmentForm(forms.Form):
    change_of_circumstances = forms.CharField(
        label="What has changed?",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example: her Attendance Allowance went up to the higher rate in March.",
        error_messages={"max_length": "Tell us in 2,000 characters or fewer"},
        required=False,
    )
