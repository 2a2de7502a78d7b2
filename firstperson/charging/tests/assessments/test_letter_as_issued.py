"""The outcome letter is kept as issued: a download later gives the letter the person was sent, even
after the template's wording changes. Letters issued before letters were kept are drawn from the
record, as before."""

import hashlib
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from firstperson.charging.models import Contribution
from firstperson.charging.services import assessments as services
from firstperson.charging.services import letters
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .test_review_fixes import _completed

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
    assert contribution.letter_html.startswith("<!DOCTYPE html>")
    assert "£100.55" in contribution.letter_html
    assert contribution.letter_sha256 == hashlib.sha256(contribution.letter_html.encode()).hexdigest()
    event = AuditEvent.objects.get(verb=AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED)
    assert event.payload["letter_sha256"] == contribution.letter_sha256


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
    services.letter_issue(actor=officer, contribution=contribution)
    # Issued before this change: only the time was kept.
    Contribution.objects.filter(pk=contribution.pk).update(letter_html="", letter_sha256="")
    response = sign_in_client(resident).get(reverse(f"{R}:letter", args=[assessment.pk]))
    assert response.status_code == 200 and "£100.55 a week" in _text(response.content)
    _reword_the_template(monkeypatch)
    response = sign_in_client(resident).get(reverse(f"{R}:letter", args=[assessment.pk]))
    assert response.status_code == 200 and "Reworded since" in _text(response.content)


def test_issuing_again_keeps_the_letter_sent_again(parameters, officer, person, monkeypatch):
    contribution = Contribution.objects.get(calculation__assessment=_completed(officer, person))
    services.letter_issue(actor=officer, contribution=contribution)
    _reword_the_template(monkeypatch)
    services.letter_issue(actor=officer, contribution=contribution, again=True, reason="Sent to her old address.")
    contribution.refresh_from_db()
    assert contribution.letter_html == NEW_WORDING
    first, second = AuditEvent.objects.filter(verb=AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED).order_by("sequence")
    assert second.payload["letter_sha256"] == hashlib.sha256(NEW_WORDING.encode()).hexdigest()
    assert first.payload["letter_sha256"] != second.payload["letter_sha256"]


def test_nothing_is_saved_if_issuing_fails(parameters, officer, person, monkeypatch):
    contribution = Contribution.objects.get(calculation__assessment=_completed(officer, person))

    def audit_fails(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services, "_audit", audit_fails)
    with pytest.raises(RuntimeError):
        services.letter_issue(actor=officer, contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.letter_issued_at is None
    assert contribution.letter_html == "" and contribution.letter_sha256 == ""


def test_someone_elses_letter_is_404(parameters, officer, person, resident, make_user, sign_in_client):
    assessment = _completed(officer, person)
    services.letter_issue(actor=officer, contribution=Contribution.objects.get(calculation__assessment=assessment))
    resident_url = reverse(f"{R}:letter", args=[assessment.pk])
    assert sign_in_client(resident).get(resident_url).status_code == 200
    assert sign_in_client(make_user(Role.RESIDENT)).get(resident_url).status_code == 404
    practitioner = make_user(Role.PRACTITIONER, team=person.allocated_team)
    officer_url = reverse("charging:assessment-letter", args=[assessment.pk])
    assert sign_in_client(practitioner).get(officer_url).status_code == 404
