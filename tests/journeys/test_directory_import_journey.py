"""Ben Osei, a directory editor, imports a partner's Open Referral UK file: first a good one, and
sees the report; then one with a mistake, and sees exactly what to fix, with nothing imported.
Every page on the way is checked by axe."""

import json

import pytest
from playwright.sync_api import expect

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Service
from firstperson.directory.tests.importing.records import oruk_service
from firstperson.platform.accounts.roles import Role

from .steps import navigate


@pytest.mark.django_db(transaction=True)
def test_an_editor_imports_an_oruk_file_and_then_sees_the_problems_in_a_bad_one(
    checked_page, sign_in_staff, make_user, tmp_path
):
    ben = make_user(Role.DIRECTORY_EDITOR, username="ben.osei", first_name="Ben", last_name="Osei")
    good = tmp_path / "partner-services.json"
    good.write_text(json.dumps([oruk_service("Westbury Carers Hub"), oruk_service("Tea and Chat")]), encoding="utf-8")
    bad_record = oruk_service("Memory Cafe", email="memory cafe at example")
    bad = tmp_path / "more-services.json"
    bad.write_text(json.dumps([oruk_service("Walking Football"), bad_record]), encoding="utf-8")

    page = sign_in_staff(ben)
    checked_page.visit("/directory/data/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import directory data")

    page.get_by_label("Upload a file").set_input_files(str(good))
    navigate(checked_page, lambda: page.get_by_role("button", name="Import").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Import finished")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Imported 2 services from partner-services.json")
    expect(page.locator("#import-report")).to_contain_text("Published")
    assert set(Service.objects.values_list("name", "record_status")) == {
        ("Westbury Carers Hub", RecordStatus.PUBLISHED),
        ("Tea and Chat", RecordStatus.PUBLISHED),
    }

    page.get_by_label("Upload a file").set_input_files(str(bad))
    navigate(checked_page, lambda: page.get_by_role("button", name="Import").click())
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Nothing was imported. 1 record has problems.")
    expect(summary).to_contain_text(
        f"Record 2, “Memory Cafe” (id {bad_record['id']}): email: Must be an email address, like name@example.com"
    )
    expect(page.locator("#import-problems")).to_contain_text("memory cafe at example")
    assert Service.objects.count() == 2

    summary.get_by_role("link", name="Nothing was imported. 1 record has problems.", exact=False).click()
    expect(page.get_by_label("Upload a file")).to_be_focused()
