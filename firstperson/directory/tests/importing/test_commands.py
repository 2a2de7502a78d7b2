"""manage.py import_oruk and export_oruk, end to end through files on disk."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Service

from .records import oruk_service

pytestmark = pytest.mark.django_db


def test_export_then_import_through_the_commands(tmp_path, editor, capsys):
    source = tmp_path / "in.json"
    source.write_text(json.dumps([oruk_service("Carers Hub"), oruk_service("Lunch Club")]), encoding="utf-8")
    call_command("import_oruk", str(source), "--as-user", editor.username)
    assert "Imported 2 services from in.json: 2 new, 0 updated" in capsys.readouterr().out
    assert set(Service.objects.values_list("record_status", flat=True)) == {RecordStatus.PUBLISHED}

    call_command("export_oruk", "--format", "json", str(tmp_path / "out.json"))
    call_command("export_oruk", "--format", "csv", str(tmp_path / "out.zip"))
    assert sorted(r["name"] for r in json.loads((tmp_path / "out.json").read_text())) == ["Carers Hub", "Lunch Club"]
    assert "services.csv" in zipfile.ZipFile(tmp_path / "out.zip").namelist()

    Service.objects.update(name="Changed")
    call_command("import_oruk", str(tmp_path / "out.zip"), "--as-user", editor.username)
    assert sorted(Service.objects.values_list("name", flat=True)) == ["Carers Hub", "Lunch Club"]


def test_without_an_editor_the_services_wait_for_review(tmp_path, capsys):
    source = tmp_path / "in.json"
    source.write_text(json.dumps([oruk_service("Carers Hub")]), encoding="utf-8")
    call_command("import_oruk", str(source))
    assert "To publish them straight away, import as a directory editor with --as-user." in capsys.readouterr().out
    assert Service.objects.get().record_status == RecordStatus.SUBMITTED


def test_a_refused_import_lists_the_problems_and_fails(tmp_path, capsys):
    source = tmp_path / "bad.json"
    source.write_text(json.dumps([oruk_service("Bad", email="nope")]), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported. 1 record has problems."):
        call_command("import_oruk", str(source))
    assert "email: Must be an email address" in capsys.readouterr().err
    assert Service.objects.count() == 0
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("import_oruk", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="There is no user called nobody."):
        call_command("import_oruk", str(source), "--as-user", "nobody")
