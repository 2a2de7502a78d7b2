"""Loading the ONS Postcode Directory (or an extract of it)."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from firstperson.platform.exceptions import ApplicationError

from .models import Postcode
from .rules.postcodes import postcode_is_valid, postcode_normalise

BATCH_SIZE = 5000
# Column names used by the ONS Postcode Directory (ONSPD) and the National Statistics Postcode Lookup
# (NSPL); a plain extract may use the short names.
POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "postcode")
LATITUDE_COLUMNS = ("lat", "latitude")
LONGITUDE_COLUMNS = ("long", "lon", "longitude")


class PostcodeImportRefused(ApplicationError):
    def __init__(self, message: str, *, problems: list[str]):
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class PostcodeImportResult:
    imported: int
    skipped_without_coordinates: int


def _column(header: Sequence[str], names: tuple[str, ...]) -> str | None:
    lowered = {name.strip().lower(): name for name in header}
    return next((lowered[name] for name in names if name in lowered), None)


def postcodes_import(*, csv_text: str) -> PostcodeImportResult:
    """Load postcodes and their coordinates, replacing any already held. All or nothing: any bad
    row refuses the whole file. ONS marks postcodes without a grid reference with latitude 99.999999;
    those are skipped and counted."""
    reader = csv.DictReader(io.StringIO(csv_text))
    header = reader.fieldnames or []
    postcode_col, lat_col, lon_col = (
        _column(header, POSTCODE_COLUMNS),
        _column(header, LATITUDE_COLUMNS),
        _column(header, LONGITUDE_COLUMNS),
    )
    if not (postcode_col and lat_col and lon_col):
        raise PostcodeImportRefused(
            "The file needs columns for the postcode (pcds), latitude (lat) and longitude (long)", problems=[]
        )
    rows: dict[str, Postcode] = {}
    problems: list[str] = []
    skipped = 0
    for line, row in enumerate(reader, start=2):
        raw = (row.get(postcode_col) or "").strip()
        if not postcode_is_valid(raw):
            problems.append(f"Line {line}: {raw!r} is not a postcode")
            continue
        try:
            latitude, longitude = float(row[lat_col]), float(row[lon_col])
        except (TypeError, ValueError):
            problems.append(f"Line {line}: the latitude or longitude is not a number")
            continue
        if latitude > 90 or latitude < -90:
            skipped += 1
            continue
        postcode = postcode_normalise(raw)
        rows[postcode] = Postcode(postcode=postcode, latitude=latitude, longitude=longitude)
        if len(problems) > 50:
            break
    if problems:
        raise PostcodeImportRefused(f"Nothing was imported: {len(problems)} rows have problems", problems=problems)
    with transaction.atomic():
        Postcode.objects.filter(pk__in=list(rows)).delete()
        Postcode.objects.bulk_create(rows.values(), batch_size=BATCH_SIZE)
    return PostcodeImportResult(imported=len(rows), skipped_without_coordinates=skipped)
