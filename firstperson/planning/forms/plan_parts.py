"""Forms for writing the parts of a support plan: outcomes, how each is met, risks, and the plan's
own details. They parse and check what was typed; the services hold the rules and do the saving.

Every form carries the plan's `revision` it was read at in a hidden field, so that the service can
refuse a change made on a page that someone else's save has overtaken.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms

from ..models import (
    DirectPaymentRecipient,
    ItemKind,
    Likelihood,
    ManagedBy,
    ManagementMethod,
    PayeeRelationship,
)

NONE_OF_THESE = "none"
YES = "yes"
NO = "no"
YES_NO = [(YES, "Yes"), (NO, "No")]

#: What each kind of support is, in a few plain words, for the "How will this outcome be met?" page.
KIND_HINTS = {
    ItemKind.PERSONAL_ASSISTANT: "Someone you pay to help you, like a personal assistant you employ.",
    ItemKind.AGENCY: "A care agency sends workers to help you. You pay the agency by the hour.",
    ItemKind.DAY_OPPORTUNITY: "A day centre, a club, a class, a course or another activity.",
    ItemKind.EQUIPMENT: "Things that help you at home, like a grab rail or an alarm you wear.",
    ItemKind.ONE_OFF: "Something you buy once, like a tablet computer or a short course.",
    ItemKind.COMMUNITY: "Something anyone can use, like a library, a lunch club or a support group. Often free.",
    ItemKind.INFORMAL: "Help from family, friends or neighbours that nobody is paid for.",
    ItemKind.OTHER: "Anything else that helps you do this.",
}

MANAGED_BY_LABELS = {
    ManagedBy.DIRECT_PAYMENT: "From a direct payment",
    ManagedBy.COUNCIL_MANAGED: "The council pays for it",
    ManagedBy.INDIVIDUAL_SERVICE_FUND: "From an Individual Service Fund",
}
MANAGED_BY_HINTS = {
    ManagedBy.DIRECT_PAYMENT: "The money is paid to you, or to someone for you, and you pay for it.",
    ManagedBy.COUNCIL_MANAGED: "The council pays for it for you, the way you want.",
    ManagedBy.INDIVIDUAL_SERVICE_FUND: "A provider you choose holds the money and pays for it.",
}

MANAGEMENT_LABELS = {
    ManagementMethod.DIRECT_PAYMENT: "A direct payment",
    ManagementMethod.COUNCIL_MANAGED: "The council manages it",
    ManagementMethod.INDIVIDUAL_SERVICE_FUND: "An Individual Service Fund",
    ManagementMethod.MIXED: "A mix of these",
}
MANAGEMENT_HINTS = {
    ManagementMethod.DIRECT_PAYMENT: "The money is paid to you, or to someone for you, and you arrange your support.",
    ManagementMethod.COUNCIL_MANAGED: "The council keeps the money and arranges your support the way you want.",
    ManagementMethod.INDIVIDUAL_SERVICE_FUND: "A provider you choose holds the money and arranges support with you.",
    ManagementMethod.MIXED: "Some of the money one way and some another: for example, a direct payment for a "
    "personal assistant and an Individual Service Fund for a provider.",
}
#: The management methods that pay some of the budget as a direct payment, or to a provider's fund.
USES_DIRECT_PAYMENT = {ManagementMethod.DIRECT_PAYMENT, ManagementMethod.MIXED}
USES_ISF = {ManagementMethod.INDIVIDUAL_SERVICE_FUND, ManagementMethod.MIXED}

RECIPIENT_LABELS = {
    DirectPaymentRecipient.ADULT: "You",
    DirectPaymentRecipient.NOMINATED_PERSON: "Someone you choose to get it for you",
    DirectPaymentRecipient.AUTHORISED_PERSON: "An authorised person",
}
RECIPIENT_HINTS = {
    DirectPaymentRecipient.ADULT: "You get the money and pay for your support yourself, with help if you want it.",
    DirectPaymentRecipient.NOMINATED_PERSON: "You ask someone you trust, like a family member, to get it for you.",
    DirectPaymentRecipient.AUTHORISED_PERSON: "For someone who cannot make this decision themselves, like an "
    "attorney or a deputy.",
}

LIKELIHOOD_HINTS = {
    Likelihood.LOW: "It probably will not happen.",
    Likelihood.MEDIUM: "It might happen sometimes.",
    Likelihood.HIGH: "It will probably happen.",
}

PAYEE_LABELS = {
    PayeeRelationship.NOT_FAMILY: "Someone who is not my partner or a close relative",
    PayeeRelationship.SPOUSE_OR_PARTNER: "My husband, wife, civil partner or partner",
    PayeeRelationship.CLOSE_RELATIVE: "A close relative",
}
PAYEE_HINTS = {
    PayeeRelationship.CLOSE_RELATIVE: "A parent, child, brother, sister, grandparent, aunt or uncle, or one of "
    "their partners.",
}

HOURS_MAX = Decimal("168")
HOURLY_RATE_MAX = Decimal("500")
WEEKLY_MAX = Decimal("10000")
ONE_OFF_MAX = Decimal("100000")

_NUMBER = re.compile(r"(?P<minus>-)?(?P<digits>\d+(?:\.\d*)?|\.\d+)")


class NumberField(forms.Field):
    """A number typed as the person would: "£1,234.50" and " 7.5 " are read; anything else gets a
    message that says what to type, naming the field (`what`) and giving an example."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def __init__(self, *, what: str, example: str, maximum: Decimal, pounds: bool, **kwargs):
        self.what = what
        self.example = example
        self.maximum = maximum
        self.pounds = pounds
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter {what}"

    def _invalid(self) -> str:
        if self.pounds:
            return f"Enter {self.what} in pounds and pence, like {self.example}"
        return f"Enter {self.what} as a number, like {self.example}"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
        if text in self.empty_values:
            return None
        found = _NUMBER.fullmatch(text)
        if found is None:
            raise forms.ValidationError(self._invalid(), code="invalid")
        try:
            number = Decimal(found["digits"])
        except InvalidOperation as error:  # pragma: no cover - the pattern admits only plain numbers
            raise forms.ValidationError(self._invalid(), code="invalid") from error
        if found["minus"] and number != 0:
            raise forms.ValidationError(f"{self.what[:1].upper()}{self.what[1:]} cannot be less than 0", code="min")
        if -number.as_tuple().exponent > 2:
            raise forms.ValidationError(
                f"Enter {self.what} with no more than 2 numbers after the point, like {self.example}", code="places"
            )
        if number > self.maximum:
            top = f"£{self.maximum:,.2f}" if self.pounds else f"{self.maximum.normalize():f}"
            raise forms.ValidationError(
                f"{self.what[:1].upper()}{self.what[1:]} must be {top} or less", code="max_value"
            )
        return number


