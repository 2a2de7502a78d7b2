"""Code lists of the directory. ORUK values are the standard's own (../shared/standards/oruk/)."""

from django.db import models


class ServiceStatus(models.TextChoices):
    """ORUK service.status: whether the service runs."""

    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class RecordStatus(models.TextChoices):
    """The council's review workflow for a directory record: who can see it."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    ARCHIVED = "archived", "Archived"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class ScheduleFrequency(models.TextChoices):
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"


#: iCal day codes, as used in ORUK schedule.byday, with the plain-English names.
DAYS = (
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
)
DAY_CODES = tuple(code for code, _ in DAYS)
