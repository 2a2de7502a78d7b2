"""Evidence people upload for a financial assessment: benefit letters, bank statements.

Only PDF, JPG and PNG files are accepted, recognised by their first bytes (their "magic number"),
not by their name, and only up to CHARGING_EVIDENCE_MAX_BYTES (a setting, 10 MB by default). Every
file is passed to the scanner named by CHARGING_EVIDENCE_SCANNER (a dotted path to a callable that
gets the uploaded file and returns "clean" or "rejected"; the default, `accept_all`, marks every
file clean). A refused file is not stored at all, and the message says why in plain English; a
scanner that fails is a refusal too ("try again later"), never a server error. A request bigger
than any accepted upload (its CONTENT_LENGTH) is refused before the file is looked at. Only clean
files are stored, offered for checking items, or handed out.

Files are stored under MEDIA_ROOT, which is never served: pages hand a file out only after checking
that the user may see the assessment (views/*.py, `evidence_response`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

from ..models import AssessmentStatus, Evidence, FinancialAssessment, ScanStatus

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DESCRIPTION_MAX = 200

#: (first bytes, content type, file extension)
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


class EvidenceRefused(ApplicationError):
    """The file cannot be accepted; nothing was stored."""


def accept_all(uploaded_file) -> str:
    """The default scanner: marks every file clean. Name a real virus scanner in the setting."""
    return ScanStatus.CLEAN


def max_bytes() -> int:
    return int(getattr(settings, "CHARGING_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_size_words() -> str:
    size = max_bytes()
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


def detect_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from a file's first bytes, or None if it is not PDF, JPG or PNG."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


#: Room in a request for the form's other fields around the file.
REQUEST_OVERHEAD_BYTES = 64 * 1024
TOO_BIG = "The selected file must be smaller than {size}"


def request_too_big(request) -> bool:
    """Whether the request says (CONTENT_LENGTH) it is bigger than any accepted upload could make it,
    so that it can be refused before the file is looked at."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes() + REQUEST_OVERHEAD_BYTES


def too_big_message() -> str:
    return TOO_BIG.format(size=max_size_words())


def _scan(uploaded_file) -> str:
    scanner = import_string(
        getattr(settings, "CHARGING_EVIDENCE_SCANNER", "firstperson.charging.services.evidence.accept_all")
    )
    uploaded_file.seek(0)
    try:
        verdict = str(scanner(uploaded_file))
    except Exception as error:  # a scanner that fails must not become a server error
        raise EvidenceRefused("We could not check this file for viruses. Try again later.", field="file") from error
    uploaded_file.seek(0)
    if verdict not in (ScanStatus.CLEAN, ScanStatus.REJECTED):
        raise EvidenceRefused("We could not check this file for viruses. Try again later.", field="file")
    return verdict


def check_file(uploaded_file) -> tuple[str, str]:
    """Refuse anything that is empty, too big, or not really a PDF, JPG or PNG."""
    if uploaded_file is None:
        raise EvidenceRefused("Select a file to upload", field="file")
    if uploaded_file.size == 0:
        raise EvidenceRefused("The selected file is empty", field="file")
    if uploaded_file.size > max_bytes():
        raise EvidenceRefused(too_big_message(), field="file")
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    detected = detect_type(head)
    if detected is None:
        raise EvidenceRefused("The selected file must be a PDF, JPG or PNG", field="file")
    return detected


def evidence_add(*, actor, assessment: FinancialAssessment, uploaded_file, description: str = "") -> Evidence:
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise EvidenceRefused(f"What the file shows must be {DESCRIPTION_MAX} characters or fewer", field="description")
    status = FinancialAssessment.objects.filter(pk=assessment.pk).values_list("status", flat=True).first()
    if status not in (AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED):
        raise EvidenceRefused("This financial assessment is finished: evidence can no longer be added to it")
    content_type, extension = check_file(uploaded_file)
    if _scan(uploaded_file) == ScanStatus.REJECTED:
        raise EvidenceRefused(
            "Our virus check did not accept the selected file. Upload a different copy, or send it to us by post.",
            field="file",
        )
    original_name = (getattr(uploaded_file, "name", "") or "upload")[-255:]
    evidence = Evidence(
        assessment=assessment,
        original_name=original_name,
        content_type=content_type,
        size_bytes=uploaded_file.size,
        description=description,
        scan_status=ScanStatus.CLEAN,
        uploaded_by=actor,
    )
    # The stored name is ours, never the uploader's: their name is kept only as text. The file is
    # written first; if the row or its audit event cannot be saved, the file is deleted again.
    evidence.file.save(f"{uuid.uuid4().hex}.{extension}", uploaded_file, save=False)
    stored_name = evidence.file.name
    try:
        with transaction.atomic():
            evidence.save()
            audit_record(
                actor=actor,
                verb=AuditVerb.FINANCIAL_ASSESSMENT_EVIDENCE_ADDED,
                object_type="charging.evidence",
                object_id=evidence.pk,
                person_id=assessment.person_id,
                payload={
                    "assessment": str(assessment.pk),
                    "content_type": content_type,
                    "size_bytes": evidence.size_bytes,
                },
            )
    except BaseException:
        evidence.file.storage.delete(stored_name)
        raise
    return evidence


def evidence_remove(*, actor, evidence: Evidence) -> None:
    assessment = evidence.assessment
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        raise EvidenceRefused("Evidence can be removed only while the assessment is being filled in")
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb=AuditVerb.FINANCIAL_ASSESSMENT_CHANGED,
            object_type="charging.evidence",
            object_id=evidence.pk,
            person_id=assessment.person_id,
            payload={"assessment": str(assessment.pk), "removed_evidence": evidence.original_name},
        )
        stored = evidence.file
        evidence.delete()
        transaction.on_commit(lambda: stored.storage.delete(stored.name))


def evidence_response(evidence: Evidence) -> HttpResponse:
    """The file as a download, never shown inline: its type is the one we detected on upload. Files
    are small (the size limit), so it is read whole and the file closed at once. Only a file the
    scanner passed (clean) is ever handed out: any other answers 404."""
    if evidence.scan_status != ScanStatus.CLEAN:
        raise Http404("No evidence here.")
    with evidence.file.open("rb") as stored:
        content = stored.read()
    response = HttpResponse(content, content_type=evidence.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=evidence.original_name) or ""
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
