from django import forms
from django.contrib.auth import password_validation


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username or email address",
        max_length=150,
        error_messages={"required": "Enter your username or email address"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        max_length=256,
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class NewPasswordMixin(forms.Form):
    """A new password typed twice, checked against the password rules."""

    password = forms.CharField(
        label="Create a password",
        strip=False,
        max_length=256,
        help_text="Use 12 characters or more. A few words strung together is easy to remember and hard to guess.",
        error_messages={"required": "Create a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Type the password again",
        strip=False,
        max_length=256,
        error_messages={"required": "Type the password again"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user_for_similarity=None, **kwargs):
        # The account (saved or not yet) whose name and email the password must not resemble.
        self.user_for_similarity = user_for_similarity
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        again = cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", "The passwords do not match")
        if password:
            try:
                password_validation.validate_password(password, user=self.user_for_similarity)
            except forms.ValidationError as error:
                self.add_error("password", [_plain_password_message(message) for message in error.messages])
        return cleaned


def _plain_password_message(message: str) -> str:
    if "too short" in message:
        return "Password must be 12 characters or more"
    if "too common" in message:
        return "That password is too common and easy to guess. Choose another"
    if "entirely numeric" in message:
        return "Password must not be only numbers"
    if "too similar" in message:
        return "Password must not be like your name or email address"
    return message
