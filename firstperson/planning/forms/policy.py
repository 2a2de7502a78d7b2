"""Forms of the administrator's pages: a new financial delegation policy, and one entry of the list
of purchases a personal budget may not pay for. Field names match the services' arguments, so that
an error the service names by field lands on that field."""

from django import forms

from firstperson.platform.ui.fields import GovukDateField

from ..rules.reviews import FIRST_REVIEW_WEEKS_ALLOWED


def _limit_field(label: str, help_text: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "invalid": f"{label} must be an amount of money, like 250.00",
            "max_decimal_places": f"{label} must be in pounds and pence, like 250.00",
            "max_digits": f"{label} is too large",
            "max_whole_digits": f"{label} is too large",
        },
    )


class DecisionPolicyForm(forms.Form):
    version = forms.CharField(
        label="Name of the policy",
        max_length=60,
        help_text="For example, Delegation from April 2026.",
        error_messages={"required": "Enter a name for the policy"},
    )
    effective_from = GovukDateField(
        label="Date the policy starts",
        help_text="Today or later. For example, 1 4 2026.",
    )
    practitioner_weekly_limit = _limit_field(
        "Largest weekly cost a practitioner may approve (£)",
        "Leave empty if practitioners may not approve plans.",
    )
    team_manager_weekly_limit = _limit_field(
        "Largest weekly cost a team manager may approve (£)",
        "Plans costing more go to the funding panel. Leave empty if every plan goes to the panel.",
    )
    practitioner_one_off_limit = _limit_field(
        "Largest total of one-off costs a practitioner may approve (£)",
        "One-off costs are things paid for once, like equipment or a short break. "
        "Leave empty if a practitioner may not approve any one-off costs (none above £0).",
    )
    team_manager_one_off_limit = _limit_field(
        "Largest total of one-off costs a team manager may approve (£)",
        "Plans with more one-off costs go to the funding panel. "
        "Leave empty if a team manager may not approve any one-off costs (none above £0).",
    )
    direct_payment_interval_weeks = forms.IntegerField(
        label="How often direct payments are paid, in weeks",
        help_text="From 1 to 13. For example, 4 for every four weeks.",
        min_value=1,
        max_value=13,
        initial=4,
        error_messages={
            "required": "Enter how often direct payments are paid, in weeks",
            "invalid": "The number of weeks must be a whole number, like 4",
            "min_value": "Direct payments are paid every 1 to 13 weeks. Give a number of weeks from 1 to 13",
            "max_value": "Direct payments are paid every 1 to 13 weeks. Give a number of weeks from 1 to 13",
        },
    )
    panel_target_days = forms.IntegerField(
        label="Days to decide a plan (the target)",
        min_value=1,
        max_value=365,
        initial=10,
        error_messages={
            "required": "Enter the number of days to decide a plan",
            "invalid": "The number of days must be a whole number, like 10",
            "min_value": "The number of days must be 1 or more",
            "max_value": "The number of days must be 365 or fewer",
        },
    )
    first_review_weeks = forms.TypedChoiceField(
        label="When is the first review after a plan starts?",
        choices=[(weeks, f"{weeks} weeks") for weeks in FIRST_REVIEW_WEEKS_ALLOWED],
        coerce=int,
        widget=forms.RadioSelect,
        initial=6,
        error_messages={"required": "Choose when the first review is"},
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)


class ProhibitedPurchaseForm(forms.Form):
    code = forms.SlugField(
        label="Short code",
        max_length=60,
        help_text="Lower-case letters, numbers and hyphens, like gambling. It cannot be changed later.",
        error_messages={
            "required": "Enter a short code",
            "invalid": "The short code must use only lower-case letters, numbers and hyphens",
        },
    )
    label = forms.CharField(
        label="What it is",
        max_length=120,
        help_text="For example, gambling.",
        error_messages={"required": "Enter what the purchase is"},
    )
    keywords = forms.CharField(
        label="Words or phrases that suggest it",
        widget=forms.Textarea,
        help_text="One on each line. A plan item is flagged when its description contains one of them.",
        error_messages={"required": "Give at least one word or phrase"},
    )
    reason = forms.CharField(
        label="Why a budget cannot pay for it",
        max_length=300,
        help_text="In plain English. People writing their plan will read it.",
        error_messages={"required": "Say why a budget cannot pay for it"},
    )
    active = forms.BooleanField(label="Check plans against this entry", required=False, initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]

    def clean_code(self):
        return self.cleaned_data["code"].lower()
