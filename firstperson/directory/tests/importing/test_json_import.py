"""Importing ORUK JSON: all or nothing, updates by id, reports problems and possible duplicates."""

import datetime
import json
from decimal import Decimal

import pytest

from firstperson.directory.choices import RecordStatus
from firstperson.directory.exceptions import ImportRefused
from firstperson.directory.importing import oruk_file_import, oruk_json_import
from firstperson.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatusChange,
)
from firstperson.directory.selectors import ServiceQuery, service_search
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .records import CARERS_TERM_ID, oruk_service

pytestmark = pytest.mark.django_db


def test_a_valid_feed_is_imported_with_every_child_record(editor):
    first = oruk_service("Westshire Carers Hub")
    second = oruk_service("Lunch Club at St Mary's", postcode="WS2 8AA", phone="01632 960999")
    report = oruk_json_import(data=[first, second], actor=editor, source="carers.json")

    assert (report.services_created, report.services_updated) == (2, 0)
    assert (report.organizations, report.locations, report.taxonomy_terms) == (2, 2, 1)
    assert report.record_status == RecordStatus.PUBLISHED
    service = Service.objects.get(id=first["id"])
    assert service.name == "Westshire Carers Hub"
    assert service.organization.name == "Westshire Carers Hub Trust"
    assert (service.minimum_age, service.maximum_age) == (18, 120)
    assert service.assured_date == datetime.date(2025, 1, 31)
    assert service.record_status == RecordStatus.PUBLISHED
    assert service.last_reviewed_at is not None
    assert service.quality_score > 0
    assert OrganizationIdentifier.objects.get(organization=service.organization).identifier == "1234567"
    schedule = Schedule.objects.get(service=service)
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == ("MO,WE", datetime.time(10), datetime.time(14))
    assert ServiceArea.objects.get(service=service).postcode_prefixes == " WS1 WS2 "
    sal = ServiceAtLocation.objects.get(service=service)
    assert (sal.location.latitude, sal.location.longitude) == (52.586, -1.982)
    assert Address.objects.get(location=sal.location).postal_code == "WS1 4FG"
    assert Accessibility.objects.get(location=sal.location).wheelchair_accessible is True
    assert Language.objects.get(service=service).code == "pl"
    assert CostOption.objects.get(service=service).amount == Decimal("2.50")
    contact = Contact.objects.get(service=service)
    assert Phone.objects.get(contact=contact).number == "01632 960123"
    assert Attribute.objects.get(
        link_type="service", link_id=service.id
    ).taxonomy_term_id.hex == CARERS_TERM_ID.replace("-", "")

    found = list(service_search(query=ServiceQuery(search="carers hub")))
    assert found[0].id == service.id
    lunch = list(service_search(query=ServiceQuery(search="luncheon club")))
    assert [s.name for s in lunch] == ["Lunch Club at St Mary's"]
    in_category = service_search(query=ServiceQuery(taxonomy_term_id=CARERS_TERM_ID))
    assert {str(s.id) for s in in_category} == {first["id"], second["id"]}

    event = AuditEvent.objects.get(verb=AuditVerb.DIRECTORY_IMPORTED)
    assert event.actor == editor
    assert event.payload["services_created"] == 2 and event.payload["source"] == "carers.json"
    assert ServiceStatusChange.objects.filter(to_status=RecordStatus.PUBLISHED).count() == 2


def test_a_page_envelope_and_a_single_service_are_both_accepted(editor):
    page = {"total_items": 1, "total_pages": 1, "page_number": 1, "contents": [oruk_service("Memory Cafe")]}
    assert oruk_json_import(data=page, actor=editor, source="page.json").services_created == 1
    single = json.dumps(oruk_service("Dementia Friends")).encode()
    assert oruk_file_import(name="one.json", content=single, actor=editor).services_created == 1
    assert Service.objects.count() == 2


