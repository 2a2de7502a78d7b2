"""The one base class of FirstPerson's domain errors.

Services raise subclasses of ApplicationError; views turn them into form errors or API problems.
The message is plain English, safe to show to the person; `field` names the form field it is about,
when there is one.
"""


class ApplicationError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
