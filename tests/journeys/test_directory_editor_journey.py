"""Leroy Grant proposes his lunch club for the directory; Ben Osei, a directory editor, publishes it.
Then residents can find it. Every page on the way is checked by axe."""

import re

import pytest
from playwright.sync_api import expect

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Organization, Service, Taxonomy, TaxonomyTerm
from firstperson.directory.selectors import ServiceQuery, service_search
from firstperson.platform.accounts.roles import Role
from firstperson.platform.geography.models import Postcode

from .steps import navigate

NAME = "St Mark's Luncheon Club"


@pytest.fixture
def lunch_category(db):
    # Transactional tests empty the tables between tests, so the migration's categories may be gone.
    taxonomy, _ = Taxonomy.objects.get_or_create(name="Council service categories")
    term, _ = TaxonomyTerm.objects.get_or_create(
        slug="meals-and-lunch-clubs", defaults={"taxonomy": taxonomy, "name": "Meals and lunch clubs"}
    )
    return term


@pytest.mark.django_db(transaction=True)
def test_an_organisation_proposes_a_service_and_an_editor_publishes_it(
    checked_page, sign_in_staff, make_user, lunch_category
):
    Postcode.objects.create(postcode="WS1 4FG", latitude=52.5, longitude=-2.2)
    church = Organization.objects.create(name="St Mark's Church Volunteers")
    leroy = make_user(Role.ORGANISATION, username="leroy.grant", first_name="Leroy", last_name="Grant")
    church.members.add(leroy)
    ben = make_user(Role.DIRECTORY_EDITOR, username="ben.osei", first_name="Ben", last_name="Osei")

    # Leroy signs in with two-factor and proposes his lunch club.
    page = sign_in_staff(leroy)
    checked_page.visit("/directory/my-services/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your services in the directory")
    navigate(checked_page, lambda: page.get_by_role("link", name="Propose a new service").click())

    page.get_by_label("Name of the service").fill(NAME)
    page.get_by_label("What the service does").fill(
        "A hot two-course lunch every Thursday, with a raffle and good company.\n\n"
        "Run by volunteers from St Mark's Church. Special diets catered for."
    )
    page.get_by_label("Youngest age").fill("60")
    page.get_by_label("Who it is for").fill("People over 60 in Westbury, and their carers")
    page.get_by_label("Phone number").fill("01632 960 001")
    page.get_by_label("Address line").fill("St Mark's Church Hall, 12 High Street")
    page.get_by_label("Town or city").fill("Westbury")
    page.get_by_label("Postcode", exact=True).fill("WS1")
    page.get_by_label("A charge per session").check()
    page.get_by_label("Amount per session, in pounds").fill("4.50")
    page.get_by_label("Thursday").check()
    page.get_by_label("Opens at").fill("11:30")
    page.get_by_label("Closes at").fill("14:00")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("About access").fill("Step-free entrance and an accessible toilet")
    page.get_by_label("Meals and lunch clubs").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Save as a draft").click())

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a real postcode, like WS1 4FG")
    expect(summary.locator("li")).to_have_count(1)
    assert not Service.objects.exists()

    page.get_by_label("Postcode", exact=True).fill("WS1 4FG")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save as a draft").click())
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator("main")).to_contain_text("Saved as a draft")
    expect(page.locator("main")).to_contain_text("Quality score: 100 out of 100")
    service = Service.objects.get(name=NAME)
    assert service.record_status == RecordStatus.DRAFT

    navigate(checked_page, lambda: page.get_by_role("button", name="Submit for review").click())
    expect(page.locator("main")).to_contain_text("Sent for review")
    service.refresh_from_db()
    assert service.record_status == RecordStatus.SUBMITTED
    assert list(service_search(query=ServiceQuery(search=NAME))) == []

    # Ben signs in, finds it in the review queue and publishes it.
    page.context.clear_cookies()
    page = sign_in_staff(ben)
    checked_page.visit("/directory/")
    queue = page.locator("table").first
    expect(queue).to_contain_text(NAME)
    expect(queue).to_contain_text("A service to publish")
    navigate(checked_page, lambda: queue.get_by_role("link", name=re.compile("review the service")).click())
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator("main")).to_contain_text("Draft to waiting for review")
    page.get_by_label("Publish it").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Confirm").click())
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{NAME}: Published. Residents can now find it")
    expect(page.locator("main")).to_contain_text("Nothing is waiting for review.")

    service.refresh_from_db()
    assert service.record_status == RecordStatus.PUBLISHED
    assert [found.pk for found in service_search(query=ServiceQuery(search=NAME))] == [service.pk]


