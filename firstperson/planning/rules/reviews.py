"""Review dates for an agreed plan (Care Act 2014 s27; statutory guidance ch. 13; REFERENCE.md §5.3):
a first review six to eight weeks after the plan starts, then at least every twelve months."""

import datetime

FIRST_REVIEW_WEEKS_ALLOWED = range(6, 9)


def first_review_date(start: datetime.date, weeks: int) -> datetime.date:
    if weeks not in FIRST_REVIEW_WEEKS_ALLOWED:
        raise ValueError("The first review must be six to eight weeks after the plan starts.")
    return start + datetime.timedelta(weeks=weeks)


def annual_review_date(start: datetime.date) -> datetime.date:
    """The same day a year on; 29 February falls back to 28 February."""
    try:
        return start.replace(year=start.year + 1)
    except ValueError:
        return start.replace(year=start.year + 1, day=28)
