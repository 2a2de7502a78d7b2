"""An uploaded file: ORUK JSON, or a ZIP of ORUK CSV files."""

from pathlib import Path
from typing import Any

from ..exceptions import ImportRefused
from .csv_layout import oruk_csv_zip_import
from .limits import import_max_bytes, megabytes
from .pipeline import oruk_json_import
from .report import ImportReport


def oruk_file_import(*, name: str, content: bytes, actor: Any) -> ImportReport:
    """Import an uploaded file: ORUK JSON (.json) or a ZIP of ORUK CSV files (.zip)."""
    limit = import_max_bytes()
    if len(content) > limit:
        problem = f"{name} is {megabytes(len(content))}. The largest file we can import is {megabytes(limit)}."
        raise ImportRefused(f"Nothing was imported. {problem}", problems=[problem])
    if not content.strip():
        raise ImportRefused(f"Nothing was imported. {name} is empty.", problems=[f"{name} is empty."])
    suffix = Path(name).suffix.lower()
    if suffix == ".zip" or (suffix != ".json" and content.startswith(b"PK\x03\x04")):
        return oruk_csv_zip_import(content=content, actor=actor, source=name)
    if suffix == ".json" or content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return oruk_json_import(data=content, actor=actor, source=name)
    if suffix == ".csv":
        problem = (
            "Put all the ORUK CSV files (services.csv, organizations.csv, locations.csv and the rest) into one "
            "ZIP file, and upload that."
        )
    else:
        problem = (
            f"{name} is not a file we can import. Upload an Open Referral UK JSON file (.json), or a ZIP file "
            "(.zip) of Open Referral UK CSV files."
        )
    raise ImportRefused(f"Nothing was imported. {problem}", problems=[problem])
