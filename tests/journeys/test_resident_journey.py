"""A resident creates an account one question at a time, confirms their email address from the link we
send, signs in, sees their record, and later sees in plain English which member of staff looked at it.
Every page, and the error on the way, is checked by axe."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .steps import navigate

EMAIL = "amara.osei@example.com"
PASSWORD = "marmalade kettle lighthouse"


def _summary_row(page, key):
    return page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text=re.compile(f"^{key}$"))).locator(
        ".govuk-summary-list__value"
    )


def _continue(checked_page, expected_path):
    page = checked_page.page
    navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
    assert urlparse(page.url).path == expected_path
    return page


@pytest.mark.django_db(transaction=True)
def test_resident_registers_confirms_email_signs_in_and_sees_who_has_looked(checked_page, mailoutbox, make_user, team):
    from firstperson.people.models import Person
    from firstperson.people.services import person_record_view
    from firstperson.platform.accounts.models import User
    from firstperson.platform.audit.models import AuditEvent

    page = checked_page.visit("/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    navigate(checked_page, lambda: page.get_by_role("button", name="Start").click())
    assert urlparse(page.url).path == "/register/name/"

    expect(page.get_by_role("heading", level=1)).to_have_text("What is your name?")
    page.get_by_label("First name").fill("Amara")
    page.get_by_label("Last name").fill("Osei")
    _continue(checked_page, "/register/date-of-birth/")

    # An impossible date: 31 February.
    expect(page.get_by_role("heading", level=1)).to_have_text("Date of birth")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("1950")
    _continue(checked_page, "/register/date-of-birth/")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Date of birth must be a real date")).to_have_attribute(
        "href", "#id_date_of_birth_0"
    )
    expect(page.locator("#id_date_of_birth-error")).to_have_text("Error: Date of birth must be a real date")
    expect(page.get_by_role("group", name="Date of birth")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_date_of_birth-error\b")
    )
    expect(page.get_by_label("Day")).to_have_value("31")
    assert page.title().startswith("Error: ")

    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    _continue(checked_page, "/register/has-account-code/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Do you have an account code from a letter we sent you?")
    page.get_by_label("No", exact=True).check()
    _continue(checked_page, "/register/postcode/")

    expect(page.get_by_role("heading", level=1)).to_have_text("What is your postcode?")
    page.get_by_label("What is your postcode?").fill("sw1a 2aa")
    _continue(checked_page, "/register/email/")

    page.get_by_label("What is your email address?").fill(EMAIL)
    _continue(checked_page, "/register/password/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Create a password")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    _continue(checked_page, "/register/check/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(_summary_row(page, "Name")).to_have_text("Amara Osei")
    expect(_summary_row(page, "Date of birth")).to_have_text("14 March 1950")
    expect(_summary_row(page, "Account code")).to_have_text("None")
    expect(_summary_row(page, "Postcode")).to_have_text("SW1A 2AA")
    expect(_summary_row(page, "Email address")).to_have_text(EMAIL)
    assert not User.objects.filter(username=EMAIL).exists()
    assert mailoutbox == []

    navigate(checked_page, lambda: page.get_by_role("button", name="Create account").click())
    assert urlparse(page.url).path == "/register/check-your-email/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator(".govuk-panel__body")).to_contain_text(EMAIL)

    user = User.objects.get(username=EMAIL)
    assert user.email_verified_at is None
    person = Person.objects.get(account=user)
    assert (person.legal_given_name, person.legal_family_name) == ("Amara", "Osei")
    assert person.date_of_birth == datetime.date(1950, 3, 14)
    assert person.allocated_team is None

    # Signing in before confirming the email address is refused, with a message saying why.
    page = checked_page.visit("/sign-in/")
    page.get_by_label("Username or email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    navigate(checked_page, lambda: page.get_by_role("button", name="Sign in").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm your email address first")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [EMAIL]
    links = re.findall(r"https?://\S+/register/verify/\S+/", message.body)
    assert len(links) == 1, message.body
    page = checked_page.visit(urlparse(links[0]).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email address is confirmed")
    user.refresh_from_db()
    assert user.email_verified_at is not None

    navigate(checked_page, lambda: page.locator("main").get_by_role("link", name="sign in", exact=True).click())
    assert urlparse(page.url).path == "/sign-in/"
    page.get_by_label("Username or email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    navigate(checked_page, lambda: page.get_by_role("button", name="Sign in").click())
    assert urlparse(page.url).path == "/my-account/"
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(_summary_row(page, "Name")).to_have_text("Amara Osei")
    expect(_summary_row(page, "Date of birth")).to_have_text("14 March 1950")
    expect(_summary_row(page, "Address")).to_contain_text("SW1A 2AA")
    expect(_summary_row(page, "Email")).to_have_text(EMAIL)

    navigate(checked_page, lambda: page.get_by_role("link", name="See who has looked at your record").click())
    assert urlparse(page.url).path == "/my-account/who-has-looked/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at your record")
    expect(page.locator("main")).to_contain_text("Nobody else has looked at your record yet.")

    # The record is allocated to the West team, and a practitioner there looks at it.
    Person.objects.filter(pk=person.pk).update(allocated_team=team)
    person.refresh_from_db()
    practitioner = make_user("practitioner", team=team)
    person_record_view(actor=practitioner, person=person, page=f"/people/{person.pk}/")
    looked_at = timezone.localtime(AuditEvent.objects.get(person_id=person.pk, actor=practitioner).occurred_at)

    navigate(checked_page, lambda: page.reload())
    rows = page.locator("table.govuk-table tbody tr")
    expect(rows).to_have_count(1)
    who = rows.first.locator("td").nth(1)
    expect(who).to_have_text("A practitioner in the West locality team")
    # GOV.UK style for times: "4:05pm".
    twelve_hour = f"{looked_at.hour % 12 or 12}:{looked_at:%M}{'am' if looked_at.hour < 12 else 'pm'}"
    expect(rows.first.locator("td").first).to_have_text(f"{looked_at.day} {looked_at:%B %Y} at {twelve_hour}")
    assert practitioner.get_full_name() not in page.locator("main").inner_text()