def hours_field(**kwargs) -> NumberField:
    return NumberField(
        label="How many hours a week?",
        what="the hours a week",
        example="7.5",
        maximum=HOURS_MAX,
        pounds=False,
        **kwargs,
    )


def money_field(label: str, *, what: str, example: str, maximum: Decimal, **kwargs) -> NumberField:
    return NumberField(label=label, what=what, example=example, maximum=maximum, pounds=True, **kwargs)


def hinted_options(bound_field, hints: dict) -> list[dict]:
    """The options of a radios field, each with its hint, for planning/includes/parts_radios.html."""
    value = bound_field.value()
    chosen = "" if value in (None, "") else str(value)
    options = []
    for index, (option_value, option_label) in enumerate(bound_field.field.choices):
        if str(option_value) == "":
            continue
        options.append(
            {
                "value": str(option_value),
                "label": option_label,
                "hint": hints.get(option_value, ""),
                "id": f"{bound_field.auto_id}_{index}",
                "checked": str(option_value) == chosen,
            }
        )
    return options


class PlanPartForm(forms.Form):
    """The hidden revision every plan form carries. `radio_hints` gives per-option hints for radios
    rendered with planning/includes/parts_radios.html."""

    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": "This page is out of date. Go back to the plan and try again.",
            "invalid": "This page is out of date. Go back to the plan and try again.",
            "min_value": "This page is out of date. Go back to the plan and try again.",
        },
    )
    radio_hints: dict[str, dict] = {}

    def clean(self):
        cleaned = super().clean()
        if "revision" in self.errors:
            # The hidden field cannot be put right by the person: show its message at the top.
            message = self.errors.pop("revision")[0]
            self.add_error(None, message)
        return cleaned

    @property
    def hinted(self) -> dict[str, list[dict]]:
        return {
            name: hinted_options(self[name], hints) for name, hints in self.radio_hints.items() if name in self.fields
        }

    def plan_values(self) -> dict:
        """What to pass to the service, without the revision."""
        return {name: value for name, value in self.cleaned_data.items() if name != "revision"}


