"""Domain errors of the accounts app. Views turn these into form errors."""


class ApplicationError(Exception):
    """Base of every domain error: its message is plain English, safe to show to the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SignInRefused(ApplicationError):
    pass


class TwoFactorCodeInvalid(ApplicationError):
    pass


class RegistrationRefused(ApplicationError):
    pass


class VerificationLinkInvalid(ApplicationError):
    pass
