"""Self-assessment journeys, with axe on every page and every error state:

- Sam starts his own self-assessment (looking at a question in Easy Read on the way), answers a
  question, leaves for another page, comes back to it from "Your assessments", finishes and sends it;
- Linda, who acts for Sam in assessments, completes one for him;
- Chloe Bennett, a practitioner, records the eligibility decision: the form names every gap, and a
  decision that differs from the Care Act test needs a reason; Sam then reads the decision.

A short questionnaire, imported through the real service, keeps the journeys quick.
"""

import datetime
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from firstperson.assessment import services
from firstperson.assessment.models import Answer, AssessmentStatus, EligibilityDetermination, SelfAssessment
from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role

from .accessibility import assert_reflows
from .steps import navigate

PASSWORD = "correct horse battery staple"
QUESTIONNAIRE = """
format: firstperson-questionnaire/1
questionnaire: {code: journey-test, kind: self_assessment, name: A short self-assessment}
sections:
  - code: personal_care
    title: Personal care
    easy_read_title: Looking after yourself
    questions:
      - code: washing
        text: How much help do you need to wash?
        help_text: Think about a normal week.
        why_we_ask: It tells us whether you can keep clean.
        easy_read_why_we_ask: So we know if you can keep clean.
        outcome: A_HYGIENE
        options:
          - {code: none, text: I wash without help, points: 0}
          - {code: some, text: I need some help, easy_read_text: Someone helps me wash some days, points: 5}
          - {code: all, text: Someone washes me, points: 10}
  - code: eating
    title: Eating and drinking
    questions:
      - code: eating
        text: How much help do you need to eat and drink?
        outcome: A_NUTRITION
        options:
          - {code: none, text: I eat and drink without help, points: 0}
          - {code: prompting, text: I need reminding, points: 3}
          - {code: all, text: I need help at every meal, points: 9}
"""


@pytest.fixture
def short_version(db, make_user):
    return services.questionnaire_import(
        actor=make_user(Role.ADMINISTRATOR),
        content=QUESTIONNAIRE,
        publish=True,
        effective_from=datetime.date(2020, 1, 1),
    )


@pytest.fixture
def sam(make_user, make_person, team):
    account = make_user(Role.RESIDENT, first_name="Sam", last_name="Kowalski")
    person = make_person(team=team, account=account, legal_given_name="Sam", legal_family_name="Kowalski")
    return account, person


