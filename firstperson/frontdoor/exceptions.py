"""Domain errors of the front door."""

from firstperson.platform.exceptions import ApplicationError


class InvalidContact(ApplicationError):
    """Something about a contact that cannot be saved, named by `field`."""


class ContactStatusError(ApplicationError):
    """A status change that is not allowed, or not explained."""
