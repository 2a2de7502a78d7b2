"""The online form and the officers' pages through the test client: permissions, the journey,
the estimate, completion, the letter and the panels."""

import datetime
import re
import shutil
import subprocess
from decimal import Decimal as D

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from firstperson.charging.models import Contribution, Evidence, FinancialAssessment
from firstperson.charging.panels import contribution_budget_panel, contribution_record_panel
from firstperson.charging.services import assessments as services
from firstperson.charging.services.letters import outcome_letter_html
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .builders import PDF, fill_worked_example_2, upload

R = "charging-resident"
HOUSING = "Housing costs, after any Housing Benefit and Council Tax Reduction"


def _words(html: str) -> str:
    """The page's text, tags taken out: a line of a table reads "what amount"."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _go_through_the_form(client, assessment):
    def post(step, data):
        return client.post(reverse(f"{R}:step", args=[assessment.pk, step]), data)

    assert post("full-assessment", {"kind": "full"}).status_code == 302
    assert post("household", {"household": "single"}).status_code == 302
    assert post("children", {"dependent_children": "0"}).status_code == 302
    assert post("premiums", {"premiums": ["none"]}).status_code == 302
    client.post(
        reverse(f"{R}:capital-add", args=[assessment.pk]),
        {"type": "savings", "value": "£18,300", "share_percent": "100"},
    )
    client.post(reverse(f"{R}:capital", args=[assessment.pk]), {"add_another": "no"})
    for code, amount in (
        ("state_pension", "230.25"),
        ("occupational_pension", "60"),
        ("attendance_allowance_higher", "110.40"),
    ):
        client.post(
            reverse(f"{R}:income-add", args=[assessment.pk]), {"code": code, "amount": amount, "period": "weekly"}
        )
    client.post(reverse(f"{R}:income", args=[assessment.pk]), {"add_another": "no"})
    assert post("housing", {"housing_costs_amount": "28", "housing_costs_period": "weekly"}).status_code == 302
    assert post("disability-costs", {"dre_choice": "standard"}).status_code == 302
    client.post(reverse(f"{R}:evidence", args=[assessment.pk]), {"upload": "1", "file": upload()})
    client.post(reverse(f"{R}:evidence", args=[assessment.pk]), {"done": "1"})


def test_a_resident_fills_it_in_sends_it_and_sees_the_estimate(online, resident, person, sign_in_client):
    online.weekly_cost_of_care = D("336.00")
    online.save()
    client = sign_in_client(resident)
    _go_through_the_form(client, online)
    assert Evidence.objects.filter(assessment=online).count() == 1
    check = client.get(reverse(f"{R}:check", args=[online.pk])).content.decode()
    assert "Not answered" not in check and "£18,300.00" in check
    refused = client.post(reverse(f"{R}:check", args=[online.pk]), {})
    assert "Confirm that what you have told us is true" in refused.content.decode()
    response = client.post(reverse(f"{R}:check", args=[online.pk]), {"declaration": "on"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "This is an estimate, not a decision" in page
    assert "£100.55 a week" in page  # worked with "today's" figures (the same as 2025-26 in these tests)
    # Money taken off reads "minus", never a sign a reader can miss.
    assert f"{HOUSING} minus £28.00" in _words(page) and "-£" not in page


def test_a_bad_upload_shows_the_error_and_saves_nothing(online, resident, sign_in_client):
    client = sign_in_client(resident)
    response = client.post(
        reverse(f"{R}:evidence", args=[online.pk]), {"upload": "1", "file": upload(b"GIF89a...", "photo.pdf")}
    )
    assert response.status_code == 200
    assert "The selected file must be a PDF, JPG or PNG" in response.content.decode()
    assert not Evidence.objects.exists()


def test_bad_money_is_an_error_on_the_page(online, resident, sign_in_client):
    client = sign_in_client(resident)
    response = client.post(reverse(f"{R}:step", args=[online.pk, "housing"]), {"housing_costs_amount": "12.345"})
    body = response.content.decode()
    assert "govuk-error-summary" in body and "no more than 2 numbers after the point" in body


def test_a_representative_for_money_may_fill_it_in_and_others_get_404(
    online, money_representative, make_user, sign_in_client
):
    assert sign_in_client(money_representative).get(reverse(f"{R}:overview", args=[online.pk])).status_code == 200
    other = make_user(Role.RESIDENT)
    for name in ("overview", "check", "evidence"):
        assert sign_in_client(other).get(reverse(f"{R}:{name}", args=[online.pk])).status_code == 404
    practitioner = make_user(Role.PRACTITIONER, team=online.person.allocated_team)
    assert sign_in_client(practitioner).get(reverse("charging:assessment-detail", args=[online.pk])).status_code == 404


def test_evidence_downloads_only_for_those_who_may_see_it(online, resident, make_user, sign_in_client):
    from firstperson.charging.services.evidence import evidence_add

    evidence = evidence_add(actor=resident, assessment=online, uploaded_file=upload())
    url = reverse(f"{R}:evidence-download", args=[online.pk, evidence.pk])
    response = sign_in_client(resident).get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert sign_in_client(make_user(Role.RESIDENT)).get(url).status_code == 404


def test_an_officer_checks_completes_and_issues_the_letter(online, resident, officer, person, sign_in_client):
    fill_worked_example_2(resident, online)
    for step in services.STEPS:
        services.step_done(actor=resident, assessment=online, step=step)
    services.assessment_submit(
        actor=resident, assessment=FinancialAssessment.objects.get(pk=online.pk), declaration=True
    )
    client = sign_in_client(officer)
    queue = client.get(reverse("charging:assessment-queue")).content.decode()
    assert person.full_name in queue
    detail = reverse("charging:assessment-detail", args=[online.pk])
    assert client.get(detail).status_code == 200
    assert AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED, person_id=person.pk).exists()
    details = dict.fromkeys(("dre_weekly", "dre_details"), "")
    details.update(kind="full", household="single", dependent_children="0", housing_costs_amount="28.00",
                   housing_costs_period="weekly", service="homecare", weekly_cost_of_care="336.00")  # fmt: skip
    assert client.post(reverse("charging:assessment-details", args=[online.pk]), details).status_code == 302
    for item in [*online.capital.all(), *online.income.all()]:
        url = reverse("charging:assessment-item-check", args=[online.pk, item.pk])
        assert client.post(url, {"status": "confirmed", "note": ""}).status_code == 302
    complete = reverse("charging:assessment-complete", args=[online.pk])
    response = client.post(complete, {"effective_from_0": "6", "effective_from_1": "10", "effective_from_2": "2025"})
    assert response.status_code == 302, response.content.decode()
    contribution = Contribution.objects.get(person=person)
    assert contribution.weekly_amount == D("100.55")
    client.post(reverse("charging:assessment-letter-issue", args=[online.pk]))
    contribution.refresh_from_db()
    assert contribution.letter_issued_at is not None
    pdf = client.get(reverse("charging:assessment-letter", args=[online.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
        ).stdout.decode()
        assert "£100.55 a week" in re.sub(r"\s+", " ", text)
        # A newly issued letter reads money taken off as "minus", as the resident's pages do.
        assert "minus £28.00" in text and "-£" not in text
    letter = _words(outcome_letter_html(contribution))
    assert f"{HOUSING} minus £28.00" in letter and "-£" not in letter
    # The resident sees the outcome, the letter and their history.
    explanation = sign_in_client(resident).get(reverse(f"{R}:explanation", args=[online.pk])).content.decode()
    assert "£100.55 a week" in explanation and "6 October 2025" in explanation
    assert f"{HOUSING} minus £28.00" in _words(explanation) and "-£" not in explanation
    # The officer's page keeps the sign.
    assert f"{HOUSING} -£28.00" in _words(client.get(detail).content.decode())
    assert sign_in_client(resident).get(reverse(f"{R}:letter", args=[online.pk])).status_code == 200
    # The panels: the staff record page and the budget page.
    record = contribution_record_panel(officer, person)
    assert "Pays £100.55 a week" in record.context["items"][0]["text"]
    budget = contribution_budget_panel(resident, person)
    assert budget.weekly_deduction == D("100.55") and budget.explanation_url
    assert contribution_budget_panel(officer, person) is None


def test_completion_with_an_unconfirmed_item_is_an_error_on_the_page(parameters, officer, person, sign_in_client):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    fill_worked_example_2(officer, assessment, officer=True)
    services.assessment_update(
        actor=officer, assessment=assessment, values={"weekly_cost_of_care": D("336")}, officer=True
    )
    response = sign_in_client(officer).post(
        reverse("charging:assessment-complete", args=[assessment.pk]),
        {"effective_from_0": "6", "effective_from_1": "10", "effective_from_2": "2025"},
    )
    assert response.status_code == 200
    assert "Confirm every item against its evidence first" in response.content.decode()
    assert not Contribution.objects.exists()


def test_others_records_are_404_for_an_officer_until_opened(
    parameters, officer, make_person, other_team, sign_in_client
):
    stranger = make_person(team=other_team, date_of_birth=datetime.date(1950, 1, 1))
    client = sign_in_client(officer)
    assert client.get(reverse("charging:assessment-person", args=[stranger.pk])).status_code == 404
    assert client.post(reverse("charging:assessment-start", args=[stranger.pk])).status_code == 404
    assert not FinancialAssessment.objects.exists()


def test_the_budget_page_says_where_the_financial_assessment_is_before_any_contribution(
    parameters, resident, person, money_representative
):
    """Margaret, reading Ted's budget after sending his financial assessment, must not be asked to
    "do a financial assessment" again: the panel says it was sent and is being checked."""

    def panel_text(user):
        """The panel's title, and its words as the budget page draws them for this reader."""
        panel = contribution_budget_panel(user, person)
        drawn = render_to_string(panel.template_name, {"panel": panel, "is_own": person.account_id == user.pk})
        return panel.title, re.sub(r"\s+", " ", drawn)

    title, page = panel_text(resident)
    assert title == "What you pay towards your care"
    assert "Do a financial assessment online" in page
    online = services.assessment_start(actor=money_representative, person=person, via="online")
    title, page = panel_text(money_representative)
    assert title == f"What {person.known_as} pays towards their care"
    assert "Their financial assessment has been started but not sent yet." in page
    assert "Carry on with the financial assessment" in page and "Do a financial assessment online" not in page
    fill_worked_example_2(money_representative, online)
    for step in services.STEPS:
        services.step_done(actor=money_representative, assessment=online, step=step)
    services.assessment_submit(
        actor=money_representative, assessment=FinancialAssessment.objects.get(pk=online.pk), declaration=True
    )
    sent = timezone.localdate(FinancialAssessment.objects.get(pk=online.pk).submitted_at)
    _, page = panel_text(money_representative)
    assert (
        f"Their financial assessment was sent to us on {sent:%-d %B %Y}. We are checking it, "
        "and will write to tell them what they pay." in page
    )
    assert "Do a financial assessment online" not in page and "Carry on with" not in page
    _, page = panel_text(resident)
    assert "Your financial assessment was sent to us" in page and "tell you what you pay" in page
