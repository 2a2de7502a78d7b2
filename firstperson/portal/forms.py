"""Registration asks one question per page; each form here is one question."""

from django import forms

from firstperson.people.rules.identifiers import postcode_is_valid
from firstperson.platform.accounts.forms import NewPasswordMixin
from firstperson.platform.ui.fields import GovukDateField


class NameForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={
            "required": "Enter your first name",
            "max_length": "First name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter your last name", "max_length": "Last name must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
    )


class DateOfBirthForm(forms.Form):
    date_of_birth = GovukDateField(label="Date of birth", past_only=True)


class HasAccountCodeForm(forms.Form):
    has_code = forms.ChoiceField(
        label="Do you have an account code from a letter we sent you?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you have an account code"},
    )


class AccountCodeForm(forms.Form):
    access_code = forms.CharField(
        label="What is your account code?",
        max_length=20,
        help_text="It is in the letter we sent you: 12 letters and numbers, like 7F3A-09C2-B1D4.",
        error_messages={
            "required": "Enter the account code from your letter",
            "max_length": "The account code is 12 letters and numbers, like 7F3A-09C2-B1D4",
        },
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label="What is your postcode?",
        max_length=10,
        error_messages={"required": "Enter your postcode", "max_length": "Enter a real postcode, like SW1A 2AA"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not postcode_is_valid(value):
            raise forms.ValidationError("Enter a real postcode, like SW1A 2AA")
        return value


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="What is your email address?",
        max_length=254,
        help_text="We will send you a link to confirm it. We also use it to sign you in.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class PasswordForm(NewPasswordMixin):
    pass


class ConfirmForm(forms.Form):
    """The check-your-answers page posts nothing but the button."""
