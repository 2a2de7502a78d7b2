import json
from pathlib import Path

from django.conf import settings

from firstperson.directory.importing import ORUK_SERVICE_SCHEMA

SHARED = Path(settings.BASE_DIR).parent / "shared" / "standards" / "oruk" / "schema" / "compiled" / "service.json"


def test_the_schema_shipped_with_the_app_is_the_standards_own():
    assert SHARED.is_file(), f"The shared ORUK standard is missing at {SHARED}"
    assert json.loads(ORUK_SERVICE_SCHEMA.read_text(encoding="utf-8")) == json.loads(SHARED.read_text(encoding="utf-8"))
