"""Forms of the editors' workflow: an organisation registering, a service's details, and editors'
decisions. Forms check each answer's format; the services check what depends on several answers."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms

from firstperson.platform.accounts.forms import NewPasswordMixin
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.geography.rules.postcodes import postcode_is_valid, postcode_normalise

from .choices import DAYS
from .editor_selectors import COST_KINDS, ServiceDetails, description_as_text

_PHONE = re.compile(r"^\+?[0-9 ()-]+$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


def _text(label, *, required=False, max_length=255, message="", textarea=False, **attrs):
    error_messages = {"max_length": f"{label} must be {max_length} characters or fewer"}
    if message:
        error_messages["required"] = message
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        error_messages=error_messages,
        widget=forms.Textarea if textarea else forms.TextInput(attrs=attrs),
    )


def _email(label, *, required=False, message=""):
    error_messages = {
        "invalid": "Enter an email address in the correct format, like name@example.com",
        "max_length": "Email address must be 254 characters or fewer",
    }
    if message:
        error_messages["required"] = message
    return forms.EmailField(
        label=label,
        required=required,
        max_length=254,
        error_messages=error_messages,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def _website(label):
    return forms.URLField(
        label=label,
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a website address in the correct format, like www.example.org",
            "max_length": "Website address must be 500 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
    )


class OrganisationRegisterForm(NewPasswordMixin):
    organisation_name = _text(
        "Name of your organisation",
        required=True,
        message="Enter the name of your organisation",
        autocomplete="organization",
    )
    organisation_description = _text(
        "What your organisation does",
        required=True,
        max_length=2000,
        textarea=True,
        message="Say what your organisation does",
    )
    organisation_website = _website("Your organisation's website")
    organisation_email = _email("Your organisation's email address")
    contact_first_name = _text(
        "Your first name", required=True, max_length=100, message="Enter your first name", autocomplete="given-name"
    )
    contact_last_name = _text(
        "Your last name", required=True, max_length=100, message="Enter your last name", autocomplete="family-name"
    )
    contact_email = _email("Your email address", required=True, message="Enter your email address")

    field_order = [
        "organisation_name",
        "organisation_description",
        "organisation_website",
        "organisation_email",
        "contact_first_name",
        "contact_last_name",
        "contact_email",
        "password",
        "password_again",
    ]

    def clean(self):
        data = self.cleaned_data
        given = any(data.get(key) or self.errors.get(key) for key in ("organisation_website", "organisation_email"))
        if not given:
            self.add_error("organisation_website", "Give your organisation's website or email address")
        self.user_for_similarity = User(
            username=data.get("contact_email", ""),
            email=data.get("contact_email", ""),
            first_name=data.get("contact_first_name", ""),
            last_name=data.get("contact_last_name", ""),
            role=Role.ORGANISATION,
        )
        return super().clean()


def _parse_time(value: str) -> datetime.time | None:
    value = value.strip().lower().replace(" ", "")
    if not value:
        return None
    match = _TIME.match(value)
    if not match:
        raise forms.ValidationError("Enter a time like 09:30 or 14:00")
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        raise forms.ValidationError("Enter a real time, like 09:30 or 14:00")
    return datetime.time(hours, minutes)


def _age(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": f"{label} must be a whole number, like 60",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be 120 or less",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


class ServiceForm(forms.Form):
    """What residents rely on, in the order they look for it."""

    organization = forms.ChoiceField(
        label="Which organisation runs it?", required=False, error_messages={"invalid_choice": "Choose an organisation"}
    )
    name = _text("Name of the service", required=True, message="Enter the name of the service")
    description = _text(
        "What the service does",
        required=True,
        max_length=5000,
        textarea=True,
        message="Say what the service does",
    )
    minimum_age = _age("Youngest age")
    maximum_age = _age("Oldest age")
    eligibility_description = _text("Who it is for", max_length=1000, textarea=True)
    phone = _text("Phone number", max_length=30, autocomplete="tel")
    email = _email("Email address")
    url = _website("Website")
    address_1 = _text("Address line", autocomplete="address-line1")
    city = _text("Town or city", max_length=100, autocomplete="address-level2")
    postcode = _text("Postcode", max_length=10, autocomplete="postal-code", spellcheck="false")
    area_postcodes = _text("Area it covers", max_length=400, spellcheck="false")
    cost_kind = forms.ChoiceField(
        label="What does it cost?",
        required=False,
        choices=[("", "Not given"), *COST_KINDS.items()],
        widget=forms.RadioSelect,
    )
    cost_amount = forms.CharField(
        label="Amount per session, in pounds",
        required=False,
        max_length=10,
        error_messages={"max_length": "Enter the amount in pounds, like 4.50"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    cost_description = _text("About the cost", max_length=255)
    days = forms.MultipleChoiceField(
        label="Days it is open", required=False, choices=DAYS, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.CharField(
        label="Opens at",
        required=False,
        max_length=10,
        error_messages={"max_length": "Enter a time like 09:30 or 14:00"},
    )
    closes_at = forms.CharField(
        label="Closes at",
        required=False,
        max_length=10,
        error_messages={"max_length": "Enter a time like 09:30 or 14:00"},
    )
    wheelchair_accessible = forms.ChoiceField(
        label="Can someone in a wheelchair get in?",
        required=False,
        choices=[("", "Not given"), ("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
    )
    accessibility_description = _text("About access", max_length=1000, textarea=True)
    languages = _text("Languages other than English", max_length=255)
    category_ids = forms.MultipleChoiceField(
        label="Categories",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose categories from the list"},
    )

    def __init__(self, *args, organizations=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_ids"].choices = [(str(term.pk), term.name) for term in categories]
        if len(organizations) > 1:
            self.fields["organization"].required = True
            self.fields["organization"].error_messages["required"] = "Choose which organisation runs it"
            self.fields["organization"].choices = [("", "Choose an organisation")] + [
                (str(org.pk), org.name) for org in organizations
            ]
        else:
            del self.fields["organization"]

    def clean_phone(self):
        value = " ".join(self.cleaned_data["phone"].split())
        if value and (not _PHONE.match(value) or not 10 <= sum(ch.isdigit() for ch in value) <= 15):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001")
        return value

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if value.strip() and not postcode_is_valid(value):
            raise forms.ValidationError("Enter a real postcode, like WS1 4FG")
        return postcode_normalise(value) if value.strip() else ""

    def clean_cost_amount(self):
        value = self.cleaned_data["cost_amount"].strip().lstrip("£")
        if not value:
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation as error:
            raise forms.ValidationError("Enter the amount in pounds, like 4.50") from error
        if not amount.is_finite() or amount <= 0 or amount >= Decimal("10000"):
            raise forms.ValidationError("Enter an amount between 0.01 and 9999.99")
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError("Enter the amount in pounds and pence, like 4.50")
        return amount.quantize(Decimal("0.01"))

    def clean_opens_at(self):
        return _parse_time(self.cleaned_data["opens_at"])

    def clean_closes_at(self):
        return _parse_time(self.cleaned_data["closes_at"])

    def clean_languages(self):
        return tuple(" ".join(part.split()) for part in self.cleaned_data["languages"].split(",") if part.strip())

    def to_details(self) -> ServiceDetails:
        data = self.cleaned_data
        wheelchair = {"yes": True, "no": False}.get(data["wheelchair_accessible"])
        return ServiceDetails(
            name=data["name"],
            description=data["description"],
            minimum_age=data["minimum_age"],
            maximum_age=data["maximum_age"],
            eligibility_description=data["eligibility_description"],
            phone=data["phone"],
            email=data["email"],
            url=data["url"],
            address_1=data["address_1"],
            city=data["city"],
            postcode=data["postcode"],
            area_postcodes=data["area_postcodes"],
            cost_kind=data["cost_kind"],
            cost_amount=data["cost_amount"] if data["cost_kind"] == "paid" else None,
            cost_description=data["cost_description"],
            days=tuple(data["days"]),
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            wheelchair_accessible=wheelchair,
            accessibility_description=data["accessibility_description"],
            languages=data["languages"],
            category_ids=tuple(sorted(data["category_ids"])),
        )

    @staticmethod
    def initial_from(details: ServiceDetails) -> dict:
        return {
            "name": details.name,
            "description": description_as_text(details.description),
            "minimum_age": details.minimum_age,
            "maximum_age": details.maximum_age,
            "eligibility_description": details.eligibility_description,
            "phone": details.phone,
            "email": details.email,
            "url": details.url,
            "address_1": details.address_1,
            "city": details.city,
            "postcode": details.postcode,
            "area_postcodes": details.area_postcodes,
            "cost_kind": details.cost_kind,
            "cost_amount": f"{details.cost_amount:.2f}" if details.cost_amount is not None else "",
            "cost_description": details.cost_description,
            "days": list(details.days),
            "opens_at": details.opens_at.strftime("%H:%M") if details.opens_at else "",
            "closes_at": details.closes_at.strftime("%H:%M") if details.closes_at else "",
            "wheelchair_accessible": {True: "yes", False: "no", None: ""}[details.wheelchair_accessible],
            "accessibility_description": details.accessibility_description,
            "languages": ", ".join(details.languages),
            "category_ids": list(details.category_ids),
        }


class ServiceDecisionForm(forms.Form):
    """An editor's decision on a service. The choices offered are the moves its status allows."""

    decision = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with this service"},
    )
    reason = _text("Reason", max_length=2000, textarea=True)

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = list(decisions)


class RevisionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What do you want to do with this change?",
        choices=[("approve", "Approve it: the published service changes now"), ("reject", "Reject it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or reject the change"},
    )
    reason = _text("Reason, if you reject it", max_length=2000, textarea=True)


class EditorServiceFilterForm(forms.Form):
    name = _text("Name", max_length=100)
    record_status = forms.ChoiceField(label="Status", required=False)
    stale_only = forms.BooleanField(label="Only records not checked for 12 months", required=False)
    weakest_first = forms.BooleanField(label="Weakest first", required=False)

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_status"].choices = [("", "Any status"), *statuses]