def _sign_in_resident(checked_page, user):
    page = checked_page.visit("/sign-in/")
    page.get_by_label("Username or email address").fill(user.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    navigate(checked_page, lambda: page.get_by_role("button", name="Sign in").click())
    assert urlparse(page.url).path == "/my-account/"
    return page


def _click(checked_page, role, name, **options):
    page = checked_page.page
    navigate(checked_page, lambda: page.get_by_role(role, name=name, **options).click())
    return page


def _path(page):
    return urlparse(page.url).path


def _start(checked_page, who):
    page = checked_page.page
    _click(checked_page, "link", "Your assessments")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessments")
    _click(checked_page, "link", "Start a new assessment")
    page.get_by_label(who, exact=True).check()
    _click(checked_page, "button", "Continue")
    page.get_by_label("A short self-assessment").check()
    _click(checked_page, "button", "Continue")
    return page


@pytest.mark.django_db(transaction=True)
def test_a_resident_starts_leaves_comes_back_and_sends_their_self_assessment(checked_page, short_version, sam):
    account, person = sam
    page = _sign_in_resident(checked_page, account)
    page = _start(checked_page, "Myself")
    assessment = SelfAssessment.objects.get(person=person)
    expect(page.get_by_role("heading", level=1)).to_have_text("A short self-assessment")
    expect(page.locator("main")).to_contain_text("You have answered 0 of 2 questions")

    _click(checked_page, "link", "Start", exact=True)
    expect(page.locator(".govuk-caption-l")).to_have_text("Section 1 of 2: Personal care")
    expect(page.get_by_role("heading", level=1)).to_have_text("How much help do you need to wash?")
    page.get_by_text("Why we ask this").click()
    expect(page.get_by_text("It tells us whether you can keep clean.")).to_be_visible()
    _click(checked_page, "button", "Save and continue")  # nothing chosen: the error state
    summary = page.locator(".govuk-error-summary")
    expect(
        summary.get_by_role("link", name='Select the answer that fits best for "How much help do you need to wash?"')
    ).to_have_attribute("href", "#id_option_0")
    # On a 320-pixel phone, nothing sticks out sideways (WCAG 1.4.10 reflow).
    assert_reflows(page)
    # Easy Read: the questionnaire's Easy Read words, in larger type; then back to the standard wording.
    standard_size = page.get_by_text("I need some help").evaluate("label => getComputedStyle(label).fontSize")
    _click(checked_page, "link", "Show this question in Easy Read")
    easy_label = page.get_by_text("Someone helps me wash some days")
    expect(easy_label).to_be_visible()
    easy_size = easy_label.evaluate("label => getComputedStyle(label).fontSize")
    assert float(easy_size.removesuffix("px")) > float(standard_size.removesuffix("px")), (standard_size, easy_size)
    expect(page.locator(".govuk-caption-l")).to_have_text("Section 1 of 2: Looking after yourself")
    page.get_by_text("Why we ask this").click()
    expect(page.get_by_text("So we know if you can keep clean.")).to_be_visible()
    _click(checked_page, "link", "Show the standard wording")
    page.get_by_label("I need some help").check()
    page.get_by_label("Tell us more (optional)").fill("Mornings are hard")
    _click(checked_page, "button", "Save and continue")
    expect(page.locator(".govuk-caption-l")).to_have_text("Section 2 of 2: Eating and drinking")
    assert Answer.objects.get(assessment=assessment).more_detail == "Mornings are hard"

    # He leaves for another page, then comes back to where he stopped.
    navigate(checked_page, lambda: page.goto(checked_page.base + "/my-account/"))
    _click(checked_page, "link", "Your assessments")
    _click(checked_page, "link", "Continue: A short self-assessment")
    expect(page.locator("main")).to_contain_text("You have answered 1 of 2 questions")
    _click(checked_page, "link", "Continue", exact=True)
    assert _path(page) == f"/my-account/assessments/{assessment.pk}/questions/eating/"
    page.get_by_label("I need reminding").check()
    _click(checked_page, "button", "Save and continue")

    assert _path(page) == f"/my-account/assessments/{assessment.pk}/check/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert_reflows(page)
    expect(page.locator("main")).to_contain_text("Mornings are hard")
    _click(checked_page, "link", "Change the answer to: How much help do you need to wash?")
    page.get_by_label("Someone washes me").check()
    _click(checked_page, "button", "Save and continue")
    assert _path(page) == f"/my-account/assessments/{assessment.pk}/check/"
    _click(checked_page, "button", "Send the assessment")  # no declaration: the error state
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that the answers are true")
    page.get_by_label("I confirm that my answers are true, as far as I know").check()
    _click(checked_page, "button", "Send the assessment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment sent")
    expect(page.locator("main")).to_contain_text("What happens next")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED and assessment.submitted_by == account
    assert Answer.objects.get(assessment=assessment, question__code="washing").option.code == "all"


@pytest.mark.django_db(transaction=True)
def test_a_representative_completes_one_for_the_person_they_act_for(
    checked_page, short_version, sam, make_user, make_person
):
    _, person = sam
    linda = make_user(Role.REPRESENTATIVE, first_name="Linda", last_name="Kowalski")
    relationship_create(
        actor=None,
        person=person,
        related_person=make_person(account=linda, legal_given_name="Linda", legal_family_name="Kowalski"),
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.FAMILY_OR_FRIEND,
        authority_scope=[AuthorityScope.VIEW_ONLINE, AuthorityScope.ASSESSMENT_AND_PLANNING],
        start_date=datetime.date(2025, 1, 1),
    )
    page = _sign_in_resident(checked_page, linda)
    page = _start(checked_page, "Sam Kowalski")
    expect(page.locator(".govuk-caption-l")).to_have_text("For Sam Kowalski")
    _click(checked_page, "link", "Start", exact=True)
    expect(page.locator("main")).to_contain_text("You are answering for Sam Kowalski")
    page.get_by_label("I need some help").check()
    _click(checked_page, "button", "Save and continue")
    page.get_by_label("I eat and drink without help").check()
    _click(checked_page, "button", "Save and continue")
    page.get_by_label("I confirm that these answers are true for Sam Kowalski, as far as I know").check()
    _click(checked_page, "button", "Send the assessment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment sent")
    assessment = SelfAssessment.objects.get(person=person)
    assert assessment.started_by == linda and assessment.submitted_by == linda
    assert set(Answer.objects.filter(assessment=assessment).values_list("answered_by", flat=True)) == {linda.pk}


@pytest.mark.django_db(transaction=True)
def test_a_practitioner_records_eligibility_and_the_person_reads_the_decision(
    checked_page, sign_in_staff, short_version, sam, make_user, team
):
    account, person = sam
    assessment = services.self_assessment_start(actor=account, person=person, version=short_version)
    for code, option in (("washing", "all"), ("eating", "prompting")):
        services.self_assessment_answer(actor=account, assessment=assessment, question_code=code, option_code=option)
    services.self_assessment_submit(actor=account, assessment=assessment, declaration=True)
    chloe = make_user(Role.PRACTITIONER, team=team, first_name="Chloe", last_name="Bennett")

    page = sign_in_staff(chloe)
    checked_page.visit(f"/people/{person.pk}/")
    _click(checked_page, "link", re.compile("^A short self-assessment, started"))
    expect(page.get_by_role("heading", level=1)).to_have_text("A short self-assessment")
    # Chloe works on a phone too: the answers' tables scroll in their own box, the page does not.
    for path in (_path(page), f"/assessments/people/{person.pk}/"):
        checked_page.visit(path)
        assert_reflows(page)
    checked_page.visit(f"/assessments/{assessment.pk}/")
    _click(checked_page, "link", "Decide eligibility")
    expect(page.locator("main")).to_contain_text("What the self-assessment says")
    _click(checked_page, "button", "Record the decision")  # nothing recorded: every gap named
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say whether the needs arise from a physical or mental impairment or illness")
    expect(summary).to_contain_text("Give the reasons for your decision")

    page.locator("#id_condition_1_met_0").check()
    page.get_by_label("Evidence").fill("Learning disability, diagnosed in childhood")
    for row in page.locator("input[id^='id_outcome_'][id$='_unable_1']").all():
        row.check()
    page.locator("#id_outcome_A_HYGIENE_unable_0").check()
    page.locator("#id_outcome_A_HYGIENE_reasons_0").check()
    page.get_by_label("Control over day-to-day life, including care and support").check()
    page.locator("#id_significant_impact_0").check()
    page.get_by_label("Eligible", exact=True).check()
    page.get_by_label("Your reasons").fill("Sam needs prompting to wash every morning, and to eat.")
    _click(checked_page, "button", "Record the decision")  # the test gives "not eligible": say why
    expect(page.locator(".govuk-error-summary")).to_contain_text("explain why you decided otherwise")
    expect(page.locator("#rule-result")).to_contain_text("not eligible")
    assert not EligibilityDetermination.objects.exists()
    page.get_by_label("If your decision differs from the Care Act test, why").fill(
        "His needs fluctuate: on bad weeks he cannot manage his nutrition either."
    )
    _click(checked_page, "button", "Record the decision")
    expect(page.get_by_role("heading", level=1)).to_have_text("Eligibility decision")
    expect(page.locator("main")).to_contain_text("His needs fluctuate")
    recorded = EligibilityDetermination.objects.get()
    assert recorded.eligible and not recorded.rule_eligible and recorded.decided_by == chloe

    page.context.clear_cookies()
    page = _sign_in_resident(checked_page, account)
    _click(checked_page, "link", "Your assessments")
    _click(checked_page, "link", re.compile("^See our decision"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Our decision")
    expect(page.locator("main")).to_contain_text("Your needs are eligible")
    response = page.request.get(checked_page.base + f"/my-account/assessments/{assessment.pk}/decision/letter.pdf")
    assert response.headers["content-type"] == "application/pdf" and response.body().startswith(b"%PDF-")

    # The decision in Easy Read: short sentences in larger type, and its own letter; then back again.
    standard_size = page.locator("main p.govuk-body").first.evaluate("p => getComputedStyle(p).fontSize")
    _click(checked_page, "link", "Read this in Easy Read")
    expect(page.get_by_role("heading", level=1)).to_have_text("Our decision")
    expect(page.locator("main")).to_contain_text("This means we can help you get care and support.")
    expect(page.locator("main")).to_contain_text("What your worker wrote:")
    easy = page.get_by_text("This means we can help you get care and support.")
    easy_size = easy.evaluate("p => getComputedStyle(p).fontSize")
    assert float(easy_size.removesuffix("px")) > float(standard_size.removesuffix("px")), (standard_size, easy_size)
    letter = page.get_by_role("link", name="Download the decision letter in Easy Read (PDF)")
    response = page.request.get(checked_page.base + letter.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf" and response.body().startswith(b"%PDF-")
    assert "eligibility-decision-easy-read-" in response.headers["content-disposition"]
    _click(checked_page, "link", "Read this in standard words")
    expect(page.locator("main")).to_contain_text("Your needs are eligible")
    expect(page.get_by_role("link", name="Read this in Easy Read")).to_be_visible()

    # Chloe decides again. The first letter's link still opens the decision it was about, which says
    # that a newer one replaced it and links to that.
    newer = services.eligibility_determination_record(
        actor=chloe,
        assessment=assessment,
        findings=services.DeterminationInput(
            condition_1_met=True,
            condition_1_evidence="Learning disability, diagnosed in childhood",
            outcomes=tuple(
                services.OutcomeInput(code=code, unable=False, reasons=()) for code in services.outcomes_for("adult")
            ),
            wellbeing_impacts=(),
            significant_impact=False,
            eligible=False,
            reasons="Sam now manages on his own with the new equipment.",
        ),
        shown_determination_id=str(recorded.pk),
    )
    old_link = re.search(r'href="https?://[^/"]+(/my-account/assessments/[^"]+/decision/[^"]+/)"', recorded.letter_html)
    assert old_link and str(recorded.pk) in old_link[1]
    checked_page.visit(old_link[1])
    expect(page.get_by_role("heading", level=1)).to_have_text("Our earlier decision")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("A newer decision replaced this one.")
    expect(page.locator("main")).to_contain_text("Your needs are eligible")
    _click(checked_page, "link", "Read our newest decision")
    assert _path(page) == f"/my-account/assessments/{assessment.pk}/decision/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Our decision")
    expect(page.locator("main")).to_contain_text(newer.reasons)
