"""Forms of the front door. They check formats for quick messages; the services decide.

The public "Ask for help" pages ask one question each: one small form per question. The advisers'
pages bind several forms to one POST (the person search, the new person's details, the directory
search and the contact itself), so that searching never loses what has been typed.
"""

from django import forms
from django.forms.utils import ErrorDict

from firstperson.people.rules.identifiers import postcode_is_valid
from firstperson.platform.ui.fields import GovukDateField

from .choices import Channel, Outcome
from .rules.enquiry import (
    ADVICE_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
    REASON_MAX,
    RELATIONSHIP_MAX,
    phone_problem,
)
from .rules.lifecycle import REASON_MAX_CHARACTERS


def without_errors(form: forms.Form) -> forms.Form:
    """Keep what was typed but show no errors: the person pressed a search button, not Save."""
    form._errors = ErrorDict()
    return form


def _text(label, max_length, *, required=True, required_message="", textarea=False, what="", **attrs):
    """A text field. `what` names it in the too-long message when the label is a question."""
    messages = {"max_length": f"{what or label} must be {max_length} characters or fewer"}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages=messages,
        widget=forms.Textarea(attrs=attrs) if textarea else forms.TextInput(attrs=attrs),
    )


def _email(label, *, required=False):
    return forms.EmailField(
        label=label,
        required=required,
        max_length=EMAIL_MAX,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"Email address must be {EMAIL_MAX} characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def _clean_phone(value: str) -> str:
    if value.strip():
        problem = phone_problem(value)
        if problem:
            raise forms.ValidationError(problem)
    return value


# --- Ask for help: one question per page ---------------------------------------------------------


class HelpStepForm(forms.Form):
    """A question of "Ask for help". `answers` (the earlier answers) can shape its wording."""

    def __init__(self, *args, answers: dict | None = None, **kwargs):
        self.answers = answers or {}
        super().__init__(*args, **kwargs)

    @property
    def for_self(self) -> bool:
        return self.answers.get("who_for") == "myself"


class WhoForForm(HelpStepForm):
    who_for = forms.ChoiceField(
        label="Who needs help?",
        choices=[("myself", "I need help for myself"), ("someone-else", "I am asking for someone else")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you need help for yourself or for someone else"},
    )


class PersonNameForm(HelpStepForm):
    person_name = _text("Name", NAME_MAX, autocomplete="name", spellcheck="false")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person_name"]
        if self.for_self:
            field.label = "What is your name?"
            field.error_messages["required"] = "Enter your name"
        else:
            field.label = "What is the name of the person who needs help?"
            field.error_messages["required"] = "Enter the name of the person who needs help"
            field.widget.attrs.pop("autocomplete", None)


class EnquirerNameForm(HelpStepForm):
    enquirer_name = _text(
        "What is your name?",
        NAME_MAX,
        required_message="Enter your name",
        what="Your name",
        autocomplete="name",
        spellcheck="false",
    )


class RelationshipForm(HelpStepForm):
    enquirer_relationship = _text(
        "How do you know them?",
        RELATIONSHIP_MAX,
        required_message="Tell us how you know the person who needs help",
        what="How you know them",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.answers.get("person_name", "").strip()
        if name:
            self.fields["enquirer_relationship"].label = f"How do you know {name}?"


class ContactMethodsForm(HelpStepForm):
    phone = _text("Phone number", PHONE_MAX, required=False, autocomplete="tel", inputmode="tel")
    email = _email("Email address")

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("phone", "").strip() or cleaned.get("email", "").strip()):
            self.add_error("phone", "Enter a phone number or an email address, so we can contact you")
        return cleaned


class HelpNeededForm(HelpStepForm):
    reason = _text(
        "What do you need help with?",
        REASON_MAX,
        required_message="Tell us what you need help with",
        textarea=True,
        what="What you need help with",
    )


class AtRiskForm(HelpStepForm):
    at_risk = forms.ChoiceField(
        label="Is anyone in danger or at risk of harm right now?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if anyone is in danger or at risk of harm right now"},
    )


class UrgentAdviceForm(HelpStepForm):
    """The page of urgent advice asks nothing: it has a Continue button only."""


# --- Advisers ---------------------------------------------------------------------------------


class DirectorySearchForm(forms.Form):
    service_words = _text("Search the directory", 200, required=False, required_message="", spellcheck="false")

    def clean_service_words(self):
        return " ".join(self.cleaned_data["service_words"].split())


class NewPersonForm(forms.Form):
    """The few details a new record needs; the rest is added on the person's record later."""

    given_name = _text("Given name", 100, required_message="Enter the new person's given name", spellcheck="false")
    family_name = _text("Family name", 100, required_message="Enter the new person's family name", spellcheck="false")
    date_of_birth = GovukDateField(label="Date of birth", past_only=True)
    postcode = _text("Postcode", 8, required=False, spellcheck="false")
    confirm_not_duplicate = forms.BooleanField(
        label="I have checked: this is a different person, not one of the records above", required=False
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if value.strip() and not postcode_is_valid(value):
            raise forms.ValidationError("Enter a real postcode, like WS1 4FG")
        return value


class _EnquirerFields(forms.Form):
    enquirer_is_subject = forms.BooleanField(label="The person got in touch themself", required=False)
    enquirer_name = _text("Name of the person who got in touch", NAME_MAX, required=False, spellcheck="false")
    enquirer_relationship = _text("How they know the person", RELATIONSHIP_MAX, required=False)
    enquirer_phone = _text("Their phone number", PHONE_MAX, required=False, inputmode="tel")
    enquirer_email = _email("Their email address")

    def clean_enquirer_phone(self):
        return _clean_phone(self.cleaned_data["enquirer_phone"])


class ContactRecordForm(_EnquirerFields):
    """A contact as an adviser records it. `people` and `services` are the choices the searches found."""

    channel = forms.ChoiceField(
        label="How did the contact come in?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the contact came in"},
    )
    about = forms.ChoiceField(
        label="Who is it about?",
        choices=[
            ("existing_person", "Someone we have a record for"),
            ("new_person", "Someone new to us: make a record"),
            ("anonymous", "Nobody named: an anonymous enquiry"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the contact is about"},
    )
    person = forms.ChoiceField(
        label="Choose their record",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a record from the search results"},
    )
    reason = _text(
        "Why did they get in touch?",
        REASON_MAX,
        required_message="Enter the reason for the contact",
        textarea=True,
        what="The reason",
    )
    advice_given = _text("Advice given", ADVICE_MAX, required=False, textarea=True)
    services = forms.MultipleChoiceField(
        label="Services signposted",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose services from the directory search results"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )
    urgent = forms.BooleanField(label="Someone is at risk of harm right now", required=False)
    close = forms.ChoiceField(
        label="Is the front door's work on this contact finished?",
        choices=[("yes", "Yes: close it"), ("no", "No: keep it open, assigned to me")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the contact is finished"},
    )

    def __init__(self, *args, people=(), services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(person.pk), _person_label(person)) for person in people]
        self.fields["services"].choices = [(str(service.pk), _service_label(service)) for service in services]

    def clean(self):
        cleaned = super().clean()
        about = cleaned.get("about")
        if about == "existing_person" and not cleaned.get("person") and "person" not in self.errors:
            self.add_error("person", "Search for the person and choose their record")
        if cleaned.get("close") == "yes" and not cleaned.get("outcome") and "outcome" not in self.errors:
            self.add_error("outcome", "Choose the outcome before you close the contact")
        return cleaned


def _person_label(person) -> str:
    born = person.date_of_birth
    parts = [person.full_name, f"born {born.day} {born:%B %Y}"]
    if person.postcode:
        parts.append(person.postcode)
    return ", ".join(parts)


def _service_label(service) -> str:
    organization = getattr(service, "organization", None)
    return f"{service.name} ({organization.name})" if organization else service.name


class ContactStatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want to do", "invalid_choice": "Select one of the options"},
    )
    reason = _text(
        "Why?",
        REASON_MAX_CHARACTERS,
        required_message="Give a reason for the change",
        textarea=True,
        what="The reason",
    )

    def __init__(self, *args, moves=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = list(moves)


class ContactAdviceForm(forms.Form):
    advice_given = _text("Advice given", ADVICE_MAX, required=False, textarea=True)
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )


class SignpostForm(forms.Form):
    services = forms.MultipleChoiceField(
        label="Services to add",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one service",
            "invalid_choice": "Choose services from the directory search results",
        },
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(str(service.pk), _service_label(service)) for service in services]


class LinkExistingPersonForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput, error_messages={"invalid": "Choose a record to link"})
