class NoParametersInForce(LookupError):
    """No published charging parameters cover the date asked about."""


class ParametersLocked(Exception):
    """A published parameter set never changes: make a new version instead."""
