"""Every outcome letter is kept as issued, one row each: a download later gives the letter the person
was sent, even after the template's wording changes, and issuing again keeps the letter before it.
Letters issued before letters were kept are drawn from the record, as before."""

import datetime
import hashlib
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from firstperson.charging.models import Contribution, ContributionLetter, LetterKeptError
from firstperson.charging.services import assessments as services
from firstperson.charging.services import letters
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .test_review_fixes import _completed, _reassessment_without_attendance_allowance, _uprated_from_april

R = "charging-resident"
NEW_WORDING = (
    "<!DOCTYPE html><html lang='en'><head><title>Letter</title></head><body><p>Reworded since.</p></body></html>"
)

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")


def _text(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", text)


def _reword_the_template(monkeypatch):
    """As if the template's wording changed after the letter was issued."""
    monkeypatch.setattr(letters, "render_to_string", lambda *args, **kwargs: NEW_WORDING)


def test_issuing_keeps_the_letter_and_its_fingerprint_in_the_audit(parameters, officer, person):
    contribution = Contribution.objects.get(calculation__assessment=_completed(officer, person))
    services.letter_issue(actor=officer, contribution=contribution)
    contribution.refresh_from_db()
    letter = ContributionLetter.objects.get(contribution=contribution)
    assert letter.html.startswith("<!DOCTYPE html>")
    assert "£100.55" in letter.html
    assert letter.sha256 == hashlib.sha256(letter.html.encode()).hexdigest()
    assert letter.issued_at == contribution.letter_issued_at and letter.issued_by == officer
    assert not letter.again and letter.reason == ""
    event = AuditEvent.objects.get(verb=AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED)
    assert event.payload["letter_sha256"] == letter.sha256
    assert event.payload["letter"] == str(letter.pk)


@needs_pdftotext
def test_a_download_gives_the_letter_as_issued_after_the_wording_changes(
    parameters, officer, person, resident, sign_in_client, monkeypatch
):
    assessment = _completed(officer, person)
    contribution = Contribution.objects.get(calculation__assessment=assessment)
    services.letter_issue(actor=officer, contribution=contribution)
    _reword_the_template(monkeypatch)
    for client, url in (
        (sign_in_client(resident), reverse(f"{R}:letter", args=[assessment.pk])),
        (sign_in_client(officer), reverse("charging:assessment-letter", args=[assessment.pk])),
    ):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = _text(response.content)
        assert "£100.55 a week" in text and "Reworded since" not in text


@needs_pdftotext
def test_a_letter_issued_before_letters_were_kept_is_drawn_from_the_record(
    parameters, officer, person, resident, sign_in_client, monkeypatch
):
    assessment = _completed(officer, person)
    contribution = Contribution.objects.get(calculation__assessment=assessment)
    # Issued before letters were kept: only the time was recorded.
    Contribution.objects.filter(pk=contribution.pk).update(letter_issued_at=timezone.now())
    response = sign_in_client(resident).get(reverse(f"{R}:letter", args=[assessment.pk]))
    assert response.status_code == 200 and "£100.55 a week" in _text(response.content)
    _reword_the_template(monkeypatch)
    response = sign_in_client(resident).get(reverse(f"{R}:letter", args=[assessment.pk]))
    assert response.status_code == 200 and "Reworded since" in _text(response.content)


def test_issuing_again_keeps_both_letters_each_as_it_was_sent(parameters, officer, person, monkeypatch, make_user):
    contribution = Contribution.objects.get(calculation__assessment=_completed(officer, person))
    services.letter_issue(actor=officer, contribution=contribution)
    first = ContributionLetter.objects.get(contribution=contribution)
    first_html, first_sha256, first_issued_at = first.html, first.sha256, first.issued_at
    _reword_the_template(monkeypatch)
    colleague = make_user(Role.FINANCE_OFFICER)
    services.letter_issue(actor=colleague, contribution=contribution, again=True, reason="Sent to her old address.")
    older, newer = ContributionLetter.objects.filter(contribution=contribution).order_by("issued_at")
    # The first letter is as it was sent, though the wording changed before the second.
    assert older.pk == first.pk
    assert (older.html, older.sha256, older.issued_at) == (first_html, first_sha256, first_issued_at)
    assert "£100.55" in older.html and older.issued_by == officer and not older.again
    assert newer.html == NEW_WORDING and newer.sha256 == hashlib.sha256(NEW_WORDING.encode()).hexdigest()
    assert newer.again and newer.reason == "Sent to her old address." and newer.issued_by == colleague
    contribution.refresh_from_db()
    assert contribution.letter_issued_at == newer.issued_at > older.issued_at
    assert letters.outcome_letter_html(contribution) == NEW_WORDING
    events = AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED).order_by("sequence")
    assert [e.payload["letter_sha256"] for e in events] == [older.sha256, newer.sha256]
    assert [e.payload["again"] for e in events] == [False, True]


