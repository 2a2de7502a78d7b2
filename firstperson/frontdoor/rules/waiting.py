"""How long something has waited, in the words a person would say: "3 hours", "2 days"."""

import datetime


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def waiting_in_words(waited: datetime.timedelta) -> str:
    """Rounded down to the largest whole unit: minutes under an hour, hours under a day, then days."""
    seconds = int(waited.total_seconds())
    if seconds < 60:
        return "less than a minute"
    minutes = seconds // 60
    if minutes < 60:
        return _plural(minutes, "minute")
    hours = minutes // 60
    if hours < 24:
        return _plural(hours, "hour")
    return _plural(hours // 24, "day")