# --- Outcomes -----------------------------------------------------------------------------------


class OutcomeForm(PlanPartForm):
    in_own_words = forms.CharField(
        label="What do you want to achieve?",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={
            "required": "Enter what you want to achieve",
            "max_length": "What you want to achieve must be 2000 characters or fewer",
        },
    )
    eligible_outcome_code = forms.ChoiceField(
        label="Which of your eligible needs does this help with?",
        widget=forms.RadioSelect,
        help_text="Your assessment found that you need help with these.",
        error_messages={"required": "Choose which of your needs this helps with, or choose None of these"},
    )

    radio_hints = {"eligible_outcome_code": {}}

    def __init__(self, *args, eligible: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        if eligible:
            self.fields["eligible_outcome_code"].choices = [
                (code, name[:1].upper() + name[1:]) for code, name in eligible.items()
            ] + [(NONE_OF_THESE, "None of these")]
        else:
            # No eligibility to link to: nothing to ask.
            del self.fields["eligible_outcome_code"]

    def clean_in_own_words(self):
        words = self.cleaned_data["in_own_words"].strip()
        if not words:
            raise forms.ValidationError("Enter what you want to achieve")
        return words

    def outcome_code(self) -> str:
        code = self.cleaned_data.get("eligible_outcome_code", "")
        return "" if code == NONE_OF_THESE else code


# --- How an outcome is met ----------------------------------------------------------------------


class ItemKindForm(forms.Form):
    kind = forms.ChoiceField(
        label="How will this outcome be met?",
        widget=forms.RadioSelect,
        choices=ItemKind.choices,
        error_messages={"required": "Choose how this outcome will be met"},
    )

    @property
    def hinted(self) -> dict[str, list[dict]]:
        return {"kind": hinted_options(self["kind"], KIND_HINTS)}


def _text_field(
    label: str, *, max_length: int, required_message: str = "", long: bool = False, **kwargs
) -> forms.CharField:
    """Words typed in a text input, or a textarea when the answer is `long`, up to `max_length` characters."""
    messages = {"max_length": f"This must be {max_length} characters or fewer"}
    if required_message:
        messages["required"] = required_message
    widget = forms.Textarea if long else None
    return forms.CharField(label=label, max_length=max_length, widget=widget, error_messages=messages, **kwargs)


class ItemForm(PlanPartForm):
    """The fields every kind has; each kind's form adds only what that kind needs."""

    kind: ItemKind
    description_label = "What is it?"
    description_required = "Enter what it is"
    description_hint = ""
    radio_hints = {"managed_by": MANAGED_BY_HINTS, "payee_relationship": PAYEE_HINTS}
    #: Paid kinds must say how they are paid for when they cost something.
    needs_managed_by = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"] = _text_field(
            self.description_label, max_length=300, required_message=self.description_required
        )
        self.fields["description"].help_text = self.description_hint
        self.order_fields(["revision", "description"])
        if "managed_by" in self.fields:
            self.fields["managed_by"].choices = [(value, MANAGED_BY_LABELS[value]) for value in ManagedBy.values]

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError(self.fields["description"].error_messages["required"])
        return text

    def clean(self):
        cleaned = super().clean()
        unanswered = "managed_by" in self.fields and not cleaned.get("managed_by") and "managed_by" not in self.errors
        if unanswered and (self.needs_managed_by or self._costs_something(cleaned)):
            self.add_error("managed_by", "Choose how it will be paid for")
        return cleaned

    @staticmethod
    def _costs_something(cleaned) -> bool:
        return any(cleaned.get(name) for name in ("weekly_amount", "one_off_amount"))

    def item_values(self) -> dict:
        """The values for services.item_add / item_update: this kind's fields, the rest cleared."""
        values = {
            "kind": self.kind,
            "description": "",
            "provider_name": "",
            "directory_service": None,
            "hours_per_week": None,
            "hourly_rate": None,
            "employer_costs_weekly": None,
            "weekly_amount": None,
            "one_off_amount": None,
            "managed_by": "",
            "payee_relationship": PayeeRelationship.NOT_FAMILY,
            "payee_lives_with_person": False,
            "informal_agreement_recorded": False,
        }
        for name, value in self.plan_values().items():
            values[name] = value == YES if name == "payee_lives_with_person" else value
        return values

    @classmethod
    def initial_from(cls, item) -> dict:
        initial = {}
        for name in cls.base_fields:
            if name == "revision":
                continue
            value = getattr(item, name, None)
            if name == "payee_lives_with_person":
                value = YES if value else NO
            elif name == "hours_per_week" and value is not None:
                value = f"{value.normalize():f}"
            elif isinstance(value, Decimal):
                value = f"{value:.2f}"
            initial[name] = value
        initial["description"] = item.description
        if item.directory_service_id:
            initial["directory_service"] = str(item.directory_service_id)
        return initial


