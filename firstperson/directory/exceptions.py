"""Domain errors of the directory."""

from firstperson.platform.exceptions import ApplicationError


class UnknownPostcode(ApplicationError):
    """A well-formed postcode that is not in the postcode directory."""


class InvalidSearch(ApplicationError):
    """A search or filter value that cannot be used, named by `field`."""


class ImportRefused(ApplicationError):
    """An import that would be partial or wrong: nothing was imported. `problems` names each one."""

    def __init__(self, message: str, *, problems: list[str]):
        super().__init__(message)
        self.problems = problems


class WorkflowError(ApplicationError):
    """A review step that is not allowed from the record's current status."""
