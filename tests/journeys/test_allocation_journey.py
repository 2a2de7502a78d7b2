"""The Resource Allocation System in a browser.

1. Someone, signed out and on a phone, checks what support they might get: one question a page, an
   error when they skip one, a check page, and an estimate plainly marked as not a decision.
2. Chloe, a practitioner, works out Sam's indicative budget from his submitted self-assessment and
   changes it with a reason; the change is beyond tolerance, so Grace, a team manager, agrees it with
   her reasons; Sam then reads "How we worked out your budget", with the change and why.

Every page, and every error state on the way, is checked by axe."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from firstperson.allocation.tests.fixtures import REFERENCE_ANSWERS, reference_configuration, submitted_assessment

from .accessibility import assert_reflows
from .conftest import STAFF_PASSWORD
from .steps import navigate

ANSWER_TEXTS = [
    "I need help with all of it, several times a day",
    "I need help to make most of my meals",
    "I need help with most jobs",
    "I need a little help",
    "I need help most of the time",
    "I do not need help with this, or it does not apply to me",
    "I need a little help with big decisions",
    "Someone needs to be nearby for most of the day",
    "A lot of help, on most days",
]


def _path(page):
    return urlparse(page.url).path


@pytest.mark.django_db(transaction=True)
def test_someone_checks_what_support_they_might_get(checked_page):
    reference_configuration()
    checked_page.page.set_viewport_size({"width": 320, "height": 720})
    page = checked_page.visit("/check-what-support-you-might-get/")
    assert_reflows(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what support you might get")
    expect(page.locator("main")).to_contain_text("This is an estimate, not a decision.")
    expect(page.locator("main")).to_contain_text("Your answers are sent to us to work out the figure")
    navigate(checked_page, lambda: page.get_by_role("button", name="Start now").click())
    assert _path(page) == "/check-what-support-you-might-get/questions/personal_care/"

    # An error state: Continue without choosing an answer.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How much help do you need with washing, dressing and using the toilet?"
    )
    navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the answer that fits you best")
    assert_reflows(page)

    for number, text in enumerate(ANSWER_TEXTS, start=1):
        expect(page.locator(".govuk-caption-l")).to_contain_text(f"question {number} of 9")
        page.get_by_label(text, exact=True).check()
        navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
        assert_reflows(page)
    assert _path(page) == "/check-what-support-you-might-get/check/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")

    # Change one answer from the check page, and come straight back to it.
    navigate(
        checked_page,
        lambda: page.get_by_role(
            "link", name="Change your answer to: How much help do you get from family, friends or neighbours?"
        ).click(),
    )
    page.get_by_label("None", exact=True).check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
    assert _path(page) == "/check-what-support-you-might-get/check/"
    navigate(checked_page, lambda: page.get_by_role("button", name="See my estimate").click())
    expect(page.locator(".fp-figure")).to_have_text("£10,868.00 a year")

    navigate(checked_page, lambda: page.get_by_role("link", name="Back", exact=True).click())
    navigate(
        checked_page,
        lambda: page.get_by_role(
            "link", name="Change your answer to: How much help do you get from family, friends or neighbours?"
        ).click(),
    )
    page.get_by_label("A lot of help, on most days", exact=True).check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Continue").click())
    navigate(checked_page, lambda: page.get_by_role("button", name="See my estimate").click())
    assert _path(page) == "/check-what-support-you-might-get/estimate/"
    assert_reflows(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your estimate")
    expect(page.locator(".fp-figure")).to_have_text("£9,534.20 a year")
    main = page.locator("main")
    expect(main).to_contain_text("about £183.35 a week")
    expect(main).to_contain_text("This is an estimate, not a decision.")
    expect(main).to_contain_text(
        "Help from family or friends: we take 3 points off personal care, which is £741.00 a year less."
    )
    expect(main).to_contain_text("minus £741.00")
    expect(main).to_contain_text("If you ask us for a needs assessment, a social worker can agree more if you need it.")
    expect(main).not_to_contain_text("RAS v1")
    expect(main).to_contain_text(
        "We have not kept your answers: they are forgotten when you close your browser or start again."
    )

    from django.contrib.sessions.models import Session

    from firstperson.allocation.models import IndicativeBudget

    assert not IndicativeBudget.objects.exists()
    assert not Session.objects.exists()  # the answers were only ever in the browser's cookie


def _sign_in_resident(checked_page, user):
    page = checked_page.visit("/sign-in/")
    page.get_by_label("Username or email address").fill(user.username)
    page.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    navigate(checked_page, lambda: page.get_by_role("button", name="Sign in").click())
    assert _path(page) == "/my-account/"
    return page


@pytest.mark.django_db(transaction=True)
def test_a_practitioner_changes_a_budget_with_a_reason_and_a_team_manager_agrees(
    checked_page, sign_in_staff, make_user, make_person, team
):
    from firstperson.allocation.models import BudgetModeration, ModerationStatus
    from firstperson.platform.accounts.roles import Role
    from firstperson.platform.audit.models import AuditEvent
    from firstperson.platform.audit.verbs import AuditVerb

    administrator = make_user(Role.ADMINISTRATOR)
    reference_configuration(actor=administrator)
    chloe = make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")
    grace = make_user(Role.TEAM_MANAGER, team=team, first_name="Grace", last_name="Adeyemi")
    sam_account = make_user(Role.RESIDENT, first_name="Sam", last_name="Kowalski")
    sam = make_person(team=team, account=sam_account, legal_given_name="Sam", legal_family_name="Kowalski")
    submitted_assessment(person=sam, actor=chloe, answers=REFERENCE_ANSWERS)
    budget_path = f"/allocation/people/{sam.pk}/budget/"

    # --- The budget was worked out when Sam's assessment was sent; Chloe works it out again ---
    page = sign_in_staff(chloe)
    page = checked_page.visit(f"/people/{sam.pk}/")
    navigate(checked_page, lambda: page.get_by_role("link", name="£9,534.20 a year (£183.35 a week)").click())
    assert _path(page) == budget_path
    expect(page.locator(".fp-figure")).to_have_text("£9,534.20 a year")
    navigate(checked_page, lambda: page.get_by_role("link", name="Work it out again").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Work out the indicative budget")
    navigate(checked_page, lambda: page.get_by_role("button", name="Work it out").click())
    assert _path(page) == budget_path
    expect(page.locator(".fp-figure")).to_have_text("£9,534.20 a year")
    expect(page.locator("main")).to_contain_text("This is a starting point, not a limit.")

    # --- She changes it: first without a reason (an error), then with one ------------------
    navigate(checked_page, lambda: page.get_by_role("button", name="Change the figure").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the indicative budget")
    page.get_by_label("New figure, in pounds").fill("12000")
    page.get_by_label("A year", exact=True).check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Save the change").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Explain why you are changing the figure")
    assert not BudgetModeration.objects.exists()
    page.get_by_label("Why are you changing the figure?").fill(
        "Sam needs someone with him at night: the costed plan comes to £12,000"
    )
    navigate(checked_page, lambda: page.get_by_role("button", name="Save the change").click())
    assert _path(page) == budget_path
    expect(page.locator(".govuk-notification-banner")).to_contain_text("waiting for a team manager")
    expect(page.locator(".fp-figure")).to_have_text("£9,534.20 a year")
    assert BudgetModeration.objects.get().status == ModerationStatus.PENDING

    # --- Grace agrees it, with her reasons ------------------------------------------------------
    page.context.clear_cookies()
    page = sign_in_staff(grace)
    page = checked_page.visit("/allocation/approvals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget changes waiting for a team manager")
    navigate(checked_page, lambda: page.get_by_role("link", name="Sam Kowalski").click())
    navigate(checked_page, lambda: page.get_by_role("button", name="Decide on the change").click())
    expect(page.locator("main")).to_contain_text("Sam needs someone with him at night")
    page.get_by_label("Yes, agree the new figure").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Record the decision").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Explain your decision")
    page.get_by_label("Yes, agree the new figure").check()
    page.get_by_label("Your reasons").fill("The costed plan shows the night support is needed")
    navigate(checked_page, lambda: page.get_by_role("button", name="Record the decision").click())
    assert _path(page) == budget_path
    expect(page.locator(".fp-figure")).to_have_text("£12,000.00 a year")
    expect(page.locator("main")).to_contain_text("Agreed by a team manager")
    assert BudgetModeration.objects.get().status == ModerationStatus.APPROVED
    assert AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_MODERATION_APPROVED, actor=grace).exists()

    # --- Sam reads how it was worked out ---------------------------------------------------
    page.context.clear_cookies()
    page.set_viewport_size({"width": 320, "height": 720})
    page = _sign_in_resident(checked_page, sam_account)
    page = checked_page.visit("/my-account/budget/")
    assert_reflows(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How we worked out your budget")
    main = page.locator("main")
    expect(page.locator(".fp-figure")).to_have_text("£12,000.00 a year")
    expect(main).to_contain_text("This is a starting point, not a limit.")
    expect(main).to_contain_text("Each point is worth £247.00 a year.")
    expect(main).to_contain_text("Personal care: 15 points × £247.00")
    expect(main).to_contain_text("we take 3 points off personal care, which is £741.00 a year less.")
    expect(main).to_contain_text("minus £741.00")
    expect(main).to_contain_text("using the council's way of working out budgets that started on")
    expect(main).not_to_contain_text("RAS v1")
    expect(main).to_contain_text("Sam needs someone with him at night")
    expect(main).to_contain_text("a team manager agreed it. Reason: The costed plan shows the night support is needed")
    expect(main).not_to_contain_text("Chloe Bennett")

    # --- Sam reads it in Easy Read, as he reads his decision, and goes back -------------------
    navigate(checked_page, lambda: page.get_by_role("link", name="Read this in Easy Read").click())
    assert _path(page) == "/my-account/budget/"
    assert_reflows(page)
    expect(page).to_have_title(re.compile(r"^How we worked out your budget \(Easy Read\)"))
    main = page.locator("main")
    expect(page.locator(".fp-figure")).to_have_text("You have about £12,000 a year for your support.")
    expect(main).to_contain_text("It is not a limit.")
    expect(main).to_contain_text("Do you have a question? Ask your worker.")
    # The points as his answers scored them; the line after them takes 3 off for help from family.
    expect(main.get_by_role("listitem").filter(has_text="Personal care: 15 points.")).to_have_count(1)
    expect(main.get_by_role("listitem").filter(has_text="we take 3 points off personal care")).to_have_count(1)
    expect(main).to_contain_text("which is £741 a year less.")  # no ".00" in Easy Read
    expect(main).to_contain_text("Sam needs someone with him at night")
    expect(main.locator("table")).to_have_count(0)
    expect(main).not_to_contain_text("minus")
    navigate(checked_page, lambda: page.get_by_role("link", name="Read this in standard words").click())
    expect(page.locator(".fp-figure")).to_have_text("£12,000.00 a year")


@pytest.mark.django_db(transaction=True)
def test_an_administrator_makes_a_new_version_previews_it_and_publishes_it(checked_page, sign_in_staff, make_user):
    import datetime

    from django.utils import timezone

    from firstperson.allocation.models import ConfigurationStatus, RasConfiguration
    from firstperson.platform.accounts.roles import Role

    ravi = make_user(Role.ADMINISTRATOR, first_name="Ravi", last_name="Menon")
    reference_configuration(actor=ravi)
    page = sign_in_staff(ravi)
    page = checked_page.visit("/allocation/configurations/")
    navigate(
        checked_page, lambda: page.get_by_role("table").get_by_role("link", name="ras-worked-example RAS v1").click()
    )
    navigate(checked_page, lambda: page.get_by_role("button", name="Make a new version").click())
    navigate(checked_page, lambda: page.get_by_role("button", name="Make the new version").click())
    draft = RasConfiguration.objects.get(number=2)
    assert _path(page) == f"/allocation/configurations/{draft.pk}/"
    expect(page.locator("main")).to_contain_text("Give the date it takes effect.")

    # Publishing too early is refused, with the reason in the error summary.
    navigate(checked_page, lambda: page.get_by_role("button", name="Publish").click())
    navigate(checked_page, lambda: page.get_by_role("button", name="Publish it").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the date it takes effect.")

    # A band table whose money falls: the row is named and nothing is saved.
    page = checked_page.visit(f"/allocation/configurations/{draft.pk}/money/")
    page.get_by_label("Bands of points, each worth an amount").check()
    page.get_by_label("Bands", exact=True).fill("A, 0, 1000\nB, 20, 6000\nC, 40, 5000")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Row 3: a band with more points cannot be worth less than the band before it."
    )
    page.get_by_label("Bands", exact=True).fill("A, 0, 1000\nB, 20, 6000\nC, 40, 12000")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    expect(page.locator("main")).to_contain_text("Bands of points, each worth an amount.")

    # The date it takes effect: tomorrow.
    navigate(checked_page, lambda: page.get_by_role("link", name="Change dates, limits and rounding").click())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Day").first.fill(str(tomorrow.day))
    page.get_by_label("Month").first.fill(str(tomorrow.month))
    page.get_by_label("Year").first.fill(str(tomorrow.year))
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())

    # Preview on the worked example's answers: 38.6 points fall in band B.
    navigate(checked_page, lambda: page.get_by_role("button", name="Preview on sample answers").click())
    for question, option in REFERENCE_ANSWERS.items():
        page.locator(f"input[name='q_{question}'][value='{option}']").check()
    navigate(checked_page, lambda: page.get_by_role("button", name="Work out the figure").click())
    expect(page.locator("main")).to_contain_text("£6,000.00 a year")
    expect(page.locator("main")).to_contain_text("38.6 points is in band B")

    page = checked_page.visit(f"/allocation/configurations/{draft.pk}/publish/")
    navigate(checked_page, lambda: page.get_by_role("button", name="Publish it").click())
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is published")
    assert RasConfiguration.objects.get(pk=draft.pk).status == ConfigurationStatus.PUBLISHED
