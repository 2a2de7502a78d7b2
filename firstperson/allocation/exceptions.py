"""Domain errors of the allocation app. Each message is plain English, safe to show."""

from firstperson.platform.exceptions import ApplicationError


class ConfigurationLocked(ApplicationError):
    """A published or retired configuration never changes; make a new version instead."""


class InvalidConfiguration(ApplicationError):
    """A value that a configuration cannot hold, named by `field`; `problems` lists every one."""

    def __init__(self, message: str, *, field: str | None = None, problems: list[str] | None = None):
        super().__init__(message, field=field)
        self.problems = problems or [message]


class ConfigurationNotPublishable(ApplicationError):
    """Publishing refused: `problems` lists every reason, in plain English."""

    def __init__(self, problems: list[str]):
        super().__init__("This configuration cannot be published yet.")
        self.problems = problems


class ConfigurationUnavailable(ApplicationError):
    """No configuration with that id can be used: unknown, a draft, retired, or none in force."""


class AnswersDoNotFit(ApplicationError):
    """The answers do not fit the configuration: `problems` maps each question code to what is wrong."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(
            "Some answers do not fit the questions: " + "; ".join(f"{k}: {v}" for k, v in problems.items())
        )
        self.problems = problems


class BudgetNotCalculable(ApplicationError):
    """The indicative budget cannot be worked out (the assessment is not submitted, say)."""


class ModerationRefused(ApplicationError):
    """A change to an indicative budget, or a decision on one, that is not allowed or not explained."""
