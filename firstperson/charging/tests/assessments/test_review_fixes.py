"""The reviewer's findings on the financial assessment workflow: the contribution history around
1 April, light-touch outcomes, the access log, evidence, lone parents, letters, wording."""

import datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from firstperson.charging import selectors
from firstperson.charging.forms.assessments import SERVICE_CHOICES
from firstperson.charging.models import (
    AssessmentStatus,
    ChargingParameterSet,
    Contribution,
    ContributionReason,
    Evidence,
    FinancialAssessment,
    ScanStatus,
)
from firstperson.charging.panels import contribution_budget_panel, contribution_record_panel
from firstperson.charging.services import assessments as services
from firstperson.charging.services import calculations
from firstperson.charging.services import evidence as evidence_service
from firstperson.charging.services.letters import outcome_letter_html
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .builders import PDF, all_steps_done, confirm_all, fill_worked_example_2, upload

R = "charging-resident"
OCT = datetime.date(2025, 10, 6)
APRIL = datetime.date(2026, 4, 1)


def _completed(officer, person, *, effective_from=OCT):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    fill_worked_example_2(officer, assessment, officer=True)
    services.assessment_update(
        actor=officer, assessment=assessment, values={"weekly_cost_of_care": D("336.00")}, officer=True
    )
    confirm_all(officer, assessment)
    services.assessment_complete(actor=officer, assessment=assessment, effective_from=effective_from)
    assessment.refresh_from_db()
    return assessment


def _uprated_from_april(officer, assessment):
    """What an approved uprating leaves behind: the row in force ends on 31 March and next year's
    row, worked out with next year's figures, starts on 1 April."""
    in_force = Contribution.objects.get(calculation__assessment=assessment, effective_to__isnull=True)
    calculation = calculations.calculate_for_assessment(assessment, as_at=APRIL, user=officer)
    in_force.effective_to = APRIL - datetime.timedelta(days=1)
    in_force.save(update_fields=["effective_to"])
    return Contribution.objects.create(
        person=assessment.person,
        calculation=calculation,
        weekly_amount=calculation.weekly_contribution,
        effective_from=APRIL,
        reason=ContributionReason.UPRATING,
        created_by=officer,
    )


def _reassessment_without_attendance_allowance(officer, first):
    second = services.reassessment_start(actor=officer, assessment=first, reason="Her Attendance Allowance stopped.")
    services.item_remove(actor=officer, item=second.income.get(code="attendance_allowance_higher"), officer=True)
    confirm_all(officer, second)
    return second


# --- 1. the contribution history around 1 April -------------------------------------------------


def test_the_current_contribution_is_the_one_in_force_today_not_next_years(parameters, officer, person):
    first = _completed(officer, person)
    april = _uprated_from_april(officer, first)
    march = datetime.date(2026, 3, 15)
    current = selectors.contribution_current(person=person, today=march)
    assert current is not None and current.effective_from == OCT
    assert selectors.contribution_next(person=person, today=march) == april
    assert selectors.contribution_current(person=person, today=APRIL) == april
    assert selectors.contribution_next(person=person, today=APRIL) is None
    assert selectors.contribution_current(person=person, today=datetime.date(2025, 10, 5)) is None


def test_a_reassessment_before_an_uprated_april_row_replaces_that_row(parameters, officer, person):
    first = _completed(officer, person)
    april = _uprated_from_april(officer, first)
    second = _reassessment_without_attendance_allowance(officer, first)
    january = datetime.date(2026, 1, 5)
    new = services.assessment_complete(actor=officer, assessment=second, effective_from=january)
    rows = list(Contribution.objects.filter(person=person).order_by("effective_from"))
    assert [(r.effective_from, r.effective_to, r.weekly_amount) for r in rows] == [
        (OCT, datetime.date(2026, 1, 4), D("100.55")),
        (january, datetime.date(2026, 3, 31), D("26.65")),
        (APRIL, None, D("26.65")),  # the new answers with 2026-27 figures (the same figures in these tests)
    ]
    assert new == rows[1] and rows[2].calculation.assessment_id == second.pk
    assert not Contribution.objects.filter(pk=april.pk).exists()
    event = AuditEvent.objects.get(verb=AuditVerb.FINANCIAL_ASSESSMENT_COMPLETED, object_id=str(second.pk))
    assert event.payload["replaced_later_contributions"][0]["contribution"] == str(april.pk)
    assert event.payload["replaced_later_contributions"][0]["weekly_amount"] == "100.55"


