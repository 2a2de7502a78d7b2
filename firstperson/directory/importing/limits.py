"""How much an import reads, and where the standard's files are."""

from pathlib import Path

from django.conf import settings

#: The largest file (or feed response) an import reads. Override with the setting of the same name.
DIRECTORY_IMPORT_MAX_BYTES = 20 * 1024 * 1024
#: A ZIP may hold at most this many times its own size once unpacked (a guard against ZIP bombs).
MAX_UNZIPPED_RATIO = 20
FEED_TIMEOUT_SECONDS = 20
FEED_MAX_PAGES = 500
FEED_PER_PAGE = 100
FEED_MAX_SERVICES = 50_000
MAX_PROBLEMS_LISTED = 500
MAX_DUPLICATE_PAIRS = 500
ID_CHUNK = 900
WRITE_BATCH = 1000
SERVICE_LINK_TYPE = "service"


def import_max_bytes() -> int:
    return int(getattr(settings, "DIRECTORY_IMPORT_MAX_BYTES", DIRECTORY_IMPORT_MAX_BYTES))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


# The compiled ORUK service schema that every imported record is checked against.
ORUK_SERVICE_SCHEMA = Path(__file__).resolve().parent.parent / "standards" / "oruk_service.json"
