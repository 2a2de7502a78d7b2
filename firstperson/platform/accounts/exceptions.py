"""Domain errors of the accounts app. Views turn these into form errors."""

from firstperson.platform.exceptions import ApplicationError


class SignInRefused(ApplicationError):
    pass


class TwoFactorCodeInvalid(ApplicationError):
    pass


class RegistrationRefused(ApplicationError):
    pass


class VerificationLinkInvalid(ApplicationError):
    pass