def _managed_by_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="How will it be paid for?",
        widget=forms.RadioSelect,
        choices=ManagedBy.choices,
        required=False,
    )


class PersonalAssistantForm(ItemForm):
    kind = ItemKind.PERSONAL_ASSISTANT
    description_label = "What will the personal assistant do?"
    description_required = "Enter what the personal assistant will do"
    description_hint = "For example: help me get ready in the morning and go to the gym"
    hours_per_week = hours_field()
    hourly_rate = money_field(
        "How much is the hourly rate?", what="the hourly rate", example="12.50", maximum=HOURLY_RATE_MAX
    )
    employer_costs_weekly = money_field(
        "How much are the employer's costs a week?",
        what="the employer's costs a week",
        example="12.00",
        maximum=WEEKLY_MAX,
        required=False,
        help_text="National Insurance, pension, holiday pay and insurance. Leave this empty if there are none.",
    )
    payee_relationship = forms.ChoiceField(
        label="Who will you pay?",
        widget=forms.RadioSelect,
        choices=[(value, PAYEE_LABELS[value]) for value in PayeeRelationship.values],
        error_messages={"required": "Choose who you will pay"},
    )
    payee_lives_with_person = forms.ChoiceField(
        label="Do they live with you?",
        widget=forms.RadioSelect,
        choices=YES_NO,
        error_messages={"required": "Choose yes if they live with you"},
    )
    managed_by = _managed_by_field()


class AgencyForm(ItemForm):
    kind = ItemKind.AGENCY
    description_label = "What will the agency do?"
    description_required = "Enter what the agency will do"
    description_hint = "For example: help with washing and dressing every morning"
    provider_name = _text_field(
        "What is the agency called?", max_length=200, required_message="Enter the name of the agency"
    )
    hours_per_week = hours_field()
    hourly_rate = money_field(
        "How much does the agency charge an hour?", what="the hourly rate", example="24.50", maximum=HOURLY_RATE_MAX
    )
    managed_by = _managed_by_field()


