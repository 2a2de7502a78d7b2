"""Importing Open Referral UK data into the directory.

Three ways in, one way through:

- ORUK JSON (`oruk_json_import`): a list of fully nested services, one service, or an ORUK page
  envelope (`contents`);
- a remote ORUK API (`oruk_feed_import`): `/services` read page by page, each service fetched in full
  from `/services/{id}` when the list does not nest it;
- the ORUK CSV layout (`oruk_csv_zip_import`): a ZIP of `services.csv`, `organizations.csv`,
  `locations.csv` and the rest, joined back into nested services.

Every record is checked against the standard's compiled schema (`standards/oruk_service.json (the compiled ORUK service schema)`) and against
what this directory can keep (UUID ids, real email addresses and web addresses, the lengths of our
columns, dates, times, money). An import is all or nothing: if any record has a problem, nothing is
written and `ImportRefused.problems` names each bad record (its position, id and name) and field.

Re-importing the same ids updates rather than duplicates: organisations, locations and taxonomy
terms are updated by id, a service is updated by id and its child rows (schedules, contacts, phones,
cost options and the rest) are replaced by the ones in the file. Council extensions that ORUK does not
carry (a service's `eligibility_description`, a service area's postcode districts unless given as
`extent_type` "postcode_prefixes") are left as they were.

Who publishes (a decision): a directory editor's import goes straight into the live directory, as
published and checked now (`last_reviewed_at`), because editors are the people who publish. Anyone
else's import, and an import with no actor (a command run without `--as-user`), lands as "submitted",
waiting for an editor, and may not change a service that is already published.

The modules, in the order an import runs: `files` (what kind of file), `feed` and `csv_layout` (reading
a feed, or joining CSV tables into services), `checks` (each record on its own), `consistency` (the
import as a whole, against the directory), `writing` (upserts with history), `duplicates` (pairs to
look at); `pipeline` runs them as one transaction with one audit event.
"""

from .csv_layout import CSV_TABLES, oruk_csv_zip_import
from .duplicates import duplicate_suggestions
from .feed import oruk_feed_import
from .files import oruk_file_import
from .limits import DIRECTORY_IMPORT_MAX_BYTES, ORUK_SERVICE_SCHEMA, import_max_bytes
from .pipeline import oruk_json_import
from .report import DuplicateSuggestion, ImportReport
from .writing import wheelchair_accessible_from

__all__ = [
    "CSV_TABLES",
    "DIRECTORY_IMPORT_MAX_BYTES",
    "DuplicateSuggestion",
    "ImportReport",
    "duplicate_suggestions",
    "import_max_bytes",
    "oruk_csv_zip_import",
    "oruk_feed_import",
    "oruk_file_import",
    "oruk_json_import",
    "ORUK_SERVICE_SCHEMA",
    "wheelchair_accessible_from",
]
