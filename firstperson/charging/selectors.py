"""Reads of financial assessments and contributions, each scoped to the actor (permissions.py)."""

from __future__ import annotations

import datetime
import uuid

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from firstperson.people.models import Person

from . import permissions
from .models import (
    AssessmentStatus,
    CalculationStatus,
    CapitalHolding,
    ChargingCalculation,
    Contribution,
    ContributionLetter,
    Evidence,
    FinancialAssessment,
    IncomeSource,
)


def financial_assessment_get_for_actor(*, actor, assessment_id: uuid.UUID) -> FinancialAssessment:
    """The assessment, if the actor may see it; otherwise 404, whether or not it exists."""
    found = (
        permissions.assessments_visible_to(actor)
        .select_related("person", "replaces", "started_by")
        .filter(pk=assessment_id)
        .first()
    )
    if found is None:
        raise Http404("No financial assessment here.")
    return found


def evidence_get_for_actor(*, actor, assessment: FinancialAssessment, evidence_id: uuid.UUID) -> Evidence:
    found = Evidence.objects.filter(assessment=assessment, pk=evidence_id).first()
    if found is None or not permissions.assessments_visible_to(actor).filter(pk=assessment.pk).exists():
        raise Http404("No evidence here.")
    return found


def item_get(*, assessment: FinancialAssessment, item_id: uuid.UUID) -> CapitalHolding | IncomeSource:
    """A capital or income item of the assessment (already scoped to the actor); otherwise 404."""
    item = (
        CapitalHolding.objects.filter(assessment=assessment, pk=item_id).first()
        or IncomeSource.objects.filter(assessment=assessment, pk=item_id).first()
    )
    if item is None:
        raise Http404("No such item.")
    return item


def person_get_for_charging(*, actor, person_id: uuid.UUID) -> Person:
    """A person in the finance officer's charging caseload; otherwise 404."""
    person = permissions.people_in_charging_caseload(actor).filter(pk=person_id).first()
    if person is None:
        raise Http404("No person here.")
    return person


def assessments_online_for(*, actor):
    return (
        permissions.assessments_visible_to(actor)
        .exclude(status=AssessmentStatus.WITHDRAWN)
        .select_related("person")
        .order_by("-started_at")
    )


def financial_assessment_open(*, person: Person) -> FinancialAssessment | None:
    """The person's assessment being filled in, or sent and not yet decided (the latest started, if
    there were ever more than one); None if there is none."""
    return (
        FinancialAssessment.objects.filter(
            person=person, status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]
        )
        .order_by("-started_at")
        .first()
    )


def assessments_of_person(*, person: Person):
    return FinancialAssessment.objects.filter(person=person).select_related("started_by").order_by("-started_at")


def assessment_queue(*, actor, today: datetime.date | None = None) -> dict:
    """Submitted assessments waiting for checks (oldest first, with days waiting) and those being
    filled in by officers."""
    if not permissions.is_finance_officer(actor):
        return {"waiting": [], "in_progress": []}
    today = today or timezone.localdate()
    waiting = list(
        FinancialAssessment.objects.filter(status=AssessmentStatus.SUBMITTED)
        .select_related("person")
        .order_by("submitted_at")
    )
    for assessment in waiting:
        waited = (today - timezone.localtime(assessment.submitted_at).date()).days
        assessment.days_waiting = waited  # type: ignore[attr-defined]  # an annotation for the queue page
    in_progress = list(
        FinancialAssessment.objects.filter(status=AssessmentStatus.IN_PROGRESS)
        .select_related("person")
        .order_by("started_at")
    )
    return {"waiting": waiting, "in_progress": in_progress}


def contribution_current(*, person: Person, today: datetime.date | None = None) -> Contribution | None:
    """The row in force today: started on or before today, and not ended before it."""
    today = today or timezone.localdate()
    return (
        Contribution.objects.filter(person=person, effective_from__lte=today)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today))
        .select_related("calculation", "calculation__assessment", "calculation__parameter_set")
        .order_by("-effective_from")
        .first()
    )


def contribution_next(*, person: Person, today: datetime.date | None = None) -> Contribution | None:
    """The next row starting after today (next year's, after an uprating), if there is one."""
    today = today or timezone.localdate()
    return (
        Contribution.objects.filter(person=person, effective_from__gt=today)
        .select_related("calculation")
        .order_by("effective_from")
        .first()
    )


def contribution_history(*, person: Person):
    return Contribution.objects.filter(person=person).select_related("calculation").order_by("-effective_from")


def calculation_current(*, assessment: FinancialAssessment) -> ChargingCalculation | None:
    return assessment.calculations.filter(status=CalculationStatus.CURRENT).first()


def calculation_decided(*, assessment: FinancialAssessment) -> ChargingCalculation | None:
    """The assessment's current calculation, or else its latest one that is not an estimate (a
    superseded assessment's last word)."""
    return calculation_current(assessment=assessment) or (
        assessment.calculations.exclude(status=CalculationStatus.ESTIMATE).order_by("-computed_at").first()
    )


def calculation_estimate(*, assessment: FinancialAssessment) -> ChargingCalculation | None:
    return assessment.calculations.filter(status=CalculationStatus.ESTIMATE).order_by("-computed_at").first()


def contribution_of(*, calculation: ChargingCalculation | None) -> Contribution | None:
    if calculation is None:
        return None
    return calculation.contributions.order_by("-effective_from").first()


def contribution_letters(*, assessment: FinancialAssessment):
    """Every outcome letter issued for the assessment's contributions, as sent, oldest first, with
    those whose contribution a later assessment has since replaced. The caller has already checked
    that the actor may see the assessment."""
    return (
        ContributionLetter.objects.filter(assessment=assessment)
        .select_related("contribution", "issued_by")
        .order_by("issued_at")
    )


def contribution_letter_get(*, assessment: FinancialAssessment, letter_id: uuid.UUID) -> ContributionLetter:
    """One letter issued for this assessment's contributions; 404 for any other."""
    found = contribution_letters(assessment=assessment).filter(pk=letter_id).first()
    if found is None:
        raise Http404("No such letter for this financial assessment.")
    return found