@pytest.mark.django_db(transaction=True)
def test_a_new_group_registers_with_a_mistake_first(checked_page):
    page = checked_page.visit("/directory/organisations/register/")
    page.get_by_label("Name of your organisation").fill("Hatherley Men's Shed")
    page.get_by_label("What your organisation does").fill("Woodwork, tea and company for men of all ages")
    page.get_by_label("Your first name").fill("Dev")
    page.get_by_label("Your last name").fill("Sharma")
    page.get_by_label("Your email address").fill("dev@example.org")
    page.get_by_label("Create a password").fill("sawdust and tea at ten")
    page.get_by_label("Type the password again").fill("sawdust and tea at ten")
    navigate(checked_page, lambda: page.get_by_role("button", name="Register").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give your organisation's website or email address")
    assert not Organization.objects.exists()

    page.get_by_label("Your organisation's email address").fill("shed@example.org")
    page.get_by_label("Create a password").fill("sawdust and tea at ten")
    page.get_by_label("Type the password again").fill("sawdust and tea at ten")
    navigate(checked_page, lambda: page.get_by_role("button", name="Register").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Hatherley Men's Shed is registered")
    assert Organization.objects.get().members.get().role == Role.ORGANISATION


@pytest.mark.django_db(transaction=True)
def test_a_change_to_a_published_service_is_compared_and_approved(
    checked_page, sign_in_staff, make_user, lunch_category
):
    from firstperson.directory.editor_selectors import ServiceDetails
    from firstperson.directory.services import service_propose, service_review_move, service_submit

    church = Organization.objects.create(name="St Mark's Church Volunteers")
    leroy = make_user(Role.ORGANISATION, username="leroy.grant", first_name="Leroy", last_name="Grant")
    church.members.add(leroy)
    ben = make_user(Role.DIRECTORY_EDITOR, username="ben.osei", first_name="Ben", last_name="Osei")
    service = service_propose(
        organization=church,
        details=ServiceDetails(name=NAME, description="A hot lunch on Thursdays.", area_postcodes="WS1"),
        actor=leroy,
    )
    service_submit(service=service, actor=leroy)
    service_review_move(service=service, to_status=RecordStatus.PUBLISHED, actor=ben)

    page = sign_in_staff(leroy)
    checked_page.visit(f"/directory/my-services/{service.pk}/")
    navigate(checked_page, lambda: page.get_by_role("link", name="Change the details").click())
    page.get_by_label("What the service does").fill("A hot lunch on Fridays.")
    navigate(checked_page, lambda: page.get_by_role("button", name="Send the change for review").click())
    expect(page.locator("main")).to_contain_text("Your change is waiting for review")

    page.context.clear_cookies()
    page = sign_in_staff(ben)
    checked_page.visit("/directory/")
    navigate(checked_page, lambda: page.get_by_role("link", name=re.compile("review the change")).click())
    expect(page.locator("main")).to_contain_text("A hot lunch on Fridays.")
    page.get_by_label("Reject it", exact=True).check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Confirm").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a reason. The organisation will see it")
    page.get_by_label("Approve it").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Confirm").click())
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Change approved")
    service.refresh_from_db()
    assert service.description == "<p>A hot lunch on Fridays.</p>"
    checked_page.visit("/directory/services/?weakest_first=on")
    expect(page.locator("main")).to_contain_text(NAME)