def test_a_reassessment_after_1_april_ends_the_april_row(parameters, officer, person):
    first = _completed(officer, person)
    april = _uprated_from_april(officer, first)
    second = _reassessment_without_attendance_allowance(officer, first)
    services.assessment_complete(actor=officer, assessment=second, effective_from=datetime.date(2026, 4, 13))
    april.refresh_from_db()
    assert april.effective_to == datetime.date(2026, 4, 12)
    assert Contribution.objects.filter(person=person).count() == 3


def test_a_reassessment_cannot_start_on_or_before_the_row_in_force_then(parameters, officer, person):
    first = _completed(officer, person)
    second = _reassessment_without_attendance_allowance(officer, first)
    with pytest.raises(services.FinancialAssessmentError, match="must start after the one in force then"):
        services.assessment_complete(actor=officer, assessment=second, effective_from=OCT)


def test_the_pages_show_a_row_starting_later(parameters, officer, person, resident, sign_in_client):
    first = _completed(officer, person)
    later = timezone.localdate() + datetime.timedelta(days=1)
    in_force = Contribution.objects.get(calculation__assessment=first)
    calculation = calculations.calculate_for_assessment(
        first, as_at=later, user=officer, parameter_set=ChargingParameterSet.objects.order_by("-year_start").first()
    )
    in_force.effective_to = later - datetime.timedelta(days=1)
    in_force.save(update_fields=["effective_to"])
    Contribution.objects.create(
        person=person, calculation=calculation, weekly_amount=D("101.00"), effective_from=later,
        reason=ContributionReason.UPRATING, created_by=officer,
    )  # fmt: skip
    second = _reassessment_without_attendance_allowance(officer, first)
    page = sign_in_client(officer).get(reverse("charging:assessment-complete", args=[second.pk])).content.decode()
    assert f"already set from {later:%-d %B %Y}" in page
    assert selectors.contribution_current(person=person) == in_force
    panel = contribution_budget_panel(resident, person)
    assert panel.weekly_deduction == D("100.55") and panel.context["next"].weekly_amount == D("101.00")
    record = contribution_record_panel(officer, person)
    assert any(f"From {later:%-d %B %Y} will pay £101.00 a week" in item["text"] for item in record.context["items"])


# --- 2. light-touch outcomes need consent and a reason -------------------------------------------


@pytest.mark.parametrize("kind", ["declined", "light_touch_below", "light_touch_above"])
def test_an_officer_choosing_a_light_touch_outcome_needs_consent_and_a_reason(parameters, officer, person, kind):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    with pytest.raises(services.FinancialAssessmentError) as error:
        services.assessment_update(actor=officer, assessment=assessment, values={"kind": kind}, officer=True)
    assert error.value.field == "outcome_consent"
    with pytest.raises(services.FinancialAssessmentError) as error:
        services.assessment_update(
            actor=officer, assessment=assessment, values={"kind": kind}, officer=True, outcome_consent=True
        )
    assert error.value.field == "outcome_reason"
    assessment.refresh_from_db()
    assert assessment.kind == "full"
    services.assessment_update(
        actor=officer,
        assessment=assessment,
        values={"kind": kind},
        officer=True,
        outcome_consent=True,
        outcome_reason="Told me on the phone on 3 March.",
    )
    event = AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_CHANGED).latest("sequence")
    assert event.payload["consent"] is True and event.payload["consent_reason"] == "Told me on the phone on 3 March."
    assert event.payload["outcome"] == kind
    # Saving other details later does not ask again.
    services.assessment_update(
        actor=officer, assessment=assessment, values={"kind": kind, "household": "couple"}, officer=True
    )


