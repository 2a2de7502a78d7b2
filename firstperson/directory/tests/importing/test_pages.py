"""The import page (directory editors only) and the open-data downloads (anyone)."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from firstperson.directory.importing import oruk_json_import
from firstperson.directory.models import Service
from firstperson.platform.accounts.roles import Role

from .records import oruk_service
from .test_export import service_schema_errors

pytestmark = pytest.mark.django_db

IMPORT = reverse("directory-data:import")


def upload(name: str, content: bytes, content_type="application/json"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_an_editor_imports_a_file_and_sees_the_report(editor, sign_in_client):
    client = sign_in_client(editor)
    page = client.get(IMPORT)
    assert page.status_code == 200
    assert 'class="govuk-file-upload"' in page.content.decode()

    existing = oruk_service("Carers Hub")
    client.post(IMPORT, {"file": upload("first.json", json.dumps([existing]).encode())})
    twin = oruk_service("Carers Hub")
    response = client.post(IMPORT, {"file": upload("services.json", json.dumps([twin]).encode())})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Imported 1 service from services.json" in html
    assert "Import finished" in html
    assert "Published" in html
    assert 'id="duplicate-suggestions"' in html and "same name and postcode (WS1 4FG)" in html
    assert Service.objects.count() == 2


def test_a_bad_file_shows_each_problem_in_the_error_summary_and_imports_nothing(editor, sign_in_client):
    bad = oruk_service("Bad Group", email="nope")
    response = sign_in_client(editor).post(IMPORT, {"file": upload("bad.json", json.dumps([bad]).encode())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Nothing was imported. 1 record has problems. Fix them and import the file again." in html
    assert f"Record 1, “Bad Group” (id {bad['id']}): email: Must be an email address" in html
    assert 'href="#id_file"' in html and 'href="#import-problems"' in html
    assert Service.objects.count() == 0


def test_the_form_asks_for_one_thing(editor, sign_in_client, settings):
    client = sign_in_client(editor)
    html = client.post(IMPORT, {}).content.decode()
    assert "Choose a file to upload, or give the address of a feed" in html
    html = client.post(IMPORT, {"feed_url": "ftp://example.org/"}).content.decode()
    assert "Enter the feed&#x27;s web address, starting https:// or http://" in html
    settings.DIRECTORY_IMPORT_MAX_BYTES = 10
    html = client.post(IMPORT, {"file": upload("big.json", b"[" + b" " * 20 + b"]")}).content.decode()
    assert "The largest file we can import is" in html
    settings.DIRECTORY_IMPORT_MAX_BYTES = 1000
    html = client.post(IMPORT, {"file": upload("notes.txt", b"hello", "text/plain")}).content.decode()
    assert "notes.txt is not a file we can import." in html


@pytest.mark.parametrize("role", [Role.ORGANISATION, Role.ADVISER, Role.COMMISSIONER, Role.RESIDENT])
def test_anyone_but_an_editor_gets_not_found(role, make_user, sign_in_client):
    client = sign_in_client(make_user(role))
    assert client.get(IMPORT).status_code == 404
    content = json.dumps([oruk_service("Sneaky")]).encode()
    assert client.post(IMPORT, {"file": upload("x.json", content)}).status_code == 404
    assert Service.objects.count() == 0


def test_anyone_can_download_the_published_directory(editor, client):
    oruk_json_import(data=[oruk_service("Open Data Group")], actor=editor, source="x.json")
    response = client.get(reverse("directory-data:export-json"))
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    records = json.loads(b"".join(response.streaming_content))
    assert [record["name"] for record in records] == ["Open Data Group"]
    assert service_schema_errors(records[0]) == []

    response = client.get(reverse("directory-data:export-zip"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Open Data Group" in archive.read("services.csv").decode()
