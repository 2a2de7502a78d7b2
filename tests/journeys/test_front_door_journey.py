"""The front door. Margaret, signed out, asks for help for Ted one question at a time and gets a
reference number. Sophie, an adviser, sees the request in her queue, picks it up, and then records
a phone call from Margaret: Ted is new to the council, she signposts Margaret to the carers' group
and refers Ted for a needs assessment. Every page, and the error states on the way, is checked by axe."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Organization, Service
from firstperson.directory.services import services_reindex
from firstperson.frontdoor.models import Contact
from firstperson.people.models import Person
from firstperson.platform.accounts.models import Team
from firstperson.platform.accounts.roles import Role

from .accessibility import assert_reflows
from .steps import navigate


def _continue(checked_page, expected_path):
    page = checked_page.page
    navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
    assert urlparse(page.url).path == expected_path
    assert_reflows(page)
    return page


def _summary_value(page, key):
    row = page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text=re.compile(f"^{key}$")))
    return row.locator(".govuk-summary-list__value")


@pytest.mark.django_db(transaction=True)
def test_a_resident_asks_for_help_and_an_adviser_records_a_referral(checked_page, sign_in_staff, make_user):
    carers_centre = Organization.objects.create(name="Westshire Carers Centre")
    carers_group = Service.objects.create(
        organization=carers_centre,
        name="Carers' support group",
        description="A friendly group where carers meet, share advice and have a cup of tea.",
        record_status=RecordStatus.PUBLISHED,
    )
    services_reindex(service_ids=[carers_group.pk])

    # --- Margaret asks for help for Ted, signed out, on her phone ----------------------------
    checked_page.page.set_viewport_size({"width": 320, "height": 720})
    page = checked_page.visit("/ask-for-help/")
    assert_reflows(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for help with care and support")
    navigate(checked_page, lambda: page.get_by_role("button", name="Start now").click())
    assert urlparse(page.url).path == "/ask-for-help/who-for/"

    expect(page.get_by_role("heading", level=1)).to_have_text("Who needs help?")
    page.get_by_label("I am asking for someone else").check()
    _continue(checked_page, "/ask-for-help/name/")

    expect(page.get_by_role("heading", level=1)).to_have_text("What is the name of the person who needs help?")
    page.get_by_label("What is the name of the person who needs help?").fill("Ted Okafor")
    _continue(checked_page, "/ask-for-help/your-name/")

    page.get_by_label("What is your name?").fill("Margaret Okafor")
    _continue(checked_page, "/ask-for-help/relationship/")

    page.get_by_label("How do you know Ted Okafor?").fill("Wife")
    _continue(checked_page, "/ask-for-help/contact/")

    # An error state: an email address that is not one, and no phone number.
    expect(page.get_by_role("heading", level=1)).to_have_text("How can we contact you?")
    page.get_by_label("Email address").fill("margaret@")
    _continue(checked_page, "/ask-for-help/contact/")
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_have_text(
        "Enter an email address in the correct format, like name@example.com"
    )
    expect(page.locator("#id_email-error")).to_contain_text("Enter an email address in the correct format")
    page.get_by_label("Phone number").fill("01632 960 123")
    page.get_by_label("Email address").fill("margaret.okafor@example.com")
    _continue(checked_page, "/ask-for-help/help-needed/")

    page.get_by_label("What do you need help with?").fill(
        "Ted has dementia and has started going out at night. I am finding it hard to cope."
    )
    _continue(checked_page, "/ask-for-help/at-risk/")

    page.get_by_label("No").check()
    _continue(checked_page, "/ask-for-help/check/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert_reflows(page)
    expect(_summary_value(page, "Their name")).to_have_text("Ted Okafor")
    expect(_summary_value(page, "How you know them")).to_have_text("Wife")
    expect(_summary_value(page, "Email address")).to_have_text("margaret.okafor@example.com")
    assert not Contact.objects.exists()
    navigate(checked_page, lambda: page.get_by_role("button", name="Send request").click())

    assert urlparse(page.url).path == "/ask-for-help/sent/"
    request = Contact.objects.get()
    reference = f"FD-{timezone.localdate().year}-000001"
    assert request.reference == reference
    expect(page.locator(".govuk-panel")).to_contain_text(reference)
    expect(page.locator("main")).to_contain_text("contact you within 2 working days")
    assert_reflows(page)

    # --- Sophie, an adviser, sees it in the queue and picks it up, on her laptop -------------
    page.set_viewport_size({"width": 1280, "height": 800})
    front_door = Team.objects.create(name="Front door team")
    sophie = make_user(Role.ADVISER, team=front_door, username="sophie.turner", first_name="Sophie", last_name="Turner")
    page = sign_in_staff(sophie)
    checked_page.visit("/front-door/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Front door")
    queue_row = page.locator("tbody tr", has_text=reference)
    expect(queue_row).to_contain_text("Ted Okafor")
    expect(queue_row).to_contain_text("Asked by Margaret Okafor (Wife)")
    expect(queue_row).to_contain_text("less than a minute")
    navigate(checked_page, lambda: queue_row.get_by_role("link").click())
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    expect(_summary_value(page, "Reason")).to_contain_text("going out at night")

    navigate(checked_page, lambda: page.get_by_role("link", name="Change status").click())
    page.get_by_label("Pick it up: I am working on it").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Change status").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a reason for the change")
    page.get_by_label("Pick it up: I am working on it").check()
    page.get_by_label("Why?").fill("Calling Margaret back now")
    navigate(checked_page, lambda: page.get_by_role("button", name="Change status").click())
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Status changed to in progress")
    request.refresh_from_db()
    assert (request.status, request.assigned_to) == ("in_progress", sophie)

    # --- Sophie records Margaret's call: Ted is new; signposting and a referral for assessment ---
    checked_page.visit("/front-door/contacts/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")

    # An error state first: saving with nothing filled in.
    navigate(checked_page, lambda: page.get_by_role("button", name="Save contact").click())
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select how the contact came in")
    expect(summary).to_contain_text("Enter the reason for the contact")
    assert Contact.objects.count() == 1

    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Name of the person who got in touch").fill("Margaret Okafor")
    page.get_by_label("How they know the person").fill("Wife")
    page.get_by_label("Their phone number").fill("01632 960 123")
    page.locator("#id_search-name").fill("Okafor")
    navigate(checked_page, lambda: page.get_by_role("button", name="Find people").click())
    expect(page.locator("main")).to_contain_text("No records you can see match")
    expect(page.locator("#id_enquirer_name")).to_have_value("Margaret Okafor")  # kept while searching

    page.get_by_label("Someone new to us: make a record").check()
    page.locator("#id_new-given_name").fill("Edward")
    page.locator("#id_new-family_name").fill("Okafor")
    page.locator("#id_new-date_of_birth_0").fill("14")
    page.locator("#id_new-date_of_birth_1").fill("5")
    page.locator("#id_new-date_of_birth_2").fill("1943")
    page.locator("#id_new-postcode").fill("WS1 4FG")
    page.get_by_label("Why did they get in touch?").fill(
        "Margaret's husband Ted has dementia and goes out at night. She is finding it hard to cope."
    )
    page.get_by_label("Advice given").fill(
        "Told Margaret about the carers' support group. Referred Ted for a needs assessment and offered "
        "Margaret a carer's assessment of her own."
    )
    page.get_by_label("Search the directory").fill("carers group")
    navigate(checked_page, lambda: page.get_by_role("button", name="Search the directory").click())
    page.get_by_label("Carers' support group (Westshire Carers Centre)").check()
    page.get_by_label("Referral for a needs assessment").check()
    page.get_by_label("Yes: close it").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Save contact").click())

    call = Contact.objects.exclude(pk=request.pk).get()
    assert urlparse(page.url).path == f"/front-door/contacts/{call.pk}/"
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Contact {call.reference} recorded")
    expect(_summary_value(page, "About")).to_contain_text("Edward Okafor")
    expect(_summary_value(page, "Services signposted")).to_contain_text("Carers' support group")
    expect(_summary_value(page, "Outcome")).to_have_text("Referral for a needs assessment")
    ted = Person.objects.get(legal_given_name="Edward", legal_family_name="Okafor")
    assert ted.allocated_team == front_door
    assert ted.date_of_birth == datetime.date(1943, 5, 14)
    assert (call.person, call.status, call.outcome) == (ted, "closed", "referral_for_needs_assessment")
    assert list(call.signposted_services.all()) == [carers_group]

    # Ted's new record lists the contact.
    navigate(checked_page, lambda: _summary_value(page, "About").get_by_role("link", name="Edward Okafor").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Edward Okafor")
    expect(page.locator("main")).to_contain_text(f"{call.reference}: Referral for a needs assessment")

    # The closed contact is no longer waiting; the web request is still there, in progress.
    checked_page.visit("/front-door/?status=open")
    expect(page.locator("tbody tr", has_text=reference)).to_contain_text("In progress")
    expect(page.locator("tbody")).not_to_contain_text(call.reference)