def test_the_officer_form_asks_for_consent_on_the_page(parameters, officer, person, sign_in_client):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    client = sign_in_client(officer)
    url = reverse("charging:assessment-details", args=[assessment.pk])
    data = {"kind": "declined", "household": "single", "dependent_children": "0", "housing_costs_amount": "0",
            "housing_costs_period": "weekly", "service": "homecare"}  # fmt: skip
    body = client.post(url, data).content.decode()
    assert "<title>Error: " in body
    assert "Confirm that the person declined a financial assessment" in body
    assert "Say why, and what the person said" in body
    light = client.post(url, {**data, "kind": "light_touch_above", "outcome_reason": "Owns three houses."})
    assert "Confirm that the person consented" in light.content.decode()
    ok = client.post(url, {**data, "declined_confirmed": "on", "outcome_reason": "Does not want to say."})
    assert ok.status_code == 302
    assessment.refresh_from_db()
    assert assessment.kind == "declined"


def test_the_officer_form_has_plain_messages_and_service_names(parameters, officer, person, sign_in_client):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    body = (
        sign_in_client(officer).post(reverse("charging:assessment-details", args=[assessment.pk]), {}).content.decode()
    )
    assert "Select the kind of assessment" in body and "Enter how many dependent children, or 0" in body
    assert "This field is required" not in body
    labels = dict(SERVICE_CHOICES)
    assert labels["cjd"] == "Care for Creutzfeldt-Jakob disease (free)"
    assert labels["s117_aftercare"] == "After-care under section 117 of the Mental Health Act (free)"


# --- 3. every look is in the access log ---------------------------------------------------------


def _viewed(person) -> int:
    return AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED, person_id=person.pk).count()


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("overview", []),
        ("step", ["household"]),
        ("capital", []),
        ("income", []),
        ("evidence", []),
        ("check", []),
        ("item-remove", ["item"]),
    ],  # fmt: skip
)
def test_each_resident_page_showing_the_assessment_is_logged_once(
    online, resident, person, sign_in_client, name, extra
):
    fill_worked_example_2(resident, online)
    args = [online.pk, *(str(online.income.first().pk) if e == "item" else e for e in extra)]
    before = _viewed(person)
    response = sign_in_client(resident).get(reverse(f"{R}:{name}", args=args))
    assert response.status_code == 200
    assert _viewed(person) == before + 1


@pytest.mark.parametrize("name", ["assessment-detail", "assessment-details", "assessment-item-check",
                                  "assessment-complete", "assessment-item-remove"])  # fmt: skip
def test_each_officer_page_showing_the_assessment_is_logged_once(parameters, officer, person, sign_in_client, name):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    fill_worked_example_2(officer, assessment, officer=True)
    args = [assessment.pk] + ([assessment.income.first().pk] if "item" in name else [])
    before = _viewed(person)
    assert sign_in_client(officer).get(reverse(f"charging:{name}", args=args)).status_code == 200
    assert _viewed(person) == before + 1


# --- 4. evidence --------------------------------------------------------------------------------


def _stored_files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def test_a_file_not_scanned_clean_is_never_handed_out_or_offered(online, resident, officer, sign_in_client):
    evidence = evidence_service.evidence_add(actor=resident, assessment=online, uploaded_file=upload())
    Evidence.objects.filter(pk=evidence.pk).update(scan_status=ScanStatus.PENDING)
    url = reverse(f"{R}:evidence-download", args=[online.pk, evidence.pk])
    assert sign_in_client(resident).get(url).status_code == 404
    officer_url = reverse("charging:assessment-evidence", args=[online.pk, evidence.pk])
    assert sign_in_client(officer).get(officer_url).status_code == 404
    fill_worked_example_2(resident, online)
    evidence.refresh_from_db()
    with pytest.raises(services.FinancialAssessmentError) as error:
        services.item_check(actor=officer, item=online.income.first(), status="confirmed", evidence=evidence)
    assert error.value.field == "evidence"


def scanner_that_breaks(uploaded_file):
    raise ConnectionError("the scanning service is down")


