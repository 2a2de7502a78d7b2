"""Importing the ORUK CSV layout: a ZIP of tables, joined back into services, all or nothing."""

import io
import uuid
import zipfile

import pytest

from firstperson.directory.choices import RecordStatus
from firstperson.directory.exceptions import ImportRefused
from firstperson.directory.importing import oruk_file_import
from firstperson.directory.models import Address, Attribute, Contact, Phone, Schedule, Service, Taxonomy, TaxonomyTerm

from .records import new_id

pytestmark = pytest.mark.django_db

# Fixed ids, so that the parametrised tests have the same names in every test process.
ORG, SERVICE, LOCATION, CONTACT, TAXONOMY, TERM = (
    str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/csv-test/{name}"))
    for name in ("organization", "service", "location", "contact", "taxonomy", "term")
)


def tables(**overrides: str) -> dict[str, str]:
    files = {
        "organizations.csv": f"id,name,description,email,website\n{ORG},Westshire Age Concern,Local charity,info@example.org,https://example.org\n",
        "services.csv": (
            "id,organization_id,name,description,url,email,status,fees,minimum_age,maximum_age,last_modified\n"
            f'{SERVICE},{ORG},Tea and Chat,"Friendly <b>chat</b>, with tea",https://example.org/tea,tea@example.org,'
            "active,Free,50,,15/03/2023 10:30\n"
        ),
        "locations.csv": f"id,location_type,name,latitude,longitude\n{LOCATION},physical,Church hall,52.58,-1.98\n",
        "service_at_locations.csv": f"id,service_id,location_id\n{new_id()},{SERVICE},{LOCATION}\n",
        "addresses.csv": (
            "id,location_id,address_1,city,state_province,postal_code,country,address_type\n"
            f"{new_id()},{LOCATION},2 Church Lane,Westbury,Westshire,WS3 1AB,GB,physical\n"
        ),
        "contacts.csv": f"id,service_id,name,title\n{CONTACT},{SERVICE},Pat,Organiser\n",
        "phones.csv": (
            f"id,service_id,contact_id,number\n{new_id()},,{CONTACT},01632 960321\n{new_id()},{SERVICE},,01632 960322\n"
        ),
        "schedules.csv": f"id,service_id,freq,byday,opens_at,closes_at\n{new_id()},{SERVICE},WEEKLY,TU,10:00:00,12:00:00\n",
        "taxonomies.csv": f"id,name,description\n{TAXONOMY},Needs list,The LGA needs list\n",
        "taxonomy_terms.csv": f"id,name,description,taxonomy_id,term\n{TERM},Loneliness,Feeling alone,{TAXONOMY},123\n",
        "attributes.csv": f"id,link_id,taxonomy_term_id,link_type\n{new_id()},{SERVICE},{TERM},service\n",
        "programs.csv": "id,name\n",
    }
    files.update(overrides)
    return files


def zipped(files: dict[str, str | bytes], encoding="utf-8") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"export/{name}", text if isinstance(text, bytes) else text.encode(encoding))
    return buffer.getvalue()


def test_a_zip_of_oruk_csv_files_is_imported(editor):
    report = oruk_file_import(name="directory.zip", content=zipped(tables()), actor=editor)

    assert report.services_created == 1
    assert report.record_status == RecordStatus.PUBLISHED
    assert "These files in the ZIP were not used: programs.csv." in report.notes
    service = Service.objects.get(id=SERVICE)
    assert service.name == "Tea and Chat"
    assert service.description == "Friendly <b>chat</b>, with tea"
    assert (service.minimum_age, service.maximum_age) == (50, None)
    assert service.organization.email == "info@example.org"
    assert Address.objects.get().postal_code == "WS3 1AB"
    assert Schedule.objects.get().byday == "TU"
    assert Phone.objects.get(contact=Contact.objects.get()).number == "01632 960321"
    assert Phone.objects.get(service=service).number == "01632 960322"
    assert Taxonomy.objects.get(id=TAXONOMY).name == "Needs list"
    term = TaxonomyTerm.objects.get(id=TERM)
    assert (term.name, term.code, str(term.taxonomy_id)) == ("Loneliness", "123", TAXONOMY)
    assert Attribute.objects.get(link_id=service.id).taxonomy_term == term


def test_utf8_with_a_byte_order_mark_is_read(editor):
    files = tables()
    files["services.csv"] = "\ufeff" + files["services.csv"].replace("Tea and Chat", "Café £1 “chat”")
    oruk_file_import(name="directory.zip", content=zipped(files), actor=editor)
    assert Service.objects.get().name == "Café £1 “chat”"


def test_a_windows_1252_csv_is_refused_with_a_clear_message(editor):
    files = tables()
    files["services.csv"] = files["services.csv"].replace("Tea and Chat", "Tea £1 – “chat”").encode("cp1252")
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="directory.zip", content=zipped(files), actor=editor)
    assert refused.value.message == "services.csv is not saved as UTF-8. In Excel, choose Save As, then ‘CSV UTF-8’."
    assert Service.objects.count() == 0 and TaxonomyTerm.objects.filter(id=TERM).count() == 0


@pytest.mark.parametrize(
    ("services_csv", "expected"),
    [
        (f'id,name,status\n{SERVICE},"Unclosed quote,active\n', "services.csv is not a CSV file we can read"),
        (f"id,name,status\n{SERVICE},Tea,active,extra\n", "services.csv line 2 has 4 values but only 3 column names"),
        ("name,status\nTea,active\n", "services.csv has no “id” column"),
        (f'id,name,status\n{SERVICE},"Tea"s,active\n', "services.csv is not a CSV file we can read"),
        ("id,name,status\n".encode("utf-16-le"), "services.csv is not saved as UTF-8."),
    ],
)
def test_malformed_csv_is_refused(editor, services_csv, expected):
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="directory.zip", content=zipped(tables(**{"services.csv": services_csv})), actor=editor)
    assert expected in refused.value.message
    assert Service.objects.count() == 0


def test_a_bad_row_in_a_child_file_names_the_file_and_line(editor):
    files = tables()
    files["phones.csv"] += f"{new_id()},{new_id()},,01632 960000\n{new_id()},{SERVICE},,\n"
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="directory.zip", content=zipped(files), actor=editor)
    text = "\n".join(refused.value.problems)
    assert "phones.csv line 4: service_id" in text and "is not the id of a row in services.csv" in text
    assert (
        f"services.csv line 2, “Tea and Chat” (id {SERVICE}): phones[2].number (from phones.csv line 5): Missing."
        in text
    )
    assert Service.objects.count() == 0


def test_a_zip_without_services_or_not_a_zip_is_refused(editor):
    files = tables()
    del files["services.csv"]
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="directory.zip", content=zipped(files), actor=editor)
    assert "The ZIP file has no services.csv in it." in refused.value.message
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="directory.zip", content=b"PK\x03\x04 not really", actor=editor)
    assert "The file is not a ZIP file we can open." in refused.value.message


def test_a_zip_that_unpacks_to_too_much_is_refused(editor, settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 2000
    files = {"services.csv": tables()["services.csv"], "funding.csv": "id,service_id,source\n" + "x" * 60_000}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    assert len(buffer.getvalue()) < 2000
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="bomb.zip", content=buffer.getvalue(), actor=editor)
    assert "more than we import at once" in refused.value.message
