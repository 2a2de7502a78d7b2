"""An administrator authors a questionnaire, with axe on every page and every error state.

Ravi Menon, the council's administrator, uploads a questionnaire file with a repeated question code
(refused, the line named, nothing saved), then a good one, which becomes a draft; he gives a
question an Easy Read "why we ask this" and a section an Easy Read title (too long first), and
publishes the version, which can then no longer be changed.
"""

import datetime
from urllib.parse import urlparse

from playwright.sync_api import expect

from firstperson.assessment.models import Question, Questionnaire, QuestionnaireVersion, Section
from firstperson.platform.accounts.roles import Role

from .steps import navigate

GOOD_FILE = b"""format: firstperson-questionnaire/1
questionnaire: {code: authoring-journey, kind: self_assessment, name: Needs at home}
sections:
  - code: personal_care
    title: Personal care
    questions:
      - code: washing
        text: How much help do you need to wash?
        why_we_ask: It tells us whether you can keep clean.
        options:
          - {code: none, text: I wash without help, points: 0}
          - {code: some, text: I need some help, points: 5}
"""

# The same question code twice: the second is on line 13.
REPEATED_CODE_FILE = (
    GOOD_FILE
    + b"""      - code: washing
        text: Do you need help to have a bath?
        options:
          - {code: none, text: I have a bath without help, points: 0}
          - {code: some, text: Someone helps me have a bath, points: 5}
"""
)


def _upload(checked_page, name, content):
    page = checked_page.page
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/yaml", "buffer": content}])
    navigate(checked_page, lambda: page.get_by_role("button", name="Upload").click())
    return page


def test_an_administrator_uploads_changes_and_publishes_a_questionnaire(checked_page, sign_in_staff, make_user):
    ravi = make_user(Role.ADMINISTRATOR, first_name="Ravi", last_name="Menon")
    page = sign_in_staff(ravi)
    page = checked_page.visit("/assessments/questionnaires/")
    navigate(checked_page, lambda: page.get_by_role("link", name="Upload a questionnaire file").click())

    _upload(checked_page, "needs-at-home.yaml", REPEATED_CODE_FILE)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    problems = page.locator("#file-problems li")
    expect(problems).to_have_count(1)
    expect(problems).to_have_text(
        "Line 13: Section 1 (personal_care), question 2 (washing): "
        "the code 'washing' is already used by a question in section personal_care"
    )
    assert not Questionnaire.objects.filter(code="authoring-journey").exists()

    _upload(checked_page, "needs-at-home.yaml", GOOD_FILE)
    version = QuestionnaireVersion.objects.get(questionnaire__code="authoring-journey")
    assert urlparse(page.url).path == f"/assessments/questionnaires/versions/{version.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 1: draft")

    # An Easy Read "why we ask this" for the question.
    navigate(checked_page, lambda: page.get_by_role("link", name="Change the question: How much help").click())
    page.get_by_label("Why we ask this, in Easy Read").fill("So we know if you can keep clean.")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    expect(page.locator("main")).to_contain_text("Why we ask this, in Easy Read")
    expect(page.locator("main")).to_contain_text("So we know if you can keep clean.")

    # An Easy Read title for the section: too long first, then right.
    navigate(checked_page, lambda: page.get_by_role("link", name="Change the Easy Read title of Personal care").click())
    page.get_by_label("Easy Read title").fill("Looking after yourself " * 10)
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    expect(page.locator(".govuk-error-summary")).to_contain_text("The Easy Read title must be 200 characters or fewer")
    assert Section.objects.get(version=version).easy_read_title == ""
    page.get_by_label("Easy Read title").fill("Looking after yourself")
    navigate(checked_page, lambda: page.get_by_role("button", name="Save").click())
    expect(page.locator("main")).to_contain_text("In Easy Read: Looking after yourself")

    # Publishing: a day is needed; then the version can no longer be changed.
    navigate(checked_page, lambda: page.get_by_role("button", name="Publish").click())
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    start = datetime.date.today() + datetime.timedelta(days=7)
    page.get_by_label("Day").fill(str(start.day))
    page.get_by_label("Month").fill(str(start.month))
    page.get_by_label("Year").fill(str(start.year))
    navigate(checked_page, lambda: page.get_by_role("button", name="Publish").click())
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 1: published")
    expect(page.get_by_role("link", name="Change the Easy Read title of Personal care")).to_have_count(0)
    question = Question.objects.get(section__version=version)
    assert question.easy_read_why_we_ask == "So we know if you can keep clean."
