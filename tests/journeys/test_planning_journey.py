"""The whole journey, from asking for help to a personal budget agreement, in one real browser, with
axe on every page on the way (issue #6 §6). It runs in the normal suite on SQLite and on PostgreSQL.

Sam asks for help on the website. Sophie, an adviser, picks the request up, links it to Sam's record
and refers him for a needs assessment. Sam fills in his self-assessment online; Chloe, his
practitioner, decides that his needs are eligible, and his indicative budget (£183.35 a week) is
worked out. Sam does his financial assessment online and Fatima, a finance officer, completes it,
which makes his contribution. Sam writes his support plan: outcomes in his own words, a personal
assistant, a risk, what happens if support lets him down, how the money is managed, who helped; he
chooses Grace, a broker, who adds the gym to his plan. Sam signs it off and sends it. Chloe checks
it against her checklist and sends it for a decision; it is above the team manager's limit, so Pat,
on the funding panel, approves it. Sam reads his personal budget agreement and downloads the letter.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from firstperson.allocation.default_configuration import WORKED_EXAMPLE_NAME
from firstperson.allocation.models import IndicativeBudget
from firstperson.allocation.tests.fixtures import REFERENCE_ANSWERS, reference_configuration
from firstperson.assessment.models import AssessmentStatus, EligibilityDetermination, SelfAssessment
from firstperson.charging.models import Contribution
from firstperson.charging.tests.assessments.builders import PDF, load_parameters
from firstperson.frontdoor.models import Contact
from firstperson.planning.models import BudgetAgreement, PlanStatus, SupportPlan
from firstperson.planning.rules.delegation import Decider
from firstperson.planning.tests.fixtures import decision_policy
from firstperson.platform.accounts.roles import Role

from .steps import (
    adviser_refers_for_assessment,
    ask_for_help_for_myself,
    click,
    finance_officer_completes,
    financial_assessment_online,
    navigate,
    path_of,
    practitioner_decides_eligible,
    self_assessment_for_myself,
    sign_in_resident,
    sign_out,
)

#: The outcomes Chloe finds Sam unable to achieve: his plan must meet each of them.
UNABLE = ("A_HYGIENE", "A_COMMUNITY")


@pytest.mark.django_db(transaction=True)
def test_the_whole_journey_from_asking_for_help_to_an_agreement(
    checked_page, sign_in_staff, make_user, make_person, team, tmp_path
):
    reference_configuration()  # the RAS and its self-assessment questionnaire, published
    load_parameters()  # this year's charging figures
    decision_policy(team_manager_limit="100.00")  # above £100 a week, the funding panel decides
    sam_account = make_user(Role.RESIDENT, username="sam.kowalski@example.com", first_name="Sam", last_name="Kowalski")
    sam = make_person(
        team=team,
        account=sam_account,
        legal_given_name="Sam",
        legal_family_name="Kowalski",
        date_of_birth=datetime.date(1955, 3, 2),
    )
    sophie = make_user(Role.ADVISER, team=team, username="sophie.turner", first_name="Sophie", last_name="Turner")
    chloe = make_user(Role.PRACTITIONER, team=team, username="chloe.bennett", first_name="Chloe", last_name="Bennett")
    fatima = make_user(Role.FINANCE_OFFICER, username="fatima.ali", first_name="Fatima", last_name="Ali")
    grace = make_user(Role.BROKER, username="grace.liu", first_name="Grace", last_name="Liu")
    pat = make_user(Role.PANEL_MEMBER, username="pat.panel", first_name="Pat", last_name="Okoro")
    page = checked_page.page

    # --- 1. Sam asks for help, signed out --------------------------------------------------------
    ask_for_help_for_myself(
        checked_page,
        name="Sam Kowalski",
        email="sam.kowalski@example.com",
        need="I need help to get ready in the mornings and to get out of the house.",
    )
    request = Contact.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(request.reference)

    # --- 2. Sophie, an adviser, links it to Sam's record and refers him for an assessment ------------
    sign_in_staff(sophie)
    adviser_refers_for_assessment(
        checked_page, reference=request.reference, family_name="Kowalski", full_name="Sam Kowalski"
    )
    request.refresh_from_db()
    assert (request.person, request.outcome) == (sam, "referral_for_needs_assessment")
    sign_out(checked_page)

    # --- 3. Sam fills in his self-assessment online ---------------------------------------------
    sign_in_resident(checked_page, sam_account)
    self_assessment_for_myself(checked_page, questionnaire=WORKED_EXAMPLE_NAME, answers=REFERENCE_ANSWERS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment sent")
    assessment = SelfAssessment.objects.get(person=sam)
    assert assessment.status == AssessmentStatus.SUBMITTED and assessment.submitted_by == sam_account
    sign_out(checked_page)

    # --- 4. Chloe decides that his needs are eligible; 5. his indicative budget is there -------------
    sign_in_staff(chloe)
    practitioner_decides_eligible(
        checked_page,
        person=sam,
        assessment_name=WORKED_EXAMPLE_NAME,
        unable=UNABLE,
        reasons="Sam needs help to wash and dress every morning, and to get out to the gym and his placement.",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Eligibility decision")
    assert EligibilityDetermination.objects.get(person=sam).eligible
    budget = IndicativeBudget.objects.get(assessment=assessment, is_current=True)
    assert budget.weekly_amount == Decimal("183.35")
    checked_page.visit(f"/people/{sam.pk}/")
    expect(page.get_by_role("link", name="£9,534.20 a year (£183.35 a week)")).to_be_visible()
    sign_out(checked_page)

    # --- 6. Sam does his financial assessment online; Fatima completes it ---------------------------
    sign_in_resident(checked_page, sam_account)
    evidence = tmp_path / "pension-letter.pdf"
    evidence.write_bytes(PDF)
    financial_assessment_online(checked_page, evidence_path=evidence)
    sign_out(checked_page)
    sign_in_staff(fatima)
    finance_officer_completes(
        checked_page,
        person=sam,
        weekly_cost_of_care="183.35",
        evidence_name="pension-letter.pdf",
        effective_from=timezone.localdate(),
    )
    contribution = Contribution.objects.get(person=sam)
    assert contribution.letter_issued_at is not None
    sign_out(checked_page)

    # --- 7. Sam writes his plan -----------------------------------------------------------------
    sign_in_resident(checked_page, sam_account)
    checked_page.visit("/my-account/plans/")
    click(checked_page, "button", "Start a support plan")
    plan = SupportPlan.objects.get(person=sam)
    plan_path = f"/plans/{plan.pk}/"
    assert path_of(page) == plan_path
    expect(page.locator("main")).to_contain_text("£183.35")

    click(checked_page, "link", "What you want to achieve, and how")
    page.get_by_label("What do you want to achieve?").fill(
        "I want to wash and get ready in the morning without rushing"
    )
    page.locator("input[name='eligible_outcome_code'][value='A_HYGIENE']").check()
    click(checked_page, "button", "Save and continue")
    page.get_by_label("Personal assistant hours").check()
    click(checked_page, "button", "Continue")
    page.get_by_label("What will the personal assistant do?").fill("Help me wash and dress every morning")
    page.get_by_label("How many hours a week?").fill("10")
    page.get_by_label("How much is the hourly rate?").fill("13.50")
    page.get_by_label("How much are the employer's costs a week?").fill("12.00")
    page.get_by_label("Someone who is not my partner or a close relative").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("From a direct payment").check()
    click(checked_page, "button", "Add it to the plan")
    assert path_of(page) == plan_path
    expect(page.locator("main")).to_contain_text("£147.00")  # 10 hours × £13.50 + £12.00 employer's costs
    click(checked_page, "link", "Add an outcome")
    page.get_by_label("What do you want to achieve?").fill("I want to go to the gym on my own")
    page.locator("input[name='eligible_outcome_code'][value='A_COMMUNITY']").check()
    click(checked_page, "button", "Save and continue")
    expect(page.get_by_role("heading", level=1)).to_contain_text("How will this outcome be met?")  # Grace will say

    checked_page.visit(plan_path)
    click(checked_page, "link", "Risks, and what makes them smaller")
    page.get_by_label("What could go wrong?").fill("I could get lost going to the gym on my own")
    page.get_by_label("Unlikely").check()
    page.get_by_label("What will make it less likely, or less harmful?").fill("I carry my phone; gym staff know me")
    page.get_by_label("Who will do this?").fill("Me, with my personal assistant")
    page.get_by_label("What do you think about this risk?").fill("I want to go on my own sometimes")
    click(checked_page, "button", "Add the risk")

    checked_page.visit(plan_path)
    click(checked_page, "link", "What happens if support lets you down")
    page.get_by_label("What will happen if your support lets you down?").fill(
        "If my personal assistant is ill, my mum helps in the morning."
    )
    click(checked_page, "button", re.compile("^Save"))
    checked_page.visit(plan_path)
    click(checked_page, "link", "How the money will be managed")
    page.locator("input[name='management_method'][value='direct_payment']").check()
    page.get_by_label("You", exact=True).check()
    click(checked_page, "button", re.compile("^Save"))
    checked_page.visit(plan_path)
    click(checked_page, "link", "Who helped you write the plan")
    page.get_by_label("Who helped you write this plan?").fill("My mum Linda, and Grace, my broker")
    click(checked_page, "button", re.compile("^Save"))
    checked_page.visit(plan_path)
    click(checked_page, "link", "A broker to help you (if you want one)")
    page.get_by_label("Grace Liu").check()
    click(checked_page, "button", "Save")
    plan.refresh_from_db()
    assert plan.broker == grace
    sign_out(checked_page)

    # --- ... and Grace, his broker, adds the gym --------------------------------------------------
    sign_in_staff(grace)
    checked_page.visit("/planning/broker/")
    navigate(
        checked_page, lambda: page.locator("main").get_by_role("link", name=re.compile("Sam Kowalski")).first.click()
    )
    click(checked_page, "link", re.compile(r"^Add how this will be met\W+I want to go to the gym"))
    page.get_by_label("Day opportunities and activities").check()
    click(checked_page, "button", "Continue")
    page.get_by_label("What is the activity?").fill("Gym membership")
    page.get_by_label("How much does it cost each week?").fill("8.00")
    page.get_by_label("From a direct payment").check()
    click(checked_page, "button", "Add it to the plan")
    assert plan.items.get(description="Gym membership").weekly_cost == Decimal("8.00")
    sign_out(checked_page)

    # --- 8. Sam signs it off and sends it ---------------------------------------------------------
    sign_in_resident(checked_page, sam_account)
    checked_page.visit(plan_path)
    click(checked_page, "link", "Check and sign off your plan")
    click(checked_page, "link", "Sign off the plan")
    page.get_by_label("Your full name").fill("Sam Kowalski")
    click(checked_page, "button", "I agree: sign off the plan")
    assert path_of(page) == f"{plan_path}check/"
    click(checked_page, "button", "Send the plan")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and plan.weekly_total == Decimal("155.00")
    sign_out(checked_page)

    # --- 9. Chloe checks it and sends it for a decision --------------------------------------------
    sign_in_staff(chloe)
    checked_page.visit("/planning/to-check/")
    navigate(
        checked_page, lambda: page.locator("main").get_by_role("link", name=re.compile("Sam Kowalski")).first.click()
    )
    assert path_of(page) == f"{plan_path}review/"
    click(checked_page, "button", "Start checking this plan")
    for box in page.locator("input[name='checklist']").all():
        box.check()
    page.get_by_label("Your comments").fill("A person-centred plan, within budget; the risk is his to take.")
    click(checked_page, "button", "Send for a decision")
    plan.refresh_from_db()
    assert (plan.status, plan.decision_route) == (PlanStatus.AWAITING_DECISION, Decider.PANEL)
    sign_out(checked_page)

    # --- 10. Pat, on the funding panel, approves it --------------------------------------------------
    sign_in_staff(pat)
    checked_page.visit("/planning/panel/")
    navigate(
        checked_page, lambda: page.locator("main").get_by_role("link", name=re.compile("Sam Kowalski")).first.click()
    )
    assert path_of(page) == f"{plan_path}decide/"
    page.get_by_label("Approve the plan", exact=True).check()
    page.get_by_label("Your reasons").fill("The plan meets Sam's eligible needs within his budget.")
    start = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Day").fill(str(start.day))
    page.get_by_label("Month").fill(str(start.month))
    page.get_by_label("Year").fill(str(start.year))
    click(checked_page, "button", "Record the decision")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    agreement = BudgetAgreement.objects.get(person=sam, is_current=True)
    assert agreement.contribution == contribution
    assert agreement.gross_weekly_amount == Decimal("155.00")
    sign_out(checked_page)

    # --- 11. Sam reads his personal budget agreement and downloads the letter ----------------------
    sign_in_resident(checked_page, sam_account)
    checked_page.visit(plan_path)
    click(checked_page, "link", "Read the personal budget agreement")
    assert path_of(page) == f"/plans/agreements/{agreement.pk}/"
    expect(page.locator("main")).to_contain_text("£155.00")
    letter = page.get_by_role("link", name="Download the letter (PDF)")
    response = page.request.get(checked_page.base + letter.get_attribute("href"))  # with Sam's cookies
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # --- 12. Sam reads his budget page in Easy Read: what the plan gives and who pays ------------
    page = checked_page.visit("/my-account/budget/?format=easy-read")
    main = page.locator("main")
    expect(page.get_by_role("heading", level=2, name="Money for your support now")).to_be_visible()
    expect(main).to_contain_text("Your support plan is agreed.")
    expect(main).to_contain_text("Your personal budget is about £155 a week.")
    pays = contribution.weekly_amount.quantize(Decimal(1), rounding="ROUND_HALF_UP")
    expect(main).to_contain_text(
        f"You pay about £{pays} a week towards your support."
        if pays
        else "You do not pay anything towards your support."
    )
    expect(main).to_contain_text("The council pays about £")
    click(checked_page, "link", "Read your personal budget agreement")
    assert path_of(page) == f"/plans/agreements/{agreement.pk}/"