class CostedForm(ItemForm):
    """Day opportunities, equipment and anything else: a weekly cost, a one-off cost, or both."""

    needs_managed_by = False
    provider_name = _text_field("Who provides it?", max_length=200, required=False)
    weekly_amount = money_field(
        "How much does it cost each week?",
        what="the cost each week",
        example="8.00",
        maximum=WEEKLY_MAX,
        required=False,
        help_text="Leave this empty if there is no weekly cost.",
    )
    one_off_amount = money_field(
        "How much does it cost once, to buy or set up?",
        what="the one-off cost",
        example="150.00",
        maximum=ONE_OFF_MAX,
        required=False,
        help_text="Leave this empty if there is no one-off cost.",
    )
    managed_by = _managed_by_field()

    def clean(self):
        cleaned = super().clean()
        amounts = ("weekly_amount", "one_off_amount")
        if not any(name in self.errors for name in amounts) and all(cleaned.get(name) is None for name in amounts):
            self.add_error("weekly_amount", "Enter a weekly cost, a one-off cost, or both")
        return cleaned


class DayOpportunityForm(CostedForm):
    kind = ItemKind.DAY_OPPORTUNITY
    description_label = "What is the activity?"
    description_required = "Enter what the activity is"
    description_hint = "For example: gym membership, or a cookery class on Tuesdays"


class EquipmentForm(CostedForm):
    kind = ItemKind.EQUIPMENT
    description_label = "What is the equipment?"
    description_required = "Enter what the equipment is"
    description_hint = "For example: a door sensor that alerts my daughter at night"


