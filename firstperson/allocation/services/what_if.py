"""What-if: a candidate configuration applied to everyone's current assessment, storing nothing.

Everyone means each living person's latest submitted self-assessment of the candidate's
questionnaire (any version of it: answers the candidate cannot score are counted, with the reason,
not guessed). Today's figure is the annual figure agreed for that assessment's current indicative
budget, the money the council is committed to: the calculated figure, or a practitioner's change
that stands (applied, or approved by a team manager; `selectors.budgets_with_agreed_figure`). A
change waiting for a decision, declined or withdrawn does not count. Someone whose budget has not
been worked out yet is counted apart. The data is read in three queries (the assessments, their
answers, their current budgets with the agreed figures) and the rule runs in Python: the pure
`rules/ras.py`, once per person. Each run is audited; the per-person download (finance officers only)
is audited with the ids of the people in it.
"""

import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from firstperson.assessment.models import Answer, AssessmentStatus, SelfAssessment
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import selectors
from ..models import ConfigurationStatus, IndicativeBudget, RasConfiguration
from ..rules import ras
from ..rules import what_if as rules


def what_if_candidates() -> QuerySet[RasConfiguration]:
    """Any draft or published configuration can be tried."""
    return (
        RasConfiguration.objects.select_related("questionnaire", "questionnaire_version")
        .exclude(status=ConfigurationStatus.RETIRED)
        .order_by("questionnaire__name", "-number")
    )


@dataclass(frozen=True)
class PersonProjection:
    person_id: uuid.UUID
    name: str  # only the per-person download shows it
    projection: rules.Projection


def _latest_assessments(configuration: RasConfiguration) -> dict[uuid.UUID, tuple[uuid.UUID, str]]:
    """{assessment id: (person id, name)} for each living person's latest submitted
    self-assessment of the candidate's questionnaire."""
    rows = (
        SelfAssessment.objects.filter(
            status=AssessmentStatus.SUBMITTED,
            version__questionnaire_id=configuration.questionnaire_id,
            person__date_of_death__isnull=True,
        )
        .order_by("person_id", "-submitted_at", "-started_at")
        .values_list("pk", "person_id", "person__legal_given_name", "person__legal_family_name")
    )
    latest: dict[uuid.UUID, tuple[uuid.UUID, str]] = {}
    seen: set[uuid.UUID] = set()
    for assessment_id, person_id, given, family in rows.iterator(chunk_size=5000):
        if person_id not in seen:
            seen.add(person_id)
            latest[assessment_id] = (person_id, f"{given} {family}".strip())
    return latest


def what_if_projections(*, configuration: RasConfiguration) -> list[PersonProjection]:
    """Each person's figure today (the one agreed) and under the candidate (annual pounds), in
    three queries."""
    config = selectors.ras_configuration_for(configuration)
    problems = ras.configuration_problems(config)
    latest = _latest_assessments(configuration)
    answers: dict[uuid.UUID, dict[str, str]] = {assessment_id: {} for assessment_id in latest}
    answer_rows = Answer.objects.filter(
        assessment__status=AssessmentStatus.SUBMITTED,
        assessment__version__questionnaire_id=configuration.questionnaire_id,
        assessment__person__date_of_death__isnull=True,
    ).values_list("assessment_id", "question__code", "option__code")
    for assessment_id, question_code, option_code in answer_rows.iterator(chunk_size=5000):
        if assessment_id in answers:
            answers[assessment_id][question_code] = option_code
    current = IndicativeBudget.objects.filter(
        is_current=True,
        assessment__status=AssessmentStatus.SUBMITTED,
        assessment__version__questionnaire_id=configuration.questionnaire_id,
    )
    today = {
        assessment_id: ras.money(amount)
        for assessment_id, amount in selectors.budgets_with_agreed_figure(current).values_list(
            "assessment_id", "agreed_annual_amount"
        )
    }
    # The rule is pure, so people with the same answers get the same figure: work each set out once.
    figures: dict[tuple[tuple[str, str], ...], tuple[Decimal | None, str]] = {}
    results = []
    for assessment_id, (person_id, name) in latest.items():
        today_annual = today.get(assessment_id)
        key = tuple(sorted(answers[assessment_id].items()))
        if key not in figures:
            figures[key] = _figure(config, answers[assessment_id], problems)
        projected, reason = figures[key]
        results.append(
            PersonProjection(person_id, name, rules.Projection(str(person_id), today_annual, projected, reason))
        )
    return results


def _figure(config: ras.RasConfiguration, answers: dict[str, str], problems: list[str]) -> tuple[Decimal | None, str]:
    """The candidate's annual figure for these answers, or None and why not."""
    if problems:
        return None, "The candidate is not complete."
    try:
        result = ras.indicative_budget(config, answers)  # `problems` is empty
    except ras.InvalidAnswers as error:
        return None, "; ".join(f"{p.question}: {p.message}" for p in error.problems[:3])
    return ras.money(result.annual_amount), ""


@dataclass(frozen=True)
class WhatIfRun:
    configuration: RasConfiguration
    summary: rules.WhatIfSummary
    problems: list[str]  # why the candidate cannot be used at all, if it cannot
    seconds: Decimal


def what_if_run(*, actor, configuration: RasConfiguration) -> WhatIfRun:
    """Model the candidate against everyone's current assessment; audited, nothing else kept."""
    started = time.perf_counter()
    problems = ras.configuration_problems(selectors.ras_configuration_for(configuration))
    projections = what_if_projections(configuration=configuration)
    summary = rules.summarise(p.projection for p in projections)
    seconds = Decimal(str(round(time.perf_counter() - started, 3)))
    audit_record(
        actor=actor,
        verb=AuditVerb.ALLOCATION_WHAT_IF_RUN,
        object_type="ras_configuration",
        object_id=configuration.pk,
        payload={
            "configuration": configuration.version_label,
            "people": summary.people,
            "compared": summary.compared,
            "today_total": str(summary.today_total),
            "projected_total": str(summary.projected_total),
            "seconds": str(seconds),
        },
    )
    return WhatIfRun(configuration=configuration, summary=summary, problems=problems, seconds=seconds)


CSV_HEADER = [
    "person_id",
    "name",
    "annual_amount_today",
    "annual_amount_candidate",
    "change",
    "change_percent",
    "band_of_change",
    "problem",
]


def what_if_download(*, actor, configuration: RasConfiguration) -> list[list[str]]:
    """The per-person rows of the what-if, with names, for a finance officer to follow up. Audited
    with the id of everyone in it, as it shows each person's budget."""
    projections = what_if_projections(configuration=configuration)
    rows = [CSV_HEADER]
    for item in sorted(projections, key=lambda p: (p.name, str(p.person_id))):
        projection = item.projection
        change = projection.change
        band = ""
        if projection.today_annual is not None and projection.projected_annual is not None:
            band = rules.BAND_LABELS[rules.change_band(projection.today_annual, projection.projected_annual)]
        rows.append(
            [
                str(item.person_id),
                item.name,
                "" if projection.today_annual is None else str(projection.today_annual),
                "" if projection.projected_annual is None else str(projection.projected_annual),
                "" if change is None else str(change),
                "" if projection.change_percent is None else str(projection.change_percent),
                band,
                projection.problem,
            ]
        )
    audit_record(
        actor=actor,
        verb=AuditVerb.ALLOCATION_WHAT_IF_RUN,
        object_type="ras_configuration",
        object_id=configuration.pk,
        payload={
            "configuration": configuration.version_label,
            "download": "per-person CSV",
            "people": len(projections),
            "person_ids": sorted(str(p.person_id) for p in projections),
        },
    )
    return rows