@override_settings(
    CHARGING_EVIDENCE_SCANNER="firstperson.charging.tests.assessments.test_review_fixes.scanner_that_breaks"
)
def test_a_scanner_that_fails_is_a_plain_refusal(online, resident, sign_in_client):
    with pytest.raises(evidence_service.EvidenceRefused, match="could not check this file"):
        evidence_service.evidence_add(actor=resident, assessment=online, uploaded_file=upload())
    response = sign_in_client(resident).post(
        reverse(f"{R}:evidence", args=[online.pk]), {"upload": "1", "file": upload()}
    )
    assert response.status_code == 200 and "could not check this file" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_is_deleted_again_if_its_record_cannot_be_saved(online, resident, monkeypatch):
    before = _stored_files()

    def audit_fails(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(evidence_service, "audit_record", audit_fails)
    with pytest.raises(RuntimeError):
        evidence_service.evidence_add(actor=resident, assessment=online, uploaded_file=upload())
    assert not Evidence.objects.exists()
    assert _stored_files() == before


@override_settings(CHARGING_EVIDENCE_MAX_BYTES=1024)
def test_a_request_too_big_for_any_upload_is_refused_early(online, resident, sign_in_client):
    response = sign_in_client(resident).post(
        reverse(f"{R}:evidence", args=[online.pk]), {"upload": "1", "file": upload(PDF + b"x" * 100_000)}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "must be smaller than 1 KB" in body and "<title>Error: " in body
    assert not Evidence.objects.exists()


def test_a_resident_can_add_evidence_after_sending(online, resident, sign_in_client):
    online = all_steps_done(resident, online)
    services.assessment_submit(actor=resident, assessment=online, declaration=True)
    client = sign_in_client(resident)
    url = reverse(f"{R}:evidence", args=[online.pk])
    page = client.get(url)
    assert page.status_code == 200 and "If a finance officer asked" in page.content.decode()
    assert client.post(url, {"upload": "1", "file": upload()}).status_code == 302
    assert Evidence.objects.filter(assessment=online).count() == 1
    assert client.post(url, {"done": "1"})["Location"] == reverse(f"{R}:sent", args=[online.pk])
    online.refresh_from_db()
    assert online.status == AssessmentStatus.SUBMITTED


# --- 5. a lone parent has children ----------------------------------------------------------------


def test_a_lone_parent_with_no_children_cannot_send_or_be_completed(online, resident, officer, sign_in_client):
    services.assessment_update(actor=resident, assessment=online, values={"household": "lone_parent"})
    online = all_steps_done(resident, online)
    with pytest.raises(services.FinancialAssessmentError, match="enter how many"):
        services.assessment_submit(actor=resident, assessment=online, declaration=True)
    response = sign_in_client(resident).post(
        reverse(f"{R}:step", args=[online.pk, "children"]), {"dependent_children": "0"}
    )
    assert "You said you live with your children: enter how many" in response.content.decode()
    FinancialAssessment.objects.filter(pk=online.pk).update(started_via="officer")
    services.assessment_update(actor=officer, assessment=online, values={"weekly_cost_of_care": D("100")}, officer=True)
    with pytest.raises(services.FinancialAssessmentError, match="enter how many"):
        services.assessment_complete(actor=officer, assessment=online, effective_from=OCT)
    assert not Contribution.objects.exists()
    form_page = sign_in_client(officer).post(
        reverse("charging:assessment-details", args=[online.pk]),
        {"kind": "full", "household": "lone_parent", "dependent_children": "0", "housing_costs_amount": "0",
         "housing_costs_period": "weekly", "service": "homecare"},
    )  # fmt: skip
    assert "The person lives with their children: enter how many" in form_page.content.decode()


# --- 6. one assessment in progress -----------------------------------------------------------------


def test_starting_twice_gives_one_assessment_and_a_second_reassessment_is_refused(parameters, officer, person):
    first = _completed(officer, person)
    services.reassessment_start(actor=officer, assessment=first, reason="Her pension went up in May.")
    with pytest.raises(services.FinancialAssessmentError, match="already open"):
        services.reassessment_start(actor=officer, assessment=first, reason="Her pension went up in May.")
    again = services.assessment_start(actor=officer, person=person, via="officer")
    assert FinancialAssessment.objects.filter(person=person, status=AssessmentStatus.IN_PROGRESS).count() == 1
    assert again.replaces_id == first.pk


# --- 7. letters -------------------------------------------------------------------------------------


def test_a_letter_is_issued_again_only_when_asked_with_a_reason(parameters, officer, person):
    assessment = _completed(officer, person)
    contribution = Contribution.objects.get(calculation__assessment=assessment)
    services.letter_issue(actor=officer, contribution=contribution)
    with pytest.raises(services.FinancialAssessmentError, match="already issued"):
        services.letter_issue(actor=officer, contribution=contribution)
    with pytest.raises(services.FinancialAssessmentError) as error:
        services.letter_issue(actor=officer, contribution=contribution, again=True, reason="")
    assert error.value.field == "reason"
    services.letter_issue(actor=officer, contribution=contribution, again=True, reason="Sent to her old address.")
    events = AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED).order_by("sequence")
    assert [e.payload["again"] for e in events] == [False, True]
    assert events.last().payload["reason"] == "Sent to her old address."


def test_no_letter_for_a_superseded_assessment(parameters, officer, person, sign_in_client):
    first = _completed(officer, person)
    second = _reassessment_without_attendance_allowance(officer, first)
    services.assessment_complete(actor=officer, assessment=second, effective_from=datetime.date(2026, 1, 5))
    old = Contribution.objects.get(calculation__assessment=first)
    with pytest.raises(services.FinancialAssessmentError, match="replaced by a newer one"):
        services.letter_issue(actor=officer, contribution=old)
    response = sign_in_client(officer).post(reverse("charging:assessment-letter-issue", args=[first.pk]))
    assert response.status_code == 200 and "replaced by a newer one" in response.content.decode()
    old.refresh_from_db()
    assert old.letter_issued_at is None


@override_settings(COUNCIL_PHONE="01632 960 123")
def test_the_letter_uses_the_councils_phone_and_the_years_figures(parameters, officer, person):
    assessment = _completed(officer, person)
    html = outcome_letter_html(Contribution.objects.get(calculation__assessment=assessment))
    assert "01632 960 123" in html and "0300 000 0000" not in html
    assert "with the 2025-26 figures" in html
    assert "Thank you for telling us about your money" in html


def test_the_letter_does_not_thank_someone_who_declined(parameters, officer, person):
    assessment = services.assessment_start(actor=officer, person=person, via="officer")
    services.assessment_update(
        actor=officer,
        assessment=assessment,
        values={"kind": "declined", "weekly_cost_of_care": D("336")},
        officer=True,
        outcome_consent=True,
        outcome_reason="She does not want to tell us.",
    )
    contribution = services.assessment_complete(actor=officer, assessment=assessment, effective_from=OCT)
    html = outcome_letter_html(contribution)
    assert "Thank you" not in html and "did not want to tell us about your money" in html


# --- 8. wording ---------------------------------------------------------------------------------


def test_a_representative_is_asked_about_the_person_by_name(online, money_representative, person, sign_in_client):
    page = sign_in_client(money_representative).get(reverse(f"{R}:step", args=[online.pk, "household"]))
    assert f"Who does {person.known_as} live with?" in page.content.decode()


def test_the_amount_is_asked_on_its_own_page_only_for_itemised_costs(online, resident, sign_in_client):
    client = sign_in_client(resident)
    url = reverse(f"{R}:step", args=[online.pk, "disability-costs"])
    first = client.get(url).content.decode()
    assert "Yes, use the standard allowance" in first and 'name="dre_weekly"' not in first
    assert "Select whether to use the standard allowance" in client.post(url, {}).content.decode()
    response = client.post(url, {"dre_choice": "itemised"})
    amount_url = reverse(f"{R}:step", args=[online.pk, "disability-costs-amount"])
    assert response["Location"] == amount_url
    online.refresh_from_db()
    assert "disability-costs" not in online.completed_steps  # nothing saved until the amount is given
    body = client.post(amount_url, {"dre_weekly": ""}).content.decode()
    assert "<title>Error: " in body and "Enter how much your extra costs come to each week" in body
    assert client.post(amount_url, {"dre_weekly": "21.00", "dre_details": "Alarm"}).status_code == 302
    online.refresh_from_db()
    assert online.dre_itemised and online.dre_weekly == D("21.00") and "disability-costs" in online.completed_steps
    assert client.post(url, {"dre_choice": "standard"}).status_code == 302
    online.refresh_from_db()
    assert not online.dre_itemised and online.dre_weekly is None
