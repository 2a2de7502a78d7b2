"""Domain errors of the people app. Each names the field it concerns, when there is one."""

from firstperson.platform.exceptions import ApplicationError


class DuplicatePerson(ApplicationError):
    """Another record has this NHS number: refused outright."""


class PossibleDuplicates(ApplicationError):
    """Records with the same name, date of birth and postcode exist: shown for review before saving."""

    def __init__(self, message: str, *, candidates):
        super().__init__(message)
        self.candidates = candidates


class InvalidPersonDetails(ApplicationError):
    pass


class AccessCodeInvalid(ApplicationError):
    pass
