"""Domain errors of the planning app. Each message is plain English, safe to show."""

from firstperson.platform.exceptions import ApplicationError


class PlanNotEditable(ApplicationError):
    """The plan has been sent or decided; it can be changed only when it is being written or returned."""


class PlanChangedSinceRead(ApplicationError):
    """Optimistic locking: someone else saved the plan after this page was opened."""


class PlanChecksFailed(ApplicationError):
    """Sending refused: `results` are the automatic checks, some failed."""

    def __init__(self, results):
        super().__init__("The plan cannot be sent yet. Change the things listed and try again.")
        self.results = results


class TransitionRefused(ApplicationError):
    """A move the lifecycle table does not allow, or one made by someone without the part it needs."""


class DecisionNotAllowed(ApplicationError):
    """The decider's delegation does not cover the plan, or they made the decision being reconsidered."""


class PlanAlreadyOpen(ApplicationError):
    """The person already has a plan being written or decided."""


class NoBudgetForPlan(ApplicationError):
    """There is no indicative budget to plan against yet."""
