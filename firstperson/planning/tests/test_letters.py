"""The personal budget agreement letter: a real, tagged PDF in plain English with the money, the
plan's outcomes, risks, review dates, the conditions, how to disagree and the versions used; and a
large-print version in bigger type."""

import datetime
import re
import subprocess
import zlib
from decimal import Decimal

import pytest
from django.test import override_settings

from firstperson.charging.services import assessments as charging_services
from firstperson.charging.tests.assessments.builders import confirm_all, fill_worked_example_2, load_parameters
from firstperson.planning import services
from firstperson.planning.letters import (
    agreement_letter_context,
    agreement_letter_document,
    agreement_letter_html,
    agreement_letter_pdf,
)
from firstperson.planning.models import BudgetAgreement, PlanDecision
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
from firstperson.planning.tests import fixtures
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db

#: A Monday in the 2026-27 charging year, before "today" in these tests.
CONTRIBUTION_FROM = datetime.date(2026, 10, 5)


def approve(plan, *, author, practitioner, decider, outcome="approved", conditions="") -> BudgetAgreement:
    """Send, check, put forward and decide a complete plan with the real services."""
    plan.refresh_from_db()
    services.support_plan_submit(plan=plan, revision=plan.revision, actor=author)
    services.support_plan_start_review(plan=plan, actor=practitioner)
    plan.refresh_from_db()
    services.support_plan_review(
        plan=plan,
        revision=plan.revision,
        actor=practitioner,
        checklist={code: True for code, _ in PRACTITIONER_CHECKLIST},
        comments="A good plan.",
        put_forward=True,
    )
    plan.refresh_from_db()
    services.support_plan_decide(
        plan=plan,
        revision=plan.revision,
        actor=decider,
        outcome=outcome,
        reasons="The plan meets Sam's outcomes.",
        conditions=conditions,
    )
    return BudgetAgreement.objects.select_related("plan", "person", "decision", "policy", "contribution").get(plan=plan)


def contribution_for(person, officer):
    """A real financial assessment, completed: Mrs A of REFERENCE §3.11, £100.55 a week."""
    load_parameters()
    assessment = charging_services.assessment_start(actor=officer, person=person, via="officer")
    fill_worked_example_2(officer, assessment, officer=True)
    charging_services.assessment_update(
        actor=officer, assessment=assessment, values={"weekly_cost_of_care": Decimal("336.00")}, officer=True
    )
    confirm_all(officer, assessment)
    return charging_services.assessment_complete(actor=officer, assessment=assessment, effective_from=CONTRIBUTION_FROM)


def boxes_text(document) -> str:
    """The text WeasyPrint laid out on the pages of the document it writes as the PDF."""
    parts: list[str] = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return re.sub(r"\s+", " ", " ".join(parts))


def font_size_of(document, phrase: str) -> float:
    """The laid-out font size of the first text box that contains the phrase."""
    found: list[float] = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str) and phrase in text:
            found.append(box.style["font_size"])
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    assert found, f"{phrase!r} is not in the letter"
    return found[0]