class PayeeWhenDirectPaymentMixin(forms.Form):
    """Who is paid, asked when the item is paid from a direct payment: a direct payment may pay a
    partner, or a close relative at home, only with an exception (REFERENCE.md §4.2). Kinds that may
    pay a person for their help ("Other", a one-off purchase) ask it after how it is paid for."""

    payee_after_managed_by = True
    payee_relationship = forms.ChoiceField(
        label="If it is paid from a direct payment, who will you pay?",
        widget=forms.RadioSelect,
        choices=[(value, PAYEE_LABELS[value]) for value in PayeeRelationship.values],
        required=False,
        help_text="If you pay a shop or a business, choose the first answer.",
    )
    payee_lives_with_person = forms.ChoiceField(
        label="Does the person you pay live with you?",
        widget=forms.RadioSelect,
        choices=YES_NO,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("managed_by") == ManagedBy.DIRECT_PAYMENT:
            if not cleaned.get("payee_relationship") and "payee_relationship" not in self.errors:
                self.add_error("payee_relationship", "Choose who you will pay")
            if not cleaned.get("payee_lives_with_person") and "payee_lives_with_person" not in self.errors:
                self.add_error("payee_lives_with_person", "Choose yes if the person you pay lives with you")
        else:
            # Not a direct payment: the rule on paying family does not apply, so nothing is kept.
            cleaned["payee_relationship"] = PayeeRelationship.NOT_FAMILY
            cleaned["payee_lives_with_person"] = NO
        return cleaned


class OtherForm(PayeeWhenDirectPaymentMixin, CostedForm):
    kind = ItemKind.OTHER
    description_label = "What is it?"
    description_hint = "Say what it is and how it helps you"


class OneOffForm(PayeeWhenDirectPaymentMixin, ItemForm):
    kind = ItemKind.ONE_OFF
    description_label = "What will you buy?"
    description_required = "Enter what you will buy"
    description_hint = "For example: a tablet computer to keep in touch with friends"
    one_off_amount = money_field("How much does it cost?", what="the cost", example="150.00", maximum=ONE_OFF_MAX)
    managed_by = _managed_by_field()


class CommunityForm(ItemForm):
    kind = ItemKind.COMMUNITY
    needs_managed_by = False
    description_label = "What will you use it for?"
    description_required = "Enter what you will use it for"
    description_hint = "For example: going to the lunch club on Fridays to see friends"
    provider_name = _text_field(
        "What is the service called?", max_length=200, required=False, required_message="Enter the name of the service"
    )
    directory_service = forms.ChoiceField(label="Choose it from the directory", required=False)
    weekly_amount = money_field(
        "How much does it cost each week?",
        what="the cost each week",
        example="3.50",
        maximum=WEEKLY_MAX,
        required=False,
        help_text="Most community services are free. Leave this empty if it is free.",
    )
    managed_by = _managed_by_field()

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {str(service.pk): service for service in services}
        self.fields["directory_service"].choices = [("", "Not from the directory")] + [
            (key, service.name) for key, service in self.services.items()
        ]
        self.fields["directory_service"].error_messages["invalid_choice"] = (
            "Choose a service from the list, or search again"
        )

    def clean_directory_service(self):
        key = self.cleaned_data.get("directory_service") or ""
        return self.services.get(key)

    def clean(self):
        cleaned = super().clean()
        service = cleaned.get("directory_service")
        if service is not None and not cleaned.get("provider_name"):
            cleaned["provider_name"] = service.name
        if service is None and not cleaned.get("provider_name") and "provider_name" not in self.errors:
            self.add_error("provider_name", "Enter the name of the service, or choose it from the directory")
        return cleaned


class InformalForm(ItemForm):
    kind = ItemKind.INFORMAL
    needs_managed_by = False
    description_label = "What help will they give?"
    description_required = "Enter what help they will give"
    description_hint = "For example: Mum helps me choose clothes at weekends"
    provider_name = _text_field(
        "Who will give this help?", max_length=200, required_message="Enter who will give this help"
    )
    informal_agreement_recorded = forms.BooleanField(
        label="They have agreed to give this help",
        error_messages={"required": "Tick to say they have agreed to give this help"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider_name"].help_text = "Their name, and who they are to you. For example: Linda, my mum"


ITEM_FORMS: dict[str, type[ItemForm]] = {
    ItemKind.PERSONAL_ASSISTANT: PersonalAssistantForm,
    ItemKind.AGENCY: AgencyForm,
    ItemKind.DAY_OPPORTUNITY: DayOpportunityForm,
    ItemKind.EQUIPMENT: EquipmentForm,
    ItemKind.ONE_OFF: OneOffForm,
    ItemKind.COMMUNITY: CommunityForm,
    ItemKind.INFORMAL: InformalForm,
    ItemKind.OTHER: OtherForm,
}


class ItemRemoveForm(PlanPartForm):
    pass


# --- Risks --------------------------------------------------------------------------------------


class RiskForm(PlanPartForm):
    description = _text_field(
        "What could go wrong?",
        max_length=2000,
        long=True,
        help_text="For example: I could get lost on the way home from the gym",
        required_message="Enter what could go wrong",
    )
    likelihood = forms.ChoiceField(
        label="How likely is it?",
        widget=forms.RadioSelect,
        choices=Likelihood.choices,
        error_messages={"required": "Choose how likely it is"},
    )
    reduced_by = _text_field(
        "What will make it less likely, or less harmful?",
        max_length=2000,
        long=True,
        required=False,
        help_text="For example: I carry my phone, and the gym staff know me",
    )
    responsible = _text_field(
        "Who will do this?", max_length=200, required=False, help_text="For example: me, with my personal assistant"
    )
    persons_view = _text_field(
        "What do you think about this risk?",
        max_length=2000,
        long=True,
        required=False,
        help_text="You can choose to take some risks, to live the way you want. Say why this matters to you.",
    )
    radio_hints = {"likelihood": LIKELIHOOD_HINTS}

    def clean(self):
        cleaned = super().clean()
        for name in ("description", "reduced_by", "responsible", "persons_view"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        if "description" in cleaned and not cleaned["description"]:
            self.add_error("description", "Enter what could go wrong")
        return cleaned


# --- The plan's own details ---------------------------------------------------------------------


class ManagementForm(PlanPartForm):
    management_method = forms.ChoiceField(
        label="How will your budget be managed?",
        widget=forms.RadioSelect,
        choices=[(value, MANAGEMENT_LABELS[value]) for value in ManagementMethod.values],
        error_messages={"required": "Choose how your budget will be managed"},
    )
    direct_payment_recipient = forms.ChoiceField(
        label="Who will receive the direct payment?",
        widget=forms.RadioSelect,
        choices=[(value, RECIPIENT_LABELS[value]) for value in DirectPaymentRecipient.values],
        required=False,
    )
    isf_provider_name = forms.CharField(
        label="Which provider will hold the Individual Service Fund?",
        max_length=200,
        required=False,
        help_text="For example: Westside Supported Living",
        error_messages={"max_length": "The provider's name must be 200 characters or fewer"},
    )
    radio_hints = {
        "management_method": MANAGEMENT_HINTS,
        "direct_payment_recipient": RECIPIENT_HINTS,
    }

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("management_method")
        if not method:
            return cleaned
        cleaned["isf_provider_name"] = (cleaned.get("isf_provider_name") or "").strip()
        if method in USES_DIRECT_PAYMENT:
            if not cleaned.get("direct_payment_recipient"):
                self.add_error("direct_payment_recipient", "Choose who will receive the direct payment")
        else:
            cleaned["direct_payment_recipient"] = ""
        if method in USES_ISF:
            if not cleaned["isf_provider_name"] and "isf_provider_name" not in self.errors:
                self.add_error("isf_provider_name", "Enter the name of the provider who will hold the fund")
        else:
            cleaned["isf_provider_name"] = ""
        return cleaned


class TextAnswerForm(PlanPartForm):
    """One question answered in a few sentences; `answer_name` is the plan field it fills."""

    answer_name = ""

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.answer_name].required = required

    def clean(self):
        cleaned = super().clean()
        field = self.fields[self.answer_name]
        if isinstance(cleaned.get(self.answer_name), str):
            cleaned[self.answer_name] = cleaned[self.answer_name].strip()
            if not cleaned[self.answer_name] and field.required:
                self.add_error(self.answer_name, field.error_messages["required"])
        return cleaned


def _answer_field(label: str, *, hint: str, required_message: str) -> forms.CharField:
    return _text_field(label, max_length=5000, long=True, help_text=hint, required_message=required_message)


class ContingencyForm(TextAnswerForm):
    answer_name = "contingency_plan"
    contingency_plan = _answer_field(
        "What will happen if your support lets you down?",
        hint="For example: if my personal assistant is ill, my mum helps in the morning. If the provider stops, "
        "my broker helps me find another one.",
        required_message="Enter what will happen if your support lets you down",
    )


class JustificationForm(TextAnswerForm):
    answer_name = "over_budget_justification"
    over_budget_justification = _answer_field(
        "Why do you need more than your budget?",
        hint="Say what would happen without it, and what else you have tried. The people who decide on your plan "
        "will read this.",
        required_message="Enter why you need more than your budget",
    )


class HelpersForm(TextAnswerForm):
    answer_name = "helped_by"
    helped_by = _answer_field(
        "Who helped you write this plan?",
        hint="Give their names and who they are to you. For example: my mum Linda, and Grace, my broker. If you "
        "wrote it on your own, say so.",
        required_message="Enter who helped you write this plan",
    )


class ConfirmForm(PlanPartForm):
    """A remove page: only the revision."""
