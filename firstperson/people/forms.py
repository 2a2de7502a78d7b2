"""Forms for staff pages. They check formats for quick messages; the services decide."""

from django import forms

from firstperson.platform.ui.fields import GovukDateField

from .choices import (
    AuthorityScope,
    Ethnicity,
    GenderIdentity,
    PreferredFormat,
    PrimarySupportReason,
    RelationshipKind,
    Religion,
    RepresentativeType,
    Sex,
    SexualOrientation,
)
from .rules.identifiers import nhs_number_problem, postcode_is_valid, uprn_is_valid
from .services import PERSON_DETAIL_FIELDS, PersonDetails


def _blank_first(choices, label="Not given"):
    return [("", label), *choices]


def _checked_nhs_number(value: str) -> str:
    """An NHS number typed into a form: blank, or valid (the message says what is wrong)."""
    if value.strip():
        problem = nhs_number_problem(value)
        if problem:
            raise forms.ValidationError(problem.message)
    return value


def _text(label: str, max_length: int, required: bool = False, **attrs) -> forms.CharField:
    messages = {
        "required": f"Enter the person's {label[0].lower()}{label[1:]}",
        "max_length": f"{label} must be {max_length} characters or fewer",
    }
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages=messages,
        widget=forms.TextInput(attrs=attrs),
    )


class PersonForm(forms.Form):
    legal_given_name = _text("Given name", 100, required=True, autocomplete="off", spellcheck="false")
    legal_family_name = _text("Family name", 100, required=True, autocomplete="off", spellcheck="false")
    preferred_name = _text("Preferred name", 100, spellcheck="false")
    date_of_birth = GovukDateField(label="Date of birth", past_only=True)
    nhs_number = _text("NHS number", 14, inputmode="numeric", spellcheck="false")
    date_of_death = GovukDateField(label="Date of death", past_only=True, required=False)
    address_line_1 = _text("Address line 1", 200)
    address_line_2 = _text("Address line 2", 200)
    town = _text("Town or city", 100)
    postcode = _text("Postcode", 8, spellcheck="false")
    uprn = _text("UPRN (Unique Property Reference Number)", 12, inputmode="numeric")
    phone = _text("Phone number", 30, inputmode="tel")
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    preferred_format = forms.ChoiceField(
        label="Format they prefer for letters and information", choices=PreferredFormat.choices
    )
    interpreter_language = _text("Language, if they need an interpreter", 60)
    communication_needs = forms.CharField(
        label="Communication needs",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "Communication needs must be 2000 characters or fewer"},
    )
    ethnicity = forms.ChoiceField(label="Ethnicity", required=False, choices=_blank_first(Ethnicity.choices))
    sex = forms.ChoiceField(label="Sex", required=False, choices=_blank_first(Sex.choices))
    gender_identity = forms.ChoiceField(
        label="Gender identity", required=False, choices=_blank_first(GenderIdentity.choices)
    )
    sexual_orientation = forms.ChoiceField(
        label="Sexual orientation", required=False, choices=_blank_first(SexualOrientation.choices)
    )
    religion = forms.ChoiceField(label="Religion or belief", required=False, choices=_blank_first(Religion.choices))
    primary_support_reason = forms.ChoiceField(
        label="Primary support reason",
        required=False,
        choices=_blank_first(PrimarySupportReason.choices, "Not yet known"),
    )

    def clean_nhs_number(self):
        return _checked_nhs_number(self.cleaned_data["nhs_number"])

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if value.strip() and not postcode_is_valid(value):
            raise forms.ValidationError("Enter a real postcode, like SW1A 2AA")
        return value

    def clean_uprn(self):
        value = self.cleaned_data["uprn"]
        if value.strip() and not uprn_is_valid(value):
            raise forms.ValidationError("UPRN must be a number of up to 12 digits")
        return value

    def clean(self):
        cleaned = super().clean()
        born, died = cleaned.get("date_of_birth"), cleaned.get("date_of_death")
        if born and died and died < born:
            self.add_error("date_of_death", "Date of death must be on or after the date of birth")
        return cleaned

    def to_details(self) -> PersonDetails:
        return PersonDetails(**{name: self.cleaned_data.get(name) for name in PERSON_DETAIL_FIELDS})

    @classmethod
    def initial_from(cls, details: PersonDetails) -> dict:
        return {name: getattr(details, name) for name in PERSON_DETAIL_FIELDS}


class PersonSearchForm(forms.Form):
    name = _text("Name", 100, spellcheck="false")
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    nhs_number = _text("NHS number", 14, inputmode="numeric", spellcheck="false")
    postcode = _text("Postcode", 8, spellcheck="false")

    def clean_nhs_number(self):
        return _checked_nhs_number(self.cleaned_data["nhs_number"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(
            cleaned.get(name) for name in ("name", "date_of_birth", "nhs_number", "postcode")
        ):
            raise forms.ValidationError("Enter a name, date of birth, NHS number or postcode to search for")
        return cleaned


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        max_length=1000,
        widget=forms.Textarea,
        help_text="For example: duty call from the person's daughter about an urgent change. Your reason is recorded and may be checked.",
        error_messages={
            "required": "Explain why you need to open this record",
            "max_length": "Your reason must be 1000 characters or fewer",
        },
    )


class PersonCreateForm(PersonForm):
    confirm_not_duplicate = forms.BooleanField(
        label="I have checked: this is a different person, not one of the records above", required=False
    )


class RelationshipForm(forms.Form):
    """A carer or representative for the person, with the authority a representative holds."""

    kind = forms.ChoiceField(
        label="How are they connected to this person?",
        choices=RelationshipKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select carer or representative"},
    )
    related_given_name = _text("Their given name", 100, required=True, spellcheck="false")
    related_family_name = _text("Their family name", 100, required=True, spellcheck="false")
    related_date_of_birth = GovukDateField(label="Their date of birth", past_only=True)
    related_nhs_number = _text("Their NHS number, if known", 14, inputmode="numeric", spellcheck="false")
    description = _text("What are they to the person?", 100)
    representative_type = forms.ChoiceField(
        label="Their authority, if they are a representative",
        required=False,
        choices=_blank_first(RepresentativeType.choices, "Not a representative"),
    )
    authority_scope = forms.MultipleChoiceField(
        label="What may they do for the person?",
        required=False,
        choices=AuthorityScope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.CharField(
        label="Evidence of their authority",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": "Evidence must be 1000 characters or fewer"},
    )
    start_date = GovukDateField(label="Start date")

    def clean_related_nhs_number(self):
        return _checked_nhs_number(self.cleaned_data["related_nhs_number"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == RelationshipKind.REPRESENTATIVE and not cleaned.get("representative_type"):
            self.add_error("representative_type", "Choose what kind of representative they are")
        return cleaned

    def related_details(self) -> PersonDetails:
        return PersonDetails(
            legal_given_name=self.cleaned_data["related_given_name"],
            legal_family_name=self.cleaned_data["related_family_name"],
            date_of_birth=self.cleaned_data["related_date_of_birth"],
            nhs_number=self.cleaned_data["related_nhs_number"],
        )