def test_an_issued_letter_cannot_be_changed_or_removed(parameters, officer, person):
    contribution = Contribution.objects.get(calculation__assessment=_completed(officer, person))
    services.letter_issue(actor=officer, contribution=contribution)
    letter = ContributionLetter.objects.get(contribution=contribution)
    letter.html = NEW_WORDING
    with pytest.raises(LetterKeptError):
        letter.save()
    with pytest.raises(LetterKeptError):
        letter.delete()
    assert ContributionLetter.objects.get(pk=letter.pk).html != NEW_WORDING


def test_a_letter_for_a_contribution_a_reassessment_replaces_is_kept_with_its_assessment(
    parameters, officer, person, sign_in_client
):
    """Next April's uprated row, whose letter went out, is replaced by a reassessment from January:
    the row goes, its letter stays, listed and downloadable on the assessment it was issued for."""
    first = _completed(officer, person)
    april = _uprated_from_april(officer, first)
    services.letter_issue(actor=officer, contribution=april)
    sent = ContributionLetter.objects.get(contribution=april)
    second = _reassessment_without_attendance_allowance(officer, first)
    services.assessment_complete(actor=officer, assessment=second, effective_from=datetime.date(2026, 1, 5))
    assert not Contribution.objects.filter(pk=april.pk).exists()
    kept = ContributionLetter.objects.get(pk=sent.pk)
    assert (kept.contribution_id, kept.assessment_id) == (None, first.pk)
    assert (kept.html, kept.sha256) == (sent.html, sent.sha256)
    assert kept.contribution_from == datetime.date(2026, 4, 1)
    page = sign_in_client(officer).get(reverse("charging:assessment-detail", args=[first.pk])).content.decode()
    assert "For the contribution from 1 April 2026, since replaced by a later assessment" in page
    download = reverse("charging:assessment-issued-letter", args=[first.pk, kept.pk])
    assert download in page
    assert sign_in_client(officer).get(download).status_code == 200
    # Not listed on the reassessment, whose contributions it did not tell of.
    assert kept not in ContributionLetter.objects.filter(assessment=second)