def pdf_structure(pdf: bytes) -> bytes:
    """The PDF's bytes with its compressed streams (object streams included) inflated."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.DOTALL):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def officer(make_user):
    return make_user(Role.FINANCE_OFFICER, first_name="Fatima", last_name="Ali")


@pytest.fixture
def agreement(complete_plan, resident, practitioner, team_manager):
    return approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)


@pytest.fixture
def agreement_with_contribution(complete_plan, resident, practitioner, team_manager, officer):
    contribution_for(complete_plan.person, officer)
    return approve(
        complete_plan,
        author=resident,
        practitioner=practitioner,
        decider=team_manager,
        outcome="approved_with_conditions",
        conditions="Keep receipts for the gym membership.",
    )


def test_the_letter_is_a_tagged_pdf_with_a_language_and_a_title(agreement):
    pdf = agreement_letter_pdf(agreement)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    structure = pdf_structure(pdf)
    assert b"/StructTreeRoot" in structure
    assert b"/Marked true" in structure
    assert b"/Lang (en)" in structure
    html = agreement_letter_html(agreement)
    assert '<html lang="en">' in html
    assert "<title>Your personal budget agreement" in html
    document = agreement_letter_document(agreement)
    assert document.metadata.title.startswith("Your personal budget agreement")
    assert document.metadata.lang == "en"


def test_the_headings_are_in_order_and_the_money_table_has_header_cells(agreement):
    html = agreement_letter_html(agreement)
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False))
    assert '<th scope="col" class="amount">Each week</th>' in html
    assert '<th scope="row">Your personal budget</th>' in html
    assert "<caption>Your personal budget, what you pay and what the council pays</caption>" in html


@override_settings(COUNCIL_NAME="Westshire Council", COUNCIL_PHONE="01632 960 000")
def test_the_letter_says_the_money_the_plan_and_the_dates_in_plain_english(agreement):
    text = boxes_text(agreement_letter_document(agreement))
    assert "Westshire Council" in text and "Dear Sam" in text
    assert "Your personal budget is £155.00 a week (£8,060.00 a year)" in text
    assert "We have not worked out what you pay yet." in text
    assert "The council pays £155.00 £8,060.00" in text
    assert "Direct payment" in text
    # The approved version's outcomes, each with how it is met.
    assert "I want to go to the gym and my work placement" in text
    assert "Gym membership" in text and "£8.00 a week" in text
    assert "Mum helps choose clothes at weekends" in text and "No cost to your budget" in text
    # Risks and the contingency plan.
    assert "Going to the gym alone" in text and "I want to go on my own sometimes" in text
    assert "If my personal assistant is ill, Mum helps in the morning" in text
    # Review dates.
    assert f"First review: {long_date(agreement.first_review_date)}" in text
    assert f"Yearly review: {long_date(agreement.annual_review_date)}" in text
    # The direct payment: its share, paid every four weeks, nothing taken off (no contribution yet).
    share = agreement.direct_payment_weekly_amount
    assert f"The council pays £{share * 4:,.2f} every 4 weeks (£{share:,.2f} a week) into your direct payment" in text
    # Disagreeing, and how to reach the council: a plain approval is not reconsidered.
    assert "reconsideration" not in text
    assert "If you want to change your plan, you can ask at any time: talk to your practitioner" in text
    assert "make a complaint" in text
    assert "Local Government and Social Care Ombudsman" in text
    assert "01632 960 000" in text
    # The versions used.
    assert agreement.decision.policy.version in text
    assert "Conditions" not in text


def test_the_letter_takes_off_the_contribution_and_gives_the_conditions(agreement_with_contribution):
    agreement = agreement_with_contribution
    assert agreement.contribution is not None
    assert agreement.contribution_weekly_amount == Decimal("100.55")
    assert agreement.net_weekly_amount == Decimal("54.45")
    text = boxes_text(agreement_letter_document(agreement))
    assert "Your personal budget £155.00 £8,060.00" in text
    assert "You pay £100.55 £5,228.60" in text
    assert "The council pays £54.45 £2,831.40" in text
    assert "Your plan was approved on these conditions:" in text
    assert "Keep receipts for the gym membership." in text
    calculation = agreement.contribution.calculation
    assert calculation.parameters_version in text and calculation.rule_version in text
    net = agreement.direct_payment_net_weekly_amount
    assert net == agreement.direct_payment_weekly_amount - Decimal("100.55")
    assert f"The council pays £{net * 4:,.2f} every 4 weeks (£{net:,.2f} a week) into your direct payment" in text
    assert (
        "less what you pay towards your care (£100.55 a week): what you pay comes off the direct payment first" in text
    )
    # Approved with conditions: the person may ask for the decision to be looked at again.
    assert "This is called a reconsideration. The funding panel will look at it" in text


def test_the_letter_leaves_out_what_the_person_pays_for_those_who_may_not_see_it(agreement_with_contribution):
    agreement = agreement_with_contribution

    text = boxes_text(agreement_letter_document(agreement, show_contribution=False))

    assert "Your personal budget is £155.00 a week" in text
    assert "Direct payment" in text and "The direct payment is paid every 4 weeks." in text
    assert "£100.55" not in text and "£54.45" not in text and "You pay" not in text
    assert agreement.contribution.calculation.parameters_version not in text


def test_the_person_never_pays_more_than_the_budget(assessed, resident, practitioner, team_manager, officer):
    contribution = contribution_for(assessed, officer)
    plan = services.support_plan_start(person=assessed, started_by=resident)
    plan = fixtures.write_complete_plan(plan=plan, actor=resident, signer=resident, weekly_hours="2")
    assert plan.weekly_total == Decimal("47.00")  # 2 x 13.50 + 12.00 + 8.00
    agreement = approve(plan, author=resident, practitioner=practitioner, decider=team_manager)
    assert contribution.weekly_amount == Decimal("100.55")
    assert agreement.contribution_weekly_amount == Decimal("47.00")
    assert agreement.net_weekly_amount == Decimal("0.00")
    context = agreement_letter_context(agreement)
    assert context["contribution_capped"]
    text = boxes_text(agreement_letter_document(agreement))
    assert "You pay £47.00 £2,444.00" in text
    assert "You never pay more than your care costs" in text


def test_large_print_uses_bigger_type(agreement):
    standard = agreement_letter_document(agreement)
    large = agreement_letter_document(agreement, large_print=True)
    body_standard, body_large = font_size_of(standard, "Dear Sam"), font_size_of(large, "Dear Sam")
    assert body_large > body_standard
    assert body_large >= 16 * 4 / 3  # 16pt, in CSS pixels
    heading_large = font_size_of(large, "Your money")
    assert heading_large > body_large
    html = agreement_letter_html(agreement, large_print=True)
    assert re.search(r"body \{[^}]*font-size: 18pt", html)
    assert "text-align: left" in html and "Liberation Sans" in html
    assert "(large print)" in html
    assert boxes_text(large).count("£155.00") >= 2


def test_pdfinfo_reads_it_as_tagged_with_its_title(agreement, tmp_path):
    path = tmp_path / "agreement.pdf"
    path.write_bytes(agreement_letter_pdf(agreement, large_print=True))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, flags=re.MULTILINE)
    assert re.search(r"^Title:\s+Your personal budget agreement \(large print\)", info, flags=re.MULTILINE)


def test_the_dates_are_the_day_in_england_not_in_utc(agreement):
    """An agreement made and decided at 00:30 on 1 July in summer time (23:30 on 30 June in UTC) is
    dated, and says it was approved on, 1 July."""
    half_past_midnight_bst = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    BudgetAgreement.objects.filter(pk=agreement.pk).update(created_at=half_past_midnight_bst)
    PlanDecision.objects.filter(pk=agreement.decision_id).update(decided_at=half_past_midnight_bst)
    agreement = BudgetAgreement.objects.select_related("decision").get(pk=agreement.pk)

    context = agreement_letter_context(agreement)
    html = re.sub(r"\s+", " ", agreement_letter_html(agreement))

    assert (context["dated"], context["decided_on"]) == (datetime.date(2026, 7, 1), datetime.date(2026, 7, 1))
    assert "<p>1 July 2026</p>" in html and "<p>30 June 2026</p>" not in html
    assert re.search(r"Your plan was approved by [^<]* on 1 July 2026\.</p>", html)