def test_one_bad_record_means_nothing_is_imported_and_the_report_names_it(editor):
    good = oruk_service("Good Service")
    bad = oruk_service("Bad Service", email="not an email")
    bad["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = "W" * 11
    bad["minimum_age"] = "eighteen"

    with pytest.raises(ImportRefused) as refused:
        oruk_json_import(data=[good, bad], actor=editor, source="feed.json")

    assert refused.value.message == ("Nothing was imported. 1 record has problems. Fix them and import the file again.")
    problems = refused.value.problems
    assert all(p.startswith(f"Record 2, “Bad Service” (id {bad['id']})") for p in problems)
    assert any(": email: Must be an email address, like name@example.com, not “not an email”." in p for p in problems)
    assert any(": minimum_age: Must be a number, not “eighteen”." in p for p in problems)
    assert any(
        "service_at_locations[1].location.addresses[1].postal_code: Too long: 11 characters" in p for p in problems
    )
    assert Service.objects.count() == 0
    assert Organization.objects.count() == 0
    assert not AuditEvent.objects.filter(verb=AuditVerb.DIRECTORY_IMPORTED).exists()


def test_missing_required_fields_and_bad_ids_are_named(editor):
    record = oruk_service("No Status")
    del record["status"]
    record["schedules"][0]["id"] = "not-a-uuid"
    record["schedules"][0]["byday"] = "Mondays"
    record["contacts"][0]["phones"][0]["number"] = ""
    with pytest.raises(ImportRefused) as refused:
        oruk_json_import(data=[record], actor=editor, source="x.json")
    text = "\n".join(refused.value.problems)
    assert "status: Missing. The standard says this must be given." in text
    assert "schedules[1].id: Must be an id in UUID form" in text
    assert "schedules[1].byday: Must be day codes like MO,WE,FR, not “Mondays”." in text
    assert "contacts[1].phones[1].number: Missing." in text
    assert Service.objects.count() == 0


def test_an_unknown_organisation_or_status_is_refused(editor):
    record = oruk_service("Orphan")
    del record["organization"]
    record["status"] = "open"
    with pytest.raises(ImportRefused) as refused:
        oruk_json_import(data=[record], actor=editor, source="x.json")
    text = "\n".join(refused.value.problems)
    assert "status: Must be one of “active”, “inactive”, “defunct”, “temporarily closed”, not “open”." in text
    assert "organization_id: No organisation with this id is in the directory or in this import." in text


def test_reimporting_updates_and_does_not_duplicate(editor):
    record = oruk_service("Carers Hub")
    oruk_json_import(data=[record], actor=editor, source="first.json")
    record["name"] = "Westshire Carers Centre"
    record["contacts"][0]["phones"][0]["number"] = "01632 960555"
    record["cost_options"] = []
    report = oruk_json_import(data=[record], actor=editor, source="second.json")

    assert (report.services_created, report.services_updated) == (0, 1)
    assert Service.objects.count() == 1
    service = Service.objects.get()
    assert service.name == "Westshire Carers Centre"
    assert list(Phone.objects.values_list("number", flat=True)) == ["01632 960555"]
    assert not CostOption.objects.exists()
    assert Organization.objects.count() == 1 and ServiceAtLocation.objects.count() == 1
    assert [h.name for h in service.history.order_by("history_date")] == ["Carers Hub", "Westshire Carers Centre"]
    assert list(service_search(query=ServiceQuery(search="centre"))) == [service]
    assert not service_search(query=ServiceQuery(search="hub")).exists()


def test_reimport_keeps_council_extensions_that_oruk_does_not_carry(editor):
    record = oruk_service("Carers Hub")
    oruk_json_import(data=[record], actor=editor, source="first.json")
    Service.objects.update(eligibility_description="Unpaid carers in Westshire")
    oruk_json_import(data=[record], actor=editor, source="again.json")
    assert Service.objects.get().eligibility_description == "Unpaid carers in Westshire"


def test_duplicate_suggestions_are_listed_not_merged(editor):
    existing = oruk_service("Carers Hub", postcode="WS1 4FG", phone="01632 960123")
    oruk_json_import(data=[existing], actor=editor, source="first.json")
    same_place = oruk_service("carers hub", postcode="ws1 4fg", phone="01632 960000")
    same_phone = oruk_service("Another Group", postcode="WS9 9ZZ", phone="+44 1632 960123")
    same_email = oruk_service("Third Group", postcode="WS8 8ZZ", phone="01632 960777", email="Carers.Hub@example.org")
    report = oruk_json_import(data=[same_place, same_phone, same_email], actor=editor, source="second.json")

    assert Service.objects.count() == 4
    pairs = {frozenset({p.first_name, p.second_name}): p.reasons for p in report.duplicates}
    assert "same name and postcode (WS1 4FG)" in pairs[frozenset({"Carers Hub", "carers hub"})]
    assert pairs[frozenset({"Carers Hub", "Another Group"})] == ("same phone number (+44 1632 960123)",)
    assert "same email address (carers.hub@example.org)" in pairs[frozenset({"Carers Hub", "Third Group"})]
    assert frozenset({"Another Group", "Third Group"}) not in pairs


def test_html_in_descriptions_is_sanitised(editor):
    record = oruk_service(
        "Safe Service",
        description='<p onclick="steal()">Hello <strong>there</strong></p><script>alert(1)</script><img src=x>',
    )
    oruk_json_import(data=[record], actor=editor, source="x.json")
    assert Service.objects.get().description == "<p>Hello <strong>there</strong></p>"


def test_an_organisations_import_waits_for_review_and_cannot_change_a_published_service(editor, make_user):
    organisation_user = make_user(Role.ORGANISATION)
    proposed = oruk_service("Proposed Group")
    report = oruk_json_import(data=[proposed], actor=organisation_user, source="ours.json")
    assert report.record_status == RecordStatus.SUBMITTED
    assert Service.objects.get().record_status == RecordStatus.SUBMITTED
    assert Service.objects.get().last_reviewed_at is None

    published = oruk_service("Published Group")
    oruk_json_import(data=[published], actor=editor, source="editor.json")
    published["name"] = "Renamed by someone else"
    with pytest.raises(ImportRefused) as refused:
        oruk_json_import(data=[published], actor=organisation_user, source="ours.json")
    assert "This service is already published." in refused.value.problems[0]
    assert Service.objects.get(id=published["id"]).name == "Published Group"


def test_ids_must_not_clash_with_another_services_records(editor):
    first = oruk_service("First")
    oruk_json_import(data=[first], actor=editor, source="one.json")
    second = oruk_service("Second")
    second["funding"][0]["id"] = first["funding"][0]["id"]
    second["schedules"].append(dict(second["schedules"][0]))
    with pytest.raises(ImportRefused) as refused:
        oruk_json_import(data=[second], actor=editor, source="two.json")
    text = "\n".join(refused.value.problems)
    assert "funding[1].id: This id already belongs to another record in funding" in text
    assert "schedules[2].id: The same id is used by another record in schedules." in text
    assert Service.objects.count() == 1


def test_two_services_may_share_a_location(editor):
    first = oruk_service("First")
    second = oruk_service("Second")
    second["service_at_locations"][0]["location"] = first["service_at_locations"][0]["location"]
    second["service_at_locations"][0]["location_id"] = first["service_at_locations"][0]["location_id"]
    report = oruk_json_import(data=[first, second], actor=editor, source="shared.json")
    assert report.locations == 1
    assert ServiceAtLocation.objects.count() == 2
    assert Address.objects.count() == 1


def test_the_same_service_twice_in_one_import_is_refused(editor):
    record = oruk_service("Twice")
    with pytest.raises(ImportRefused) as refused:
        oruk_json_import(data=[record, dict(record)], actor=editor, source="x.json")
    assert any("Record 2" in p and "id: The same id is used by record 1 too." in p for p in refused.value.problems)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'[{"id": "x", "name": "Broken"', "x.json is not valid JSON: expecting ',' delimiter at line 1"),
        (b"[]", "x.json has no services in it."),
        (b'{"hello": "world"}', "x.json does not look like Open Referral UK services"),
        (b'[{"id": NaN}]', "x.json is not JSON we can read: NaN is not allowed in JSON."),
        ('[{"name": "Caf\u00e9"}]'.encode("cp1252"), "x.json is not saved as UTF-8"),
    ],
)
def test_malformed_json_is_refused_with_a_clear_message(editor, content, expected):
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="x.json", content=content, actor=editor)
    assert expected in refused.value.message
    assert Service.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(editor, settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 1000
    content = json.dumps([oruk_service("Big")]).encode()
    assert len(content) > 1000
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name="big.json", content=content, actor=editor)
    assert "The largest file we can import is" in refused.value.message
    assert Service.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.docx", b"\xd0\xcf\x11\xe0 word", "notes.docx is not a file we can import"),
        ("services.csv", b"id,name\n", "Put all the ORUK CSV files"),
        ("empty.json", b"  ", "empty.json is empty"),
    ],
)
def test_an_unknown_file_type_is_refused(editor, name, content, expected):
    with pytest.raises(ImportRefused) as refused:
        oruk_file_import(name=name, content=content, actor=editor)
    assert expected in refused.value.message
