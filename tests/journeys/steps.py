"""Small steps shared by the journeys."""


def navigate(checked_page, action):
    """Do something that loads a new page (a click, a key press), wait for it, then check it with axe.

    Waiting for the navigation itself matters: a form that fails validation comes back on the same
    URL, so waiting for a URL would not tell the new page from the old one."""
    page = checked_page.page
    with page.expect_navigation():
        action()
    checked_page.check()
    return page


# --- Steps added for the whole journey (tests/journeys/test_planning_journey.py) -------------------

RESIDENT_PASSWORD = "correct horse battery staple"


def path_of(page):
    """The path of the page's URL, without the host or the query."""
    from urllib.parse import urlparse

    return urlparse(page.url).path


def click(checked_page, role, name, **options):
    """Click a link or button (by its accessible name) that loads a new page, and check that page."""
    page = checked_page.page
    navigate(checked_page, lambda: page.get_by_role(role, name=name, **options).first.click())
    return page


def sign_in_resident(checked_page, user, password=RESIDENT_PASSWORD):
    """Sign a resident or representative in through the real page; they land on "Your account"."""
    page = checked_page.visit("/sign-in/")
    page.get_by_label("Username or email address").fill(user.username)
    page.get_by_label("Password", exact=True).fill(password)
    navigate(checked_page, lambda: page.get_by_role("button", name="Sign in").click())
    assert path_of(page) == "/my-account/", page.url
    return page


def sign_out(checked_page):
    """Forget whoever is signed in (the next person signs in on the same browser)."""
    checked_page.page.context.clear_cookies()


def ask_for_help_for_myself(checked_page, *, name, email, need):
    """A signed-out resident asks for help for themself, one question a page; returns the reference."""
    page = checked_page.visit("/ask-for-help/")
    click(checked_page, "button", "Start now")
    page.get_by_label("I need help for myself").check()
    click(checked_page, "button", "Continue")
    page.get_by_label("What is your name?").fill(name)
    click(checked_page, "button", "Continue")
    page.get_by_label("Email address").fill(email)
    click(checked_page, "button", "Continue")
    page.get_by_label("What do you need help with?").fill(need)
    click(checked_page, "button", "Continue")
    page.get_by_label("No").check()
    click(checked_page, "button", "Continue")
    assert path_of(page) == "/ask-for-help/check/", page.url
    click(checked_page, "button", "Send request")
    assert path_of(page) == "/ask-for-help/sent/", page.url
    return page.locator(".govuk-panel__body strong, .govuk-panel__body").first.inner_text().strip()


def adviser_refers_for_assessment(checked_page, *, reference, family_name, full_name):
    """An adviser, signed in, picks up a web request, links it to the person's record, and records a
    referral for a needs assessment."""
    import re

    page = checked_page.visit("/front-door/")
    row = page.locator("tbody tr", has_text=reference)
    navigate(checked_page, lambda: row.get_by_role("link").first.click())
    click(checked_page, "link", "Change status")
    page.get_by_label("Pick it up: I am working on it").check()
    page.get_by_label("Why?").fill("Calling back now")
    click(checked_page, "button", "Change status")
    click(checked_page, "link", "Link to a person's record")
    page.get_by_label("Name", exact=True).fill(family_name)
    click(checked_page, "button", "Find people")
    main = page.locator("main").inner_text()
    assert f"{full_name}, born" in main, main
    click(checked_page, "button", re.compile(f"^Link this record\\W*{re.escape(full_name)}$"))
    click(checked_page, "link", "Record advice and outcome")
    page.get_by_label("Advice given").fill(
        "Referred for a needs assessment; they can fill in the self-assessment online."
    )
    page.get_by_label("Referral for a needs assessment").check()
    click(checked_page, "button", "Save")
    return page


def self_assessment_for_myself(checked_page, *, questionnaire, answers):
    """A signed-in resident starts, answers (option codes by question, in order) and sends their own
    self-assessment."""
    page = checked_page.page
    click(checked_page, "link", "Your assessments")
    click(checked_page, "link", "Start a new assessment")
    page.get_by_label("Myself", exact=True).check()
    click(checked_page, "button", "Continue")
    page.get_by_label(questionnaire).check()
    click(checked_page, "button", "Continue")
    click(checked_page, "link", "Start", exact=True)
    for option in answers.values():
        page.locator(f"input[name='option'][value='{option}']").check()
        click(checked_page, "button", "Save and continue")
    assert path_of(page).endswith("/check/"), page.url
    page.get_by_label("I confirm that my answers are true, as far as I know").check()
    click(checked_page, "button", "Send the assessment")
    return page


