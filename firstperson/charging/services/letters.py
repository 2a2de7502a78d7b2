"""What the person pays and how we worked it out, in plain English: on screen, and as the outcome
letter (PDF, WeasyPrint), from one context so that they always say the same thing.

The letter is tagged (PDF/UA structure, with the document's language and title) so that screen
readers can read it.

Every issue of the letter is kept as it was sent, one ContributionLetter row each
(`outcome_letter_issue`, called as a finance officer issues it, the first time or again): the
resident's download gives the latest, and an officer can download each one, even if the template's
wording or the person's details have changed since. Letters issued before letters were kept, and
uprating letters (only marked as sent), have no stored copy: theirs is drawn again from the stored
calculation each time, as all outcome letters used to be.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string

from ..models import CalculationStatus, ChargingCalculation, Contribution, ContributionLetter
from ..rules import charging as rules

LETTER_TEMPLATE = "charging/letter_outcome.html"


def calculation_lines(calculation: ChargingCalculation) -> list[dict[str, Any]]:
    return [
        {"description": line["description"], "amount": Decimal(line["amount"]), "kind": line.get("kind", "note")}
        for line in calculation.lines
    ]


def calculation_context(calculation: ChargingCalculation) -> dict[str, Any]:
    """The figures and every line of one calculation, for a page or the letter."""
    return {
        "calculation": calculation,
        "lines": calculation_lines(calculation),
        "weekly_contribution": calculation.weekly_contribution,
        "weekly_cost_of_care": calculation.weekly_cost_of_care,
        "council_pays_weekly": calculation.council_pays_weekly,
        "full_cost_payer": calculation.full_cost_payer,
        "free_service": calculation.outcome == rules.Outcome.FREE_SERVICE,
        "financial_year": calculation.parameter_set.financial_year,
        "is_estimate": calculation.status == CalculationStatus.ESTIMATE,
    }


def outcome_letter_context(contribution: Contribution) -> dict[str, Any]:
    calculation = contribution.calculation
    assessment = calculation.assessment
    person = contribution.person
    context = calculation_context(calculation)
    context.update(
        council_name=settings.COUNCIL_NAME,
        council_phone=getattr(settings, "COUNCIL_PHONE", "0300 000 0000"),
        declined=assessment.kind == rules.AssessmentKind.DECLINED,
        site_url=settings.SITE_URL,
        person=person,
        assessment=assessment,
        contribution=contribution,
        dated=(contribution.letter_issued_at or contribution.created_at).date(),
        reassessment=bool(assessment.replaces_id),
    )
    return context


def outcome_letter_latest(contribution: Contribution) -> ContributionLetter | None:
    """The last letter issued for this contribution, as it was sent; None if none was kept."""
    return contribution.letters.order_by("-issued_at").first()


def outcome_letter_html(contribution: Contribution) -> str:
    """The latest letter as issued; drawn from the record only for a contribution with no kept letter
    (issued before letters were kept, an uprating letter only marked as sent, or not issued yet)."""
    latest = outcome_letter_latest(contribution)
    return latest.html if latest is not None else _letter_from_record(contribution)


def _letter_from_record(contribution: Contribution) -> str:
    return render_to_string(LETTER_TEMPLATE, outcome_letter_context(contribution))


def outcome_letter_issue(
    *, contribution: Contribution, issued_at: datetime.datetime, issued_by, again: bool, reason: str
) -> ContributionLetter:
    """Draw the letter from the record, dated `letter_issued_at` (the caller has set it to `issued_at`),
    and keep it as issued, with its SHA-256, in a new row: the letters issued before it stay as they
    were. Called inside `assessments.letter_issue`'s transaction, so the row is saved only with the
    issue and its audit."""
    html = _letter_from_record(contribution)
    return ContributionLetter.objects.create(
        assessment_id=contribution.calculation.assessment_id,
        contribution=contribution,
        contribution_from=contribution.effective_from,
        issued_at=issued_at,
        issued_by=issued_by,
        again=again,
        reason=reason,
        html=html,
        sha256=hashlib.sha256(html.encode()).hexdigest(),
    )


def letter_pdf(html: str) -> bytes:
    """A letter's HTML as a tagged PDF."""
    document = weasyprint.HTML(string=html, base_url=settings.SITE_URL).render(pdf_tags=True)
    return document.write_pdf(pdf_tags=True)


def outcome_letter_pdf(contribution: Contribution) -> bytes:
    return letter_pdf(outcome_letter_html(contribution))
