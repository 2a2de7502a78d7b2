"""A resident fills in a financial assessment online with an evidence upload and sees the estimate;
a finance officer checks it, completes it and issues the letter. Every page is checked with axe."""

import datetime
import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest

from firstperson.charging.models import Contribution, FinancialAssessment
from firstperson.charging.tests.assessments.builders import PDF, load_parameters
from firstperson.platform.accounts.roles import Role

from .steps import navigate

PASSWORD = "correct horse battery staple"


@pytest.fixture
def people(db, make_user, make_person, team):
    load_parameters()
    resident = make_user(Role.RESIDENT, username="joan.a@example.com")
    person = make_person(team=team, account=resident, date_of_birth=datetime.date(1955, 3, 2))
    officer = make_user(Role.FINANCE_OFFICER, username="fatima.ali")
    # She already gets care at home: the weekly cost is known from her earlier assessment.
    FinancialAssessment.objects.create(
        person=person, started_via="officer", started_by=officer, status="withdrawn", weekly_cost_of_care=D("336.00")
    )
    return resident, person, officer


def _click(checked_page, role, name):
    navigate(checked_page, lambda: checked_page.page.get_by_role(role, name=name).click())


def test_resident_then_officer(people, checked_page, sign_in_staff, tmp_path, browser):
    resident, person, officer = people
    page = checked_page.visit("/sign-in/")
    page.get_by_label("Username or email address").fill(resident.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    navigate(checked_page, lambda: page.get_by_role("button", name="Sign in").click())
    checked_page.visit("/my-account/financial-assessment/")
    _click(checked_page, "link", "Start a financial assessment")
    page.get_by_label("Myself").check()
    _click(checked_page, "button", "Continue")
    _click(checked_page, "link", "Start")
    page.get_by_label("Yes, I will tell you about my income and savings").check()
    _click(checked_page, "button", "Save and continue")
    page.get_by_label("On my own, or with people who are not my partner").check()
    _click(checked_page, "button", "Save and continue")
    page.get_by_label("How many children").fill("0")
    _click(checked_page, "button", "Save and continue")
    page.get_by_label("None of these").check()
    _click(checked_page, "button", "Save and continue")
    # Savings: add one, then no more.
    page.get_by_label("Yes").check()
    _click(checked_page, "button", "Continue")
    page.get_by_label("Savings: bank").check()
    page.get_by_label("What it is worth today").fill("18,300")
    _click(checked_page, "button", "Add it")
    page.get_by_label("No").check()
    _click(checked_page, "button", "Continue")
    # Income: the state pension, a works pension, Attendance Allowance.
    page.get_by_label("Yes").check()
    _click(checked_page, "button", "Continue")
    for code, amount in (
        ("state_pension", "230.25"),
        ("occupational_pension", "60.00"),
        ("attendance_allowance_higher", "110.40"),
    ):
        page.get_by_label("What kind of income is it?").select_option(code)
        page.get_by_label("How much you get each time").fill(amount)
        page.get_by_label("Every week").check()
        _click(checked_page, "button", "Add it")
        page.get_by_label("Yes" if code != "attendance_allowance_higher" else "No").check()
        _click(checked_page, "button", "Continue")
    page.get_by_label("How much you pay for your home").fill("28.00")
    page.get_by_label("Every week").check()
    _click(checked_page, "button", "Save and continue")
    page.get_by_label("Yes, use the standard allowance").check()
    _click(checked_page, "button", "Save and continue")
    # Evidence: a file that is not really a PDF is refused, then a real one is accepted.
    bad = tmp_path / "statement.pdf"
    bad.write_bytes(b"GIF89a not a pdf")
    page.set_input_files("#id_file", str(bad))
    _click(checked_page, "button", "Upload this file")
    assert "must be a PDF, JPG or PNG" in page.content()
    good = tmp_path / "pension-letter.pdf"
    good.write_bytes(PDF)
    page.set_input_files("#id_file", str(good))
    _click(checked_page, "button", "Upload this file")
    assert "pension-letter.pdf" in page.content()
    _click(checked_page, "button", "Continue")
    assert "Check your answers" in page.content()
    page.get_by_label("I confirm that what I have told you is true").check()
    _click(checked_page, "button", "Send the financial assessment")
    body = page.content()
    assert "This is an estimate, not a decision" in body and "£100.55 a week" in body

    # The officer, in a new browser context.
    context = browser.new_context()
    checked_page.page = context.new_page()
    checked_page.page.set_default_timeout(15000)
    page = sign_in_staff(officer)
    checked_page.visit("/charging/assessments/")
    _click(checked_page, "link", person.full_name)
    assessment = FinancialAssessment.objects.get(person=person, status="submitted")
    for index in range(assessment.capital.count() + assessment.income.count()):
        navigate(checked_page, lambda i=index: page.get_by_role("link", name=re.compile(r"^Check ")).nth(i).click())
        page.get_by_label("Confirmed against the evidence").check()
        page.get_by_label("Checked against").select_option(label="pension-letter.pdf")
        _click(checked_page, "button", "Save the check")
    assert "Not checked yet" not in page.content()
    _click(checked_page, "link", "Complete the assessment")
    page.get_by_label("Day").fill("6")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2025")
    _click(checked_page, "button", "Complete")
    assert "£100.55 a week" in page.content()
    _click(checked_page, "button", "Issue the letter")
    assert Contribution.objects.get(person=person).letter_issued_at is not None
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the latest letter (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as letter:
        content = letter.read()
    assert content.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
        assert "£100.55 a week" in re.sub(r"\s+", " ", text)
        # Money taken off reads "minus", as on the resident's pages.
        assert "minus £28.00" in text and "-£" not in text

    # The first letter went to an old address: issued again, both are listed and each can be downloaded.
    _click(checked_page, "link", "Issue the letter again")
    page.get_by_label("Issue it again").check()
    page.get_by_label("Why is it being issued again?").fill("The first letter went to her old address.")
    _click(checked_page, "button", "Issue the letter again")
    letters = page.get_by_role("table", name="Letters issued, each kept as it was sent")
    assert "First issue" in letters.inner_text()
    assert "Issued again: The first letter went to her old address." in letters.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download the letter issued ")).first.click()
    assert download.value.suggested_filename.startswith("what-you-pay-towards-your-care-2025-10-06-issued-")
    with open(download.value.path(), "rb") as letter:
        assert letter.read().startswith(b"%PDF-")
    context.close()
