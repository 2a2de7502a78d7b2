"""Forms of the residents' directory pages. They check what was typed and give plain messages; the
selectors decide what matches."""

from django import forms

from firstperson.platform.ui.fields import GovukDateField

from .choices import DAYS

MAX_SEARCH_CHARACTERS = 200
MAX_POSTCODE_CHARACTERS = 10
DEFAULT_RADIUS_MILES = 10
RADIUS_CHOICES = [
    ("1", "1 mile"),
    ("3", "3 miles"),
    ("5", "5 miles"),
    ("10", "10 miles"),
    ("25", "25 miles"),
    ("50", "50 miles"),
]
COST_CHOICES = [("any", "Any cost"), ("free", "Free"), ("low", "Free or low cost (£10 or less)")]
SEARCH_FIELDS = ("q", "postcode", "radius", "category", "cost", "age", "day", "wheelchair", "language")


class ServiceSearchForm(forms.Form):
    """The search box, the postcode and the filters. Sent with GET, so a search can be bookmarked."""

    q = forms.CharField(
        label="What are you looking for?",
        required=False,
        max_length=MAX_SEARCH_CHARACTERS,
        error_messages={"max_length": f"What you are looking for must be {MAX_SEARCH_CHARACTERS} characters or fewer"},
        widget=forms.TextInput(attrs={"spellcheck": "true"}),
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=MAX_POSTCODE_CHARACTERS,
        error_messages={"max_length": "Enter a real postcode, like WS1 4FG"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    radius = forms.TypedChoiceField(
        label="How far from the postcode",
        required=False,
        choices=RADIUS_CHOICES,
        coerce=int,
        initial=str(DEFAULT_RADIUS_MILES),
        empty_value=DEFAULT_RADIUS_MILES,
        error_messages={"invalid_choice": "Choose a distance from the list"},
    )
    category = forms.ChoiceField(
        label="Category",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Choose a category from the list"},
    )
    cost = forms.ChoiceField(
        label="Cost",
        required=False,
        choices=COST_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a cost from the list"},
    )
    age = forms.IntegerField(
        label="For someone aged",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Enter an age as a number, like 80",
            "min_value": "Enter an age of 0 or more",
            "max_value": "Enter an age of 120 or less",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    day = forms.ChoiceField(
        label="Open on",
        required=False,
        choices=[("", "Any day"), *DAYS],
        error_messages={"invalid_choice": "Choose a day from the list"},
    )
    wheelchair = forms.BooleanField(label="Wheelchair accessible", required=False)
    language = forms.ChoiceField(
        label="Language spoken",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Choose a language from the list"},
    )

    def __init__(self, *args, categories=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Any category"), *((term.slug, term.name) for term in categories)]
        self.fields["language"].choices = [("", "Any language"), *((name, name) for name in languages)]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data["postcode"].split()).upper()

    def clean_cost(self) -> str:
        return self.cleaned_data["cost"] if self.cleaned_data["cost"] in {"free", "low"} else ""


class SavedServiceForm(forms.Form):
    """Save a service to, or remove it from, the list kept for this browser."""

    service_id = forms.UUIDField()
    next = forms.CharField(required=False, max_length=2000)


class SavedListEmailForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class UnmetDemandPeriodForm(forms.Form):
    date_from = GovukDateField(label="Start date", required=False)
    date_to = GovukDateField(label="End date", required=False)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("date_from"), cleaned.get("date_to")
        if since and until and since > until:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned
