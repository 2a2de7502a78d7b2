"""A practitioner records Margaret as Ted's attorney, with the authority it gives her."""

import pytest
from playwright.sync_api import expect

from firstperson.people.models import Person, Relationship
from firstperson.platform.accounts.roles import Role

from .steps import navigate


@pytest.mark.django_db(transaction=True)
def test_practitioner_records_a_representative_with_their_authority(
    checked_page, sign_in_staff, make_user, make_person, team
):
    ted = make_person(team=team, legal_given_name="Edward", legal_family_name="Okafor", preferred_name="Ted")
    practitioner = make_user(Role.PRACTITIONER, team=team)
    page = sign_in_staff(practitioner)
    checked_page.visit(f"/people/{ted.pk}/")
    navigate(checked_page, lambda: page.get_by_role("link", name="Add a carer or representative").click())

    page.get_by_label("Representative", exact=True).check()
    page.get_by_label("Their given name").fill("Margaret")
    page.get_by_label("Their family name").fill("Okafor")
    page.get_by_label("Day").first.fill("2")
    page.get_by_label("Month").first.fill("9")
    page.get_by_label("Year").first.fill("1946")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose what kind of representative they are")
    expect(summary).to_contain_text("Enter start date")
    assert not Relationship.objects.exists()

    page.get_by_label("Their authority, if they are a representative").select_option("lpa_property_finance")
    page.get_by_label("See their record online").check()
    page.get_by_label("Deal with their money, including the financial assessment").check()
    page.get_by_label("Evidence of their authority").fill("LPA registered; copy seen on 2 October 2026")
    page.get_by_label("Day").last.fill("1")
    page.get_by_label("Month").last.fill("10")
    page.get_by_label("Year").last.fill("2026")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())

    expect(page.get_by_role("heading", level=1)).to_have_text("Edward Okafor")
    expect(page.locator("main")).to_contain_text("Their representative: Lasting Power of Attorney for property")
    margaret = Person.objects.get(legal_given_name="Margaret")
    relationship = Relationship.objects.get(person=ted, related_person=margaret)
    assert relationship.authority_scope == ["view_online", "money"]