def test_nothing_is_saved_if_issuing_fails(parameters, officer, person, monkeypatch):
    contribution = Contribution.objects.get(calculation__assessment=_completed(officer, person))

    def audit_fails(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services, "_audit", audit_fails)
    with pytest.raises(RuntimeError):
        services.letter_issue(actor=officer, contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.letter_issued_at is None
    assert not ContributionLetter.objects.exists()


def test_nothing_is_saved_if_issuing_again_fails(parameters, officer, person, monkeypatch):
    contribution = Contribution.objects.get(calculation__assessment=_completed(officer, person))
    services.letter_issue(actor=officer, contribution=contribution)
    contribution.refresh_from_db()
    first_issued_at = contribution.letter_issued_at

    def audit_fails(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services, "_audit", audit_fails)
    with pytest.raises(RuntimeError):
        services.letter_issue(actor=officer, contribution=contribution, again=True, reason="Sent to her old address.")
    contribution.refresh_from_db()
    assert contribution.letter_issued_at == first_issued_at
    assert ContributionLetter.objects.filter(contribution=contribution).count() == 1


def test_someone_elses_letter_is_404(parameters, officer, person, resident, make_user, sign_in_client):
    assessment = _completed(officer, person)
    services.letter_issue(actor=officer, contribution=Contribution.objects.get(calculation__assessment=assessment))
    resident_url = reverse(f"{R}:letter", args=[assessment.pk])
    assert sign_in_client(resident).get(resident_url).status_code == 200
    assert sign_in_client(make_user(Role.RESIDENT)).get(resident_url).status_code == 404
    practitioner = make_user(Role.PRACTITIONER, team=person.allocated_team)
    officer_url = reverse("charging:assessment-letter", args=[assessment.pk])
    assert sign_in_client(practitioner).get(officer_url).status_code == 404


@needs_pdftotext
def test_the_officer_page_lists_each_letter_and_each_downloads_as_it_was_sent(
    parameters, officer, person, resident, sign_in_client, monkeypatch
):
    assessment = _completed(officer, person)
    contribution = Contribution.objects.get(calculation__assessment=assessment)
    services.letter_issue(actor=officer, contribution=contribution)
    _reword_the_template(monkeypatch)
    services.letter_issue(actor=officer, contribution=contribution, again=True, reason="Sent to her old address.")
    first, second = ContributionLetter.objects.filter(contribution=contribution).order_by("issued_at")
    first_url, second_url = (
        reverse("charging:assessment-issued-letter", args=[assessment.pk, letter.pk]) for letter in (first, second)
    )
    staff = sign_in_client(officer)
    page = staff.get(reverse("charging:assessment-detail", args=[assessment.pk])).content.decode()
    assert "First issue" in page and "Issued again: Sent to her old address." in page
    assert page.count(officer.display_name) >= 2
    assert f'href="{first_url}"' in page and f'href="{second_url}"' in page
    assert "Download the latest letter (PDF)" in page

    response = staff.get(first_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = _text(response.content)
    assert "£100.55 a week" in text and "Reworded since" not in text
    assert AuditEvent.objects.filter(
        verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED, actor=officer, page=first_url, object_id=str(assessment.pk)
    ).exists()
    assert "Reworded since" in _text(staff.get(second_url).content)
    # The resident's download, and the officer's latest, give the letter sent last.
    latest = sign_in_client(resident).get(reverse(f"{R}:letter", args=[assessment.pk]))
    assert latest.status_code == 200 and "Reworded since" in _text(latest.content)
    latest = staff.get(reverse("charging:assessment-letter", args=[assessment.pk]))
    assert "Reworded since" in _text(latest.content)


def test_a_letter_is_only_found_under_its_own_assessment(
    parameters, officer, person, resident, make_person, make_user, team, sign_in_client
):
    assessment = _completed(officer, person)
    services.letter_issue(actor=officer, contribution=Contribution.objects.get(calculation__assessment=assessment))
    own = ContributionLetter.objects.get()
    someone_else = make_person(team=team, date_of_birth=datetime.date(1955, 3, 2))
    other_assessment = _completed(officer, someone_else)
    other_contribution = Contribution.objects.get(calculation__assessment=other_assessment)
    services.letter_issue(actor=officer, contribution=other_contribution)
    other = ContributionLetter.objects.get(contribution=other_contribution)
    staff = sign_in_client(officer)
    url = reverse("charging:assessment-issued-letter", args=[assessment.pk, own.pk])
    assert staff.get(url).status_code == 200
    # Another contribution's letter under this assessment's address is not there.
    assert staff.get(reverse("charging:assessment-issued-letter", args=[assessment.pk, other.pk])).status_code == 404
    assert (
        staff.get(reverse("charging:assessment-issued-letter", args=[other_assessment.pk, own.pk])).status_code == 404
    )
    viewed = AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED, page__contains="/letters/")
    assert viewed.count() == 1
    # Only finance officers: the person themselves and their practitioner get 404.
    assert sign_in_client(resident).get(url).status_code == 404
    assert sign_in_client(make_user(Role.PRACTITIONER, team=person.allocated_team)).get(url).status_code == 404