def practitioner_decides_eligible(checked_page, *, person, assessment_name, unable, reasons):
    """A practitioner in the person's team records that their needs are eligible: a physical or mental
    impairment, unable to achieve the outcomes in `unable` (codes), a significant impact on wellbeing."""
    import re

    page = checked_page.visit(f"/people/{person.pk}/")
    click(checked_page, "link", re.compile(f"^{re.escape(assessment_name)}, started"))
    click(checked_page, "link", "Decide eligibility")
    page.locator("#id_condition_1_met_0").check()
    page.get_by_label("Evidence").fill("Learning disability, diagnosed in childhood")
    for row in page.locator("input[id^='id_outcome_'][id$='_unable_1']").all():
        row.check()
    for code in unable:
        page.locator(f"#id_outcome_{code}_unable_0").check()
        page.locator(f"#id_outcome_{code}_reasons_0").check()
    page.get_by_label("Control over day-to-day life, including care and support").check()
    page.locator("#id_significant_impact_0").check()
    page.get_by_label("Eligible", exact=True).check()
    page.get_by_label("Your reasons").fill(reasons)
    click(checked_page, "button", "Record the decision")
    return page


def financial_assessment_online(checked_page, *, evidence_path, savings="18,300", state_pension="230.25"):
    """A signed-in resident fills in their own financial assessment: living alone, no children, no
    premiums, bank savings, the state pension, housing costs, the standard disability-related
    allowance, one piece of evidence; then sends it."""
    page = checked_page.visit("/my-account/financial-assessment/")
    click(checked_page, "link", "Start a financial assessment")
    page.get_by_label("Myself").check()
    click(checked_page, "button", "Continue")
    click(checked_page, "link", "Start")
    page.get_by_label("Yes, I will tell you about my income and savings").check()
    click(checked_page, "button", "Save and continue")
    page.get_by_label("On my own, or with people who are not my partner").check()
    click(checked_page, "button", "Save and continue")
    page.get_by_label("How many children").fill("0")
    click(checked_page, "button", "Save and continue")
    page.get_by_label("None of these").check()
    click(checked_page, "button", "Save and continue")
    page.get_by_label("Yes").check()
    click(checked_page, "button", "Continue")
    page.get_by_label("Savings: bank").check()
    page.get_by_label("What it is worth today").fill(savings)
    click(checked_page, "button", "Add it")
    page.get_by_label("No").check()
    click(checked_page, "button", "Continue")
    page.get_by_label("Yes").check()
    click(checked_page, "button", "Continue")
    page.get_by_label("What kind of income is it?").select_option("state_pension")
    page.get_by_label("How much you get each time").fill(state_pension)
    page.get_by_label("Every week").check()
    click(checked_page, "button", "Add it")
    page.get_by_label("No").check()
    click(checked_page, "button", "Continue")
    page.get_by_label("How much you pay for your home").fill("28.00")
    page.get_by_label("Every week").check()
    click(checked_page, "button", "Save and continue")
    page.get_by_label("Yes, use the standard allowance").check()
    click(checked_page, "button", "Save and continue")
    page.set_input_files("#id_file", str(evidence_path))
    click(checked_page, "button", "Upload this file")
    click(checked_page, "button", "Continue")
    page.get_by_label("I confirm that what I have told you is true").check()
    click(checked_page, "button", "Send the financial assessment")
    return page


def finance_officer_completes(checked_page, *, person, weekly_cost_of_care, evidence_name, effective_from):
    """A finance officer, signed in, sets the weekly cost of care, confirms every item against the
    evidence, completes the assessment from `effective_from` and issues the letter."""
    import re

    page = checked_page.visit("/charging/assessments/")
    click(checked_page, "link", person.full_name)
    click(checked_page, "link", "Change the person's details, allowances and cost of care")
    page.get_by_label("Weekly cost of care").fill(weekly_cost_of_care)
    click(checked_page, "button", "Save")
    for index in range(page.get_by_role("link", name=re.compile(r"^Check ")).count()):
        navigate(checked_page, lambda i=index: page.get_by_role("link", name=re.compile(r"^Check ")).nth(i).click())
        page.get_by_label("Confirmed against the evidence").check()
        page.get_by_label("Checked against").select_option(label=evidence_name)
        click(checked_page, "button", "Save the check")
    assert "Not checked yet" not in page.content()
    click(checked_page, "link", "Complete the assessment")
    page.get_by_label("Day").fill(str(effective_from.day))
    page.get_by_label("Month").fill(str(effective_from.month))
    page.get_by_label("Year").fill(str(effective_from.year))
    click(checked_page, "button", "Complete")
    click(checked_page, "button", "Issue the letter")
    return page
