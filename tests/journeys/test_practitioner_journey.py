"""A practitioner's day: sign in with two-factor, find a person, correct their NHS number, and open a
record outside the team's caseload with a reason. Every page and every error state is checked by axe."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .steps import navigate

INVALID_NHS_NUMBER = "943 476 5918"  # the check digit should be 9
VALID_NHS_NUMBER = "943 476 5919"
NHS_NUMBER_MESSAGE = "Enter a real NHS number: check you have typed it correctly"


def _summary_row(page, key):
    """The value cell of a GOV.UK summary list row, found by its key."""
    return page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text=re.compile(f"^{key}$"))).locator(
        "dd"
    )


def _search_by_name(checked_page, name):
    page = checked_page.page
    navigate(
        checked_page, lambda: page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").click()
    )
    assert page.url == checked_page.base + "/people/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    page.get_by_label("Name").fill(name)
    navigate(checked_page, lambda: page.get_by_role("button", name="Search").click())
    return page


@pytest.mark.django_db(transaction=True)
def test_practitioner_corrects_an_nhs_number_after_a_mistake(checked_page, sign_in_staff, make_user, make_person, team):
    from firstperson.people.models import Person
    from firstperson.platform.audit.models import AuditEvent
    from firstperson.platform.audit.verbs import AuditVerb

    practitioner = make_user("practitioner", team=team)
    person = make_person(
        team=team,
        legal_given_name="Margaret",
        legal_family_name="Okafor",
        date_of_birth=datetime.date(1941, 6, 3),
        phone="01632 960001",
    )
    make_person(team=team, legal_given_name="Samuel", legal_family_name="Brightwater")
    page = sign_in_staff(practitioner)

    _search_by_name(checked_page, "okafor")
    expect(page.get_by_role("heading", name="1 person found")).to_be_visible()
    results = page.locator("table.govuk-table tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("3 Jun 1941")
    expect(results.first).to_contain_text("West locality team")

    navigate(checked_page, lambda: page.get_by_role("link", name="Margaret Okafor").click())
    assert page.url == f"{checked_page.base}/people/{person.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Margaret Okafor")
    expect(_summary_row(page, "NHS number")).to_have_text("Not known")

    navigate(checked_page, lambda: page.get_by_role("link", name="Change details").click())
    assert page.url == f"{checked_page.base}/people/{person.pk}/edit/"
    expect(page.get_by_label("Given name")).to_have_value("Margaret")

    # A mistyped NHS number, with another change on the same submission: neither may be saved.
    page.get_by_label("NHS number").fill(INVALID_NHS_NUMBER)
    page.get_by_label("Phone number").fill("01632 960999")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save changes").click())
    assert page.url == f"{checked_page.base}/people/{person.pk}/edit/"
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary_link = summary.get_by_role("link", name=NHS_NUMBER_MESSAGE)
    expect(summary_link).to_have_attribute("href", "#id_nhs_number")
    expect(summary.locator("li")).to_have_count(1)
    inline_error = page.locator("#id_nhs_number-error")
    expect(inline_error).to_have_text(f"Error: {NHS_NUMBER_MESSAGE}")
    nhs_input = page.get_by_label("NHS number")
    expect(nhs_input).to_have_class(re.compile(r"\bgovuk-input--error\b"))
    expect(nhs_input).to_have_attribute("aria-describedby", re.compile(r"\bid_nhs_number-error\b"))
    expect(nhs_input).to_have_value(INVALID_NHS_NUMBER)
    expect(page.get_by_label("Phone number")).to_have_value("01632 960999")
    assert page.title().startswith("Error: Change Margaret Okafor's details")
    # The summary's link takes the user to the field at fault.
    summary_link.click()
    expect(nhs_input).to_be_focused()

    stored = Person.objects.get(pk=person.pk)
    assert stored.nhs_number is None
    assert stored.phone == "01632 960001"
    assert (stored.legal_given_name, stored.legal_family_name) == ("Margaret", "Okafor")
    assert stored.date_of_birth == datetime.date(1941, 6, 3)
    assert stored.updated_at == person.updated_at
    assert stored.history.count() == 1
    assert not AuditEvent.objects.filter(person_id=person.pk, verb=AuditVerb.PERSON_UPDATED).exists()

    nhs_input.fill(VALID_NHS_NUMBER)
    navigate(checked_page, lambda: page.get_by_role("button", name="Save changes").click())
    assert page.url == f"{checked_page.base}/people/{person.pk}/"
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Changes saved")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(_summary_row(page, "NHS number")).to_have_text(VALID_NHS_NUMBER)
    expect(_summary_row(page, "Phone")).to_have_text("01632 960999")

    stored = Person.objects.get(pk=person.pk)
    assert stored.history.count() == 2
    assert stored.nhs_number == "9434765919"
    assert stored.phone == "01632 960999"
    assert stored.date_of_birth == datetime.date(1941, 6, 3)


@pytest.mark.django_db(transaction=True)
def test_practitioner_opens_a_record_outside_their_caseload_only_with_a_reason(
    checked_page, sign_in_staff, make_user, make_person, team, other_team
):
    from firstperson.platform.audit.models import AuditEvent
    from firstperson.platform.audit.verbs import AuditVerb

    practitioner = make_user("practitioner", team=team)
    outsider = make_person(team=other_team, legal_given_name="Harold", legal_family_name="Pennington")
    page = sign_in_staff(practitioner)

    # Without a reason the record itself is not there for them.
    response = page.goto(f"{checked_page.base}/people/{outsider.pk}/")
    assert response is not None and response.status == 404
    checked_page.check()

    _search_by_name(checked_page, "Harold Pennington")
    results = page.locator("table.govuk-table tbody tr")
    expect(results).to_have_count(1)
    expect(results.first.locator(".govuk-tag")).to_have_text("Not in your caseload")
    expect(results.first).to_contain_text("East locality team")

    navigate(checked_page, lambda: results.first.get_by_role("link", name=re.compile("Harold Pennington")).click())
    assert page.url == f"{checked_page.base}/people/{outsider.pk}/open/"
    expect(page.get_by_role("heading", level=1)).to_have_text("This person is not in your caseload")
    expect(page.locator("main")).to_contain_text("Harold Pennington is allocated to East locality team")

    navigate(checked_page, lambda: page.get_by_role("button", name="Open the record").click())
    assert page.url == f"{checked_page.base}/people/{outsider.pk}/open/"
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Explain why you need to open this record")).to_have_attribute(
        "href", "#id_reason"
    )
    expect(page.locator("#id_reason-error")).to_have_text("Error: Explain why you need to open this record")
    expect(page.get_by_label("Why do you need to open this record?")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_reason-error\b")
    )
    assert not AuditEvent.objects.filter(person_id=outsider.pk, verb=AuditVerb.PERSON_BREAK_GLASS).exists()

    reason = "Duty call from his daughter: he has had a fall and the East team is closed"
    page.get_by_label("Why do you need to open this record?").fill(reason)
    navigate(checked_page, lambda: page.get_by_role("button", name="Open the record").click())
    assert page.url == f"{checked_page.base}/people/{outsider.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Harold Pennington")
    expect(page.locator(".govuk-warning-text")).to_contain_text("This person is not in your team's caseload")
    expect(page.get_by_role("link", name="Change details")).to_have_count(0)

    break_glass = AuditEvent.objects.get(person_id=outsider.pk, verb=AuditVerb.PERSON_BREAK_GLASS)
    assert break_glass.actor_id == practitioner.pk
    assert break_glass.break_glass_reason == reason
    assert break_glass.actor_team == "West locality team"
    view = AuditEvent.objects.filter(person_id=outsider.pk, verb=AuditVerb.PERSON_VIEWED).get()
    assert view.actor_id == practitioner.pk
    assert view.break_glass_reason == reason
    assert view.page == f"/people/{outsider.pk}/"
